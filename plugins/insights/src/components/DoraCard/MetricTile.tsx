import { MetricResult } from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MetricInfo } from '../common/metrics';
import { TierLabel } from '../common/TierLabel';
import { TrendIndicator } from '../common/TrendIndicator';
import { Sparkline } from './Sparkline';

const useStyles = makeStyles(theme => ({
  tile: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1.5, 2),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    minWidth: 0,
  },
  value: {
    fontSize: '1.75rem',
    fontWeight: 600,
    lineHeight: 1.2,
  },
  missing: {
    color: theme.palette.text.secondary,
  },
  small: { color: theme.palette.text.secondary },
  heading: { lineHeight: 1.5 },
}));

/**
 * One metric: its value, what it is measured on, the trend against the previous period, the tier
 * under the selected benchmark (or why there is none), and a sparkline of recent weeks. Without a
 * value the tile says why, in the backend's words.
 */
export function MetricTile(props: {
  info: MetricInfo;
  metric: MetricResult<unknown>;
  sample?: string;
  periodLabel: string;
  benchmarkLabel: string;
  sparkline?: { values: Array<number | null>; label: string };
}) {
  const { info, metric, sample, periodLabel, benchmarkLabel, sparkline } =
    props;
  const classes = useStyles();
  const hasValue = metric.value !== null;
  const titleId = `insights-tile-${info.id}`;
  return (
    <section
      className={classes.tile}
      aria-labelledby={titleId}
      data-testid={`metric-tile-${info.id}`}
    >
      <Typography
        variant="overline"
        component="h3"
        id={titleId}
        className={classes.heading}
      >
        {info.label}
      </Typography>
      {hasValue ? (
        <>
          <Typography
            className={classes.value}
            component="p"
            aria-label={`${info.label}: ${info.format(metric.value)}`}
          >
            {info.format(metric.value)}
          </Typography>
          <Typography variant="caption" className={classes.small}>
            {info.measure}
            {sample ? ` · ${sample}` : ''}
          </Typography>
          <TrendIndicator
            trend={metric.trend}
            periodLabel={periodLabel}
            format={info.format}
          />
        </>
      ) : (
        <>
          <Typography className={`${classes.value} ${classes.missing}`}>
            No value
          </Typography>
          <Typography variant="body2" className={classes.small}>
            {metric.missingReason ?? 'The backend gave no reason.'}
          </Typography>
        </>
      )}
      <TierLabel
        tier={metric.tier}
        benchmarkLabel={benchmarkLabel}
        hasValue={hasValue}
      />
      {sparkline ? (
        <Sparkline values={sparkline.values} label={sparkline.label} />
      ) : null}
    </section>
  );
}
