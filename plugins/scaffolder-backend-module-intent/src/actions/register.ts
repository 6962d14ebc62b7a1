import {
  describeDiff,
  environmentEntityRef,
  RegisterEnvironmentResponse,
} from '@cairn/plugin-intent-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import {
  initiatorToken,
  IntentActionOptions,
  rethrowTyped,
} from './intentCaller';
import { examples } from './register.examples';
import { withOutputExamples } from './outputExamples';

/**
 * `cairn:environment:register`: records the planned environment in the intent backend, on behalf of the
 * task's initiator (the requester). The backend plans the intent again and stores intent, plan, cost,
 * policy report, PLAN.md and bundle; production starts `awaiting-approval` until someone else with
 * `intent.environment.approve` approves it. Idempotent under task retries: a checkpoint keeps the first
 * answer, and the backend returns the environment the task's key registered first.
 */
export function createRegisterAction(options: IntentActionOptions) {
  const action = createTemplateAction({
    id: 'cairn:environment:register',
    description:
      'Registers a planned environment in the intent backend (production waits for approval)',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        intent: z =>
          z
            .union([z.string(), z.record(z.any())])
            .describe(
              'The intent as planned (the same as cairn:intent:plan got)',
            ),
        plannedAt: z =>
          z.string().describe("cairn:intent:plan's output plannedAt"),
        bundleSha256: z =>
          z.string().describe("cairn:intent:plan's output bundleSha256"),
        system: z =>
          z
            .string()
            .optional()
            .describe('The system the environment belongs to (entity ref)'),
        reviewUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'Where it is reviewed, e.g. the pull request with the bundle',
            ),
        basedOnRevision: z =>
          z
            .number()
            .optional()
            .describe(
              "For a change: cairn:intent:plan's output changesRevision; refused when the environment moved on since",
            ),
        change: z =>
          z
            .boolean()
            .optional()
            .describe(
              'A day-2 change: a live environment of the same name and kind gets the intent as its next version (production after approval) instead of a conflict',
            ),
      },
      output: {
        environmentId: z => z.string(),
        status: z =>
          z.string().describe('active, or awaiting-approval for production'),
        entityRef: z =>
          z
            .string()
            .describe('The catalog Resource the environment appears as'),
        expiresAt: z => z.string().optional(),
        created: z =>
          z
            .boolean()
            .describe(
              'False when a retry found it registered already, or a change changed nothing',
            ),
        revision: z =>
          z
            .number()
            .optional()
            .describe('For a change: the version it made (or the live one)'),
        revisionStatus: z =>
          z
            .string()
            .optional()
            .describe('For a change: applied, or awaiting-approval'),
      },
    },
    async handler(ctx) {
      // The template editor's dry run: nothing is registered, and nothing pretends it was (no id, no
      // catalog Resource, so the template's links to them are left out).
      if (ctx.isDryRun) {
        ctx.logger.info('Dry run: the environment is not registered');
        ctx.output('environmentId', '');
        ctx.output('status', 'dry run: not registered');
        ctx.output('entityRef', '');
        ctx.output('created', false);
        return;
      }
      const registered = (await ctx.checkpoint({
        key: `register-${ctx.input.bundleSha256}`,
        fn: async () => {
          try {
            const token = await initiatorToken(options.auth, ctx);
            const result = await options.client.registerEnvironment(
              {
                intent: ctx.input.intent,
                plannedAt: ctx.input.plannedAt,
                bundleSha256: ctx.input.bundleSha256,
                system: ctx.input.system || undefined,
                reviewUrl: ctx.input.reviewUrl || undefined,
                ...(ctx.input.change
                  ? {
                      change: true,
                      basedOnRevision: ctx.input.basedOnRevision || undefined,
                    }
                  : {}),
                taskId: ctx.task.id,
                idempotencyKey: `${ctx.task.id}/${ctx.step?.id ?? 'register'}`,
              },
              { token },
            );
            return result as unknown as JsonObject;
          } catch (error) {
            return rethrowTyped(error);
          }
        },
      })) as unknown as RegisterEnvironmentResponse;
      const { environment, created, revision } = registered;
      if (revision) {
        ctx.logger.info(
          `Environment ${environment.id} (${environment.name}, ${
            environment.environment
          }): ${
            created
              ? `version ${revision.revision} is ${revision.status}`
              : `version ${revision.revision} is ${revision.status} (no new version: an earlier attempt of this task made it, or the intent changes nothing)`
          }`,
        );
        if (revision.diff) ctx.logger.info(describeDiff(revision.diff));
        if (revision.status === 'awaiting-approval') {
          ctx.logger.info(
            `The change waits for approval by a holder of intent.environment.approve other than ${revision.requester}: the "Approve a production environment" template, environment id ${environment.id}`,
          );
        }
      } else {
        ctx.logger.info(
          `Environment ${environment.id} (${environment.name}, ${
            environment.environment
          }) is ${environment.status}${
            created ? '' : ' (registered by an earlier attempt of this task)'
          }`,
        );
      }
      if (!revision && environment.status === 'awaiting-approval') {
        ctx.logger.info(
          `Production waits for approval by a holder of intent.environment.approve other than ${environment.requester}: the "Approve a production environment" template, environment id ${environment.id}`,
        );
      }
      ctx.output('environmentId', environment.id);
      ctx.output('status', environment.status);
      ctx.output('entityRef', environmentEntityRef(environment));
      if (environment.expiresAt) ctx.output('expiresAt', environment.expiresAt);
      ctx.output('created', created);
      if (revision) {
        ctx.output('revision', revision.revision);
        ctx.output('revisionStatus', revision.status);
      }
    },
  });
  return withOutputExamples(action, {
    environmentId: '6b1f0c2e-3d4a-4f5b-8c6d-7e8f9a0b1c2d',
    status: 'active',
    entityRef: 'resource:default/checkout-api-dev',
    created: true,
  });
}
