import { DeliveryEventInput, isoTime } from '@cairn/plugin-insights-common';
import { IncidentConfig } from '../config';
import { GITHUB_SOURCE } from './mapPullRequest';

export type IssueSnapshot = {
  number: number;
  title: string;
  url: string;
  state: string | undefined;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  labels: string[];
};

/**
 * An issue labelled as an incident: detected when opened, resolved when closed (a reopened issue is
 * open again). The component comes from a `component:<name>` label, else the configured component of
 * the repository, else the backend attributes it by repository; severity and environment from
 * labels too. Undefined for an issue without an incident label.
 */
export function mapIssue(
  issue: IssueSnapshot,
  repository: { repository: string; fullName: string },
  config: IncidentConfig,
): DeliveryEventInput | undefined {
  const labels = issue.labels.map(l => l.trim());
  if (!labels.some(l => config.labels.includes(l.toLowerCase()))) {
    return undefined;
  }
  const prefixed = (prefix: string) => {
    const label = labels.find(
      l =>
        l.toLowerCase().startsWith(prefix.toLowerCase()) &&
        l.length > prefix.length,
    );
    return label?.slice(prefix.length).trim() || undefined;
  };
  const component =
    prefixed(config.componentLabelPrefix) ??
    config.components.get(repository.fullName);
  const severity = prefixed(config.severityLabelPrefix);
  const environment = prefixed(config.environmentLabelPrefix);
  const closed = issue.state === 'closed' && issue.closedAt !== null;
  const title = issue.title.trim().slice(0, 1024);
  return {
    type: 'incident',
    source: GITHUB_SOURCE,
    id: `${repository.fullName}#${issue.number}`,
    repository: repository.repository,
    ...(component ? { component } : {}),
    environment: environment ?? 'production',
    ...(severity ? { severity: severity.slice(0, 64) } : {}),
    ...(title ? { title } : {}),
    url: issue.url,
    detectedAt: isoTime(issue.createdAt),
    ...(closed
      ? { resolvedAt: isoTime(Math.max(issue.closedAt!, issue.createdAt)) }
      : {}),
    updatedAt: isoTime(issue.updatedAt),
  };
}
