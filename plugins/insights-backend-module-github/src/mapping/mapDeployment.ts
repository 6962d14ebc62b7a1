import { DeliveryEventInput, isoTime } from '@cairn/plugin-insights-common';
import { DeploymentState, terminalStatus } from '../state/GithubStateStore';
import { GITHUB_SOURCE } from './mapPullRequest';

const STARTED = ['queued', 'pending', 'in_progress'];

/**
 * A GitHub deployment with its statuses as a deployment: started at its first queued, pending or
 * in-progress status (or its creation), finished at its first terminal status (success → success,
 * failure or error → failure; a later `inactive` moves nothing). `shipped` lists the commits of the
 * default branch after the previous successful deployment to the same environment, when the pushes
 * connect them.
 */
export function mapDeployment(
  d: DeploymentState,
  shipped: { commits: string[]; version: number } | undefined,
  previousVersion: number,
): DeliveryEventInput {
  const s = d.snapshot;
  const terminal = terminalStatus(d.statuses);
  const firstStart = d.statuses.find(x => STARTED.includes(x.state));
  let startedAt = firstStart?.createdAt ?? s.createdAt;
  if (terminal) startedAt = Math.min(startedAt, terminal.finishedAt);
  const url = terminal?.url ?? undefined;
  return {
    type: 'deployment',
    source: GITHUB_SOURCE,
    id: s.id,
    repository: d.repository,
    ...(s.component ? { component: s.component } : {}),
    environment: s.environment,
    commit: s.sha,
    startedAt: isoTime(startedAt),
    ...(terminal
      ? { finishedAt: isoTime(terminal.finishedAt), result: terminal.result }
      : {}),
    trigger: s.trigger,
    ...(shipped && shipped.commits.length ? { commits: shipped.commits } : {}),
    ...(url && /^https?:\/\//.test(url) ? { url } : {}),
    updatedAt: isoTime(
      Math.max(d.version, shipped?.version ?? 0, previousVersion),
    ),
  };
}
