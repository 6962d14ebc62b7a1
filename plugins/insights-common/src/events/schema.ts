import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';

/*
 * The delivery data contract (docs/DESIGN.md, "Delivery data"): every source (the REST batch, CDEvents,
 * GitHub webhooks) maps into these four event types. Unknown fields are rejected rather than dropped,
 * so a misspelt field is a 400 naming it, never silent loss.
 */

const TIMESTAMP_HINT =
  'an ISO 8601 timestamp with a time zone, e.g. 2026-03-01T12:00:00Z';

const timestamp = z.iso.datetime({
  offset: true,
  error: `must be ${TIMESTAMP_HINT}`,
});
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });
const sha = z
  .string()
  .regex(/^[0-9a-fA-F]{7,64}$/, {
    error: 'must be a commit SHA (7 to 64 hexadecimal characters)',
  })
  .transform(s => s.toLowerCase());
const url = z.url({ error: 'must be an absolute URL' }).max(2048);

/** An event identity: an id from the same source as the referring event, or an explicit source and id. */
export const eventReferenceSchema = z.union(
  [text(255), z.object({ source: text(64), id: text(255) }).strict()],
  { error: 'must be an event id or an object { source, id }' },
);

const identity = {
  /** Who reported the event: `api`, `github`, `cdevents`, or your CI system's name. */
  source: text(64),
  /** The event's id within its source. The same (source, id) is the same real-world thing. */
  id: text(255),
  /** When the source last changed this record; a later updatedAt wins, an earlier one is ignored. */
  updatedAt: timestamp.optional(),
};

/**
 * A catalog entity reference (`component:default/checkout`) or a component name (`checkout`);
 * the full reference it stands for is kept in 255 characters.
 */
const componentRef = text(255).superRefine((value, ctx) => {
  let ref: string;
  try {
    ref = stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    ctx.addIssue({
      code: 'custom',
      message:
        'must be an entity reference (component:default/checkout) or a component name (checkout)',
    });
    return;
  }
  if (ref.length > 255) {
    ctx.addIssue({
      code: 'custom',
      message: `names ${ref.slice(0, 40)}…, longer than 255 characters`,
    });
  }
});
/** A repository as `host/owner/name` or its URL. */
const repository = text(512);

/** A finished deployment or run says how it ended, and a result needs its finish. */
function requireResultWithFinish(
  event: { result?: string; finishedAt?: string },
  ctx: z.RefinementCtx,
  results: string,
) {
  if (event.result && !event.finishedAt) {
    ctx.addIssue({
      code: 'custom',
      path: ['finishedAt'],
      message: 'is required when result is set',
    });
  }
  if (event.finishedAt && !event.result) {
    ctx.addIssue({
      code: 'custom',
      path: ['result'],
      message: `is required when finishedAt is set (${results})`,
    });
  }
}

export const deploymentEventSchema = z
  .object({
    type: z.literal('deployment'),
    ...identity,
    component: componentRef.optional(),
    repository: repository.optional(),
    environment: text(255),
    name: text(512).optional(),
    version: text(255).optional(),
    commit: sha.optional(),
    startedAt: timestamp.optional(),
    finishedAt: timestamp.optional(),
    result: z.enum(['success', 'failure']).optional(),
    trigger: z.enum(['normal', 'rollback', 'hotfix', 'revert']).optional(),
    fixes: eventReferenceSchema.optional(),
    fixesIncident: eventReferenceSchema.optional(),
    automated: z.boolean().optional(),
    changes: z.array(eventReferenceSchema).max(5000).optional(),
    commits: z.array(sha).max(20000).optional(),
    url: url.optional(),
  })
  .strict()
  .superRefine((event, ctx) => {
    requireResultWithFinish(event, ctx, 'success or failure');
    if (
      event.startedAt &&
      event.finishedAt &&
      Date.parse(event.finishedAt) < Date.parse(event.startedAt)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['finishedAt'],
        message: 'must not be before startedAt',
      });
    }
  });

export const changeEventSchema = z
  .object({
    type: z.literal('change'),
    ...identity,
    repository,
    component: componentRef.optional(),
    number: z.int().positive().optional(),
    title: text(1024).optional(),
    url: url.optional(),
    author: text(255).optional(),
    firstCommitAt: timestamp.optional(),
    openedAt: timestamp.optional(),
    firstReviewAt: timestamp.optional(),
    /** Who gave the first review (a login or an e-mail address): review concentration. */
    firstReviewer: text(255).optional(),
    mergedAt: timestamp.optional(),
    mergeCommit: sha.optional(),
    closedAt: timestamp.optional(),
    changedPaths: z.array(text(1024)).max(20000).optional(),
  })
  .strict()
  .superRefine((event, ctx) => {
    if (event.firstReviewer && !event.firstReviewAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['firstReviewAt'],
        message: 'is required when firstReviewer is set',
      });
    }
    if (event.mergeCommit && !event.mergedAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['mergedAt'],
        message: 'is required when mergeCommit is set',
      });
    }
  });

export const incidentEventSchema = z
  .object({
    type: z.literal('incident'),
    ...identity,
    component: componentRef.optional(),
    repository: repository.optional(),
    environment: text(255).default('production'),
    severity: text(64).optional(),
    title: text(1024).optional(),
    url: url.optional(),
    detectedAt: timestamp,
    resolvedAt: timestamp.optional(),
    causedBy: z
      .object({
        deployment: eventReferenceSchema.optional(),
        version: text(255).optional(),
        commit: sha.optional(),
      })
      .strict()
      .refine(c => c.deployment || c.version || c.commit, {
        error: 'must name a deployment, a version or a commit',
      })
      .optional(),
  })
  .strict()
  .superRefine((event, ctx) => {
    if (
      event.resolvedAt &&
      Date.parse(event.resolvedAt) < Date.parse(event.detectedAt)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolvedAt'],
        message: 'must not be before detectedAt',
      });
    }
  });

/** A test that failed in a pipeline run: its suite (a JUnit testsuite or class) and name. */
export const testFailureSchema = z
  .object({
    suite: text(512).optional(),
    name: text(1024),
    message: text(2000).optional(),
  })
  .strict();

/**
 * What a run's tests came to: counts, and the tests that failed (a JUnit report summarised; the
 * README's "Pipeline runs" shows how). Passing tests are counted, not listed.
 */
export const testResultsSchema = z
  .object({
    passed: z.int().min(0).max(10_000_000),
    failed: z.int().min(0).max(10_000_000),
    skipped: z.int().min(0).max(10_000_000).optional(),
    failures: z.array(testFailureSchema).max(1000).optional(),
  })
  .strict()
  .superRefine((tests, ctx) => {
    if ((tests.failures?.length ?? 0) > tests.failed) {
      ctx.addIssue({
        code: 'custom',
        path: ['failures'],
        message: `lists ${tests.failures!.length} failed test${
          tests.failures!.length === 1 ? '' : 's'
        }, more than failed (${tests.failed})`,
      });
    }
  });

/**
 * One run of a CI pipeline (a GitHub workflow run, a Jenkins build, a Tekton PipelineRun) on one
 * commit: when it was queued, started and finished, and how its tests went. Ties to a component like a
 * deployment (component, or repository).
 */
export const pipelineRunEventSchema = z
  .object({
    type: z.literal('pipelineRun'),
    ...identity,
    component: componentRef.optional(),
    repository: repository.optional(),
    /** The pipeline's name (a workflow, a job): runs of one pipeline are compared with each other. */
    pipeline: text(255),
    /** The commit the run built. */
    commit: sha,
    branch: text(255).optional(),
    /** What the run built: the default branch, a pull request, or another branch or tag. */
    kind: z.enum(['defaultBranch', 'pullRequest', 'other']),
    /** 1 for the first run on this commit, 2 for the first rerun, … (informational). */
    attempt: z.int().min(1).max(1000).optional(),
    queuedAt: timestamp.optional(),
    startedAt: timestamp.optional(),
    finishedAt: timestamp.optional(),
    result: z.enum(['success', 'failure', 'cancelled']).optional(),
    url: url.optional(),
    tests: testResultsSchema.optional(),
  })
  .strict()
  .superRefine((event, ctx) => {
    requireResultWithFinish(event, ctx, 'success, failure or cancelled');
    const order: Array<'queuedAt' | 'startedAt' | 'finishedAt'> = [
      'queuedAt',
      'startedAt',
      'finishedAt',
    ];
    for (let i = 1; i < order.length; i++) {
      const later = event[order[i]];
      if (!later) continue;
      for (let j = i - 1; j >= 0; j--) {
        const earlier = event[order[j]];
        if (!earlier) continue;
        if (Date.parse(later) < Date.parse(earlier)) {
          ctx.addIssue({
            code: 'custom',
            path: [order[i]],
            message: `must not be before ${order[j]}`,
          });
        }
        break;
      }
    }
  });

export const deliveryEventSchema = z.discriminatedUnion(
  'type',
  [
    deploymentEventSchema,
    changeEventSchema,
    incidentEventSchema,
    pipelineRunEventSchema,
  ],
  { error: "must be one of 'deployment', 'change', 'incident', 'pipelineRun'" },
);

export type EventReference = z.infer<typeof eventReferenceSchema>;
export type DeploymentEvent = z.infer<typeof deploymentEventSchema>;
export type ChangeEvent = z.infer<typeof changeEventSchema>;
export type IncidentEvent = z.infer<typeof incidentEventSchema>;
export type PipelineRunEvent = z.infer<typeof pipelineRunEventSchema>;
export type TestResults = z.infer<typeof testResultsSchema>;
export type DeliveryEvent = z.infer<typeof deliveryEventSchema>;
/** What a caller sends (before defaults are applied). */
export type DeliveryEventInput = z.input<typeof deliveryEventSchema>;
