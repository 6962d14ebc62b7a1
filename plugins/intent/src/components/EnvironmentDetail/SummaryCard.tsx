import {
  InfoCard,
  Link,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  EnvironmentDetails,
  environmentEntityRef,
} from '@cairn/plugin-intent-common';
import {
  formatMonthlyRange,
  formatRelative,
  formatTime,
} from '../../format/format';
import { StatusChip } from '../common/StatusChip';
import { useTimeZone } from '../../hooks/useTimeZone';

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** Who, what, status, cost, expiry, the versions it was planned with, and where it came from. */
export const SummaryCard = (props: {
  environment: EnvironmentDetails;
  now: Date;
}) => {
  const zone = useTimeZone();
  const e = props.environment;
  const metadata: Record<string, any> = {
    Status: <StatusChip status={e.status} />,
    Kind: e.environment,
    Owner: <EntityRefLink entityRef={e.owner} defaultKind="group" />,
    'Requested by': <EntityRefLink entityRef={e.requester} />,
    Requested: formatTime(e.createdAt, zone),
    Expires: e.expiresAt
      ? `${formatTime(e.expiresAt, zone)} (${formatRelative(
          e.expiresAt,
          props.now,
        )})`
      : 'Never (no TTL)',
    'Monthly cost': formatMonthlyRange(
      e.monthlyCostLowUsd,
      e.monthlyCostHighUsd,
    ),
    'Catalog resource': <EntityRefLink entityRef={environmentEntityRef(e)} />,
    'Planned with': `prices ${e.priceTableVersion}, policies ${
      e.policyPackVersion
    }, platform ${short(e.platformVersion)}`,
    'Bundle SHA-256': <code>{e.bundleSha256}</code>,
  };
  if (e.system)
    metadata.System = (
      <EntityRefLink entityRef={e.system} defaultKind="system" />
    );
  if (e.description) metadata.Description = e.description;
  if (e.approvedBy) {
    metadata['Approved by'] = (
      <>
        <EntityRefLink entityRef={e.approvedBy} /> (
        {formatTime(e.approvedAt, zone)})
      </>
    );
  }
  if (e.reviewLinks.length > 0) {
    metadata.Reviews = (
      <>
        {e.reviewLinks.map(l => (
          <div key={l.url}>
            <Link to={l.url}>{l.title}</Link>
          </div>
        ))}
      </>
    );
  }
  if (e.taskId) {
    metadata['Scaffolder task'] = (
      <Link to={`/create/tasks/${encodeURIComponent(e.taskId)}`}>
        {e.taskId}
      </Link>
    );
  }
  return (
    <InfoCard title="Environment">
      <StructuredMetadataTable metadata={metadata} />
    </InfoCard>
  );
};
