import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { DoraRollup, METRIC_IDS } from '@cairn/plugin-insights-common';
import { Table } from '../common/ReadableTable';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { METRICS } from '../common/metrics';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

const TIERS = ['elite', 'high', 'medium', 'low', 'none'] as const;

/** "2 elite, 1 high, 1 no tier" */
export function tierCountText(
  counts: DoraRollup['distribution'][keyof DoraRollup['distribution']]['tierCounts'],
) {
  return TIERS.filter(t => counts[t] > 0)
    .map(t => `${counts[t]} ${t === 'none' ? 'no tier' : t}`)
    .join(', ');
}

/**
 * Each metric across the team's components: how many have a value, the median component, the best
 * and the worst, and how many components reach each tier. Never one pooled number.
 */
export function DistributionTable(props: {
  rollup: DoraRollup;
  /** The card shows fewer columns than the tab. */
  compact?: boolean;
}) {
  const { rollup, compact } = props;
  return (
    <Table size="small">
      <caption>
        Each metric across {rollup.components.length} components with data,
        tiers under {rollup.benchmark.label} (a component counts under the best
        tier it reaches).
      </caption>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            Metric
          </TableCell>
          <TableCell component="th" scope="col">
            Median component
          </TableCell>
          <TableCell component="th" scope="col">
            Best
          </TableCell>
          <TableCell component="th" scope="col">
            Worst
          </TableCell>
          {compact ? null : (
            <TableCell component="th" scope="col">
              With a value
            </TableCell>
          )}
          <TableCell component="th" scope="col">
            Tiers
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {METRIC_IDS.map(id => {
          const d = rollup.distribution[id];
          const info = METRICS[id];
          return (
            <TableRow key={id}>
              <TableCell component="th" scope="row">
                {info.label}
              </TableCell>
              <TableCell style={NOWRAP}>{info.format(d.median)}</TableCell>
              <TableCell>
                {d.best ? (
                  <>
                    <span style={NOWRAP}>{info.format(d.best.value)}</span>
                    {compact ? null : (
                      <Typography variant="caption" component="div">
                        <EntityRefLink
                          entityRef={d.best.entityRef}
                          defaultKind="component"
                        />
                      </Typography>
                    )}
                  </>
                ) : (
                  '–'
                )}
              </TableCell>
              <TableCell>
                {d.worst ? (
                  <>
                    <span style={NOWRAP}>{info.format(d.worst.value)}</span>
                    {compact ? null : (
                      <Typography variant="caption" component="div">
                        <EntityRefLink
                          entityRef={d.worst.entityRef}
                          defaultKind="component"
                        />
                      </Typography>
                    )}
                  </>
                ) : (
                  '–'
                )}
              </TableCell>
              {compact ? null : (
                <TableCell>
                  {d.componentsWithValue} of {rollup.components.length}
                </TableCell>
              )}
              <TableCell>{tierCountText(d.tierCounts) || '–'}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
