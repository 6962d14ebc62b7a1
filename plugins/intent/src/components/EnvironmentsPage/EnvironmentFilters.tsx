import { makeStyles } from '@material-ui/core/styles';
import {
  FormControl,
  Grid,
  InputLabel,
  MenuItem,
  Select,
  TextField,
} from '@material-ui/core';
import { environmentKinds } from '@cairn/plugin-intent-common';

export type StatusFilter =
  | 'live'
  | 'all'
  | 'awaiting-approval'
  | 'active'
  | 'expired';
export type ExpiryFilter = 'any' | '24h' | '7d';

export interface Filters {
  /** Entity ref or a group's name; empty for every owner. */
  owner: string;
  status: StatusFilter;
  kind: string;
  expiring: ExpiryFilter;
}

export const defaultFilters: Filters = {
  owner: '',
  status: 'live',
  kind: 'all',
  expiring: 'any',
};

const statusFilters: StatusFilter[] = [
  'live',
  'all',
  'awaiting-approval',
  'active',
  'expired',
];
const expiryFilters: ExpiryFilter[] = ['any', '24h', '7d'];

/**
 * The filters the address names (`?owner=checkout&status=awaiting-approval&kind=prod&expiring=24h`), so a
 * filtered list can be bookmarked and shared; a value the list does not know keeps its default.
 */
export function filtersFromSearch(params: URLSearchParams): Filters {
  const pick = <T extends string>(
    name: string,
    allowed: readonly T[],
    fallback: T,
  ) => {
    const value = params.get(name) as T | null;
    return value && allowed.includes(value) ? value : fallback;
  };
  return {
    owner: params.get('owner') ?? defaultFilters.owner,
    status: pick('status', statusFilters, defaultFilters.status),
    kind: pick('kind', ['all', ...environmentKinds], defaultFilters.kind),
    expiring: pick('expiring', expiryFilters, defaultFilters.expiring),
  };
}

/** The address's query for filters: only what differs from the defaults. */
export function filtersToSearch(filters: Filters): Record<string, string> {
  return Object.fromEntries(
    (Object.keys(defaultFilters) as Array<keyof Filters>)
      .filter(k => filters[k] !== defaultFilters[k])
      .map(k => [k, filters[k]]),
  );
}

const useStyles = makeStyles(theme => ({
  // The theme's grey labels fall just short of 4.5:1 on the page's background.
  root: { '& label': { color: theme.palette.text.primary } },
}));

function SelectFilter(props: {
  id: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) {
  return (
    <FormControl fullWidth variant="outlined" size="small">
      <InputLabel id={`${props.id}-label`}>{props.label}</InputLabel>
      <Select
        // The value belongs in the accessible name (MUI names the select by its label alone).
        SelectDisplayProps={{ id: `${props.id}-value` }}
        labelId={`${props.id}-label`}
        id={props.id}
        label={props.label}
        value={props.value}
        onChange={e => props.onChange(String(e.target.value))}
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

/** Owner, status, kind and expiry filters of the environments list. */
export const EnvironmentFilters = (props: {
  filters: Filters;
  onChange: (filters: Filters) => void;
}) => {
  const { filters, onChange } = props;
  const classes = useStyles();
  return (
    <Grid
      container
      spacing={2}
      role="search"
      aria-label="Filter environments"
      className={classes.root}
    >
      <Grid item xs={12} md={3}>
        <TextField
          id="intent-owner-filter"
          fullWidth
          size="small"
          variant="outlined"
          label="Owner"
          placeholder="checkout or group:default/checkout"
          value={filters.owner}
          onChange={e => onChange({ ...filters, owner: e.target.value })}
        />
      </Grid>
      <Grid item xs={12} sm={4} md={4}>
        <SelectFilter
          id="intent-status-filter"
          label="Status"
          value={filters.status}
          onChange={status =>
            onChange({ ...filters, status: status as StatusFilter })
          }
          options={[
            { value: 'live', label: 'Live (active or awaiting approval)' },
            { value: 'active', label: 'Active' },
            { value: 'awaiting-approval', label: 'Awaiting approval' },
            { value: 'expired', label: 'Expired' },
            { value: 'all', label: 'All' },
          ]}
        />
      </Grid>
      <Grid item xs={12} sm={4} md={2}>
        <SelectFilter
          id="intent-kind-filter"
          label="Kind"
          value={filters.kind}
          onChange={kind => onChange({ ...filters, kind })}
          options={[
            { value: 'all', label: 'All kinds' },
            ...environmentKinds.map(k => ({ value: k, label: k })),
          ]}
        />
      </Grid>
      <Grid item xs={12} sm={4} md={3}>
        <SelectFilter
          id="intent-expiry-filter"
          label="Expiring"
          value={filters.expiring}
          onChange={expiring =>
            onChange({ ...filters, expiring: expiring as ExpiryFilter })
          }
          options={[
            { value: 'any', label: 'Any time or never' },
            { value: '24h', label: 'Within 24 hours' },
            { value: '7d', label: 'Within 7 days' },
          ]}
        />
      </Grid>
    </Grid>
  );
};
