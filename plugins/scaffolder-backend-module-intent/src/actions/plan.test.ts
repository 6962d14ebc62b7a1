import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '@backstage/errors';
import {
  BundleManifest,
  PolicyReport,
  sha256Hex,
} from '@cairn/plugin-intent-common';
import { parse } from 'yaml';
import {
  actionContext,
  runExample,
  startIntentBackend,
} from '../__testUtils__/intentTestBackend';
import { createPlanAction } from './plan';
import { examples } from './plan.examples';

jest.setTimeout(60_000);

const ADA = 'user:default/ada.okafor';

const intent = (overrides: Record<string, unknown> = {}) => ({
  apiVersion: 'cairn.dev/v1alpha1',
  kind: 'EnvironmentIntent',
  metadata: {
    name: 'checkout-api',
    owner: 'group:default/checkout',
    costCentre: 'CC-4711',
  },
  spec: {
    environment: 'staging',
    workload: { type: 'web-service' },
    services: ['postgres', 'redis'],
    target: { provider: 'aws', region: 'eu-west-1' },
    sizing: {
      level: 'outcome',
      expectedUsers: 2000,
      growth: 'stable',
      availability: 99.9,
      p95LatencyMs: 400,
    },
    ...overrides,
  },
});

describe('cairn:intent:plan', () => {
  let action: ReturnType<typeof createPlanAction>;

  beforeAll(async () => {
    action = createPlanAction(await startIntentBackend());
  });

  it('writes the bundle, plan, cost, policy report and PLAN.md, and outputs a summary', async () => {
    const { ctx, outputs } = actionContext({
      input: { intent: intent() },
      user: ADA,
    });
    await action.handler(ctx);
    const read = (path: string) =>
      readFile(join(ctx.workspacePath, path), 'utf8');

    const manifest = JSON.parse(
      await read('bundle-manifest.json'),
    ) as BundleManifest;
    expect(manifest.sha256).toBe(outputs.bundleSha256);
    for (const file of manifest.files) {
      expect(sha256Hex(await read(file.path))).toBe(file.sha256);
    }
    const planMd = await read('PLAN.md');
    expect(planMd).toMatch(/^# Plan for checkout-api/);
    expect(planMd).toMatch(/\| 10× \|/);
    expect(planMd).toMatch(/\| 100× \|/);
    expect(JSON.parse(await read('plan.json')).environment).toBe('staging');
    expect(JSON.parse(await read('cost.json')).scales).toHaveLength(2);
    expect(
      (JSON.parse(await read('policy-report.json')) as PolicyReport).passed,
    ).toBe(true);
    expect(parse(await read('intent.yaml')).metadata.name).toBe('checkout-api');

    expect(outputs).toMatchObject({
      name: 'checkout-api',
      environment: 'staging',
      owner: 'group:default/checkout',
      requester: ADA,
      passed: true,
      platformVersion: expect.stringMatching(/^[0-9a-f]{64}$/),
      files: expect.arrayContaining(['PLAN.md', 'terraform/main.tf.json']),
    });
    expect(outputs.summary).toMatch(
      /^checkout-api \(staging\) for group:default\/checkout: \$[\d,.]+–\$[\d,.]+ per month \(\$[\d,.]+ at 10×, \$[\d,.]+ at 100×\); guardrails passed/,
    );
    expect(outputs.monthlyCostLowUsd).toBeLessThanOrEqual(
      outputs.monthlyCostHighUsd as number,
    );
  });

  it('does the same in a dry run, so the template editor previews the plan', async () => {
    const { ctx, outputs } = actionContext({
      input: { intent: intent(), targetPath: 'preview' },
      user: ADA,
      isDryRun: true,
    });
    await action.handler(ctx);
    expect(outputs.passed).toBe(true);
    const planMd = await readFile(
      join(ctx.workspacePath, 'preview', 'PLAN.md'),
      'utf8',
    );
    expect(planMd).toMatch(/Guardrails: \*\*passed\*\*/);
  });

  it('fails the task with the policy report when a deny policy fails, leaving the report in the workspace', async () => {
    const { ctx, outputs } = actionContext({
      input: {
        intent: intent({
          environment: 'preview',
          services: [],
          sizing: { level: 'explicit', compute: { size: 'xlarge', count: 2 } },
          constraints: { ttlHours: 500 },
        }),
      },
      user: ADA,
    });
    const failure = action.handler(ctx);
    await expect(failure).rejects.toThrow(InputError);
    await expect(failure).rejects.toThrow(
      /approved-classes \(violation\): .*\n.*environment-ttl \(violation\)/s,
    );
    const report = JSON.parse(
      await readFile(join(ctx.workspacePath, 'policy-report.json'), 'utf8'),
    ) as PolicyReport;
    expect(report.passed).toBe(false);
    expect(report.violations.map(v => v.policyId)).toEqual(
      expect.arrayContaining(['approved-classes', 'environment-ttl']),
    );
    // No bundle for a blocked plan, and no outputs to chain.
    await expect(
      readFile(join(ctx.workspacePath, 'terraform/main.tf.json'), 'utf8'),
    ).rejects.toThrow(/ENOENT/);
    expect(outputs).toEqual({});
  });

  it('refuses a bad intent with an InputError naming the field, and a path outside the workspace', async () => {
    const bad = actionContext({
      input: {
        intent: intent({ target: { provider: 'oracle', region: 'x-1' } }),
      },
      user: ADA,
    });
    await expect(action.handler(bad.ctx)).rejects.toThrow(
      /spec\.target\.provider: .*aws, gcp, azure/,
    );
    const escape = actionContext({
      input: { intent: intent(), targetPath: '../../etc' },
      user: ADA,
    });
    await expect(action.handler(escape.ctx)).rejects.toThrow(
      /outside|not allowed/i,
    );
  });

  it('refuses, at plan time, an owner the initiator is not in, a group or an approver the catalog does not know', async () => {
    const cases: Array<[Record<string, unknown>, RegExp, string]> = [
      [
        { owner: 'group:default/storefront' },
        /metadata\.owner: user:default\/ada\.okafor is not a member of group:default\/storefront/,
        'NotAllowedError',
      ],
      [
        { owner: 'group:default/ghost-team' },
        /metadata\.owner: group:default\/ghost-team is not a group in the catalog/,
        'InputError',
      ],
    ];
    for (const [metadata, message, name] of cases) {
      const { ctx, outputs } = actionContext({
        input: {
          intent: {
            ...intent(),
            metadata: { ...intent().metadata, ...metadata },
          },
        },
        user: ADA,
      });
      const failure = action.handler(ctx);
      await expect(failure).rejects.toThrow(message);
      await expect(failure).rejects.toMatchObject({ name });
      expect(outputs).toEqual({});
    }
    const approver = actionContext({
      input: {
        intent: intent({
          environment: 'prod',
          constraints: { approver: 'user:default/nobody-at-all' },
        }),
      },
      user: ADA,
    });
    await expect(action.handler(approver.ctx)).rejects.toThrow(
      /spec\.constraints\.approver: user:default\/nobody-at-all is not a user in the catalog/,
    );
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs its example: %s',
    async (_description, example) => {
      const { outputs, workspacePath } = await runExample(example, [action], {
        user: ADA,
      });
      expect(outputs.plan.passed).toBe(true);
      const written = outputs.plan.files as string[];
      const target =
        (parse(example).steps[0].input.targetPath as string) ?? '.';
      for (const path of written) {
        await expect(
          readFile(join(workspacePath, target, path), 'utf8'),
        ).resolves.toBeTruthy();
      }
    },
  );
});
