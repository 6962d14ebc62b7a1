import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { formatDateTime } from '../../format/format';
import { HEALTH_RANGES, HealthRange } from './healthRange';
import { useTimeZone } from '../../hooks/useTimeZone';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
  },
  // The lab's default for unselected buttons is too faint to read; keep them legible in both themes.
  toggle: {
    color: theme.palette.text.secondary,
    textTransform: 'none',
    '&$selected': {
      color: theme.palette.text.primary,
      fontWeight: theme.typography.fontWeightBold as number,
    },
  },
  selected: {},
}));

/** The range of the ingestion health page, a refresh, and what "now" was for the numbers shown. */
export function HealthControls(props: {
  range: HealthRange;
  onRange: (range: HealthRange) => void;
  onRefresh: () => void;
  asOf: number;
  loading: boolean;
}) {
  const { range, onRange, onRefresh, asOf, loading } = props;
  const classes = useStyles();
  const bucket = HEALTH_RANGES.find(r => r.value === range)?.bucket;
  const zone = useTimeZone();
  return (
    <div className={classes.root} role="group" aria-label="Ingestion filters">
      <ToggleButtonGroup
        size="small"
        exclusive
        value={range}
        onChange={(_, value: HealthRange | null) => {
          // A click on the selected button would unselect it: keep it.
          if (value) onRange(value);
        }}
        aria-label="Range"
      >
        {HEALTH_RANGES.map(r => (
          <ToggleButton
            key={r.value}
            value={r.value}
            aria-label={r.label}
            classes={{ root: classes.toggle, selected: classes.selected }}
          >
            {r.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Button
        size="small"
        variant="outlined"
        startIcon={<RefreshIcon />}
        onClick={onRefresh}
        disabled={loading}
      >
        Refresh
      </Button>
      <Typography variant="body2">
        As of {formatDateTime(new Date(asOf).toISOString(), zone)};{' '}
        {bucket === 'hour'
          ? `per hour, ${zone}`
          : 'per day in UTC, as the backend counts days'}
        .
      </Typography>
    </div>
  );
}
