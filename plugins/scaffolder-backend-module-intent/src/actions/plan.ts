import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  canonicalSha256,
  CheckRequestResponse,
  describeDiff,
  evaluateIntent,
  renderBundle,
  renderEnvironmentFiles,
} from '@cairn/plugin-intent-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import {
  initiatorRef,
  initiatorToken,
  IntentActionOptions,
  rethrowTyped,
} from './intentCaller';
import { examples } from './plan.examples';
import { withOutputExamples } from './outputExamples';

const usd = (n: number) =>
  `$${n.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;

/**
 * `cairn:intent:plan`: plans an intent with the platform's data (policies, size catalog, prices from
 * the intent backend) for the task's initiator and writes the outputs into the workspace: the bundle
 * (Terraform JSON, Kubernetes manifests, bundle-manifest.json), plan.json, cost.json,
 * policy-report.json, PLAN.md and intent.yaml. Runs in dry runs too, so the template editor's dry run
 * is the plan preview. A deny policy that fails fails the task with the policy report.
 */
export function createPlanAction(options: IntentActionOptions) {
  const action = createTemplateAction({
    id: 'cairn:intent:plan',
    description:
      "Plans an environment intent with the platform's policies, sizes and prices, and writes the bundle, plan, cost, policy report and PLAN.md into the workspace",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        intent: z =>
          z
            .union([z.string(), z.record(z.any())])
            .describe(
              'The intent (apiVersion cairn.dev/v1alpha1, kind EnvironmentIntent), as an object or YAML text',
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to write into; default the workspace root',
            ),
        change: z =>
          z
            .boolean()
            .optional()
            .describe(
              'A day-2 change: also say what the intent changes in the live environment of its name and kind',
            ),
      },
      output: {
        intent: z =>
          z
            .record(z.any())
            .describe('The intent with defaults applied; pass it to register'),
        name: z => z.string().describe("The intent's metadata.name"),
        environment: z => z.string().describe('preview, dev, staging or prod'),
        owner: z => z.string(),
        requester: z => z.string(),
        passed: z => z.boolean().describe('The guardrails passed'),
        summary: z => z.string().describe('One line: cost, guardrails, expiry'),
        plannedAt: z =>
          z.string().describe('The time planned with; pass it to register'),
        intentSha256: z => z.string(),
        bundleSha256: z =>
          z.string().describe('One hash over the bundle; pass it to register'),
        platformVersion: z => z.string(),
        monthlyCostLowUsd: z => z.number(),
        monthlyCostHighUsd: z => z.number(),
        expiresAt: z => z.string().optional(),
        warnings: z => z.array(z.string()),
        files: z => z.array(z.string()).describe('Paths written'),
        changesRevision: z =>
          z
            .number()
            .optional()
            .describe(
              'With change: the live version the diff is against; pass it to register as basedOnRevision',
            ),
        changes: z =>
          z
            .string()
            .optional()
            .describe(
              'With change: what the intent changes in the live environment (Markdown), or that none exists',
            ),
      },
    },
    async handler(ctx) {
      const requester = await initiatorRef(ctx);
      let platform;
      let change: CheckRequestResponse['change'];
      try {
        const token = await initiatorToken(options.auth, ctx);
        platform = await options.client.getPlatformConfig({ token });
        // The owner and the approver against the catalog, as registration will: a plan for a team the
        // initiator is not in (or a group or approver that does not exist) fails here, not at the end.
        const { actingFor, change: found } = await options.client.checkRequest(
          ctx.input.intent,
          { token },
          { change: ctx.input.change },
        );
        change = found;
        if (actingFor)
          ctx.logger.info(
            `Requested by the platform team for ${actingFor}: it will be recorded.`,
          );
      } catch (error) {
        rethrowTyped(error);
      }
      const now = new Date();
      const evaluation = evaluateIntent(ctx.input.intent, platform.config, {
        requester,
        now,
      });
      const { intent, plan, cost, policies } = evaluation;
      const bundle = policies.passed
        ? renderBundle(plan, platform.config)
        : undefined;
      const files = renderEnvironmentFiles(evaluation, bundle);
      const root = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.targetPath ?? '.',
      );
      for (const file of files) {
        const path = resolveSafeChildPath(root, file.path);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, file.content, 'utf8');
      }
      const warnings = policies.warnings.map(
        w => `${w.policyId}: ${w.message}`,
      );
      if (!policies.passed) {
        const report = [...policies.violations, ...policies.errors]
          .map(r => `${r.policyId} (${r.status}): ${r.message}`)
          .join('\n');
        throw new InputError(
          `The guardrails blocked the plan for ${intent.metadata.name} (${intent.spec.environment}); policy-report.json and PLAN.md are in the workspace:\n${report}`,
        );
      }
      const summary = `${intent.metadata.name} (${
        intent.spec.environment
      }) for ${intent.metadata.owner}: ${usd(cost.totalLowUsd)}–${usd(
        cost.totalHighUsd,
      )} per month (${usd(cost.scales[0]?.totalHighUsd ?? 0)} at 10×, ${usd(
        cost.scales[1]?.totalHighUsd ?? 0,
      )} at 100×); guardrails passed with ${warnings.length} warning(s)${
        plan.expiresAt ? `; expires ${plan.expiresAt}` : ''
      }${
        intent.spec.environment === 'prod'
          ? '; production needs an approver other than the requester'
          : ''
      }`;
      ctx.logger.info(summary);
      for (const w of warnings) ctx.logger.warn(w);
      if (ctx.input.change) {
        const changes = change
          ? `Changes environment ${change.environmentId} from version ${
              change.revision
            }:\n${describeDiff(change.diff)}`
          : `No live ${intent.spec.environment} environment is named ${intent.metadata.name}: a new one will be registered.`;
        ctx.logger.info(changes);
        ctx.output('changes', changes);
        if (change) ctx.output('changesRevision', change.revision);
      }
      ctx.output('intent', intent as unknown as JsonObject);
      ctx.output('name', intent.metadata.name);
      ctx.output('environment', intent.spec.environment);
      ctx.output('owner', intent.metadata.owner);
      ctx.output('requester', requester ?? '');
      ctx.output('passed', policies.passed);
      ctx.output('summary', summary);
      ctx.output('plannedAt', now.toISOString());
      ctx.output('intentSha256', canonicalSha256(intent));
      ctx.output('bundleSha256', bundle!.manifest.sha256);
      ctx.output('platformVersion', platform.version);
      ctx.output('monthlyCostLowUsd', cost.totalLowUsd);
      ctx.output('monthlyCostHighUsd', cost.totalHighUsd);
      if (plan.expiresAt) ctx.output('expiresAt', plan.expiresAt);
      ctx.output('warnings', warnings);
      ctx.output(
        'files',
        files.map(f => f.path),
      );
    },
  });
  return withOutputExamples(action, {
    intent: {
      apiVersion: 'cairn.dev/v1alpha1',
      kind: 'EnvironmentIntent',
      metadata: {
        name: 'checkout-api',
        owner: 'group:default/checkout',
        costCentre: 'CC-4711',
      },
    },
    name: 'checkout-api',
    environment: 'dev',
    owner: 'group:default/checkout',
    requester: 'user:default/ada.okafor',
    passed: true,
    summary:
      'checkout-api (dev) for group:default/checkout: $180.5–$260.2 per month; guardrails passed with 0 warning(s)',
    plannedAt: '2026-11-22T10:00:00.000Z',
    intentSha256: '0'.repeat(64),
    bundleSha256: '0'.repeat(64),
    platformVersion: '0'.repeat(64),
    monthlyCostLowUsd: 180.5,
    monthlyCostHighUsd: 260.2,
    warnings: [],
    files: ['PLAN.md', 'plan.json', 'terraform/main.tf.json'],
  });
}
