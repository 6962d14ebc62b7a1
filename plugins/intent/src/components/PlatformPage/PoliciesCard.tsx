import { InfoCard, TableColumn } from '@backstage/core-components';
import { Chip, Typography } from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import { tones } from '../common/tones';
import { DataTable } from '../common/ReadableTable';

const useStyles = makeStyles(theme => ({
  deny: { color: tones(theme).bad, borderColor: tones(theme).bad },
}));
import { Policy, PlatformConfigResponse } from '@cairn/plugin-intent-common';

type Row = Policy & { origin: 'built-in' | 'added by the portal' };

/** Every guardrail: what it checks, the CEL expression, severity, the kinds it covers, its message. */
export const PoliciesCard = ({
  platform,
}: {
  platform: PlatformConfigResponse;
}) => {
  const classes = useStyles();
  const { policyPack } = platform.config;
  const added = new Set(platform.overrides.addedPolicies);
  const rows: Row[] = policyPack.policies.map(p => ({
    ...p,
    origin: added.has(p.id) ? 'added by the portal' : 'built-in',
  }));
  const columns: TableColumn<Row>[] = [
    {
      title: 'Policy',
      field: 'id',
      cellStyle: { minWidth: 200 },
      render: p => (
        <>
          <Typography variant="body2">
            <strong>{p.id}</strong>
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {p.description}
            {p.origin === 'built-in' ? '' : ` (${p.origin})`}
          </Typography>
        </>
      ),
    },
    {
      title: 'Severity',
      field: 'severity',
      render: p => (
        <Chip
          size="small"
          variant="outlined"
          label={p.severity}
          className={p.severity === 'deny' ? classes.deny : undefined}
        />
      ),
    },
    {
      title: 'Applies to',
      field: 'environments',
      render: p => (p.environments ? p.environments.join(', ') : 'all kinds'),
    },
    {
      title: 'Rule (CEL, true when compliant)',
      field: 'expression',
      // Code: it may break anywhere (paths such as spec.constraints.monthlyBudgetUsd).
      cellStyle: { minWidth: 360, overflowWrap: 'anywhere' },
      render: p => (
        <code style={{ whiteSpace: 'pre-wrap' }}>{p.expression}</code>
      ),
    },
    {
      title: 'Message when it fails',
      field: 'message',
      cellStyle: { minWidth: 280 },
    },
  ];
  const disabled = platform.overrides.disabledPolicies;
  const changed = platform.overrides.changedParams;
  return (
    <InfoCard
      title={`Guardrails (${policyPack.policies.length})`}
      subheader={`Policy pack ${policyPack.version}. Messages use {{ }} placeholders filled from the plan.`}
    >
      {(disabled.length > 0 || changed.length > 0) && (
        <Typography variant="body2" paragraph>
          {disabled.length > 0 &&
            `Turned off in this portal: ${disabled.join(', ')}. `}
          {changed.length > 0 &&
            `Parameters changed in this portal: ${changed.join(', ')}.`}
        </Typography>
      )}
      <DataTable<Row>
        options={{
          paging: false,
          search: true,
          padding: 'dense',
          toolbar: true,
        }}
        title="Policies"
        columns={columns}
        data={rows}
      />
    </InfoCard>
  );
};
