import {
  DeliveryEventInput,
  IngestCounts,
} from '@cairn/plugin-insights-common';
import { InsightsEventIngestor } from '@cairn/plugin-insights-node';
import { GithubModuleConfig } from '../config';
import { mapDeployment } from '../mapping/mapDeployment';
import { mapIssue } from '../mapping/mapIssue';
import { mapPullRequest } from '../mapping/mapPullRequest';
import {
  mapCheckRun,
  mapWorkflowJob,
  mapWorkflowRun,
} from '../mapping/mapPipelineRuns';
import { repositoryOf } from '../mapping/repositoryOf';
import {
  DeploymentSnapshot,
  DeploymentState,
  DeploymentStatus,
  GithubStateStore,
  PullRequestSnapshot,
} from '../state/GithubStateStore';
import {
  checkRunEvent,
  deploymentEvent,
  deploymentStatusEvent,
  issuesEvent,
  parsePayload,
  PullRequestPayload,
  pullRequestEvent,
  pullRequestReviewEvent,
  pushEvent,
  workflowJobEvent,
  workflowRunEvent,
} from './payloads';

export type HandleResult =
  | { outcome: 'ingested'; records: number; counts: IngestCounts }
  | { outcome: 'ignored'; reason: string };

const ms = (iso: string) => Date.parse(iso);
const TRIGGERS = ['normal', 'rollback', 'hotfix', 'revert'] as const;

/** `component` and `trigger` from a deployment's payload, which GitHub passes through as JSON. */
function deploymentPayload(payload: unknown): {
  component: string | null;
  trigger: DeploymentSnapshot['trigger'];
} {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      value = undefined;
    }
  }
  const o = (value && typeof value === 'object' ? value : {}) as Record<
    string,
    unknown
  >;
  const component =
    typeof o.component === 'string' && o.component.trim()
      ? o.component.trim()
      : null;
  const trigger = TRIGGERS.find(t => t === o.trigger) ?? 'normal';
  return { component, trigger };
}

/**
 * Turns GitHub webhook deliveries into delivery records: remembers what each delivery says (see
 * GithubStateStore), maps every record it changes from everything remembered, and hands them to the
 * insights ingestion path. Replaying a delivery remembers nothing new and maps identical records.
 */
export class GithubWebhookHandler {
  constructor(
    private readonly options: {
      store: GithubStateStore;
      ingestor: InsightsEventIngestor;
      config: GithubModuleConfig;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  async handle(
    event: string,
    deliveryId: string,
    body: unknown,
  ): Promise<HandleResult> {
    let records: DeliveryEventInput[] | string;
    switch (event) {
      case 'pull_request':
        records = await this.pullRequest(
          parsePayload(event, pullRequestEvent, body),
        );
        break;
      case 'pull_request_review':
        records = await this.review(
          parsePayload(event, pullRequestReviewEvent, body),
        );
        break;
      case 'push':
        records = await this.push(parsePayload(event, pushEvent, body));
        break;
      case 'deployment': {
        const p = parsePayload(event, deploymentEvent, body);
        records = await this.deployment(p, undefined);
        break;
      }
      case 'deployment_status': {
        const p = parsePayload(event, deploymentStatusEvent, body);
        records = await this.deployment(p, {
          id: p.deployment_status.id,
          state: p.deployment_status.state,
          createdAt: ms(p.deployment_status.created_at),
          url:
            p.deployment_status.log_url ||
            p.deployment_status.target_url ||
            null,
        });
        break;
      }
      case 'issues':
        records = this.issue(parsePayload(event, issuesEvent, body));
        break;
      case 'workflow_run':
        records = [mapWorkflowRun(parsePayload(event, workflowRunEvent, body))];
        break;
      case 'workflow_job':
        records = [mapWorkflowJob(parsePayload(event, workflowJobEvent, body))];
        break;
      case 'check_run': {
        const mapped = mapCheckRun(parsePayload(event, checkRunEvent, body));
        records = mapped
          ? [mapped]
          : "check_run: GitHub Actions' own check runs are read as workflow_job";
        break;
      }
      case 'ping':
        records = 'ping: the webhook reaches Cairn';
        break;
      default:
        records = `${event}: not an event Cairn uses (it uses pull_request, pull_request_review, push, deployment, deployment_status, issues, workflow_run, workflow_job and check_run)`;
    }
    if (typeof records === 'string') {
      return { outcome: 'ignored', reason: records };
    }
    const counts = await this.options.ingestor.ingest(records, {
      actor: `github delivery ${deliveryId} (${event})`,
    });
    return { outcome: 'ingested', records: records.length, counts };
  }

  private snapshotOf(
    pr: PullRequestPayload,
    fullName: string,
  ): PullRequestSnapshot {
    return {
      id: `${fullName}#${pr.number}`,
      number: pr.number,
      title: pr.title,
      url: pr.html_url,
      author: pr.user?.login ?? null,
      createdAt: ms(pr.created_at),
      updatedAt: ms(pr.updated_at),
      closedAt: pr.closed_at ? ms(pr.closed_at) : null,
      mergedAt: pr.merged_at ? ms(pr.merged_at) : null,
      mergeCommit: pr.merge_commit_sha?.toLowerCase() ?? null,
      headRef: pr.head.ref,
      headInRepository: pr.head.repo?.full_name.toLowerCase() === fullName,
    };
  }

  private async mapPullRequests(repository: string, numbers: number[]) {
    const { store } = this.options;
    const out: DeliveryEventInput[] = [];
    for (const number of numbers) {
      const pr = await store.pullRequests.get(repository, number);
      if (!pr) continue;
      out.push(
        mapPullRequest(
          pr,
          await store.branches.get(repository, pr.snapshot.headRef),
        ),
      );
    }
    return out;
  }

  /** Every action carries the whole pull request: opened, review requested, closed and merged, ... */
  private async pullRequest(p: ReturnType<typeof pullRequestEvent.parse>) {
    const { repository, fullName } = repositoryOf(p.repository);
    const snapshot = this.snapshotOf(p.pull_request, fullName);
    await this.options.store.pullRequests.save(
      repository,
      snapshot,
      undefined,
      this.now(),
    );
    return this.mapPullRequests(repository, [snapshot.number]);
  }

  /** A submitted review by someone other than the author may be the first review. */
  private async review(p: ReturnType<typeof pullRequestReviewEvent.parse>) {
    const { repository, fullName } = repositoryOf(p.repository);
    const snapshot = this.snapshotOf(p.pull_request, fullName);
    const review = p.review;
    const counts =
      p.action === 'submitted' &&
      review.submitted_at &&
      review.state.toLowerCase() !== 'pending' &&
      (review.user?.login ?? null) !== snapshot.author;
    await this.options.store.pullRequests.save(
      repository,
      snapshot,
      counts
        ? {
            submittedAt: ms(review.submitted_at!),
            reviewer: review.user?.login ?? null,
          }
        : undefined,
      this.now(),
    );
    return this.mapPullRequests(repository, [snapshot.number]);
  }

  /**
   * A push to a branch gives its pull requests their first commit time and changed paths; a push to
   * the default branch gives the order of its commits, which tells what each deployment shipped.
   */
  private async push(p: ReturnType<typeof pushEvent.parse>) {
    const { store } = this.options;
    if (!p.ref.startsWith('refs/heads/')) {
      return `push to ${p.ref}: only branch pushes are used`;
    }
    const branch = p.ref.slice('refs/heads/'.length);
    const { repository } = repositoryOf(p.repository);
    const now = this.now();
    const out: DeliveryEventInput[] = [];
    const branchChanged = await store.branches.push(
      repository,
      branch,
      {
        deleted: p.deleted,
        commits: p.commits.map(c => ({
          timestamp: ms(c.timestamp),
          paths: [
            ...(c.added ?? []),
            ...(c.modified ?? []),
            ...(c.removed ?? []),
          ],
        })),
      },
      now,
    );
    if (branchChanged) {
      const prs = await store.pullRequests.withHead(repository, branch);
      out.push(
        ...(await this.mapPullRequests(
          repository,
          prs.map(pr => pr.snapshot.number),
        )),
      );
    }
    if (branch === p.repository.default_branch && !p.deleted) {
      const recorded = await store.pushes.record(
        repository,
        {
          before: p.before.toLowerCase(),
          after: p.after.toLowerCase(),
          forced: p.forced,
          commits: p.commits.map(c => c.id.toLowerCase()),
        },
        now,
      );
      // Its commits, for ownership reports without a clone (merge commits left out, as in a clone's).
      await store.commits.record(
        repository,
        p.commits
          .filter(
            c =>
              !/^Merge (pull request|branch|remote-tracking)/.test(
                c.message ?? '',
              ),
          )
          .map(c => ({
            sha: c.id.toLowerCase(),
            author: authorOf(c.author),
            authoredAt: ms(c.timestamp),
            added: c.added ?? [],
            modified: c.modified ?? [],
            removed: c.removed ?? [],
          })),
      );
      if (recorded) {
        for (const d of await store.deployments.unresolved(repository)) {
          out.push(await this.mapDeployment(d));
        }
      }
    }
    return out.length ? out : `push to ${branch}: nothing new`;
  }

  private async mapDeployment(d: DeploymentState) {
    const { store } = this.options;
    const previous =
      d.result === 'success'
        ? await store.deployments.adjacentSuccessful(d, 'previous')
        : undefined;
    // The first successful deployment Cairn sees ships only its own commit: no old history.
    const shipped = previous
      ? await store.pushes.commitsBetween(
          d.repository,
          previous.snapshot.sha,
          d.snapshot.sha,
        )
      : undefined;
    if (d.result === 'success') {
      await store.deployments.setRangeResolved(
        d,
        !previous || shipped !== undefined,
      );
    }
    return mapDeployment(d, shipped, previous?.version ?? 0);
  }

  private async deployment(
    p: ReturnType<typeof deploymentEvent.parse>,
    status: DeploymentStatus | undefined,
  ) {
    const { store, ingestor } = this.options;
    const { repository, fullName } = repositoryOf(p.repository);
    const { component, trigger } = deploymentPayload(p.deployment.payload);
    const snapshot: DeploymentSnapshot = {
      id: `${fullName}/deployments/${p.deployment.id}`,
      environment: p.deployment.environment,
      sha: p.deployment.sha.toLowerCase(),
      createdAt: ms(p.deployment.created_at),
      updatedAt: ms(p.deployment.updated_at ?? p.deployment.created_at),
      component,
      trigger,
    };
    const state = await store.deployments.save(
      repository,
      p.deployment.id,
      snapshot,
      ingestor.environmentKey(snapshot.environment),
      status,
      this.now(),
    );
    const out = [await this.mapDeployment(state)];
    // The next successful deployment's range starts at this one if it arrived out of order.
    const next = await store.deployments.adjacentSuccessful(state, 'next');
    if (next && state.result === 'success')
      out.push(await this.mapDeployment(next));
    return out;
  }

  private issue(p: ReturnType<typeof issuesEvent.parse>) {
    const issue = p.issue as typeof p.issue & { pull_request?: unknown };
    if (issue.pull_request) {
      return `issues ${p.action} on pull request #${issue.number}: pull requests are changes, not incidents`;
    }
    if (p.action === 'deleted' || p.action === 'transferred') {
      return `issues ${p.action}: #${issue.number} keeps the incident it may have been`;
    }
    const repository = repositoryOf(p.repository);
    const incident = mapIssue(
      {
        number: issue.number,
        title: issue.title,
        url: issue.html_url,
        state: issue.state,
        createdAt: ms(issue.created_at),
        updatedAt: ms(issue.updated_at),
        closedAt: issue.closed_at ? ms(issue.closed_at) : null,
        labels: (issue.labels ?? []).map(l =>
          typeof l === 'string' ? l : l.name,
        ),
      },
      repository,
      this.options.config.incidents,
    );
    if (!incident) {
      return `issues ${p.action}: #${issue.number} in ${
        repository.fullName
      } has no incident label (${this.options.config.incidents.labels.join(
        ', ',
      )})`;
    }
    return [incident];
  }
}

/**
 * A pushed commit's author as ownership matches people: the e-mail address, or the GitHub login when
 * the address is GitHub's no-reply one (users match it through github.com/user-login).
 */
function authorOf(author: { email?: string; username?: string } | undefined) {
  const email = author?.email?.trim().toLowerCase() ?? '';
  if (
    (!email || email.endsWith('@users.noreply.github.com')) &&
    author?.username
  )
    return author.username.toLowerCase();
  return email || 'unknown';
}
