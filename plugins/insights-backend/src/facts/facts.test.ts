import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { insightsFactsExtensionPoint } from '@cairn/plugin-insights-node';
import { createTestDatabases } from '@cairn/test-utils';
import request from 'supertest';
import { insightsPlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const api: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'api',
    namespace: 'default',
    tags: ['java'],
    annotations: { 'pagerduty.com/service-id': 'P123' },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
};

/** A module's facts, as a security scanner would add them. */
const scannerModule = createBackendModule({
  pluginId: 'insights',
  moduleId: 'test-scanner',
  register(env) {
    env.registerInit({
      deps: { facts: insightsFactsExtensionPoint },
      async init({ facts }) {
        facts.addFactProvider({
          id: 'scanner',
          description: 'open findings',
          facts: {
            critical: { type: 'int', description: 'critical findings' },
          },
          async factsFor(refs) {
            return new Map(refs.map(ref => [ref, { critical: 2 }]));
          },
        });
      },
    });
  },
});

describe.each(databases.eachSupportedId())('the facts registry on %p', id => {
  const user = mockCredentials.user.header('user:default/ana');
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    const knex = await databases.init(id);
    ({ server } = await startTestBackend({
      features: [
        insightsPlugin,
        scannerModule,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: [api] }),
      ],
    }));
    const now = Date.now();
    const events = [0, 1, 2, 3].map(i => ({
      type: 'deployment',
      source: 'ci',
      id: `d${i}`,
      component: 'api',
      environment: 'production',
      finishedAt: new Date(now - (i + 1) * 86_400_000).toISOString(),
      result: i === 1 ? 'failure' : 'success',
    }));
    const res = await request(server)
      .post('/api/insights/v1/events')
      .set('Authorization', user)
      .send({ events });
    if (res.status !== 200) {
      throw new Error(`seeding failed: ${JSON.stringify(res.body)}`);
    }
  });

  it("lists every fact with its type, the modules' included", async () => {
    const res = await request(server)
      .get('/api/insights/v1/facts/definitions')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual([
      'dora',
      'entity',
      'environments',
      'ownership',
      'scanner',
      'slo',
    ]);
    expect(res.body.dora.facts.changeFailRate).toEqual({
      type: 'double',
      description: 'failed / all deployments (0 to 1)',
    });
    expect(res.body.scanner.facts.critical.type).toBe('int');
  });

  it("gives an entity's facts by provider, from the catalog and the delivery data", async () => {
    const res = await request(server)
      .get('/api/insights/v1/facts')
      .query({ entity: 'component:default/api' })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/api');
    expect(res.body.facts.entity).toMatchObject({
      kind: 'Component',
      name: 'api',
      type: 'service',
      lifecycle: 'production',
      owner: 'payments',
      tags: ['java'],
      annotations: { 'pagerduty.com/service-id': 'P123' },
      relations: ['ownedBy:group:default/payments'],
    });
    // 3 successful of 4 deployments in 30 days; 1 failed, recovered by the next.
    expect(res.body.facts.dora).toMatchObject({
      deployments: 3,
      deploymentsPerDay: 0.1,
      changeFailRate: 0.25,
      unrecoveredFailures: 0,
    });
    expect(res.body.facts.dora).not.toHaveProperty('leadTimeP50Seconds');
    expect(res.body.facts.scanner).toEqual({ critical: 2 });
    // No SLOs is a known fact (0); no ownership report yet is not reported.
    expect(res.body.facts.slo).toEqual({
      slos: 0,
      objectives: 0,
      objectivesWithData: 0,
      alertsFiring: 0,
    });
    expect(res.body.facts).not.toHaveProperty('ownership');
  });

  it('reports no delivery facts for a component without data (not reported, never zero)', async () => {
    const res = await request(server)
      .get('/api/insights/v1/facts')
      .query({ entity: 'component:default/unknown' })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.facts).not.toHaveProperty('dora');
    expect(res.body.facts).not.toHaveProperty('entity');
  });
});
