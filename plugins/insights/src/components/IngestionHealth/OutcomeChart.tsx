import { IngestionSourceHealth } from '@cairn/plugin-insights-common';
import { formatBucketLabel } from '../../format/format';
import { ChartSeries, TimeSeriesChart } from '../charts/TimeSeriesChart';
import { useChartColors } from '../charts/useChartColors';
import { useTimeZone } from '../../hooks/useTimeZone';

export const OUTCOMES = ['accepted', 'updated', 'ignored', 'rejected'] as const;

export const OUTCOME_LABELS: Record<(typeof OUTCOMES)[number], string> = {
  accepted: 'Accepted',
  updated: 'Updated',
  ignored: 'Ignored',
  rejected: 'Rejected',
};

/** A count as people write it: "11,961". */
export const formatCount = (value: number | null) =>
  value === null ? '–' : Math.round(value).toLocaleString('en-GB');

/**
 * What one source received per hour or day, stacked by outcome. Hours are labelled in the portal's
 * zone; days are the backend's UTC days, so they are labelled in UTC.
 */
export function OutcomeChart(props: {
  source: IngestionSourceHealth;
  bucket: 'hour' | 'day';
  rangeLabel: string;
}) {
  const { source, bucket, rangeLabel } = props;
  const colors = useChartColors();
  const portalZone = useTimeZone();
  const zone = bucket === 'day' ? 'UTC' : portalZone;
  const rows = source.buckets.map(b => ({
    label: formatBucketLabel(b.start, bucket, zone),
    accepted: b.accepted,
    updated: b.updated,
    ignored: b.ignored,
    rejected: b.rejected,
  }));
  const series: ChartSeries[] = OUTCOMES.map(key => ({
    key,
    name: OUTCOME_LABELS[key],
    color: colors.outcomes[key],
    type: 'bar',
    stackId: 'outcome',
  }));
  const busiest = source.buckets.reduce<(typeof source.buckets)[number] | null>(
    (best, b) => {
      const total = b.accepted + b.updated + b.ignored + b.rejected;
      const bestTotal = best
        ? best.accepted + best.updated + best.ignored + best.rejected
        : 0;
      return total > bestTotal ? b : best;
    },
    null,
  );
  const t = source.totals;
  const description = `Events from ${
    source.source
  } per ${bucket}, ${rangeLabel.toLowerCase()}: ${OUTCOMES.map(
    k => `${formatCount(t[k])} ${k}`,
  ).join(', ')}${
    busiest
      ? `; the most in the ${bucket} from ${formatBucketLabel(
          busiest.start,
          bucket,
          zone,
        )}${bucket === 'day' ? ' (UTC)' : ''}`
      : '; nothing arrived'
  }.`;
  return (
    <TimeSeriesChart
      rows={rows}
      series={series}
      format={formatCount}
      description={description}
      height={200}
      integer
    />
  );
}
