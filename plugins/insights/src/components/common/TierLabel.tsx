import { TierClassification } from '@cairn/plugin-insights-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import InfoOutlined from '@material-ui/icons/InfoOutlined';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  none: { color: theme.palette.text.secondary },
  icon: { fontSize: '1rem', color: theme.palette.text.secondary },
}));

const TIER_NAMES = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
} as const;

/** "elite", "high or medium" */
export function tierNames(tiers: TierClassification['tiers']) {
  const names = tiers.map(t => TIER_NAMES[t].toLowerCase());
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * The tier a value reaches under the selected benchmark. Reports' clusters overlap and leave gaps:
 * several tiers are shown as they are, and where the report gives none, "No tier" with the reason.
 */
export function TierLabel(props: {
  tier: TierClassification;
  benchmarkLabel: string;
  /** When the metric has no value there is nothing to place; the missing value explains itself. */
  hasValue: boolean;
}) {
  const { tier, benchmarkLabel, hasValue } = props;
  const classes = useStyles();
  if (!hasValue) return null;
  if (tier.tiers.length === 0) {
    const reason = tier.reason ?? `${benchmarkLabel} gives no tier for it.`;
    return (
      <span className={classes.root}>
        <Typography variant="caption" className={classes.none}>
          No tier ({benchmarkLabel})
        </Typography>
        <Tooltip title={reason}>
          <InfoOutlined
            className={classes.icon}
            aria-label={`No tier: ${reason}`}
            role="img"
          />
        </Tooltip>
      </span>
    );
  }
  const text = tier.reportText.join('; ');
  const label = `${tierNames(tier.tiers)} under ${benchmarkLabel}${
    tier.tiers.length > 1 ? ' (the report’s clusters overlap here)' : ''
  }: ${text}`;
  return (
    <Tooltip title={label}>
      <span className={classes.root} aria-label={label}>
        {tier.tiers.map(t => (
          <Chip key={t} size="small" label={TIER_NAMES[t]} variant="outlined" />
        ))}
        <Typography variant="caption" className={classes.none}>
          {benchmarkLabel}
        </Typography>
      </span>
    </Tooltip>
  );
}
