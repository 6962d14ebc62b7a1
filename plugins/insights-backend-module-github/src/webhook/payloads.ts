import { InputError } from '@backstage/errors';
import { z } from 'zod';

/*
 * The parts of GitHub's webhook payloads the module reads (docs.github.com, "Webhook events and
 * payloads"). Objects are open: GitHub adds fields over time, and only what is read is checked.
 */

const timestamp = z
  .string({ error: 'must be a timestamp' })
  .refine(v => !Number.isNaN(Date.parse(v)), {
    error: 'must be an ISO 8601 timestamp',
  });
const sha = z.string().regex(/^[0-9a-f]{7,64}$/i, {
  error: 'must be a commit SHA',
});
const user = z.object({ login: z.string() }).loose().nullable().optional();

const repository = z
  .object({
    full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/, {
      error: 'must be owner/name',
    }),
    html_url: z.url({ error: 'must be a URL' }),
    default_branch: z.string().optional(),
  })
  .loose();

const pullRequest = z
  .object({
    number: z.int().positive(),
    html_url: z.url(),
    title: z.string(),
    user,
    created_at: timestamp,
    updated_at: timestamp,
    closed_at: timestamp.nullable(),
    merged_at: timestamp.nullable(),
    merge_commit_sha: sha.nullable().optional(),
    head: z
      .object({
        ref: z.string(),
        repo: z.object({ full_name: z.string() }).loose().nullable(),
      })
      .loose(),
  })
  .loose();

export const pullRequestEvent = z
  .object({ action: z.string(), pull_request: pullRequest, repository })
  .loose();

export const pullRequestReviewEvent = z
  .object({
    action: z.string(),
    review: z
      .object({
        user,
        submitted_at: timestamp.nullable().optional(),
        state: z.string(),
      })
      .loose(),
    pull_request: pullRequest,
    repository,
  })
  .loose();

export const pushEvent = z
  .object({
    ref: z.string(),
    before: sha,
    after: sha,
    deleted: z.boolean(),
    forced: z.boolean(),
    commits: z.array(
      z
        .object({
          id: sha,
          timestamp,
          message: z.string().optional(),
          author: z
            .object({
              email: z.string().optional(),
              username: z.string().optional(),
            })
            .loose()
            .optional(),
          added: z.array(z.string()).optional(),
          modified: z.array(z.string()).optional(),
          removed: z.array(z.string()).optional(),
        })
        .loose(),
    ),
    repository: repository.extend({ default_branch: z.string() }),
  })
  .loose();

const deployment = z
  .object({
    id: z.int().positive(),
    sha,
    environment: z.string().min(1),
    created_at: timestamp,
    updated_at: timestamp.optional(),
    payload: z.unknown().optional(),
  })
  .loose();

export const deploymentEvent = z
  .object({ action: z.string(), deployment, repository })
  .loose();

export const deploymentStatusEvent = z
  .object({
    action: z.string(),
    deployment_status: z
      .object({
        id: z.int().positive(),
        state: z.string(),
        created_at: timestamp,
        target_url: z.string().nullable().optional(),
        log_url: z.string().nullable().optional(),
      })
      .loose(),
    deployment,
    repository,
  })
  .loose();

export const issuesEvent = z
  .object({
    action: z.string(),
    issue: z
      .object({
        number: z.int().positive(),
        title: z.string(),
        html_url: z.url(),
        state: z.string().optional(),
        created_at: timestamp,
        updated_at: timestamp,
        closed_at: timestamp.nullable(),
        labels: z
          .array(z.union([z.object({ name: z.string() }).loose(), z.string()]))
          .optional(),
      })
      .loose(),
    repository,
  })
  .loose();

export const workflowRunEvent = z
  .object({
    action: z.string(),
    workflow_run: z
      .object({
        id: z.int().positive(),
        name: z.string().nullable().optional(),
        workflow_id: z.int().optional(),
        head_sha: sha,
        head_branch: z.string().nullable(),
        event: z.string(),
        status: z.string().nullable(),
        conclusion: z.string().nullable(),
        run_attempt: z.int().positive().optional(),
        created_at: timestamp,
        updated_at: timestamp,
        run_started_at: timestamp.optional(),
        html_url: z.url(),
      })
      .loose(),
    workflow: z.object({ name: z.string() }).loose().nullable().optional(),
    repository,
  })
  .loose();

export const workflowJobEvent = z
  .object({
    action: z.string(),
    workflow_job: z
      .object({
        id: z.int().positive(),
        name: z.string().min(1),
        workflow_name: z.string().nullable().optional(),
        head_sha: sha,
        head_branch: z.string().nullable().optional(),
        run_attempt: z.int().positive().optional(),
        status: z.string(),
        conclusion: z.string().nullable(),
        // Older deliveries have no created_at: no queue time for them.
        created_at: timestamp.optional(),
        started_at: timestamp.nullable(),
        completed_at: timestamp.nullable(),
        html_url: z.url(),
      })
      .loose(),
    repository,
  })
  .loose();

export const checkRunEvent = z
  .object({
    action: z.string(),
    check_run: z
      .object({
        id: z.int().positive(),
        name: z.string().min(1),
        head_sha: sha,
        status: z.string(),
        conclusion: z.string().nullable(),
        started_at: timestamp.nullable().optional(),
        completed_at: timestamp.nullable().optional(),
        html_url: z.url().nullable().optional(),
        app: z
          .object({ slug: z.string().optional() })
          .loose()
          .nullable()
          .optional(),
        check_suite: z
          .object({ head_branch: z.string().nullable() })
          .loose()
          .nullable()
          .optional(),
        pull_requests: z.array(z.unknown()).optional(),
      })
      .loose(),
    repository,
  })
  .loose();

export type WorkflowRunPayload = z.infer<typeof workflowRunEvent>;
export type WorkflowJobPayload = z.infer<typeof workflowJobEvent>;
export type CheckRunPayload = z.infer<typeof checkRunEvent>;
export type PullRequestPayload = z.infer<typeof pullRequest>;
export type RepositoryPayload = z.infer<typeof repository>;

/** A payload that is not JSON or lacks what its event must carry: 400. */
export class InvalidPayloadError extends InputError {}

/** Validates a payload, naming every field that is missing or wrong in a 400. */
export function parsePayload<T extends z.ZodType>(
  event: string,
  schema: T,
  body: unknown,
): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const valueAt = (path: ReadonlyArray<PropertyKey>) => {
    let value: unknown = body;
    for (const key of path) {
      if (typeof value !== 'object' || value === null) return undefined;
      value = (value as Record<PropertyKey, unknown>)[key];
    }
    return value;
  };
  const problems = result.error.issues.map(issue => {
    const message =
      issue.code === 'invalid_type' && valueAt(issue.path) === undefined
        ? 'is required'
        : issue.message;
    const path = issue.path
      .map((k, i) =>
        typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`,
      )
      .join('');
    return `${path || 'payload'}: ${message}`;
  });
  throw new InvalidPayloadError(
    `Invalid ${event} payload: ${problems.slice(0, 10).join('; ')}`,
  );
}
