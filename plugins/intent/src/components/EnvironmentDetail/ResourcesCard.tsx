import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import {
  Box,
  Button,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { LONG_VALUES, Table } from '../common/ReadableTable';
import { Alert } from '@material-ui/lab';
import {
  EnvironmentResource,
  ResourceCredentials,
  ResourceState,
} from '@cairn/plugin-intent-common';
import { useEnvironmentActions } from '../../hooks/useIntent';
import { errorMessage } from '../../format/errorMessage';
import { formatTime } from '../../format/format';
import { useTimeZone } from '../../hooks/useTimeZone';

const SERVICE_NAMES: Record<EnvironmentResource['service'], string> = {
  postgres: 'PostgreSQL',
  redis: 'Redis',
  queue: 'Queue',
  objectStorage: 'Object storage',
  cdn: 'CDN',
};

const STATE_LABELS: Record<ResourceState, string> = {
  'awaiting-provisioner': 'Awaiting its pipeline',
  provisioning: 'Provisioning',
  healthy: 'Healthy',
  unhealthy: 'Unhealthy',
  missing: 'Missing (being repaired)',
  failed: 'Failed',
  'tearing-down': 'Tearing down',
  'torn-down': 'Torn down',
};

const where = (r: EnvironmentResource) =>
  [
    r.host && r.port ? `${r.host}:${r.port}` : r.host,
    r.database && `database ${r.database}`,
    r.keyPrefix && `keys ${r.keyPrefix}*`,
    r.username && `login ${r.username}`,
  ]
    .filter(Boolean)
    .join(', ');

/**
 * The environment's data services: where each stands (state, what the last check found or what to
 * configure), where it is, and its credentials on demand. The credentials are fetched only when asked
 * for (the backend lets the requester and the owning team's members read them) and never kept.
 */
export const ResourcesCard = (props: {
  environmentId: string;
  resources: EnvironmentResource[];
}) => {
  const zone = useTimeZone();
  const actions = useEnvironmentActions();
  const [credentials, setCredentials] = useState<
    ResourceCredentials[] | undefined
  >();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const hasLogins = props.resources.some(r => r.username);

  const show = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setCredentials(await actions.credentials(props.environmentId));
    } catch (e) {
      setError(errorMessage(e as Error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <InfoCard title="Resources">
      {props.resources.length === 0 ? (
        <Typography variant="body2">
          This environment asks for no data services.
        </Typography>
      ) : (
        <Table size="small" aria-label="Resources">
          <TableHead>
            <TableRow>
              <TableCell>Service</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Where</TableCell>
              <TableCell>Detail</TableCell>
              <TableCell>Checked</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.resources.map(r => (
              <TableRow key={r.service}>
                <TableCell>
                  {SERVICE_NAMES[r.service] ?? r.service}
                  {r.provisioner && (
                    <Typography variant="caption" display="block">
                      {r.provisioner}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{STATE_LABELS[r.state] ?? r.state}</TableCell>
                <TableCell style={LONG_VALUES}>{where(r)}</TableCell>
                <TableCell style={LONG_VALUES}>{r.detail ?? ''}</TableCell>
                <TableCell>
                  {r.checkedAt ? formatTime(r.checkedAt, zone) : '–'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {hasLogins && !credentials && (
        <Box mt={2}>
          <Button
            variant="outlined"
            color="primary"
            disabled={busy}
            onClick={show}
          >
            Show credentials
          </Button>
        </Box>
      )}
      {error && (
        <Box mt={2}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
      {credentials && (
        <Box mt={2}>
          {credentials.length === 0 ? (
            <Typography variant="body2">
              No usable credentials: nothing is provisioned any more.
            </Typography>
          ) : (
            <Table size="small" aria-label="Credentials">
              <TableHead>
                <TableRow>
                  <TableCell>Service</TableCell>
                  <TableCell>Login</TableCell>
                  <TableCell>Password</TableCell>
                  <TableCell>Connection string</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {credentials.map(c => (
                  <TableRow key={c.service}>
                    <TableCell>
                      {SERVICE_NAMES[c.service] ?? c.service}
                    </TableCell>
                    <TableCell>{c.username}</TableCell>
                    <TableCell>
                      <code>{c.password}</code>
                    </TableCell>
                    <TableCell>
                      <code>{c.connectionString ?? ''}</code>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Button onClick={() => setCredentials(undefined)}>
            Hide credentials
          </Button>
        </Box>
      )}
    </InfoCard>
  );
};
