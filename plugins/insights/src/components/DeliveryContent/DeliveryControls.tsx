import { Bucket, EnvironmentSummary } from '@cairn/plugin-insights-common';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useId, useMemo } from 'react';
import { browserTimeZone } from '../../hooks/useTimeZone';
import { EnvironmentSelect } from '../common/EnvironmentSelect';
import {
  DeliveryQuery,
  PRESETS,
  RangePreset,
  QueryRange,
  timeZones,
} from './rangeQuery';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    // The theme's grey labels fall just short of 4.5:1 on the page's background.
    '& label, & p': { color: theme.palette.text.primary },
  },
  select: { minWidth: 160 },
}));

/** The select's value for "no zone named: the backend's configured default". */
const PORTAL_DEFAULT = 'portal-default';

const BUCKETS: Array<{ value: Bucket; label: string }> = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
  { value: 'quarter', label: 'Quarter' },
];

function LabelledSelect<T extends string>(props: {
  label: string;
  value: T;
  options: Array<{ value: T; label: string }>;
  onChange: (value: T) => void;
}) {
  const classes = useStyles();
  const id = useId();
  return (
    <FormControl
      size="small"
      variant="outlined"
      margin="dense"
      className={classes.select}
    >
      <InputLabel id={id}>{props.label}</InputLabel>
      <Select
        // The value belongs in the accessible name (MUI names the select by its label alone).
        SelectDisplayProps={{ id: `${id}-value` }}
        labelId={id}
        label={props.label}
        value={props.value}
        onChange={e => props.onChange(e.target.value as T)}
      >
        {props.options.map(o => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/**
 * The environment, date range, time zone and bucket size of the delivery views. The time zone decides
 * what a day, week, month or quarter is; by default the backend's configured zone.
 */
export function DeliveryControls(props: {
  value: DeliveryQuery;
  /** The range the view asks for (the date fields show its first and last day). */
  range: QueryRange;
  onChange: (value: DeliveryQuery) => void;
  environments: EnvironmentSummary[] | undefined;
  /** The zone the backend used when the query names none. */
  defaultTimezone?: string;
  /** Group and system views have no single component's environment list; they still pick one. */
  showBucket?: boolean;
}) {
  const { value, range, onChange, environments, defaultTimezone } = props;
  const classes = useStyles();
  const fromId = useId();
  const toId = useId();
  const zones = useMemo(() => {
    const own = browserTimeZone();
    const all = timeZones();
    return own && all.includes(own)
      ? [own, ...all.filter(z => z !== own)]
      : all;
  }, []);
  const set = (patch: Partial<DeliveryQuery>) =>
    onChange({ ...value, ...patch });

  const startCustom = (patch: Partial<DeliveryQuery>) =>
    set({
      preset: 'custom',
      fromDate: value.fromDate ?? range.firstDay,
      toDate: value.toDate,
      ...patch,
    });

  return (
    <div className={classes.root} role="group" aria-label="Delivery filters">
      <EnvironmentSelect
        value={value.environment}
        onChange={environment => set({ environment })}
        environments={environments}
      />
      <LabelledSelect<RangePreset>
        label="Range"
        value={value.preset}
        options={PRESETS}
        onChange={preset =>
          preset === 'custom' ? startCustom({}) : set({ preset })
        }
      />
      <TextField
        id={fromId}
        label="From"
        type="date"
        size="small"
        variant="outlined"
        margin="dense"
        InputLabelProps={{ shrink: true }}
        value={
          value.preset === 'custom' ? value.fromDate ?? '' : range.firstDay
        }
        onChange={e => startCustom({ fromDate: e.target.value || undefined })}
      />
      <TextField
        id={toId}
        label="To (inclusive)"
        type="date"
        size="small"
        variant="outlined"
        margin="dense"
        InputLabelProps={{ shrink: true }}
        value={value.preset === 'custom' ? value.toDate ?? '' : range.lastDay}
        onChange={e => startCustom({ toDate: e.target.value || undefined })}
      />
      <LabelledSelect<string>
        label="Time zone"
        value={value.timezone ?? PORTAL_DEFAULT}
        options={[
          {
            value: PORTAL_DEFAULT,
            label: `Portal default${
              defaultTimezone ? ` (${defaultTimezone})` : ''
            }`,
          },
          ...zones.map(z => ({ value: z, label: z })),
        ]}
        onChange={timezone =>
          set({ timezone: timezone === PORTAL_DEFAULT ? undefined : timezone })
        }
      />
      {props.showBucket === false ? null : (
        <LabelledSelect<Bucket>
          label="Bucket"
          value={value.bucket}
          options={BUCKETS}
          onChange={bucket => set({ bucket })}
        />
      )}
    </div>
  );
}
