import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ChangeRecord, LEAD_TIME_STAGES } from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { insightsApiRef } from '../../api';
import { formatDateTime, formatDuration } from '../../format/format';
import { EventLink } from '../common/EventLink';
import { STAGE_NAMES } from '../DeliveryContent/LeadTimeBreakdown';
import { DrillDownScope, pageOf, TableQuery } from './types';

/** The changes behind lead time: each pull request's stages and the deployment that shipped it. */
export function ChangesTable(props: { scope: DrillDownScope }) {
  const { scope } = props;
  const api = useApi(insightsApiRef);
  const zone = scope.displayTimezone;
  const columns: TableColumn<ChangeRecord>[] = [
    ...(scope.showComponent
      ? [
          {
            title: 'Component',
            field: 'entityRef',
            render: (c: ChangeRecord) => (
              <EntityRefLink entityRef={c.entityRef} defaultKind="component" />
            ),
          },
        ]
      : []),
    {
      title: 'Change',
      field: 'id',
      render: c => (
        <>
          <EventLink event={c} label={c.number ? `#${c.number}` : c.id} />
          {c.title ? (
            <Typography variant="caption" component="div">
              {c.title}
            </Typography>
          ) : null}
          <Typography variant="caption" component="div" color="textSecondary">
            {c.repository}
            {c.author ? ` · ${c.author}` : ''}
          </Typography>
        </>
      ),
    },
    {
      title: 'Lead time',
      field: 'leadSeconds',
      render: c =>
        c.leadSeconds === null
          ? 'no first commit'
          : formatDuration(c.leadSeconds),
    },
    ...LEAD_TIME_STAGES.map(stage => ({
      title: STAGE_NAMES[stage],
      field: `stages.${stage}`,
      render: (c: ChangeRecord) =>
        c.stages[stage] === null ? '–' : formatDuration(c.stages[stage]),
    })),
    {
      title: 'Deployed',
      field: 'deployedAt',
      render: c => (
        <>
          {formatDateTime(c.deployedAt, zone)}
          <Typography variant="caption" component="div" color="textSecondary">
            by <EventLink event={c.deployment} />
          </Typography>
        </>
      ),
    },
  ];
  return (
    <div role="region" aria-label="Changes behind lead time">
      <Table<ChangeRecord>
        key={JSON.stringify(scope)}
        title="Changes"
        columns={columns}
        options={{
          search: false,
          paging: true,
          pageSize: 10,
          padding: 'dense',
          sorting: false,
        }}
        data={(query: TableQuery) =>
          pageOf(query, (limit, offset) =>
            api.listChanges({ ...scope, limit, offset }),
          )
        }
      />
    </div>
  );
}
