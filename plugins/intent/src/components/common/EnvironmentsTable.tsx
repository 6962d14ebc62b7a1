import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Link, TableColumn } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { EnvironmentSummary } from '@cairn/plugin-intent-common';
import {
  formatMonthlyRange,
  formatRelative,
  formatTime,
} from '../../format/format';
import { StatusChip } from './StatusChip';
import { DataTable } from './ReadableTable';
import { useIntentLinks } from './useIntentLinks';
import { useTimeZone } from '../../hooks/useTimeZone';

/** Environments in a table: name (to its page), kind, owner, status, cost, expiry, guardrails. */
export const EnvironmentsTable = (props: {
  title: string;
  environments: EnvironmentSummary[];
  emptyContent?: JSX.Element;
  showOwner?: boolean;
  now?: Date;
}) => {
  const zone = useTimeZone();
  const links = useIntentLinks();
  const now = props.now ?? new Date();
  const columns: TableColumn<EnvironmentSummary>[] = [
    {
      title: 'Name',
      field: 'name',
      render: e => <Link to={links.environment(e.id)}>{e.name}</Link>,
    },
    { title: 'Kind', field: 'environment' },
    ...(props.showOwner === false
      ? []
      : [
          {
            title: 'Owner',
            field: 'owner',
            render: (e: EnvironmentSummary) => (
              <EntityRefLink entityRef={e.owner} defaultKind="group" />
            ),
          },
        ]),
    {
      title: 'Status',
      field: 'status',
      render: e => <StatusChip status={e.status} />,
    },
    {
      title: 'Monthly cost',
      field: 'monthlyCostHighUsd',
      render: e =>
        formatMonthlyRange(e.monthlyCostLowUsd, e.monthlyCostHighUsd),
    },
    {
      title: 'Expires',
      field: 'expiresAt',
      render: e =>
        e.expiresAt ? (
          <>
            <Typography variant="body2">
              {formatTime(e.expiresAt, zone)}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {formatRelative(e.expiresAt, now)}
            </Typography>
          </>
        ) : (
          'Never'
        ),
    },
    {
      title: 'Guardrails',
      field: 'policies.warnings',
      render: e =>
        e.policies.warnings > 0
          ? `Passed, ${e.policies.warnings} warning(s)`
          : 'Passed',
    },
  ];
  return (
    <DataTable<EnvironmentSummary>
      title={props.title}
      options={{
        paging: false,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={props.environments}
      emptyContent={props.emptyContent}
    />
  );
};
