import { createTestDatabases } from '@cairn/test-utils';
import { validateEvents } from '@cairn/plugin-insights-common';
import { createDeliveryHarness } from '../delivery/__testUtils__/deliveryHarness';
import { bottleneckOf } from '../delivery/engine/deriveChangeFacts';
import {
  flakyTests,
  pipelinePeriod,
  rerunLoss,
  RunRecord,
} from '../delivery/engine/ciHealth';
import { reviewConcentration } from '../ownership/engine/reviewConcentration';
import { demoComponents, generateDemoHistory } from './generateDemoHistory';

const DAY = 86_400_000;
const to = Date.parse('2026-06-30T13:00:00Z');
const from = to - 90 * DAY;

describe('generateDemoHistory', () => {
  it('is deterministic and valid', () => {
    const a = generateDemoHistory({ from, to });
    const b = generateDemoHistory({ from, to });
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(1000);
    const validated = validateEvents(a);
    expect(validated.ok ? [] : validated.errors.slice(0, 3)).toEqual([]);
  });

  it('reports nothing after `to`, and resolves later what was open then', () => {
    const earlier = generateDemoHistory({ from, to });
    const times = earlier.flatMap(e =>
      ['finishedAt', 'mergedAt', 'detectedAt', 'resolvedAt']
        .map(field => (e as Record<string, unknown>)[field])
        .filter((value): value is string => typeof value === 'string')
        .map(value => Date.parse(value)),
    );
    expect(times.length).toBeGreaterThan(1000);
    expect(Math.max(...times)).toBeLessThan(to);
    const later = generateDemoHistory({ from, to: to + 7 * DAY });
    const ids = new Set(later.map(e => `${e.type}:${e.id}`));
    expect(earlier.every(e => ids.has(`${e.type}:${e.id}`))).toBe(true);
  });

  it('tells the CI story: Logistics builds for 40 minutes and has two flaky tests, Checkout builds in 8', () => {
    const runsOf = (entityRef: string) =>
      generateDemoHistory({
        from,
        to,
        components: demoComponents.filter(c => c.entityRef === entityRef),
      }).flatMap((e, id): RunRecord[] =>
        e.type === 'pipelineRun'
          ? [
              {
                id,
                pipeline: e.pipeline,
                kind: e.kind,
                commit: e.commit,
                queuedAt: Date.parse(e.queuedAt!),
                startedAt: Date.parse(e.startedAt!),
                finishedAt: Date.parse(e.finishedAt!),
                result: e.result!,
                url: e.url ?? null,
                tests: {
                  passed: e.tests!.passed,
                  failed: e.tests!.failed,
                  skipped: 0,
                },
                failures: (e.tests!.failures ?? []).map(f => ({
                  suite: f.suite ?? '',
                  name: f.name,
                  message: f.message ?? null,
                })),
              },
            ]
          : [],
      );
    const shipping = runsOf('component:default/shipping-service');
    const builds = pipelinePeriod(
      shipping.filter(r => r.kind === 'defaultBranch'),
    );
    expect(builds.duration.p50! / 60).toBeGreaterThan(35);
    expect(builds.duration.p50! / 60).toBeLessThan(45);
    expect(flakyTests(shipping).map(t => t.suite)).toEqual([
      'ShipmentFlowIT',
      'StockSyncIT',
    ]);
    expect(rerunLoss(shipping).runs).toBeGreaterThan(0);
    const checkout = runsOf('component:default/checkout-service');
    const fast = pipelinePeriod(
      checkout.filter(r => r.kind === 'defaultBranch'),
    );
    expect(fast.duration.p50! / 60).toBeGreaterThan(6);
    expect(fast.duration.p50! / 60).toBeLessThan(10);
    expect(flakyTests(checkout)).toEqual([]);
  });

  it('tells the review story: Logistics waits for one reviewer, Checkout spreads its reviews', () => {
    const concentration = (entityRef: string) =>
      reviewConcentration(
        generateDemoHistory({
          from,
          to,
          components: demoComponents.filter(c => c.entityRef === entityRef),
        }).flatMap(e =>
          e.type === 'change' && e.firstReviewAt
            ? [
                {
                  reviewer: e.firstReviewer ?? null,
                  openedAt: Date.parse(e.openedAt!),
                  firstReviewAt: Date.parse(e.firstReviewAt),
                },
              ]
            : [],
        ),
      );
    const shipping = concentration('component:default/shipping-service');
    expect(shipping.reviewers[0].reviewer).toBe(
      'omar.farouk@northwind.example',
    );
    expect(shipping.topShare!).toBeGreaterThan(0.6);
    expect(shipping.concentrated).toBe(true);
    expect(shipping.pickup.awayChanges).toBeGreaterThan(0);
    expect(shipping.pickup.awayMedianSeconds!).toBeGreaterThan(
      shipping.pickup.presentMedianSeconds!,
    );
    const checkout = concentration('component:default/checkout-service');
    expect(checkout.distinctReviewers).toBe(4);
    expect(checkout.topShare!).toBeLessThan(0.4);
    expect(checkout.concentrated).toBe(false);
  });
});

jest.setTimeout(120_000);
const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('demo history on %p', databaseId => {
  it('gives the teams different profiles, and replays as unchanged', async () => {
    const h = await createDeliveryHarness(databases, databaseId);
    const components = demoComponents.filter(c =>
      [
        'component:default/checkout-service',
        'component:default/shipping-service',
      ].includes(c.entityRef),
    );
    const events = generateDemoHistory({ from, to, components });
    for (let i = 0; i < events.length; i += 1000)
      await h.ingest(events.slice(i, i + 1000));
    const again = await h.ingest(events.slice(0, 1000));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1000 });

    const range = {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    };
    const elite = await h.values('component:default/checkout-service', range);
    const struggling = await h.values(
      'component:default/shipping-service',
      range,
    );
    expect(elite.deployments / 90).toBeGreaterThan(2);
    expect(struggling.deployments / 90).toBeLessThan(0.5);
    expect(elite.leadTime.median!).toBeLessThan(24 * 3600);
    expect(struggling.leadTime.median!).toBeGreaterThan(7 * 24 * 3600);
    expect(struggling.failed / struggling.total).toBeGreaterThan(
      elite.failed / elite.total,
    );
    expect(struggling.rework).toBeGreaterThan(0);
    // Changes wait for one reviewer: pickup is the struggling team's bottleneck.
    expect(bottleneckOf(struggling.stages, struggling.deployParts)).toBe(
      'pickup',
    );
    // CI: 40-minute builds for Logistics, 8-minute ones for Checkout, on nearly every change.
    expect(struggling.deployParts.build.count).toBeGreaterThan(
      0.9 * struggling.stages.deploy.count,
    );
    expect(elite.deployParts.build.count).toBeGreaterThan(
      0.9 * elite.stages.deploy.count,
    );
    expect(elite.deployParts.build.median! / 60).toBeLessThan(12);
  });
});
