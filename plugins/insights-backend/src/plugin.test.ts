import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DeliveryEventInput,
  DoraRollup,
  DoraSummary,
} from '@cairn/plugin-insights-common';
import {
  InsightsEventIngestor,
  insightsIngestionExtensionPoint,
} from '@cairn/plugin-insights-node';
import { createTestDatabases } from '@cairn/test-utils';
import request from 'supertest';
import { insightsPlugin } from './plugin';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});
/** A group as the catalog stores it: children and members as relations (members from users' memberOf). */
const group = (
  name: string,
  children: string[],
  members: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children },
  relations: [
    ...children.map(c => ({
      type: 'parentOf',
      targetRef: `group:default/${c}`,
    })),
    ...members.map(m => ({
      type: 'hasMember',
      targetRef: `user:default/${m}`,
    })),
  ],
});
const userEntity = (name: string, team: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [team] },
  relations: [{ type: 'memberOf', targetRef: `group:default/${team}` }],
});

const entities = [
  component('api', 'payments', { 'github.com/project-slug': 'acme/api' }),
  component('web', 'payments', {
    'backstage.io/source-location':
      'url:https://github.com/acme/web/tree/main/',
  }),
  component('batch', 'ops'),
  group('engineering', ['payments', 'ops']),
  group('payments', [], ['ana', 'bo']),
  group('ops', [], ['cy']),
  // Its relations name a member the catalog's search does not find (a user still being processed).
  component('probe', 'lab'),
  group('lab', [], ['dee']),
  userEntity('ana', 'payments'),
  userEntity('bo', 'payments'),
  userEntity('cy', 'ops'),
];

const deployment = (
  id: string,
  finishedAt: string,
  extra: Record<string, unknown> = {},
) =>
  ({
    type: 'deployment',
    source: 'ci',
    id,
    repository: 'github.com/acme/api',
    environment: 'prod',
    finishedAt,
    result: 'success',
    ...extra,
  } as DeliveryEventInput);

const RANGE = 'from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z';

describe.each(databases.eachSupportedId())(
  'insights plugin on %p',
  databaseId => {
    const user = mockCredentials.user.header('user:default/ana');
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    const auditEvents: Array<{
      eventId: string;
      status: string;
      meta?: unknown;
    }> = [];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          insightsPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({
            data: {
              insights: {
                ingest: { maxEventsPerBatch: 5, maxBodySize: '20kb' },
              },
            },
          }),
          recordingAuditor(auditEvents),
          // A request without a token is unauthenticated (the mock's default would be a user).
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
        ],
      }));
      const res = await request(server)
        .post('/api/insights/v1/events')
        .set('Authorization', user)
        .send({
          events: [
            deployment('d1', '2026-03-02T10:00:00Z'),
            deployment('d2', '2026-03-03T10:00:00Z', { result: 'failure' }),
            deployment('d3', '2026-03-03T10:30:00Z', {
              trigger: 'hotfix',
              fixes: 'd2',
            }),
            deployment('w1', '2026-03-04T10:00:00Z', {
              repository: 'https://github.com/acme/web',
            }),
            {
              type: 'incident',
              source: 'pager',
              id: 'i1',
              component: 'api',
              detectedAt: '2026-03-02T12:00:00Z',
            },
          ],
        });
      if (res.status !== 200)
        throw new Error(`seeding failed: ${JSON.stringify(res.body)}`);
    });

    it('ingests a batch and answers with counts; a replay changes nothing', async () => {
      const replay = await request(server)
        .post('/api/insights/v1/events')
        .set('Authorization', user)
        .send({ events: [deployment('d1', '2026-03-02T10:00:00Z')] });
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
        stale: 0,
        merged: 0,
        unattributed: 0,
      });
    });

    it('rejects a batch with invalid events, listing each, and stores nothing', async () => {
      const res = await request(server)
        .post('/api/insights/v1/events')
        .set('Authorization', user)
        .send({
          events: [
            deployment('ok', '2026-03-05T10:00:00Z'),
            deployment('bad', 'not a time'),
            { type: 'incident', source: 'pager', id: 'i9' },
          ],
        });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.invalidEvents).toEqual([
        {
          index: 1,
          path: 'events[1].finishedAt',
          message: expect.stringContaining('ISO 8601'),
        },
        { index: 2, path: 'events[2].detectedAt', message: 'is required' },
      ]);
      const stored = await request(server)
        .get(
          `/api/insights/v1/deployments?entity=component:default/api&${RANGE}`,
        )
        .set('Authorization', user);
      expect(stored.body.items.map((d: { id: string }) => d.id)).not.toContain(
        'ok',
      );
    });

    it.each([
      ['a body that is not an object', ['x'], /body: must be a JSON object/],
      ['a body without events', { event: [] }, /unknown field 'event'/],
      [
        'events that are not an array',
        { events: {} },
        /events: must be an array/,
      ],
    ])('rejects %s with 400', async (_what, body, message) => {
      const res = await request(server)
        .post('/api/insights/v1/events')
        .set('Authorization', user)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('answers 413 for too many events and for an oversize body', async () => {
      const many = await request(server)
        .post('/api/insights/v1/events')
        .set('Authorization', user)
        .send({
          events: Array.from({ length: 6 }, (_, i) =>
            deployment(`m${i}`, '2026-03-05T10:00:00Z'),
          ),
        });
      expect(many.status).toBe(413);
      expect(many.body.error.message).toMatch(/at most 5 events/);
      const big = await request(server)
        .post('/api/insights/v1/events')
        .set('Authorization', user)
        .send({
          events: [
            deployment('big', '2026-03-05T10:00:00Z', {
              name: 'x'.repeat(30_000),
            }),
          ],
        });
      expect(big.body.error?.message).toMatch(/too large/);
      expect(big.status).toBe(413);
    });

    it('requires credentials on every route but /health', async () => {
      expect((await request(server).get('/api/insights/health')).status).toBe(
        200,
      );
      expect(
        (
          await request(server)
            .post('/api/insights/v1/events')
            .send({ events: [] })
        ).status,
      ).toBe(401);
      expect(
        (
          await request(server).get(
            `/api/insights/v1/metrics/summary?entity=component:default/api`,
          )
        ).status,
      ).toBe(401);
    });

    it('audits ingestion, successful and failed', () => {
      expect(auditEvents).toContainEqual({
        eventId: 'events-ingest',
        status: 'succeeded',
        meta: expect.objectContaining({ inserted: 5 }),
      });
      expect(
        auditEvents.some(
          e => e.eventId === 'events-ingest' && e.status === 'failed',
        ),
      ).toBe(true);
    });

    it('serves the summary of a component with trend, tiers and coverage', async () => {
      const res = await request(server)
        .get(
          `/api/insights/v1/metrics/summary?entity=component:default/api&${RANGE}&timezone=Europe/Berlin`,
        )
        .set('Authorization', user);
      expect(res.body.error?.message).toBeUndefined();
      expect(res.status).toBe(200);
      const summary = res.body as DoraSummary;
      expect(summary.environment).toBe('production');
      // Days on Berlin's calendar: 1 March 01:00 to 31 March 02:00 (summer time from 29 March) is
      // 30 days and an hour, although 30 × 24 hours elapse.
      expect(summary.range.timezone).toBe('Europe/Berlin');
      expect(summary.range.days).toBeCloseTo(30 + 1 / 24, 10);
      // d2 failed by its result; d1 by the incident detected two hours later (linked by inference).
      expect(summary.metrics.changeFailRate).toMatchObject({
        value: 2 / 3,
        details: { failed: 2, total: 3 },
      });
      expect(summary.metrics.changeFailRate.tier.reason).toMatch(/not ordered/);
      expect(summary.metrics.deploymentFrequency.details).toMatchObject({
        deployments: 2,
        deploymentDays: 2,
      });
      expect(summary.metrics.deploymentFrequency.trend).toMatchObject({
        previous: 0,
        direction: 'up',
        better: true,
      });
      expect(summary.coverage.incidents).toMatchObject({
        total: 1,
        inferred: 1,
      });
      expect(summary.metrics.mttr.missingReason).toMatch(
        /1 incident detected in the range is still open/,
      );
      expect(summary.coverage.attribution).toEqual({
        repository: 'github.com/acme/api',
        pathPrefix: null,
      });
    });

    it('gives no tier, and says why, for a component that never deployed', async () => {
      const res = await request(server)
        .get(
          `/api/insights/v1/metrics/summary?entity=component:default/batch&${RANGE}`,
        )
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const frequency = (res.body as DoraSummary).metrics.deploymentFrequency;
      expect(frequency.value).toBeNull();
      expect(frequency.missingReason).toMatch(
        /No deployments of this component/,
      );
      expect(frequency.tier).toMatchObject({
        tiers: [],
        reason: 'There is no value to place.',
      });
    });

    it('answers 404 for a component neither the catalog nor any event knows (a typo is not "no data")', async () => {
      const res = await request(server)
        .get(
          `/api/insights/v1/metrics/summary?entity=component:default/bacth&${RANGE}`,
        )
        .set('Authorization', user);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        'entity: no component component:default/bacth in the catalog, and no reported event names it; check the reference',
      );
    });

    it('serves zero-filled series by week', async () => {
      const res = await request(server)
        .get(
          `/api/insights/v1/metrics/series?entity=component:default/api&${RANGE}&bucket=week`,
        )
        .set('Authorization', user);
      expect(res.status).toBe(200);
      // ISO weeks start on Monday: 1 March 2026 is a Sunday, so the first bucket is one day long.
      expect(res.body.buckets).toHaveLength(6);
      expect(res.body.buckets[0]).toMatchObject({
        start: '2026-03-01T00:00:00.000Z',
        end: '2026-03-02T00:00:00.000Z',
      });
      expect(res.body.buckets.map((b: { total: number }) => b.total)).toEqual([
        0, 3, 0, 0, 0, 0,
      ]);
    });

    it('rolls up a group tree by component distribution, with toil signals', async () => {
      const res = await request(server)
        .get(
          `/api/insights/v1/metrics/rollup?entity=group:default/engineering&${RANGE}`,
        )
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const rollup = res.body as DoraRollup;
      expect(rollup.components.map(c => c.entityRef).sort()).toEqual([
        'component:default/api',
        'component:default/web',
      ]);
      expect(rollup.componentsWithoutData).toEqual(['component:default/batch']);
      expect(rollup.distribution.changeFailRate).toMatchObject({
        componentsWithValue: 2,
        median: 1 / 3,
        best: { entityRef: 'component:default/web', value: 0 },
        worst: { entityRef: 'component:default/api', value: 2 / 3 },
      });
      expect(rollup.toil).toMatchObject({
        deployments: 4,
        members: 3,
        incidents: 1,
        incidentsPerMember: 1 / 3,
      });
      // The relations and the catalog's search agree: nothing to say.
      expect(rollup.toil.membersNote).toBeUndefined();
      expect(rollup.attention[0]).toMatchObject({
        entityRef: 'component:default/api',
      });
    });

    it("counts a group's members from its relations, and says when the catalog's search disagrees", async () => {
      const res = await request(server)
        .get(
          `/api/insights/v1/metrics/rollup?entity=group:default/lab&${RANGE}`,
        )
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.toil).toMatchObject({
        members: 1,
        membersNote:
          "The group's relations name 1 member; the catalog's search finds 0. Per-member figures use the relations (the catalog may still be processing).",
      });
    });

    it('drills down into deployments with failure reasons', async () => {
      const res = await request(server)
        .get(
          `/api/insights/v1/deployments?entity=component:default/api&${RANGE}&filter=failed&limit=10`,
        )
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(2);
      const d2 = res.body.items.find((d: { id: string }) => d.id === 'd2');
      expect(d2.failureReasons).toEqual([
        { kind: 'result' },
        {
          kind: 'fixed',
          by: { source: 'ci', id: 'd3' },
          trigger: 'hotfix',
          explicit: true,
        },
      ]);
      expect(d2.recoverySeconds).toBe(1800);
      const incidents = await request(server)
        .get(`/api/insights/v1/incidents?entity=component:default/api&${RANGE}`)
        .set('Authorization', user);
      expect(incidents.body.items[0].link).toEqual({
        type: 'inferred',
        deployment: { source: 'ci', id: 'd1' },
      });
    });

    it('lists environments and benchmarks', async () => {
      const envs = await request(server)
        .get('/api/insights/v1/environments?entity=component:default/api')
        .set('Authorization', user);
      expect(envs.body.items).toEqual([
        expect.objectContaining({
          environment: 'production',
          production: true,
          names: ['prod'],
          deployments: 3,
        }),
      ]);
      const benchmarks = await request(server)
        .get('/api/insights/v1/benchmarks')
        .set('Authorization', user);
      expect(benchmarks.body.defaultBenchmark).toBe('2024');
      expect(benchmarks.body.items.map((b: { id: string }) => b.id)).toEqual([
        '2024',
        '2023',
        '2021',
      ]);
    });

    it.each([
      ['summary without an entity', '/v1/metrics/summary', /entity/],
      [
        'a bad time zone',
        '/v1/metrics/summary?entity=component:default/api&timezone=Mars/Base',
        /timezone/,
      ],
      [
        'a reversed range',
        '/v1/metrics/summary?entity=component:default/api&from=2026-03-02&to=2026-03-01',
        /from: must be before to/,
      ],
      [
        'a bad date',
        '/v1/metrics/summary?entity=component:default/api&from=yesterday',
        /from: 'yesterday'/,
      ],
      [
        'an unknown benchmark',
        '/v1/metrics/summary?entity=component:default/api&benchmark=1999',
        /benchmark/,
      ],
      [
        'a bad bucket',
        '/v1/metrics/series?entity=component:default/api&bucket=year',
        /bucket/,
      ],
      [
        'a rollup of a component',
        '/v1/metrics/rollup?entity=component:default/api',
        /Group or a System/,
      ],
      [
        'a bad limit',
        '/v1/deployments?entity=component:default/api&limit=0',
        /limit/,
      ],
      [
        'an unknown parameter',
        '/v1/changes?entity=component:default/api&colour=red',
        /colour/,
      ],
    ])('answers 400 for %s', async (_what, path, message) => {
      const res = await request(server)
        .get(`/api/insights${path}`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('answers 404 for a group the catalog does not know', async () => {
      const res = await request(server)
        .get('/api/insights/v1/metrics/rollup?entity=group:default/nobody')
        .set('Authorization', user);
      expect(res.status).toBe(404);
    });
  },
);

describe('insights plugin permissions and modules', () => {
  it('refuses ingestion and reads when the policy denies them', async () => {
    const { server } = await startTestBackend({
      features: [
        insightsPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const anyone = mockCredentials.user.header();
    const post = await request(server)
      .post('/api/insights/v1/events')
      .set('Authorization', anyone)
      .send({ events: [deployment('d1', '2026-03-02T10:00:00Z')] });
    expect(post.status).toBe(403);
    expect(post.body.error.message).toMatch(/insights.events.create/);
    const get = await request(server)
      .get('/api/insights/v1/metrics/summary?entity=component:default/api')
      .set('Authorization', anyone);
    expect(get.status).toBe(403);
  });

  it('lets a module hand events to the same validated ingestion path', async () => {
    let ingestor: InsightsEventIngestor | undefined;
    const sourceModule = createBackendModule({
      pluginId: 'insights',
      moduleId: 'test-source',
      register(reg) {
        reg.registerInit({
          deps: { ingestion: insightsIngestionExtensionPoint },
          async init({ ingestion }) {
            ingestion.addEventSource({
              id: 'test',
              async connect(connected) {
                ingestor = connected;
              },
            });
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        insightsPlugin,
        sourceModule,
        catalogServiceMock.factory({ entities }),
      ],
    });
    expect(ingestor).toBeDefined();
    await expect(
      ingestor!.ingest([deployment('m1', '2026-03-02T10:00:00Z')], {
        actor: 'test',
      }),
    ).resolves.toMatchObject({ inserted: 1 });
    await expect(
      ingestor!.ingest([deployment('m2', 'soon')], { actor: 'test' }),
    ).rejects.toThrow(/events\[0\].finishedAt/);
    const res = await request(server)
      .get(`/api/insights/v1/deployments?entity=component:default/api&${RANGE}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.body.items.map((d: { id: string }) => d.id)).toEqual(['m1']);
  });
});

/** An auditor that records what the plugin reports, on top of the mock. */
function recordingAuditor(
  events: Array<{ eventId: string; status: string; meta?: unknown }>,
) {
  return mockServices.auditor.mock({
    createEvent: async options => ({
      success: async (o?: { meta?: unknown }) => {
        events.push({
          eventId: options.eventId,
          status: 'succeeded',
          meta: o?.meta,
        });
      },
      fail: async (o: { meta?: unknown }) => {
        events.push({
          eventId: options.eventId,
          status: 'failed',
          meta: o.meta,
        });
      },
    }),
  }).factory;
}
