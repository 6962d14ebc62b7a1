import { TableColumn } from '@backstage/core-components';
import { ChangeRecord, LEAD_TIME_STAGES } from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { useDrillDownLoaders } from '../../hooks/useInsights';
import { formatDateTime, formatDuration } from '../../format/format';
import { EventLink } from '../common/EventLink';
import { STAGE_NAMES } from '../DeliveryContent/LeadTimeBreakdown';
import { componentColumns, DrillDownTable } from './DrillDownTable';
import { DrillDownScope } from './types';

/** The changes behind lead time: each pull request's stages and the deployment that shipped it. */
export function ChangesTable(props: { scope: DrillDownScope }) {
  const { scope } = props;
  const load = useDrillDownLoaders().changes;
  const zone = scope.displayTimezone;
  const columns: TableColumn<ChangeRecord>[] = [
    ...componentColumns<ChangeRecord>(scope),
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
    <DrillDownTable<ChangeRecord>
      region="Changes behind lead time"
      title="Changes"
      resetKey={JSON.stringify(scope)}
      columns={columns}
      load={(limit, offset) => load({ ...scope, limit, offset })}
    />
  );
}
