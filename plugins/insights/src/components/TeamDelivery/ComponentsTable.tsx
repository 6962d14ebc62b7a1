import { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ComponentRollupRow,
  DoraRollup,
  METRIC_IDS,
} from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { METRICS } from '../common/metrics';
import { tierNames } from '../common/TierLabel';
import { DataTable } from '../common/ReadableTable';

/** Every component of the team with its value and tier per metric. */
export function ComponentsTable(props: { rollup: DoraRollup }) {
  const { rollup } = props;
  const columns: TableColumn<ComponentRollupRow>[] = [
    {
      title: 'Component',
      field: 'entityRef',
      render: row => (
        <EntityRefLink entityRef={row.entityRef} defaultKind="component" />
      ),
    },
    { title: 'Deployments', field: 'deployments', type: 'numeric' },
    ...METRIC_IDS.map(id => ({
      title: METRICS[id].label,
      field: `metrics.${id}.value`,
      render: (row: ComponentRollupRow) => {
        const m = row.metrics[id];
        return (
          <>
            {METRICS[id].format(m.value)}
            {m.value !== null ? (
              <Typography
                variant="caption"
                component="div"
                color="textSecondary"
              >
                {m.tiers.length > 0 ? tierNames(m.tiers) : 'no tier'}
              </Typography>
            ) : null}
          </>
        );
      },
    })),
  ];
  return (
    <div role="region" aria-label="Components of the team">
      <DataTable<ComponentRollupRow>
        title={`Components (${rollup.benchmark.label} tiers)`}
        columns={columns}
        data={rollup.components}
        options={{
          search: false,
          paging: rollup.components.length > 20,
          pageSize: 20,
          padding: 'dense',
        }}
      />
    </div>
  );
}
