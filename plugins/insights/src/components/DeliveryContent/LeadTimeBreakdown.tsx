import { InfoCard } from '@backstage/core-components';
import {
  DEPLOY_PARTS,
  DoraMetrics,
  DoraSeries,
  LEAD_TIME_STAGES,
  LeadTimeBottleneck,
  LeadTimeStage,
} from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatBucketLabel, formatDuration } from '../../format/format';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { useChartColors } from '../charts/useChartColors';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    height: 28,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    margin: theme.spacing(1, 0),
    border: `1px solid ${theme.palette.divider}`,
  },
  legend: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: theme.spacing(1),
    margin: theme.spacing(1, 0, 2),
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    borderRadius: 2,
    marginRight: theme.spacing(1),
    verticalAlign: 'middle',
  },
  bottleneck: { fontWeight: 600 },
  muted: { color: theme.palette.text.secondary },
}));

export const STAGE_NAMES: Record<LeadTimeStage, string> = {
  coding: 'Coding',
  pickup: 'Pickup',
  review: 'Review',
  deploy: 'Deploy',
};

const STAGE_SPANS: Record<LeadTimeStage, string> = {
  coding: 'first commit → opened',
  pickup: 'opened → first review',
  review: 'first review → merged',
  deploy: 'merged → deployed',
};

/** The deploy stage's parts, where CI data says when the merge commit was built. */
const PART_NAMES: Record<LeadTimeBottleneck, string> = {
  ...STAGE_NAMES,
  build: 'Build',
  release: 'Release',
};
const PART_SPANS: Record<LeadTimeBottleneck, string> = {
  ...STAGE_SPANS,
  build: 'merged → built by CI',
  release: 'built → deployed',
};

/**
 * Where lead time goes: the median of each stage (coding, pickup, review, deploy) as one stacked bar
 * for the range and as stacked bars per bucket, naming the bottleneck (the stage with the largest
 * median). Stage medians are medians of each stage on its own, so they need not add up to the median
 * lead time.
 */
export function LeadTimeBreakdown(props: {
  leadTime: DoraMetrics['changeLeadTime'];
  series?: DoraSeries;
}) {
  const { leadTime, series } = props;
  const classes = useStyles();
  const colors = useChartColors();
  const stages = leadTime.details.stages;
  const parts = leadTime.details.deployParts;
  const bottleneck = leadTime.details.bottleneck;
  const bottleneckMedian =
    bottleneck === 'build' || bottleneck === 'release'
      ? parts[bottleneck].median
      : bottleneck && stages[bottleneck].median;
  // The stage the bar highlights: the deploy stage when the bottleneck is one of its parts.
  const highlighted: LeadTimeStage | null =
    bottleneck === 'build' || bottleneck === 'release' ? 'deploy' : bottleneck;
  const total = LEAD_TIME_STAGES.reduce(
    (sum, s) => sum + (stages[s].median ?? 0),
    0,
  );

  if (leadTime.details.count === 0 || total === 0) {
    return (
      <InfoCard title="Lead time breakdown">
        <Typography variant="body2">
          {leadTime.missingReason ??
            'No shipped change in the range has stage timestamps.'}
        </Typography>
      </InfoCard>
    );
  }

  const summary = LEAD_TIME_STAGES.map(
    s => `${STAGE_NAMES[s]} ${formatDuration(stages[s].median)}`,
  ).join(', ');

  return (
    <InfoCard
      title="Lead time breakdown"
      subheader={`Median per stage over ${leadTime.details.count} changes`}
    >
      {bottleneck ? (
        <Typography variant="body1">
          Bottleneck:{' '}
          <span className={classes.bottleneck}>{PART_NAMES[bottleneck]}</span> (
          {PART_SPANS[bottleneck]}), median {formatDuration(bottleneckMedian)},
          the largest of the{' '}
          {highlighted === bottleneck
            ? 'four stages'
            : 'stages, with deploy split by CI data'}
          .
        </Typography>
      ) : null}
      <div
        className={classes.bar}
        role="img"
        aria-label={`Lead time stages, medians: ${summary}${
          bottleneck ? `. Bottleneck: ${PART_NAMES[bottleneck]}` : ''
        }`}
      >
        {LEAD_TIME_STAGES.map(s =>
          stages[s].median ? (
            <div
              key={s}
              title={`${STAGE_NAMES[s]}: ${formatDuration(stages[s].median)}`}
              style={{
                width: `${((stages[s].median ?? 0) / total) * 100}%`,
                background: colors.stages[s],
                opacity: highlighted && s !== highlighted ? 0.55 : 1,
              }}
            />
          ) : null,
        )}
      </div>
      <div className={classes.legend}>
        {LEAD_TIME_STAGES.map(s => (
          <Typography variant="body2" key={s}>
            <span
              className={classes.swatch}
              style={{ background: colors.stages[s] }}
            />
            {STAGE_NAMES[s]}: {formatDuration(stages[s].median)}{' '}
            <span className={classes.muted}>
              ({STAGE_SPANS[s]}, {stages[s].count} changes)
            </span>
          </Typography>
        ))}
      </div>
      {parts.build.count + parts.release.count > 0 ? (
        <Typography variant="body2">
          Deploy, split by CI data:{' '}
          {DEPLOY_PARTS.map(p => (
            <span key={p}>
              {PART_NAMES[p]} {formatDuration(parts[p].median)}{' '}
              <span className={classes.muted}>
                ({PART_SPANS[p]}, {parts[p].count} changes)
              </span>
              {p === 'build' ? '; ' : ''}
            </span>
          ))}
        </Typography>
      ) : (
        <Typography variant="body2" className={classes.muted}>
          Deploy is one stage: no shipped change&apos;s merge commit has a
          successful default-branch pipeline run. Send pipeline runs to split it
          into build and release.
        </Typography>
      )}
      {series ? (
        <TimeSeriesChart
          rows={series.buckets.map(b => ({
            label: formatBucketLabel(
              b.start,
              series.bucket,
              series.range.timezone,
            ),
            ...b.stageMedians,
          }))}
          series={LEAD_TIME_STAGES.map(s => ({
            key: s,
            name: STAGE_NAMES[s],
            color: colors.stages[s],
            type: 'bar' as const,
            stackId: 'stages',
          }))}
          format={formatDuration}
          description={`Median of each lead time stage per ${series.bucket}, stacked`}
        />
      ) : null}
      <Typography variant="caption" className={classes.muted}>
        Each stage’s median is taken on its own, so the stages need not add up
        to the median lead time. A change without a stage’s timestamps is left
        out of that stage only.
      </Typography>
    </InfoCard>
  );
}
