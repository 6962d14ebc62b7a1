import { InfoCard } from '@backstage/core-components';
import { TableBody, TableCell, TableHead, TableRow } from '@material-ui/core';
import { Table } from '../common/ReadableTable';
import { PolicyReport } from '@cairn/plugin-intent-common';
import { PolicyResults } from '../plan/PolicyResults';

const statusLabel: Record<string, string> = {
  pass: 'Pass',
  violation: 'Violation',
  error: 'Error',
  'not-applicable': 'Not applicable',
};

/** The guardrails' verdict and every policy's result. */
export const PolicyReportCard = ({ report }: { report: PolicyReport }) => (
  <InfoCard
    title="Policy report"
    subheader={`Policy pack ${report.packVersion}`}
  >
    <PolicyResults report={report} />
    <Table
      size="small"
      aria-label="Every policy's result"
      style={{ marginTop: 8 }}
    >
      <TableHead>
        <TableRow>
          <TableCell>Policy</TableCell>
          <TableCell>Severity</TableCell>
          <TableCell>Result</TableCell>
          <TableCell>What it checks / what to change</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {report.results.map(r => (
          <TableRow key={r.policyId}>
            <TableCell>{r.policyId}</TableCell>
            <TableCell>{r.severity}</TableCell>
            <TableCell>{statusLabel[r.status] ?? r.status}</TableCell>
            <TableCell>{r.message ?? r.description}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </InfoCard>
);
