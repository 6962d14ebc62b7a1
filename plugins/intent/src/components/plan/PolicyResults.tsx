import { Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { PolicyReport, PolicyResult } from '@cairn/plugin-intent-common';

const Results = ({
  label,
  results,
}: {
  label: string;
  results: PolicyResult[];
}) => (
  <ul aria-label={label} style={{ margin: 0, paddingLeft: 20 }}>
    {results.map(r => (
      <li key={r.policyId}>
        <Typography variant="body2">
          <strong>{r.policyId}</strong>: {r.message ?? r.description}
        </Typography>
      </li>
    ))}
  </ul>
);

/**
 * The guardrails' verdict: what blocks the request (deny violations, policies that could not be
 * evaluated), what warns, or that everything passed, each with what to change.
 */
export const PolicyResults = ({ report }: { report: PolicyReport }) => {
  const blocking = [...report.violations, ...report.errors];
  const checked = report.results.filter(
    r => r.status !== 'not-applicable',
  ).length;
  return (
    <>
      {blocking.length > 0 && (
        <Alert severity="error" role="alert">
          <AlertTitle>The guardrails block this plan</AlertTitle>
          <Results label="Blocking policies" results={blocking} />
        </Alert>
      )}
      {report.warnings.length > 0 && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          <AlertTitle>Warnings</AlertTitle>
          <Results label="Policy warnings" results={report.warnings} />
        </Alert>
      )}
      {report.passed && (
        <Alert severity="success" style={{ marginTop: 8 }}>
          The guardrails pass: {checked} policies checked
          {report.warnings.length > 0
            ? `, ${report.warnings.length} warning(s)`
            : ''}
          .
        </Alert>
      )}
    </>
  );
};
