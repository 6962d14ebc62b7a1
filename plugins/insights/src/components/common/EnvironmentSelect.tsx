import { EnvironmentSummary } from '@cairn/plugin-insights-common';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { useId } from 'react';

export const PRODUCTION = 'production';

/** The environment every view starts on: production, which covers every production name. */
export function environmentOptions(items: EnvironmentSummary[] | undefined) {
  const options = (items ?? []).map(item => ({
    value: item.environment,
    label: item.production
      ? `Production${
          item.names.length > 1 ? ` (${item.names.join(', ')})` : ''
        }`
      : item.environment,
    deployments: item.deployments,
  }));
  if (!options.some(o => o.value === PRODUCTION)) {
    options.unshift({ value: PRODUCTION, label: 'Production', deployments: 0 });
  }
  return options;
}

/** Picks the environment the metrics are computed for (production first, as the API lists them). */
export function EnvironmentSelect(props: {
  value: string;
  onChange: (environment: string) => void;
  environments: EnvironmentSummary[] | undefined;
}) {
  const id = useId();
  const options = environmentOptions(props.environments);
  return (
    <FormControl size="small" variant="outlined" margin="dense">
      <InputLabel id={id}>Environment</InputLabel>
      <Select
        // The value belongs in the accessible name (MUI names the select by its label alone).
        SelectDisplayProps={{ id: `${id}-value` }}
        labelId={id}
        label="Environment"
        value={props.value}
        onChange={e => props.onChange(String(e.target.value))}
        renderValue={value =>
          options.find(o => o.value === value)?.label ?? String(value)
        }
      >
        {options.map(o => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
            {o.deployments > 0 ? ` · ${o.deployments} deployments` : ''}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
