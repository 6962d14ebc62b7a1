import { InfoCard, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Table } from '../common/ReadableTable';
import { Alert } from '@material-ui/lab';
import { EnvironmentSummary } from '@cairn/plugin-intent-common';
import { useEnvironmentRevisions } from '../../hooks/useIntent';
import { errorMessage } from '../../format/errorMessage';
import { formatMonthlyRange, formatTime } from '../../format/format';
import { PlanDiffList } from '../plan/PlanDiffList';
import { useTimeZone } from '../../hooks/useTimeZone';

const statusText: Record<string, string> = {
  applied: 'applied',
  'awaiting-approval': 'awaiting approval',
  superseded: 'replaced before approval',
};

/**
 * Every version of the environment's plan, newest first: its status (the live one says so), who asked
 * and who approved, its cost, and what it changed against the version before.
 */
export const RevisionsCard = ({
  environment,
}: {
  environment: EnvironmentSummary;
}) => {
  const zone = useTimeZone();
  const revisions = useEnvironmentRevisions(
    environment.id,
    environment.updatedAt,
  );
  let body: JSX.Element;
  if (revisions.error) {
    body = (
      <Alert severity="error">
        Could not load the versions: {errorMessage(revisions.error)}
      </Alert>
    );
  } else if (!revisions.value) {
    body = <Progress />;
  } else {
    body = (
      <Table size="small" aria-label="Versions">
        <TableHead>
          <TableRow>
            <TableCell>Version</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Requested</TableCell>
            <TableCell>Cost per month</TableCell>
            <TableCell>What changed</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {revisions.value.items.map(r => (
            <TableRow key={r.revision}>
              <TableCell>{r.revision}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {r.revision === environment.revision
                  ? 'live'
                  : statusText[r.status] ?? r.status}
                {r.approvedBy ? (
                  <Typography variant="caption" display="block">
                    approved by <EntityRefLink entityRef={r.approvedBy} />
                  </Typography>
                ) : null}
              </TableCell>
              <TableCell>
                <EntityRefLink entityRef={r.requester} />
                <Typography variant="caption" display="block">
                  {formatTime(r.createdAt, zone)}
                </Typography>
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {formatMonthlyRange(r.monthlyCostLowUsd, r.monthlyCostHighUsd)}
              </TableCell>
              <TableCell>
                {r.diff ? (
                  <PlanDiffList
                    diff={r.diff}
                    label={`What version ${r.revision} changed`}
                  />
                ) : (
                  'registered'
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  return <InfoCard title="Versions">{body}</InfoCard>;
};
