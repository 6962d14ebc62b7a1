import { DoraSummary, METRIC_IDS } from '@cairn/plugin-insights-common';
import { Table } from './ReadableTable';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { METRICS } from './metrics';
import { tierNames } from './TierLabel';

type AnyMetric = DoraSummary['metrics'][keyof DoraSummary['metrics']];

function tierCell(metric: AnyMetric) {
  if (metric.value === null) return 'no value';
  return metric.tier.tiers.length > 0
    ? tierNames(metric.tier.tiers)
    : 'no tier';
}

function reportCell(metric: AnyMetric) {
  if (metric.value === null) return metric.missingReason;
  return metric.tier.tiers.length > 0
    ? metric.tier.reportText.join('; ')
    : metric.tier.reason;
}

/**
 * Every metric's tier under the selected benchmark with the report's words, or, where there is none,
 * the reason in full (overlapping clusters, gaps, metrics no report ranks).
 */
export function TierTable(props: { summary: DoraSummary }) {
  const { summary } = props;
  return (
    <Table size="small">
      <caption>
        Tiers under {summary.benchmark.label} ({summary.benchmark.source}).
        Reports describe clusters of survey answers: they overlap and leave
        gaps, so a value may reach several tiers or none.
      </caption>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            Metric
          </TableCell>
          <TableCell component="th" scope="col">
            Value
          </TableCell>
          <TableCell component="th" scope="col">
            Tier
          </TableCell>
          <TableCell component="th" scope="col">
            Report says
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {METRIC_IDS.map(id => {
          const metric = summary.metrics[id];
          const info = METRICS[id];
          return (
            <TableRow key={id}>
              <TableCell component="th" scope="row">
                {info.label}
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {info.format(metric.value)}
              </TableCell>
              <TableCell>{tierCell(metric)}</TableCell>
              <TableCell>{reportCell(metric)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
