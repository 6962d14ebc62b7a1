import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@cairn/test-utils';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { insightsPlugin } from '../plugin';
import { alertState } from '../reliability/engine/sloMath';
import { DEMO_BAD_RELEASE_ID, demoMinute, demoSlos } from './demoSlos';

/*
 * The demo's SLOs on the example organisation (examples/entities), seeded by the demo task through
 * the push paths: every state shows on the first start (healthy, burning after a release the delivery
 * history names, too little traffic, no SLOs), and a second run only adds the minutes that passed.
 */

jest.setTimeout(180_000);
const databases = createTestDatabases();
const examples = join(__dirname, '../../../../examples/entities');
const entities = ['org.yaml', 'systems.yaml', 'components.yaml'].flatMap(file =>
  parseAllDocuments(readFileSync(join(examples, file), 'utf8'))
    .map(d => d.toJS() as Entity)
    .filter(Boolean),
);
// What the catalog's processors would add: a component's owner and system as relations.
for (const entity of entities) {
  const spec = (entity.spec ?? {}) as { owner?: string; system?: string };
  if (entity.kind !== 'Component') continue;
  entity.relations = [
    ...(spec.owner ? [{ type: 'ownedBy', targetRef: spec.owner }] : []),
    ...(spec.system
      ? [{ type: 'partOf', targetRef: `system:default/${spec.system}` }]
      : []),
  ];
}

describe('the demo shipping burn', () => {
  // The demo starts at any hour; its traffic is lowest around midnight UTC, where a page must
  // still have the 100 events per window the alerts ask for.
  it.each(Array.from({ length: 24 }, (_, hour) => hour))(
    'pages when the demo starts at %i:00 UTC',
    hour => {
      const minute = 60_000;
      const now = Date.UTC(2026, 11, 4, hour);
      const burnStart = now - 120 * minute;
      const shipping = demoSlos.find(d =>
        d.entityRef.endsWith('/shipping-service'),
      )!;
      const buckets = Array.from({ length: 3 * 24 * 60 }, (_, i) => {
        const start = now - (3 * 24 * 60 - i) * minute;
        const bucket = demoMinute(
          shipping.series[0].traffic,
          start,
          start >= burnStart,
          0,
        );
        return { start, good: bucket.good, total: bucket.total };
      });
      const { status } = alertState({
        buckets,
        bucketMs: minute,
        at: now,
        target: 0.995,
        periodMs: 30 * 24 * 60 * minute,
        minEvents: 100,
      });
      expect(status).toBe('page');
    },
  );
});

describe.each(databases.eachSupportedId())('demo SLOs on %p', databaseId => {
  const user = mockCredentials.user.header('user:default/ana');
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
  };

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        insightsPlugin,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: { insights: { demoData: { enabled: true } } },
        }),
        catalogServiceMock.factory({ entities }),
      ],
    }));
  });

  const status = async (name: string) => {
    const res = await request(server)
      .get('/api/insights/v1/slos/status')
      .query({ entity: `component:default/${name}` })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    return res.body.slos;
  };

  it('shows every state on the first start', async () => {
    const started = Date.now();
    await scheduler.triggerTask('insights-demo-slos');
    const seconds = (Date.now() - started) / 1000;
    // 30 days of minutes for six series.
    expect(seconds).toBeLessThan(60);

    const checkout = await status('checkout-service');
    expect(
      checkout.map((s: any) => [s.name, s.objectives[0].alert.status]),
    ).toEqual([
      ['checkout-availability', 'ok'],
      ['checkout-latency', 'ok'],
    ]);
    expect(checkout[0].objectives[0].budget.remaining).toBeGreaterThan(0.5);
    expect(checkout[0].objectives[0].coverage).toBeCloseTo(1, 3);

    const [shipping] = await status('shipping-service');
    expect(shipping.objectives[0].alert.status).toBe('page');
    const [warehouse] = await status('warehouse-worker');
    expect(warehouse.objectives[0].alert.status).toBe('too-little-traffic');
    expect(await status('inventory-service')).toEqual([]);

    // The burn's day names the release before it, which the delivery history also holds.
    const history = await request(server)
      .get('/api/insights/v1/slos/history')
      .query({
        entity: 'component:default/shipping-service',
        slo: 'shipping-availability',
      })
      .set('Authorization', user);
    expect(history.status).toBe(200);
    const paging = history.body.alerts.find((a: any) => a.to === 'page');
    expect(paging.deploymentsBefore.map((d: any) => d.id)).toEqual([
      DEMO_BAD_RELEASE_ID,
    ]);

    const rollup = await request(server)
      .get('/api/insights/v1/slos/rollup')
      .query({ entity: 'group:default/logistics' })
      .set('Authorization', user);
    expect(rollup.body.firing).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/shipping-service',
        alert: 'page',
      }),
    ]);
  });

  it('adds only the minutes that passed on the next run', async () => {
    const before = (await status('checkout-service'))[0].objectives[0].events;
    await scheduler.triggerTask('insights-demo-slos');
    const after = (await status('checkout-service'))[0].objectives[0].events;
    // The rolling window moved by at most a minute or two: nearly the same events.
    expect(Math.abs(after.total - before.total)).toBeLessThan(
      before.total * 0.001,
    );
    const documents = await request(server)
      .get('/api/insights/v1/slos/documents')
      .query({ entity: 'component:default/checkout-service' })
      .set('Authorization', user);
    expect(documents.body.documents).toEqual([
      expect.objectContaining({ origin: 'api', version: 1, state: 'valid' }),
    ]);
  });
});
