import { InputError } from '@backstage/errors';
import { evaluateIntent } from './evaluateIntent';
import {
  directionalIntentYaml,
  explicitIntentYaml,
  outcomeIntentYaml,
} from './examples/exampleIntents';
import { defaultPlatformConfig } from './platform/PlatformConfig';
import { renderPlanMarkdown } from './renderPlanMarkdown';
import { NOW, REQUESTER } from './testing/intents';

const options = { requester: REQUESTER, now: NOW };

describe('evaluateIntent', () => {
  it.each([
    ['outcome', outcomeIntentYaml],
    ['directional', directionalIntentYaml],
    ['explicit', explicitIntentYaml],
  ])(
    'runs the %s example through plan, cost and guardrails, which pass',
    (level, yaml) => {
      const result = evaluateIntent(yaml, defaultPlatformConfig, options);
      expect(result.plan.level).toBe(level);
      expect(result.cost.totalLowUsd).toBeGreaterThan(0);
      expect(result.cost.scales).toHaveLength(2);
      expect(result.policies.errors).toEqual([]);
      expect(result.policies.passed).toBe(true);
    },
  );

  it('throws an InputError for an invalid intent', () => {
    expect(() =>
      evaluateIntent('kind: Nonsense', defaultPlatformConfig, options),
    ).toThrow(InputError);
  });

  it('is deterministic for the same intent, data and time', () => {
    const a = evaluateIntent(outcomeIntentYaml, defaultPlatformConfig, options);
    const b = evaluateIntent(outcomeIntentYaml, defaultPlatformConfig, options);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('uses the policy pack of the platform configuration it is given', () => {
    const config = {
      ...defaultPlatformConfig,
      policyPack: {
        version: 'strict',
        policies: [
          {
            id: 'no-fargate-large',
            description: 'd',
            severity: 'deny' as const,
            expression: "plan.compute.sizeClass != 'large'",
            message: 'use {{plan.compute.minInstances * 2.0}} medium instances',
          },
        ],
      },
    };
    const result = evaluateIntent(outcomeIntentYaml, config, options);
    expect(result.policies.passed).toBe(false);
    expect(result.policies.violations[0].message).toBe(
      'use 4 medium instances',
    );
  });

  it('denies, at plan time, a plan Cairn cannot render, whatever the policy pack', () => {
    const config = {
      ...defaultPlatformConfig,
      policyPack: { version: 'empty', policies: [] },
    };
    const fiveNines = evaluateIntent(
      outcomeIntentYaml
        .replace('availability: 99.9', 'availability: 99.999')
        .replace('monthlyBudgetUsd: 1500', 'monthlyBudgetUsd: 50000'),
      config,
      options,
    );
    // Planned and costed (what a second region would cost)...
    expect(fiveNines.plan.target.regions).toEqual([
      'eu-west-1',
      'eu-central-1',
    ]);
    expect(fiveNines.cost.totalLowUsd).toBeGreaterThan(0);
    // ...but refused with the reason, so it is never requested.
    expect(fiveNines.policies.passed).toBe(false);
    expect(fiveNines.policies.violations).toEqual([
      expect.objectContaining({
        policyId: 'cairn-can-render',
        severity: 'deny',
        message: expect.stringMatching(
          /multi-region \(eu-west-1, eu-central-1\).*lower spec\.sizing\.availability below 99\.995/,
        ),
      }),
    ]);
    const threeNines = evaluateIntent(outcomeIntentYaml, config, options);
    expect(threeNines.policies.passed).toBe(true);
    expect(threeNines.policies.results).toEqual([
      expect.objectContaining({ policyId: 'cairn-can-render', status: 'pass' }),
      expect.objectContaining({
        policyId: 'compliance-controls',
        status: 'pass',
      }),
    ]);
  });
});

describe('renderPlanMarkdown', () => {
  it('shows sizing with explanations, cost at 1×, 10×, 100× and the policy results', () => {
    const md = renderPlanMarkdown(
      evaluateIntent(outcomeIntentYaml, defaultPlatformConfig, options),
    );
    expect(md).toContain('# Plan for checkout-api');
    expect(md).toContain('| compute.maxInstances | 6 | autoscaling ceiling');
    expect(md).toMatch(/\| 10× \| \$[\d,.]+ \| \$[\d,.]+ \|/);
    expect(md).toMatch(/\| 100× \|/);
    expect(md).toContain('| production-approver | deny | pass |');
    expect(md).toContain('Guardrails: **passed**');
    expect(md).toContain('illustrative price');
  });

  it('keeps table cells intact when messages contain pipes and newlines', () => {
    const result = evaluateIntent(
      outcomeIntentYaml,
      defaultPlatformConfig,
      options,
    );
    const md = renderPlanMarkdown({
      ...result,
      policies: {
        ...result.policies,
        results: [
          {
            policyId: 'p',
            description: 'd',
            severity: 'warn',
            status: 'violation',
            message: 'a | b\nc',
          },
        ],
      },
    });
    expect(md).toContain('| p | warn | violation | a \\| b c |');
  });
});
