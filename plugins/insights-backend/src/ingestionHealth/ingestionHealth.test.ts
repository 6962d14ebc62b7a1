import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { IngestionHealth } from '@cairn/plugin-insights-common';
import { createTestDatabases } from '@cairn/test-utils';
import request from 'supertest';
import { insightsPlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

const entities = [
  component('api', { 'github.com/project-slug': 'acme/api' }),
  // A monorepo: one component has a path prefix, the other none.
  component('cart', {
    'cairn.dev/repository': 'git.example.com/shop/mono',
    'cairn.dev/path-prefix': 'cart/',
  }),
  component('checkout', {
    'cairn.dev/repository': 'git.example.com/shop/mono',
  }),
];

const NOW = Date.now();
const at = (hoursAgo: number) =>
  new Date(NOW - hoursAgo * 3_600_000).toISOString();

describe.each(databases.eachSupportedId())(
  'ingestion health on %p',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    const auth = mockCredentials.user.header('user:default/ana');
    const post = (events: unknown[]) =>
      request(server)
        .post('/api/insights/v1/events')
        .set('Authorization', auth)
        .send({ events });
    const seed = async (events: unknown[], status: number) => {
      const res = await post(events);
      if (res.status !== status) {
        throw new Error(`seeding: ${res.status} ${JSON.stringify(res.body)}`);
      }
    };
    const health = async (query = '') => {
      const res = await request(server)
        .get(`/api/insights/v1/ingestion/health${query}`)
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      return res.body as IngestionHealth;
    };

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          insightsPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
        ],
      }));
      const deployments = [
        {
          type: 'deployment',
          source: 'ci',
          id: 'd1',
          repository: 'github.com/acme/api',
          environment: 'production',
          finishedAt: at(3),
          result: 'success',
        },
        // From a repository no component claims.
        ...['x1', 'x2'].map(id => ({
          type: 'deployment',
          source: 'ci',
          id,
          repository: 'https://github.com/acme/unknown',
          environment: 'production',
          finishedAt: at(2),
          result: 'success',
        })),
      ];
      await seed(deployments, 200);
      const changes = [
        {
          type: 'change',
          source: 'github',
          id: 'mono#1',
          repository: 'git.example.com/shop/mono',
          changedPaths: ['checkout/pay.ts'],
        },
        {
          type: 'incident',
          source: 'pager',
          id: 'p1',
          detectedAt: at(1),
        },
      ];
      await seed(changes, 200);
      // A replay, and a batch with an invalid event.
      await seed(deployments.slice(0, 1), 200);
      await seed([deployments[0], { type: 'deployment', source: 'ci' }], 400);
    });

    it('counts what each source received, per hour, with the latest rejection reasons', async () => {
      const view = await health('?bucket=hour');
      expect(view.range.bucket).toBe('hour');
      expect(view.sources.map(s => [s.source, s.registered])).toEqual([
        ['api', true],
        ['cdevents', true],
      ]);
      const api = view.sources[0];
      expect(api.totals).toEqual({
        accepted: 5,
        updated: 0,
        ignored: 1,
        rejected: 2,
        unattributed: 4,
      });
      // A week of hours, the current one included (the range starts on an hour).
      expect([7 * 24, 7 * 24 + 1]).toContain(api.buckets.length);
      // Everything arrived within the last minute or so: the last hour, or the two last ones.
      const recent = api.buckets.slice(-2);
      expect(recent.reduce((n, b) => n + b.accepted, 0)).toBe(5);
      expect(recent.reduce((n, b) => n + b.rejected, 0)).toBe(2);
      expect(api.buckets.slice(0, -2).every(b => b.accepted === 0)).toBe(true);
      expect(Date.parse(api.lastReceivedAt!)).toBeGreaterThanOrEqual(
        Date.parse(api.lastAcceptedAt!),
      );
      expect(api.recentRejections).toEqual([
        {
          at: expect.any(String),
          count: 2,
          reason:
            '1 invalid event, nothing stored: events[1].id is required; events[1].environment is required',
        },
      ]);
      const cdevents = view.sources[1];
      expect(cdevents).toMatchObject({
        lastReceivedAt: null,
        totals: { accepted: 0, rejected: 0 },
      });
      // Daily buckets over a week by default.
      const daily = await health();
      expect(daily.range.bucket).toBe('day');
      expect(daily.sources[0].buckets.length).toBeGreaterThanOrEqual(7);
      expect(daily.sources[0].totals).toEqual(api.totals);
    });

    it('lists unattributed events with the annotation that would attribute them', async () => {
      const { unattributed } = await health();
      expect(unattributed).toEqual([
        {
          type: 'deployment',
          source: 'ci',
          repository: 'github.com/acme/unknown',
          count: 2,
          lastReceivedAt: expect.any(String),
          examples: expect.arrayContaining(['x1', 'x2']),
          reason:
            'no component in the catalog has the repository github.com/acme/unknown',
          hint: "Add the annotation 'github.com/project-slug: acme/unknown' to the component built from github.com/acme/unknown; the next catch-up run (every 10 minutes) attributes the stored events.",
          annotation: {
            name: 'github.com/project-slug',
            value: 'acme/unknown',
          },
        },
        {
          type: 'change',
          source: 'github',
          repository: 'git.example.com/shop/mono',
          count: 1,
          lastReceivedAt: expect.any(String),
          examples: ['mono#1'],
          reason:
            'git.example.com/shop/mono holds 2 components and component:default/checkout has no path prefix',
          hint: "Add the annotation 'cairn.dev/path-prefix: <folder>/' to component:default/checkout; changes are then attributed by their changed paths.",
          annotation: { name: 'cairn.dev/path-prefix', value: '<folder>/' },
          candidates: ['component:default/cart', 'component:default/checkout'],
        },
        {
          type: 'incident',
          source: 'pager',
          repository: null,
          count: 1,
          lastReceivedAt: expect.any(String),
          examples: ['p1'],
          reason: 'the events name neither a component nor a repository',
          hint: 'To attribute them, name the component (`component`) in each event, or send the repository.',
        },
      ]);
    });

    it.each([
      ['a bad date', '?from=last-week', /from: 'last-week'/],
      [
        'a reversed range',
        '?from=2026-03-02&to=2026-03-01',
        /from: must be before to/,
      ],
      [
        'too many hours',
        '?from=2026-01-01&to=2026-03-01&bucket=hour',
        /at most 1000/,
      ],
      ['an unknown bucket', '?bucket=week', /bucket/],
    ])('answers 400 for %s', async (_what, query, message) => {
      const res = await request(server)
        .get(`/api/insights/v1/ingestion/health${query}`)
        .set('Authorization', auth);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  },
);
