import {
  EnvironmentResource,
  IntentApi,
  ResourceState,
} from '@cairn/plugin-intent-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import {
  initiatorToken,
  IntentActionOptions,
  rethrowTyped,
} from './intentCaller';
import { examples } from './provision.examples';
import { withOutputExamples } from './outputExamples';

/** States that end the wait: the resource works, or it is not Cairn's to provision. */
const SETTLED: ResourceState[] = ['healthy', 'awaiting-provisioner'];

const summarize = (r: EnvironmentResource) =>
  `${r.service}: ${r.state}${r.detail ? ` (${r.detail})` : ''}`;

/**
 * `cairn:environment:provision`: asks the intent backend to apply the environment's data services with
 * the provisioners the platform configured for its kind, and waits until each is healthy, or fails with
 * the reasons. The backend generates and keeps the credentials; nothing secret reaches the task, its log
 * or the workspace (owners fetch them from the environment page). Idempotent: the backend re-applies
 * with the same logins, and a checkpoint keeps the first success.
 */
export function createProvisionAction(
  options: IntentActionOptions & {
    /** Pause between attempts while waiting; tests shorten it. */
    pollMs?: number;
  },
) {
  const action = createTemplateAction({
    id: 'cairn:environment:provision',
    description:
      "Provisions a registered environment's data services on the platform's shared infrastructure and waits until they are healthy",
    examples,
    schema: {
      input: {
        environmentId: z =>
          z
            .string()
            .min(1)
            .describe("cairn:environment:register's output environmentId"),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(1)
            .max(1800)
            .optional()
            .describe(
              'How long to wait for every resource to be healthy; default 120',
            ),
      },
      output: {
        resources: z =>
          z
            .array(
              z.object({
                service: z.string(),
                state: z.string(),
                provisioner: z.string().optional(),
                host: z.string().optional(),
                port: z.number().optional(),
                database: z.string().optional(),
                keyPrefix: z.string().optional(),
                username: z.string().optional(),
                detail: z.string().optional(),
              }),
            )
            .describe('Each data service and where it stands (no secrets)'),
        healthy: z =>
          z
            .array(z.string())
            .describe('The services provisioned here and healthy'),
        awaiting: z =>
          z
            .array(z.string())
            .describe(
              "The services left to the environment's reviewed pipeline",
            ),
      },
    },
    async handler(ctx) {
      const { environmentId } = ctx.input;
      const deadline = Date.now() + (ctx.input.timeoutSeconds ?? 120) * 1000;
      const pollMs = options.pollMs ?? 2000;
      const resources = (await ctx.checkpoint({
        key: `provision-${environmentId}`,
        fn: async () => {
          for (let attempt = 1; ; attempt++) {
            const current = await provisionOnce(options.client, {
              token: await initiatorToken(options.auth, ctx),
              environmentId,
            });
            const unsettled = current.filter(r => !SETTLED.includes(r.state));
            if (unsettled.length === 0) {
              return current as unknown as JsonObject[];
            }
            if (Date.now() + pollMs > deadline) {
              throw new Error(
                `Environment ${environmentId} is not healthy after ${attempt} attempt(s): ${unsettled
                  .map(summarize)
                  .join('; ')}`,
              );
            }
            ctx.logger.info(
              `Attempt ${attempt}: ${current
                .map(summarize)
                .join('; ')}; trying again`,
            );
            await new Promise(r => setTimeout(r, pollMs));
          }
        },
      })) as unknown as EnvironmentResource[];
      for (const r of resources) ctx.logger.info(summarize(r));
      ctx.output(
        'resources',
        resources.map(r => ({
          service: r.service,
          state: r.state,
          provisioner: r.provisioner,
          host: r.host,
          port: r.port,
          database: r.database,
          keyPrefix: r.keyPrefix,
          username: r.username,
          detail: r.detail,
        })),
      );
      ctx.output(
        'healthy',
        resources.filter(r => r.state === 'healthy').map(r => r.service),
      );
      ctx.output(
        'awaiting',
        resources
          .filter(r => r.state === 'awaiting-provisioner')
          .map(r => r.service),
      );
    },
  });
  return withOutputExamples(action, {
    resources: [
      {
        service: 'postgres',
        state: 'healthy',
        provisioner: 'shared-postgres',
        host: 'postgres.platform.internal',
        port: 5432,
        database: 'cairn_env_storefront_pr_42_0a1b2c3d4e',
        username: 'cairn_env_storefront_pr_42_0a1b2c3d4e',
      },
    ],
    healthy: ['postgres'],
    awaiting: [],
  });
}

async function provisionOnce(
  client: IntentApi,
  request: { token: string; environmentId: string },
): Promise<EnvironmentResource[]> {
  try {
    return (
      await client.provisionEnvironment(request.environmentId, {
        token: request.token,
      })
    ).resources;
  } catch (error) {
    return rethrowTyped(error);
  }
}
