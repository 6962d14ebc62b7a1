import { DeliveryEventInput } from '@cairn/plugin-insights-common';
import { GITHUB_SOURCE } from './mapPullRequest';
import { repositoryOf } from './repositoryOf';
import {
  CheckRunPayload,
  WorkflowJobPayload,
  WorkflowRunPayload,
} from '../webhook/payloads';

/*
 * GitHub's CI webhooks as pipeline runs (docs/DESIGN.md, "Delivery data" and "CI health"). Each delivery
 * carries the whole run, so each maps alone; a later delivery of the same run replaces the earlier one
 * (GitHub's `updated_at`, or the lifecycle: queued, started, finished).
 */

type Result = 'success' | 'failure' | 'cancelled';

/**
 * The later of two timestamps: GitHub's own can disagree by seconds (a run updated before its attempt
 * started, a job started before it was created), and a run never ends before it starts.
 */
const notBefore = (time: string, earlier: string | null | undefined) =>
  earlier && Date.parse(earlier) > Date.parse(time) ? earlier : time;

/** A GitHub conclusion as a result: success; failure (failure, timed out, startup failure); else cancelled. */
function resultOf(conclusion: string | null | undefined): Result {
  if (conclusion === 'success') return 'success';
  if (
    conclusion === 'failure' ||
    conclusion === 'timed_out' ||
    conclusion === 'startup_failure'
  )
    return 'failure';
  // cancelled, skipped, neutral, stale, action_required: not a verdict on the commit.
  return 'cancelled';
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/**
 * A workflow run attempt: pipeline = the workflow's name; a push to the default branch is a
 * default-branch run, a pull request's run a pull request's, anything else (schedules, manual
 * dispatches, other branches, merge queues) other. Started when the attempt was requested
 * (`run_started_at`): GitHub says no more for the run, so its duration includes its jobs' waits, which
 * the jobs report as queue time.
 */
export function mapWorkflowRun(p: WorkflowRunPayload): DeliveryEventInput {
  const run = p.workflow_run;
  const { repository, fullName } = repositoryOf(p.repository);
  const attempt = run.run_attempt ?? 1;
  let kind: 'defaultBranch' | 'pullRequest' | 'other' = 'other';
  if (PULL_REQUEST_EVENTS.has(run.event)) kind = 'pullRequest';
  else if (
    run.event === 'push' &&
    run.head_branch !== null &&
    run.head_branch === p.repository.default_branch
  )
    kind = 'defaultBranch';
  const completed = run.status === 'completed';
  const startedAt = run.run_started_at ?? run.created_at;
  return {
    type: 'pipelineRun',
    source: GITHUB_SOURCE,
    id: `${fullName}/actions/runs/${run.id}/attempts/${attempt}`,
    repository,
    pipeline: (run.name || p.workflow?.name || `workflow ${run.workflow_id}`)
      .trim()
      .slice(0, 255),
    commit: run.head_sha,
    ...(run.head_branch ? { branch: run.head_branch.slice(0, 255) } : {}),
    kind,
    attempt,
    startedAt,
    ...(completed
      ? {
          finishedAt: notBefore(run.updated_at, startedAt),
          result: resultOf(run.conclusion),
        }
      : {}),
    url: run.html_url,
    updatedAt: run.updated_at,
  };
}

/**
 * A job of a workflow run: pipeline = "workflow / job", queued when created, started when a runner
 * took it. The payload does not say what triggered the workflow: a job on the default branch is a
 * default-branch run, any other an other run.
 */
export function mapWorkflowJob(p: WorkflowJobPayload): DeliveryEventInput {
  const job = p.workflow_job;
  const { repository, fullName } = repositoryOf(p.repository);
  const started = job.status === 'in_progress' || job.status === 'completed';
  const finished = job.status === 'completed' && job.completed_at;
  const startedAt =
    started && job.started_at
      ? notBefore(job.started_at, job.created_at)
      : null;
  const name = job.workflow_name
    ? `${job.workflow_name} / ${job.name}`
    : job.name;
  return {
    type: 'pipelineRun',
    source: GITHUB_SOURCE,
    id: `${fullName}/actions/jobs/${job.id}`,
    repository,
    pipeline: name.trim().slice(0, 255),
    commit: job.head_sha,
    ...(job.head_branch ? { branch: job.head_branch.slice(0, 255) } : {}),
    kind:
      job.head_branch && job.head_branch === p.repository.default_branch
        ? 'defaultBranch'
        : 'other',
    ...(job.run_attempt ? { attempt: job.run_attempt } : {}),
    ...(job.created_at ? { queuedAt: job.created_at } : {}),
    ...(startedAt ? { startedAt } : {}),
    ...(finished
      ? {
          finishedAt: notBefore(job.completed_at!, startedAt ?? job.created_at),
          result: resultOf(job.conclusion),
        }
      : {}),
    url: job.html_url,
  };
}

/**
 * A check run of another CI system (GitHub Actions' own check runs are its jobs, read from
 * `workflow_job`): pipeline = the check's name; a pull request's when it names one, a default-branch
 * run when its suite ran on the default branch, else other. Null for GitHub Actions' check runs.
 */
export function mapCheckRun(p: CheckRunPayload): DeliveryEventInput | null {
  const check = p.check_run;
  if (check.app?.slug === 'github-actions') return null;
  const { repository, fullName } = repositoryOf(p.repository);
  const branch = check.check_suite?.head_branch ?? null;
  let kind: 'defaultBranch' | 'pullRequest' | 'other' = 'other';
  if ((check.pull_requests ?? []).length > 0) kind = 'pullRequest';
  else if (branch && branch === p.repository.default_branch)
    kind = 'defaultBranch';
  const started =
    check.status === 'in_progress' || check.status === 'completed';
  const finished = check.status === 'completed' && check.completed_at;
  return {
    type: 'pipelineRun',
    source: GITHUB_SOURCE,
    id: `${fullName}/check-runs/${check.id}`,
    repository,
    pipeline: check.name.trim().slice(0, 255),
    commit: check.head_sha,
    ...(branch ? { branch: branch.slice(0, 255) } : {}),
    kind,
    ...(started && check.started_at ? { startedAt: check.started_at } : {}),
    ...(finished
      ? {
          finishedAt: notBefore(
            check.completed_at!,
            started ? check.started_at : null,
          ),
          result: resultOf(check.conclusion),
        }
      : {}),
    ...(check.html_url ? { url: check.html_url } : {}),
  };
}
