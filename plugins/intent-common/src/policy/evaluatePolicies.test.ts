import { estimateCost } from '../cost/estimateCost';
import { Intent } from '../intent/intentSchema';
import { builtInPolicyPack } from '../platform/builtInPolicyPack';
import { defaultPlatformConfig } from '../platform/PlatformConfig';
import { planIntent } from '../plan/planIntent';
import { Plan } from '../plan/planTypes';
import { NOW, outcomeIntent, REQUESTER } from '../testing/intents';
import { evaluatePolicies } from './evaluatePolicies';
import { parsePolicyPack, Policy } from './policySchema';

function evaluate(
  intent: Intent,
  mutate: (plan: Plan) => void = () => {},
  pack = builtInPolicyPack,
  requester = REQUESTER,
) {
  const plan = planIntent(intent, defaultPlatformConfig, { now: NOW });
  const cost = estimateCost(plan, defaultPlatformConfig);
  // Mutations model plans from elsewhere (or future planner bugs) that the policies must still catch.
  mutate(plan);
  return evaluatePolicies(pack, { intent, plan, cost, requester });
}

const statusOf = (report: ReturnType<typeof evaluate>, id: string) =>
  report.results.find(r => r.policyId === id)!;

describe('built-in policy pack', () => {
  it('passes a well-formed production intent', () => {
    const report = evaluate(
      outcomeIntent({ constraints: { monthlyBudgetUsd: 5000 } }),
    );
    expect(report.errors).toEqual([]);
    expect(report.violations).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.passed).toBe(true);
  });

  // Each case: a policy id, an intent or plan change that breaks it, and words its message must contain.
  const cases: Array<
    [
      string,
      { intent?: Intent; mutate?: (p: Plan) => void; compliant?: Intent },
      string,
    ]
  > = [
    [
      'cost-limit',
      {
        intent: outcomeIntent({
          spec: { environment: 'staging' },
          sizing: { expectedUsers: 300000 },
        }),
      },
      'exceeds the staging limit of $2000',
    ],
    [
      'within-budget',
      { intent: outcomeIntent({ constraints: { monthlyBudgetUsd: 100 } }) },
      'exceeds the budget of $100',
    ],
    [
      'budget-headroom',
      { intent: outcomeIntent({ constraints: { monthlyBudgetUsd: 1500 } }) },
      'above the budget of $1500',
    ],
    [
      'allowed-regions',
      {
        mutate: p => {
          p.target.regions = ['eu-west-1', 'ap-south-1'];
        },
      },
      'use one of',
    ],
    [
      'gdpr-eu-regions',
      {
        intent: outcomeIntent({
          spec: {
            target: {
              provider: 'aws',
              runtime: 'managed',
              region: 'us-east-1',
            },
          },
        }),
      },
      'GDPR / EU residency requires EU regions',
    ],
    [
      'approved-classes',
      {
        intent: outcomeIntent({
          spec: { environment: 'preview' },
          constraints: { ttlHours: 24 },
        }),
      },
      'allows only classes [small]',
    ],
    [
      'required-tags',
      {
        mutate: p => {
          delete (p.tags as Record<string, string>)['cost-centre'];
        },
      },
      '[cost-centre]',
    ],
    [
      'owner-is-team',
      {
        intent: outcomeIntent({
          metadata: { owner: 'user:default/ada.okafor' },
        }),
      },
      'name the owning team',
    ],
    [
      'no-public-data',
      {
        mutate: p => {
          p.database!.publicAccess = true;
        },
      },
      'publicly reachable',
    ],
    [
      'production-data-protection',
      { intent: outcomeIntent({ sizing: { availability: 99 } }) },
      'multi-zone database and cache',
    ],
    [
      'hipaa-encryption',
      {
        intent: outcomeIntent({ constraints: { compliance: ['hipaa'] } }),
        mutate: p => {
          p.cache!.encryption.inTransit = false;
        },
      },
      'encryption at rest and in transit',
    ],
    [
      'production-approver',
      { intent: outcomeIntent({ constraints: { approver: REQUESTER } }) },
      'someone other than the requester (user:default/ada.okafor)',
    ],
    [
      'allowed-services',
      {
        intent: outcomeIntent({
          spec: { environment: 'preview' },
          sizing: { expectedUsers: 100 },
          constraints: { ttlHours: 24 },
        }),
      },
      'A preview environment may use [postgres, redis, queue, objectStorage]; remove [cdn] from spec.services.',
    ],
    [
      'environment-ttl',
      {
        intent: outcomeIntent({
          spec: { environment: 'dev' },
          sizing: { expectedUsers: 100 },
          constraints: { ttlHours: 1000 },
        }),
        // Without a TTL a dev environment gets its kind's default lifetime, within the limit.
        compliant: outcomeIntent({
          spec: { environment: 'dev' },
          sizing: { expectedUsers: 100 },
        }),
      },
      'A dev environment lives at most 720 hours: set spec.constraints.ttlHours to 720 or less',
    ],
  ];

  it('covers every built-in policy with a failing case', () => {
    expect(cases.map(c => c[0]).sort()).toEqual(
      builtInPolicyPack.policies.map(p => p.id).sort(),
    );
  });

  it.each(cases)(
    '%s fails with a message that says what to change',
    (id, change, words) => {
      const report = evaluate(
        change.intent ??
          outcomeIntent({ constraints: { monthlyBudgetUsd: 5000 } }),
        change.mutate,
      );
      const result = statusOf(report, id);
      expect(result.status).toBe('violation');
      expect(result.message).toContain(words);
      expect(report.passed).toBe(result.severity !== 'deny');
    },
  );

  it.each(cases)('%s passes on the compliant plan', (id, change) => {
    const report = evaluate(
      change.compliant ??
        outcomeIntent({
          constraints: {
            monthlyBudgetUsd: 5000,
            compliance: ['gdpr', 'hipaa'],
          },
        }),
    );
    expect(statusOf(report, id).status).toBe('pass');
  });

  it('requires an approver for production at all', () => {
    const intent = outcomeIntent();
    delete (intent.spec.constraints as { approver?: string }).approver;
    expect(statusOf(evaluate(intent), 'production-approver').status).toBe(
      'violation',
    );
  });

  it('applies production policies only to production', () => {
    const report = evaluate(
      outcomeIntent({
        spec: { environment: 'staging' },
        sizing: { availability: 99 },
        constraints: { approver: REQUESTER },
      }),
    );
    expect(statusOf(report, 'production-data-protection').status).toBe(
      'not-applicable',
    );
    expect(statusOf(report, 'production-approver').status).toBe(
      'not-applicable',
    );
  });

  it('returns every violation, not just the first', () => {
    const report = evaluate(
      outcomeIntent({
        metadata: { owner: 'user:default/ada.okafor' },
        spec: {
          target: { provider: 'aws', runtime: 'managed', region: 'us-east-1' },
        },
        constraints: { approver: REQUESTER, monthlyBudgetUsd: 100 },
      }),
      p => {
        p.cache!.publicAccess = true;
      },
    );
    expect(report.violations.map(v => v.policyId).sort()).toEqual(
      [
        'gdpr-eu-regions',
        'no-public-data',
        'owner-is-team',
        'production-approver',
        'within-budget',
      ].sort(),
    );
    expect(report.warnings.map(w => w.policyId)).toEqual(['budget-headroom']);
  });
});

describe('broken policies', () => {
  const base: Omit<Policy, 'expression'> = {
    id: 'broken',
    description: 'a broken policy',
    severity: 'warn',
    message: 'm',
  };
  const run = (expression: string) =>
    evaluate(outcomeIntent(), undefined, {
      version: 't',
      policies: [{ ...base, expression }],
    });

  it.each([
    ['does not compile', 'plan.compute.(', /does not compile/],
    ['reads a missing field', 'plan.nothing.here > 1', /failed to evaluate/],
    [
      'mixes int and double arithmetic',
      'plan.compute.minInstances + 1 > 0',
      /failed to evaluate/,
    ],
    ['returns a non-bool', 'plan.compute.minInstances', /must return a bool/],
  ])(
    'reports a policy that %s as an error, never a pass',
    (_, expression, message) => {
      const report = run(expression);
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]).toMatchObject({
        policyId: 'broken',
        status: 'error',
      });
      expect(report.errors[0].message).toMatch(message);
      // Even a warn-level policy that cannot run blocks the plan.
      expect(report.passed).toBe(false);
    },
  );

  it('keeps evaluating the other policies after a broken one', () => {
    const report = evaluate(outcomeIntent(), undefined, {
      version: 't',
      policies: [{ ...base, expression: '(((' }, builtInPolicyPack.policies[0]],
    });
    expect(report.results.map(r => r.status)).toEqual(['error', 'pass']);
  });

  it('shows a placeholder that fails to evaluate instead of hiding it', () => {
    const report = evaluate(outcomeIntent(), undefined, {
      version: 't',
      policies: [
        { ...base, expression: 'false', message: 'value {{plan.missing}}' },
      ],
    });
    expect(report.warnings[0].message).toMatch(
      /^value \{\{plan\.missing: failed to evaluate/,
    );
  });
});

describe('parsePolicyPack', () => {
  it('reads a pack from YAML', () => {
    const pack = parsePolicyPack(
      `version: '1'\npolicies:\n  - id: small-only\n    description: d\n    severity: deny\n    environments: [dev]\n    expression: plan.compute.sizeClass == 'small'\n    message: use small\n`,
    );
    expect(pack.policies[0]).toMatchObject({
      id: 'small-only',
      environments: ['dev'],
    });
  });

  it('names the field of an invalid policy', () => {
    expect(() =>
      parsePolicyPack({
        version: '1',
        policies: [
          {
            id: 'x-y',
            description: 'd',
            severity: 'block',
            expression: 'true',
            message: 'm',
          },
        ],
      }),
    ).toThrow(/policies\.0\.severity/);
  });
});
