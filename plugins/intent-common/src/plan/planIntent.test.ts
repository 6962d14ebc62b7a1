import { InputError } from '@backstage/errors';
import {
  directionalIntentYaml,
  explicitIntentYaml,
  outcomeIntentYaml,
} from '../examples/exampleIntents';
import { parseIntent } from '../intent/parseIntent';
import { evaluateIntent } from '../evaluateIntent';
import { defaultAssumptions } from '../platform/assumptions';
import { defaultPlatformConfig } from '../platform/PlatformConfig';
import { NOW, outcomeIntent } from '../testing/intents';
import { planIntent } from './planIntent';
import { PlanCore } from './planTypes';

const plan = (intent = outcomeIntent()) =>
  planIntent(intent, defaultPlatformConfig, { now: NOW });

/** Every numeric leaf of a plan section, by dotted path. */
function numericLeaves(
  value: unknown,
  path = '',
  out: Record<string, number> = {},
) {
  if (typeof value === 'number') out[path] = value;
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'explanations' || k === 'scales' || k === 'dataVersions')
        continue;
      numericLeaves(v, path ? `${path}.${k}` : k, out);
    }
  }
  return out;
}

function expectEveryNumberExplained(core: PlanCore) {
  expect(core.explanations.length).toBeGreaterThan(0);
  const leaves = numericLeaves(core);
  delete leaves.loadFactor;
  delete leaves.planVersion;
  const explained = new Map(core.explanations.map(e => [e.path, e]));
  for (const [path, value] of Object.entries(leaves)) {
    const explanation = explained.get(path);
    expect({ path, explained: explanation !== undefined }).toEqual({
      path,
      explained: true,
    });
    expect({ path, value: explanation!.value }).toEqual({ path, value });
    expect(explanation!.rule.length).toBeGreaterThan(10);
  }
}

describe('planIntent', () => {
  it('sizes an outcome intent from load, latency and growth', () => {
    const p = plan(parseIntent(outcomeIntentYaml));
    // 10,000 users × 0.1 active × 0.2 rps = 200 rps at peak.
    expect(p.usage.peakRps).toBe(200);
    // ρ = 1 − ln(20) × 50 / 400 ≈ 0.626; a 2-vCPU instance serves 2 × 4 × 0.626 / 0.05 ≈ 100 rps.
    expect(p.compute).toMatchObject({
      sizeClass: 'large',
      vcpu: 2,
      minInstances: 2,
      maxInstances: 6,
    });
    expect(p.compute!.perInstanceRps).toBeCloseTo(100.09, 2);
    expect(p.database).toMatchObject({
      sizeClass: 'large',
      storageGb: 150,
      backupRetentionDays: 14,
      multiZone: true,
    });
    expect(p.loadBalancer).toEqual({ public: true, capacityUnits: 8 });
    expect(p.cdn?.origin).toBe('load-balancer');
    expect(p.queue?.deadLetterQueue).toBe(true);
    expect(p.objectStorage).toMatchObject({
      publicAccess: false,
      versioning: true,
    });
  });

  it('keeps the instances and sizes of a directional intent', () => {
    const p = plan(parseIntent(directionalIntentYaml));
    expect(p.level).toBe('directional');
    expect(p.availability).toEqual({ band: 'multi-zone', targetPercent: 99.5 });
    expect(p.compute).toMatchObject({
      sizeClass: 'medium',
      minInstances: 3,
      maxInstances: 5,
    });
    expect(p.database?.sizeClass).toBe('medium');
    expect(p.cache?.sizeClass).toBe('small');
  });

  it('pins directional instances when autoscaling is off, and prices exactly them', () => {
    const pinned = parseIntent(
      directionalIntentYaml.replace(
        'instances: 3',
        'instances: 3\n    autoscale: false',
      ),
    );
    expect(plan(pinned).compute).toMatchObject({
      minInstances: 3,
      maxInstances: 3,
    });
    const platform = defaultPlatformConfig;
    const costOf = (intent: string) =>
      evaluateIntent(intent, platform, {
        requester: 'user:default/ada',
        now: NOW,
      }).cost.totalHighUsd;
    expect(
      costOf(
        directionalIntentYaml.replace(
          'instances: 3',
          'instances: 3\n    autoscale: false',
        ),
      ),
    ).toBeLessThan(costOf(directionalIntentYaml));
  });

  it('raises directional instances to one per zone', () => {
    const intent = parseIntent(
      directionalIntentYaml.replace('instances: 3', 'instances: 1'),
    );
    expect(plan(intent).compute?.minInstances).toBe(2);
  });

  it('takes an explicit intent as written', () => {
    const p = plan(parseIntent(explicitIntentYaml));
    expect(p.availability).toEqual({ band: 'single-zone' });
    expect(p.target).toEqual({
      provider: 'azure',
      runtime: 'kubernetes',
      regions: ['westeurope'],
      zones: 1,
    });
    expect(p.compute).toMatchObject({
      kind: 'worker',
      sizeClass: 'small',
      minInstances: 2,
      maxInstances: 4,
    });
    expect(p.database).toMatchObject({
      sizeClass: 'small',
      storageGb: 32,
      backupRetentionDays: 3,
      replicas: 0,
    });
    expect(p.queue?.messagesPerMonth).toBe(2_000_000);
    expect(p.network.mode).toBe('cluster');
    expect(p.network.natGateways).toBe(0);
    expect(p.expiresAt).toBe('2026-12-06T10:00:00.000Z');
    expect(p.tags['expires-at']).toBe('2026-12-06T10:00:00.000Z');
  });

  it('uses 3× headroom for fast growth and 1.5× for stable', () => {
    const fast = plan(
      outcomeIntent({ sizing: { growth: 'fast', expectedUsers: 2000 } }),
    );
    const stable = plan(
      outcomeIntent({ sizing: { growth: 'stable', expectedUsers: 2000 } }),
    );
    // 40 rps; medium instances serve ≈ 50 rps at 400 ms.
    expect(fast.compute?.maxInstances).toBe(
      Math.ceil((40 * 3) / fast.compute!.perInstanceRps),
    );
    expect(stable.compute?.maxInstances).toBe(
      Math.max(2, Math.ceil((40 * 1.5) / stable.compute!.perInstanceRps)),
    );
    expect(fast.compute!.maxInstances).toBeGreaterThan(
      stable.compute!.maxInstances,
    );
    const explanation = fast.explanations.find(
      e => e.path === 'compute.maxInstances',
    );
    expect(explanation?.inputs.headroom).toBe(3);
  });

  it('plans the same intent at 10× and 100× the load', () => {
    const p = plan();
    expect(p.scales.map(s => s.loadFactor)).toEqual([10, 100]);
    expect(p.scales[0].usage.peakRps).toBe(p.usage.peakRps * 10);
    expect(p.scales[1].usage.peakRps).toBe(p.usage.peakRps * 100);
    const capacity = (c: PlanCore) =>
      c.compute!.minInstances * c.compute!.perInstanceRps;
    expect(capacity(p.scales[0])).toBeGreaterThanOrEqual(
      p.scales[0].usage.peakRps,
    );
    expect(capacity(p.scales[1])).toBeGreaterThanOrEqual(
      p.scales[1].usage.peakRps,
    );
    expect(p.scales[1].database!.storageGb).toBeGreaterThan(
      p.scales[0].database!.storageGb,
    );
    // Beyond the largest class, reads spread over replicas.
    expect(p.scales[1].database!.sizeClass).toBe('xlarge');
    expect(p.scales[1].database!.replicas).toBeGreaterThan(0);
  });

  it('holds read replicas at the limit of each provider and says what to do beyond it', () => {
    const regions = {
      aws: 'eu-west-1',
      gcp: 'europe-west1',
      azure: 'westeurope',
    };
    const limits = { aws: 15, gcp: 10, azure: 5 };
    for (const provider of ['aws', 'gcp', 'azure'] as const) {
      const p = plan(
        outcomeIntent({
          spec: {
            target: { provider, runtime: 'managed', region: regions[provider] },
          },
        }),
      );
      // Today's load and 10× fit; 100× needs 17 replicas of the largest class.
      expect(p.limits).toBeUndefined();
      expect(p.scales[0].limits).toBeUndefined();
      const at100 = p.scales[1];
      expect(at100.database).toMatchObject({
        sizeClass: 'xlarge',
        replicas: limits[provider],
      });
      expect(at100.limits).toEqual([
        {
          field: 'database.replicas',
          limit: limits[provider],
          needed: 17,
          message: expect.stringMatching(
            new RegExp(
              `allows ${limits[provider]} per primary\\. Shard the data`,
            ),
          ),
        },
      ]);
      expect(
        at100.explanations.find(e => e.path === 'database.replicas')!.rule,
      ).toContain(`limit of ${limits[provider]} (17 needed)`);
    }
  });

  it('gives preview and dev environments their default lifetime when the intent names none', () => {
    const dev = plan(outcomeIntent({ spec: { environment: 'dev' } }));
    expect(dev.ttlHours).toBe(168);
    expect(dev.expiresAt).toBe(
      new Date(NOW.getTime() + 168 * 3_600_000).toISOString(),
    );
    expect(dev.explanations.find(e => e.path === 'ttlHours')).toMatchObject({
      rule: 'the default lifetime of a dev environment',
      assumptions: ['defaultTtlHours.dev'],
    });
    const stated = plan(
      outcomeIntent({
        spec: { environment: 'dev' },
        constraints: { ttlHours: 8 },
      }),
    );
    expect(stated.ttlHours).toBe(8);
    // Production lives until it is ended.
    expect(plan().expiresAt).toBeUndefined();
    expect(plan().ttlHours).toBeUndefined();
  });

  it('scales directional and explicit intents from the load their instances imply', () => {
    const d = plan(parseIntent(directionalIntentYaml));
    expect(d.scales[0].usage.peakRps).toBeCloseTo(d.usage.peakRps * 10, 5);
    expect(
      d.scales[0].compute!.minInstances * d.scales[0].compute!.perInstanceRps,
    ).toBeGreaterThanOrEqual(d.scales[0].usage.peakRps);
  });

  it('explains every number in the plan and its scaled plans', () => {
    for (const yaml of [
      outcomeIntentYaml,
      directionalIntentYaml,
      explicitIntentYaml,
    ]) {
      const p = plan(parseIntent(yaml));
      expect(p.explanations.length).toBeGreaterThan(10);
      expectEveryNumberExplained(p);
      p.scales.forEach(expectEveryNumberExplained);
    }
  });

  it('names rule, inputs and assumptions in an explanation', () => {
    const e = plan().explanations.find(x => x.path === 'usage.peakRps')!;
    expect(e.formula).toContain('peakActiveUserRatio');
    expect(e.inputs).toEqual({ expectedUsers: 10000, loadFactor: 1 });
    expect(e.assumptions).toEqual([
      'peakActiveUserRatio',
      'requestsPerActiveUserPerSecond',
    ]);
  });

  it('is deterministic: the same intent gives the same plan', () => {
    const a = plan(parseIntent(outcomeIntentYaml));
    const b = plan(parseIntent(outcomeIntentYaml));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('reads replaced assumptions', () => {
    const config = {
      ...defaultPlatformConfig,
      assumptions: {
        ...defaultAssumptions,
        version: 'custom',
        requestsPerActiveUserPerSecond: 0.4,
      },
    };
    const p = planIntent(outcomeIntent(), config, { now: NOW });
    expect(p.usage.peakRps).toBe(400);
    expect(p.dataVersions.assumptions).toBe('custom');
  });

  it('rejects a latency target the assumed service time cannot meet', () => {
    expect(() =>
      plan(outcomeIntent({ sizing: { p95LatencyMs: 150 } })),
    ).toThrow(InputError);
    expect(() =>
      plan(outcomeIntent({ sizing: { p95LatencyMs: 150 } })),
    ).toThrow(/spec\.sizing\.p95LatencyMs.*at least 167 ms/);
  });

  it('rejects a region outside the size catalog, naming the allowed ones', () => {
    const intent = outcomeIntent({
      spec: {
        target: { provider: 'aws', runtime: 'managed', region: 'ap-south-1' },
      },
    });
    expect(() => plan(intent)).toThrow(
      'spec.target.region: must be one of us-east-1, us-west-2, eu-west-1, eu-central-1 for aws (got "ap-south-1")',
    );
  });

  it('plans a static site as a bucket behind a CDN, without compute', () => {
    const p = plan(
      outcomeIntent({
        spec: { workload: { type: 'static-site' }, services: [] },
      }),
    );
    expect(p.compute).toBeUndefined();
    expect(p.loadBalancer).toBeUndefined();
    expect(p.cdn?.origin).toBe('object-storage');
    expect(p.objectStorage).toBeDefined();
    expect(p.network.natGateways).toBe(0);
  });

  it('bills a scheduled job only while it runs', () => {
    const p = plan(
      outcomeIntent({
        spec: {
          workload: {
            type: 'scheduled-job',
            schedule: '0 3 * * *',
            runMinutes: 30,
          },
          services: ['postgres'],
        },
      }),
    );
    expect(p.compute).toMatchObject({
      kind: 'job',
      minInstances: 1,
      maxInstances: 1,
      schedule: '0 3 * * *',
    });
    // 30.42 runs × 30 minutes.
    expect(p.compute?.jobHoursPerMonth).toBeCloseTo(15.21, 2);
    expect(p.loadBalancer).toBeUndefined();
  });

  it('gives Cloud Run at least one vCPU for the small class', () => {
    const intent = outcomeIntent({
      spec: {
        environment: 'dev',
        target: { provider: 'gcp', runtime: 'managed', region: 'europe-west1' },
      },
      sizing: { expectedUsers: 100, growth: 'stable' },
    });
    const p = plan(intent);
    expect(p.compute).toMatchObject({
      sizeClass: 'small',
      vcpu: 1,
      memoryGb: 1,
    });
    expect(p.explanations.find(e => e.path === 'compute.vcpu')?.rule).toContain(
      'Cloud Run',
    );
  });
});
