import { useEffect } from 'react';
import { Progress } from '@backstage/core-components';
import {
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormLabel,
  InputLabel,
  MenuItem,
  Paper,
  Select,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import {
  dataServices,
  InferredField,
  IntentInference,
  Provider,
  providers,
  WorkloadType,
  workloadTypes,
} from '@cairn/plugin-intent-common';
import { useRepositoryInference } from '../hooks/useIntent';
import { errorMessage } from '../format/errorMessage';
import { IntentInferenceFieldProps } from './fieldSchema';
import { fromInference } from './fromInference';

const serviceNames: Record<string, string> = {
  postgres: 'PostgreSQL',
  redis: 'Redis',
  queue: 'Queue',
  objectStorage: 'Object storage',
  cdn: 'CDN',
};
const providerNames: Record<string, string> = {
  aws: 'AWS',
  gcp: 'Google Cloud',
  azure: 'Azure',
};

const where = (s: { file: string; line?: number }) =>
  s.line ? `${s.file}:${s.line}` : s.file;

/** Where a value came from, in one line under its control; or that no file says it. */
const Found = ({ field }: { field?: InferredField<unknown> }) => (
  <Typography
    variant="caption"
    component="p"
    color="textPrimary"
    style={{ overflowWrap: 'anywhere' }}
  >
    {field ? (
      <>
        Found ({field.confidence} confidence): {field.reason} —{' '}
        {field.sources.slice(0, 3).map((s, i) => (
          <span key={where(s)}>
            {i > 0 ? ', ' : ''}
            <code title={s.excerpt}>{where(s)}</code>
          </span>
        ))}
        {field.sources.length > 3
          ? ` and ${field.sources.length - 3} more`
          : ''}
      </>
    ) : (
      'Not found in the repository: choose it.'
    )}
  </Typography>
);

const Row = (props: { children: React.ReactNode }) => (
  <Box mb={2}>{props.children}</Box>
);

const Proposal = (
  props: IntentInferenceFieldProps & {
    inference: IntentInference;
  },
) => {
  const { inference, onChange } = props;
  const value = props.formData ?? {};
  const set = (patch: Partial<typeof value>) =>
    onChange({ ...value, ...patch });
  const services = new Set(value.services ?? []);
  const listens = !value.type || value.type === 'web-service';
  return (
    <>
      <Typography variant="body2" color="textPrimary" paragraph>
        Read {inference.filesRead.length} file
        {inference.filesRead.length === 1 ? '' : 's'} of{' '}
        <code style={{ overflowWrap: 'anywhere' }}>{value.url}</code>. Each
        value below says where it was found; correct what is wrong. Nothing was
        guessed: what no file says is empty.
      </Typography>
      <Row>
        {/* Marked required (the label's asterisk); the field's validation says what is missing. */}
        <FormControl fullWidth>
          <InputLabel id="cairn-inferred-type" required>
            Workload type
          </InputLabel>
          <Select
            labelId="cairn-inferred-type"
            // Named by its label and its value, as MUI does for a select with an id.
            SelectDisplayProps={{ id: 'cairn-inferred-type-value' }}
            value={value.type ?? ''}
            onChange={e =>
              set({ type: (e.target.value as WorkloadType) || undefined })
            }
          >
            {workloadTypes.map(t => (
              <MenuItem key={t} value={t}>
                {t}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <Found field={inference.workloadType} />
      </Row>
      {listens && (
        <Row>
          <TextField
            fullWidth
            id="cairn-inferred-port"
            type="number"
            label="Port"
            value={value.port ?? ''}
            inputProps={{ min: 1, max: 65535 }}
            onChange={e =>
              set({
                port: e.target.value ? Number(e.target.value) : undefined,
              })
            }
          />
          <Found field={inference.port} />
        </Row>
      )}
      {value.type === 'scheduled-job' && (
        <Row>
          <TextField
            fullWidth
            // Marked required; the field's validation (not the browser's) says what is missing.
            InputLabelProps={{ required: true }}
            inputProps={{ 'aria-required': true }}
            id="cairn-inferred-schedule"
            label="Schedule (cron)"
            value={value.schedule ?? ''}
            onChange={e => set({ schedule: e.target.value || undefined })}
          />
          <Found field={inference.schedule} />
        </Row>
      )}
      <Row>
        <FormControl component="fieldset">
          <FormLabel component="legend">Data services</FormLabel>
          <FormGroup>
            {dataServices.map(service => {
              const found = inference.services.find(s => s.value === service);
              return (
                <Box key={service}>
                  <FormControlLabel
                    control={
                      <Checkbox
                        checked={services.has(service)}
                        onChange={e => {
                          const next = new Set(services);
                          if (e.target.checked) next.add(service);
                          else next.delete(service);
                          set({
                            services: dataServices.filter(s => next.has(s)),
                          });
                        }}
                      />
                    }
                    label={serviceNames[service]}
                  />
                  {found && <Found field={found} />}
                </Box>
              );
            })}
          </FormGroup>
        </FormControl>
      </Row>
      <Row>
        <FormControl fullWidth>
          <InputLabel id="cairn-inferred-provider" required>
            Cloud
          </InputLabel>
          <Select
            labelId="cairn-inferred-provider"
            SelectDisplayProps={{ id: 'cairn-inferred-provider-value' }}
            value={value.provider ?? ''}
            onChange={e =>
              set({ provider: (e.target.value as Provider) || undefined })
            }
          >
            {providers.map(p => (
              <MenuItem key={p} value={p}>
                {providerNames[p]}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <Found field={inference.provider} />
      </Row>
      <Row>
        <TextField
          fullWidth
          // Marked required; the field's validation (not the browser's) says what is missing.
          InputLabelProps={{ required: true }}
          inputProps={{ 'aria-required': true }}
          id="cairn-inferred-region"
          label="Region"
          helperText="e.g. eu-west-1, eu-central-1, us-east-1 (AWS); europe-west1 (GCP); westeurope (Azure)"
          value={value.region ?? ''}
          onChange={e => set({ region: e.target.value.trim() || undefined })}
        />
        <Found field={inference.region} />
      </Row>
      {(inference.instances || inference.runtime) && (
        <Typography variant="body2" color="textPrimary" paragraph>
          {inference.runtime
            ? `Runtime: ${inference.runtime.value} (${where(
                inference.runtime.sources[0],
              )}). `
            : ''}
          {inference.instances
            ? `Runs ${inference.instances.value} instance(s) today (${where(
                inference.instances.sources[0],
              )}); the plan sizes from the outcomes on the next step.`
            : ''}
        </Typography>
      )}
      {inference.notes.length > 0 && (
        <Alert severity="info">
          <AlertTitle>Also found, not used</AlertTitle>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {inference.notes.map(n => (
              <li key={n.message}>
                <Typography variant="body2">
                  {n.message}
                  {n.sources.length
                    ? ` (${n.sources.slice(0, 3).map(where).join(', ')})`
                    : ''}
                </Typography>
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </>
  );
};

/**
 * The intent a repository proposes, for a template's form: the backend reads the repository named by
 * another field (`ui:options.repoUrlField`, default `repoUrl`) through the portal's URL readers; the
 * field shows each value with the file and line it came from, and lets the developer correct it. Its
 * value is the corrected fields, which the template's intent reads.
 */
export const IntentInferenceField = (props: IntentInferenceFieldProps) => {
  const { formContext, uiSchema, onChange, formData, schema } = props;
  const urlField = uiSchema['ui:options']?.repoUrlField ?? 'repoUrl';
  const url = (formContext?.formData as Record<string, unknown> | undefined)?.[
    urlField
  ] as string | undefined;
  const inference = useRepositoryInference(url?.trim() || undefined);

  // A new repository (or the first answer) starts from its proposal; later edits are the developer's.
  useEffect(() => {
    if (url && inference.value && formData?.url !== url) {
      onChange(fromInference(url, inference.value));
    }
  }, [url, inference.value, formData?.url, onChange]);

  let body: JSX.Element;
  if (!url) {
    body = (
      <Alert severity="info">
        Give the repository's URL on the first step; its files are read here.
      </Alert>
    );
  } else if (inference.loading) {
    body = (
      <>
        <Typography variant="body2">Reading {url}…</Typography>
        <Progress />
      </>
    );
  } else if (inference.error) {
    body = (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={inference.retry}>
            Try again
          </Button>
        }
      >
        <AlertTitle>The repository could not be read</AlertTitle>
        {errorMessage(inference.error)}
      </Alert>
    );
  } else if (inference.value && formData?.url === url) {
    body = <Proposal {...props} inference={inference.value} />;
  } else {
    body = <Progress />;
  }
  return (
    <Paper variant="outlined" style={{ padding: 16 }} data-cairn="intent">
      <Typography variant="h6" component="h3" gutterBottom>
        {schema.title ?? 'What the repository says'}
      </Typography>
      {body}
    </Paper>
  );
};
