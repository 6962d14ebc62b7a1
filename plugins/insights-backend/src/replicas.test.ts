import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@cairn/test-utils';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { insightsPlugin } from './plugin';

jest.setTimeout(180_000);

const databases = createTestDatabases();

const entities: Entity[] = ['api', 'web'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
}));

const T0 = Date.parse('2026-03-01T00:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A round of events touching the same component and environment: deployments, the changes they ship, an incident. */
function batch(round: number, replica: string) {
  const events: unknown[] = [];
  for (let i = 0; i < 8; i++) {
    const n = round * 8 + i;
    const component = n % 3 === 0 ? 'web' : 'api';
    events.push({
      type: 'change',
      source: 'ci',
      id: `pr-${n}`,
      repository: `github.com/acme/${component}`,
      firstCommitAt: at(n * 60),
      openedAt: at(n * 60 + 5),
      firstReviewAt: at(n * 60 + 10),
      mergedAt: at(n * 60 + 20),
      mergeCommit: `c${n}`.padEnd(40, '0'),
    });
    events.push({
      type: 'deployment',
      source: 'ci',
      id: `d-${n}`,
      component,
      environment: 'production',
      commit: `c${n}`.padEnd(40, '0'),
      finishedAt: at(n * 60 + 30),
      result: n % 5 === 0 ? 'failure' : 'success',
    });
  }
  events.push({
    type: 'incident',
    source: 'pager',
    id: `i-${round}`,
    component: 'api',
    environment: 'production',
    detectedAt: at(round * 8 * 60 + 45),
    resolvedAt: at(round * 8 * 60 + 50),
  });
  // Each replica also gets events only it sees, for the same component and environment.
  events.push({
    type: 'deployment',
    source: `ci-${replica}`,
    id: `only-${round}-${replica}`,
    component: 'api',
    environment: 'production',
    version: `v${round}-${replica}`,
    finishedAt: at(round * 8 * 60 + 55),
    result: 'success',
  });
  return { events };
}

/**
 * Two replicas of the insights plugin on one database (their own connection pools), receiving the
 * same batches at the same moment, plus batches only one of them sees for the same component: every
 * answer is 200, and the stored result equals what one replica alone stores (issue 15, items 2-3).
 */
describe.each(databases.eachSupportedId())(
  'two insights replicas on %p',
  databaseId => {
    const user = mockCredentials.user.header('user:default/ana');
    const replicas: Array<Awaited<ReturnType<typeof startTestBackend>>> = [];
    const clients: Knex[] = [];

    const startReplica = (knex: Knex) =>
      startTestBackend({
        features: [
          insightsPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.rootLogger.factory({ level: 'error' }),
          mockServices.rootConfig.factory({
            data: { insights: { defaultTimezone: 'UTC' } },
          }),
        ],
      });

    beforeAll(async () => {
      const first = await databases.init(databaseId);
      clients.push(first);
      const second =
        first.client.config.client === 'pg'
          ? knexFactory({
              client: 'pg',
              connection: first.client.config.connection,
              pool: { min: 0, max: 5 },
            })
          : first; // one SQLite file has one writer: the same connection, as two processes would queue
      if (second !== first) clients.push(second);
      replicas.push(await startReplica(first), await startReplica(second));
    });

    afterAll(async () => {
      for (const r of replicas) await r.stop();
      for (const c of clients.slice(1)) await c.destroy();
    });

    it('answers 200 to every request and stores each event once', async () => {
      const statuses: number[] = [];
      const bodies: string[] = [];
      for (let round = 0; round < 6; round++) {
        const same = batch(round, 'x');
        const responses = await Promise.all([
          request(replicas[0].server)
            .post('/api/insights/v1/events')
            .set('Authorization', user)
            .send(same),
          request(replicas[1].server)
            .post('/api/insights/v1/events')
            .set('Authorization', user)
            .send(same),
          request(replicas[0].server)
            .post('/api/insights/v1/events')
            .set('Authorization', user)
            .send(batch(round, 'a')),
          request(replicas[1].server)
            .post('/api/insights/v1/events')
            .set('Authorization', user)
            .send(batch(round, 'b')),
        ]);
        for (const r of responses) {
          statuses.push(r.status);
          if (r.status !== 200) bodies.push(JSON.stringify(r.body));
        }
      }
      expect(bodies).toEqual([]);
      expect(new Set(statuses)).toEqual(new Set([200]));

      // Of the 48 numbered deployments, 32 are api's; each of 6 rounds adds one per batch kind (x, a, b).
      const summary = await request(replicas[0].server)
        .get('/api/insights/v1/deployments')
        .query({
          entity: 'component:default/api',
          from: '2026-02-01T00:00:00Z',
          to: '2026-04-01T00:00:00Z',
          limit: 500,
        })
        .set('Authorization', user);
      expect(summary.status).toBe(200);
      const ids = summary.body.items.map((d: { id: string }) => d.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(32 + 18);
    });
  },
);
