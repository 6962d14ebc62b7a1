import { InfoCard } from '@backstage/core-components';
import { DoraSeries, SeriesBucket } from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  durationAxis,
  formatBucketLabel,
  formatDuration,
  formatRate,
} from '../../format/format';
import {
  ChartRow,
  ChartSeries,
  TimeSeriesChart,
} from '../charts/TimeSeriesChart';
import { useChartColors } from '../charts/useChartColors';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(420px, 1fr))',
    gap: theme.spacing(2),
  },
  note: { color: theme.palette.text.secondary },
}));

type ChartSpec = {
  id: string;
  title: string;
  note: string;
  series: ChartSeries[];
  format: (value: number | null) => string;
  values: (b: SeriesBucket) => Record<string, number | null>;
  /** Counts: whole ticks only. */
  integer?: boolean;
  /** Durations: one unit across the axis. */
  duration?: boolean;
};

const count = (v: number | null) =>
  v === null ? '–' : String(Math.round(v * 10) / 10);

/**
 * One chart per metric over the range, bucketed by day, week, month or quarter in the query's time
 * zone. Every bucket is present (the API zero-fills counts); medians of empty buckets are gaps.
 */
export function MetricTrendCharts(props: { series: DoraSeries }) {
  const { series } = props;
  const classes = useStyles();
  const colors = useChartColors();
  const per = series.bucket;
  const zone = series.range.timezone;
  // The last bucket usually ends after the range does: it is marked, so its lower counts read as a
  // part of a bucket, not as a drop.
  const rangeEnd = Date.parse(series.range.to);
  const labels = series.buckets.map(b => {
    const label = formatBucketLabel(b.start, per, zone);
    return Date.parse(b.end) > rangeEnd ? `${label} (so far)` : label;
  });

  const specs: ChartSpec[] = [
    {
      id: 'deploymentFrequency',
      title: 'Deployment frequency',
      note: `Successful deployments per ${per} (rollbacks and hotfixes included), and the days with one.`,
      series: [
        {
          key: 'deployments',
          name: 'Deployments',
          color: colors.primary,
          type: 'bar',
        },
        {
          key: 'days',
          name: 'Deployment days',
          color: colors.secondary,
          type: 'line',
        },
      ],
      format: count,
      integer: true,
      values: b => ({ deployments: b.deployments, days: b.deploymentDays }),
    },
    {
      id: 'changeLeadTime',
      title: 'Change lead time',
      note: 'First commit to the first successful production deployment that shipped the change.',
      series: [
        { key: 'median', name: 'Median', color: colors.primary, type: 'line' },
        { key: 'p75', name: 'p75', color: colors.info, type: 'line' },
        { key: 'p90', name: 'p90', color: colors.warning, type: 'line' },
      ],
      format: formatDuration,
      duration: true,
      values: b => ({
        median: b.leadTime.median,
        p75: b.leadTime.p75,
        p90: b.leadTime.p90,
      }),
    },
    {
      id: 'changeFailRate',
      title: 'Change fail rate',
      note: 'Failed deployments (failed, fixed by a rollback or hotfix, or linked to an incident) of all deployments.',
      series: [
        {
          key: 'rate',
          name: 'Change fail rate',
          color: colors.bad,
          type: 'bar',
        },
      ],
      format: formatRate,
      values: b => ({ rate: b.changeFailRate }),
    },
    {
      id: 'recoveryTime',
      title: 'Failed deployment recovery time',
      note: 'Median time from a failed deployment to restored service.',
      series: [
        { key: 'median', name: 'Median', color: colors.warning, type: 'line' },
      ],
      format: formatDuration,
      duration: true,
      values: b => ({ median: b.recovery.median }),
    },
    {
      id: 'reworkRate',
      title: 'Rework rate',
      note: 'Rollbacks, hotfixes, reverts and incident fixes of all deployments.',
      series: [
        {
          key: 'rate',
          name: 'Rework rate',
          color: colors.secondary,
          type: 'bar',
        },
      ],
      format: formatRate,
      values: b => ({ rate: b.reworkRate }),
    },
    {
      id: 'mttr',
      title: 'MTTR',
      note: 'Median time from detection to resolution of incidents detected in the bucket.',
      series: [
        { key: 'median', name: 'Median', color: colors.bad, type: 'line' },
      ],
      format: formatDuration,
      duration: true,
      values: b => ({ median: b.mttr.median }),
    },
  ];

  return (
    <div className={classes.grid}>
      {specs.map(spec => {
        const rows: ChartRow[] = series.buckets.map((b, i) => ({
          label: labels[i],
          ...spec.values(b),
        }));
        const first = spec.series[0];
        const description = `${spec.title} per ${per}, ${zone}: ${rows
          .map(r => `${r.label} ${spec.format(r[first.key] as number | null)}`)
          .join('; ')}`;
        return (
          <InfoCard key={spec.id} title={spec.title} variant="fullHeight">
            <Typography variant="caption" className={classes.note} paragraph>
              {spec.note}
            </Typography>
            <TimeSeriesChart
              rows={rows}
              series={spec.series}
              format={spec.format}
              axisFormat={
                spec.duration
                  ? durationAxis(
                      rows.flatMap(r =>
                        spec.series.map(s => r[s.key] as number | null),
                      ),
                    )
                  : undefined
              }
              integer={spec.integer}
              description={description}
            />
          </InfoCard>
        );
      })}
    </div>
  );
}
