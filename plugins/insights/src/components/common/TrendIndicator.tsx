import { Trend } from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowUpward from '@material-ui/icons/ArrowUpward';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import ArrowForward from '@material-ui/icons/ArrowForward';
import { formatChange } from '../../format/format';
import { tones } from './tones';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  better: { color: tones(theme).good },
  worse: { color: tones(theme).bad },
  neutral: { color: theme.palette.text.secondary },
  icon: { fontSize: '1rem' },
}));

const ICONS = {
  up: ArrowUpward,
  down: ArrowDownward,
  flat: ArrowForward,
};

/**
 * The change against the previous equal period: an arrow for the direction, the relative change, and
 * a colour for whether it is an improvement (the backend decides, per metric).
 */
export function TrendIndicator(props: {
  trend: Trend;
  /** e.g. "the previous 30 days" */
  periodLabel: string;
  format: (value: number | null) => string;
}) {
  const { trend, periodLabel, format } = props;
  const classes = useStyles();
  if (trend.direction === null) {
    return (
      <Typography variant="caption" className={classes.neutral}>
        No value for {periodLabel} to compare with
      </Typography>
    );
  }
  const Icon = ICONS[trend.direction];
  let tone = classes.neutral;
  let verdict = '';
  if (trend.better === true) {
    tone = classes.better;
    verdict = ', better';
  } else if (trend.better === false) {
    tone = classes.worse;
    verdict = ', worse';
  }
  let amount = 'unchanged';
  if (trend.direction !== 'flat') {
    amount =
      trend.change !== null
        ? formatChange(trend.change)
        : `from ${format(trend.previous)}`;
  }
  const label = `${
    trend.direction === 'flat' ? 'Unchanged' : `${trend.direction} ${amount}`
  } against ${periodLabel} (${format(trend.previous)})${verdict}`;
  return (
    <span
      className={`${classes.root} ${tone}`}
      aria-label={label}
      title={label}
    >
      <Icon className={classes.icon} aria-hidden />
      <Typography variant="caption" component="span" color="inherit">
        {/* "from 0/week" already names the previous value; "+25% vs 4/week" needs it after. */}
        {trend.direction !== 'flat' && trend.change === null
          ? amount
          : `${amount} vs ${format(trend.previous)}`}
      </Typography>
    </span>
  );
}
