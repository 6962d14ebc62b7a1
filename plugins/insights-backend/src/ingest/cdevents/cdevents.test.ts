import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DeliveryEventInput,
  DoraSummary,
  IngestionHealth,
} from '@cairn/plugin-insights-common';
import { createTestDatabases } from '@cairn/test-utils';
import { CloudEvent, emitterFor, HTTP, httpTransport, Mode } from 'cloudevents';
import request from 'supertest';
import { insightsPlugin } from '../../plugin';
import {
  cdevent,
  CdeventInput,
  cloudEventOf,
  PUBLISHED,
  relation,
} from './__testUtils__/cdevents';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const component = (name: string, slug: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'github.com/project-slug': slug },
  },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

const RANGE = 'from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z';
const sha = (c: string) => c.repeat(40);

/** The CDEvents side of the scenario, for component `api`. */
const changeEvents = [
  cdevent({
    type: 'change.created',
    id: 'c-created',
    timestamp: '2026-03-02T10:00:00Z',
    chainId: 'chain-1',
    subject: {
      id: '17',
      source: 'github.com/acme/api',
      content: {
        repository: { id: 'acme/api', source: 'https://github.com' },
        description: 'Faster checkout',
      },
    },
  }),
  cdevent({
    type: 'change.reviewed',
    id: 'c-reviewed',
    timestamp: '2026-03-02T14:00:00Z',
    chainId: 'chain-1',
    subject: { id: '17', source: 'github.com/acme/api', content: {} },
  }),
  cdevent({
    type: 'change.merged',
    id: 'c-merged',
    timestamp: '2026-03-03T09:00:00Z',
    chainId: 'chain-1',
    subject: {
      id: '17',
      source: 'github.com/acme/api',
      content: { repository: { id: 'acme/api', source: 'https://github.com' } },
    },
  }),
];

const service = (
  type: string,
  id: string,
  timestamp: string,
  commit: string,
  extra: Partial<CdeventInput> = {},
) =>
  cdevent({
    type,
    id,
    timestamp,
    subject: {
      id: 'service/api',
      content: {
        environment: { id: 'production' },
        artifactId: `pkg:github/acme/api@${commit}`,
      },
    },
    ...extra,
  });

const deploymentEvents = [
  service('service.deployed', 'd1', '2026-03-03T12:00:00Z', sha('a'), {
    chainId: 'chain-1',
  }),
  service('service.upgraded', 'd2', '2026-03-05T10:00:00Z', sha('b')),
  service('service.deployed', 'd3', '2026-03-10T09:00:00Z', sha('c')),
];

/** Sent as one batch: a rollback naming what it rolls back, an incident naming the artifact. */
const repairEvents = [
  service('service.rolledback', 'r1', '2026-03-05T11:00:00Z', sha('a'), {
    links: [relation('d2', 'ROLLBACK')],
  }),
  cdevent({
    type: 'incident.detected',
    id: 'i1-detected',
    source: '/monitoring',
    timestamp: '2026-03-10T15:00:00Z',
    subject: {
      id: 'incident-1',
      content: {
        description: 'Checkout errors above 2%',
        environment: { id: 'production' },
        artifactId: `pkg:github/acme/api@${sha('c')}`,
      },
    },
  }),
  cdevent({
    type: 'incident.resolved',
    id: 'i1-resolved',
    source: '/monitoring',
    timestamp: '2026-03-10T17:00:00Z',
    subject: {
      id: 'incident-1',
      content: { environment: { id: 'production' } },
    },
  }),
];

/** The same history as a REST batch, for component `web`. */
const restBatch: DeliveryEventInput[] = [
  {
    type: 'change',
    source: 'ci',
    id: 'web#17',
    repository: 'github.com/acme/web',
    openedAt: '2026-03-02T10:00:00Z',
    firstReviewAt: '2026-03-02T14:00:00Z',
    mergedAt: '2026-03-03T09:00:00Z',
  },
  ...[
    ['d1', '2026-03-03T12:00:00Z', { changes: ['web#17'] }],
    ['d2', '2026-03-05T10:00:00Z', {}],
    ['r1', '2026-03-05T11:00:00Z', { trigger: 'rollback', fixes: 'd2' }],
    ['d3', '2026-03-10T09:00:00Z', {}],
  ].map(
    ([id, finishedAt, extra]) =>
      ({
        type: 'deployment',
        source: 'ci',
        id,
        component: 'web',
        environment: 'production',
        finishedAt,
        result: 'success',
        ...(extra as object),
      } as DeliveryEventInput),
  ),
  {
    type: 'incident',
    source: 'ci',
    id: 'i1',
    component: 'web',
    detectedAt: '2026-03-10T15:00:00Z',
    resolvedAt: '2026-03-10T17:00:00Z',
    causedBy: { deployment: 'd3' },
  },
];

describe.each(databases.eachSupportedId())('CDEvents on %p', databaseId => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let url: string;
  let knex: Awaited<ReturnType<typeof databases.init>>;
  const auth = mockCredentials.user.header('user:default/ana');
  const headers = { Authorization: auth };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        insightsPlugin,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({
          entities: [
            component('api', 'acme/api'),
            component('web', 'acme/web'),
          ],
        }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
    url = `http://localhost:${server.port()}/api/insights/v1/cdevents`;
  });

  const summary = async (entity: string) => {
    const res = await request(server)
      .get(`/api/insights/v1/metrics/summary?entity=${entity}&${RANGE}`)
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    return res.body as DoraSummary;
  };

  /** The SDK's batch: its CloudEvents as JSON, through its own HTTP transport. */
  const sendBatch = async (events: Array<CloudEvent<unknown>>) =>
    JSON.parse(
      (
        (await httpTransport(url)(
          {
            headers: {
              'content-type': 'application/cloudevents-batch+json',
              ...headers,
            },
            body: JSON.stringify(events),
          },
          {},
        )) as { body: string }
      ).body,
    );

  const emit = async (mode: Mode, event: CloudEvent<unknown>) =>
    JSON.parse(
      (
        (await emitterFor(httpTransport(url), { mode })(event, {
          headers,
        })) as { body: string }
      ).body,
    );

  it('maps CDEvents sent in binary, structured and batched mode to the metrics of the equivalent REST batch', async () => {
    for (const cd of changeEvents) {
      expect(await emit(Mode.STRUCTURED, cloudEventOf(cd))).toMatchObject({
        received: 1,
        ignored: 0,
      });
    }
    for (const cd of deploymentEvents) {
      expect(await emit(Mode.BINARY, cloudEventOf(cd))).toMatchObject({
        received: 1,
      });
    }
    const batch = await sendBatch(repairEvents.map(cloudEventOf));
    expect(batch).toMatchObject({ received: 3, ignored: 0, pending: 0 });

    const rest = await request(server)
      .post('/api/insights/v1/events')
      .set('Authorization', auth)
      .send({ events: restBatch });
    expect(rest.status).toBe(200);

    const [fromCdevents, fromRest] = [
      await summary('component:default/api'),
      await summary('component:default/web'),
    ];
    expect(fromCdevents.metrics).toEqual(fromRest.metrics);
    // And they are the numbers worked out by hand: four successful deployments on three days; d2
    // failed (rolled back an hour later), d3 failed (the incident on its artifact, resolved 8 hours
    // after it finished).
    expect(fromCdevents.metrics.deploymentFrequency.details).toMatchObject({
      deployments: 4,
      deploymentDays: 3,
    });
    expect(fromCdevents.metrics.changeFailRate).toMatchObject({
      value: 0.5,
      details: { failed: 2, total: 4 },
    });
    expect(fromCdevents.metrics.recoveryTime.details).toMatchObject({
      median: (3600 + 28800) / 2,
      count: 2,
    });
    expect(fromCdevents.metrics.reworkRate.value).toBe(0.25);
    expect(fromCdevents.metrics.mttr.details).toMatchObject({
      median: 7200,
      count: 1,
    });
    expect(fromCdevents.metrics.changeLeadTime.details.stages).toMatchObject({
      pickup: { median: 4 * 3600 },
      review: { median: 19 * 3600 },
      deploy: { median: 3 * 3600 },
    });

    const incidents = await request(server)
      .get(`/api/insights/v1/incidents?entity=component:default/api&${RANGE}`)
      .set('Authorization', auth);
    expect(incidents.body.items[0]).toMatchObject({
      source: 'cdevents',
      id: '/monitoring#incident-1',
      title: 'Checkout errors above 2%',
      link: { type: 'explicit', deployment: { source: 'cdevents', id: 'd3' } },
    });
    const changes = await request(server)
      .get(`/api/insights/v1/changes?entity=component:default/api&${RANGE}`)
      .set('Authorization', auth);
    expect(changes.body.items[0]).toMatchObject({
      id: 'github.com/acme/api#17',
      number: 17,
      repository: 'github.com/acme/api',
      deployment: { source: 'cdevents', id: 'd1' },
    });

    // Replaying everything changes nothing.
    const replay = await sendBatch(
      [...changeEvents, ...deploymentEvents, ...repairEvents].map(cloudEventOf),
    );
    expect(replay).toMatchObject({ received: 9, inserted: 0, updated: 0 });
    expect((await summary('component:default/api')).metrics).toEqual(
      fromCdevents.metrics,
    );
  });

  it('accepts every published version of every mapped type', async () => {
    const cases: Array<{ type: string; version: string; release?: 'v0.4.0' }> =
      Object.entries(PUBLISHED).flatMap(([type, versions]) =>
        versions.map(([version]) => ({ type, version })),
      );
    // The two spellings of v0.4: chain_id (v0.4.0) and chainId (v0.4.1).
    cases.push({
      type: 'service.deployed',
      version: '0.2.0',
      release: 'v0.4.0',
    });
    for (const [index, c] of cases.entries()) {
      const { version, release } = c;
      const kind = c.type.split('.')[0];
      const link =
        version === '0.3.0'
          ? { uri: 'https://ci.example/runs/1' }
          : { url: 'https://ci.example/runs/1' };
      const runContent: Record<string, Record<string, unknown>> = {
        pipelinerun: { pipelineName: 'build', ...link },
        taskrun: { taskName: 'unit', ...link, pipelineRun: { id: 'run-1' } },
        testcaserun: {
          outcome: version === '0.3.0' ? 'success' : 'pass',
          environment: { id: 'ci' },
          testCase: { id: 'cart.adds-item' },
        },
      };
      const content: Record<string, unknown> =
        runContent[kind] ??
        (kind === 'change'
          ? { repository: { id: 'acme/versions' } }
          : {
              environment: { id: 'staging' },
              ...(kind === 'service'
                ? { artifactId: `pkg:oci/versions@sha256:${index}` }
                : {}),
              ...(c.type === 'incident.reported'
                ? { ticketURI: 'https://tickets.example/1' }
                : {}),
            });
      const cd = cdevent({
        type: c.type,
        version,
        release,
        id: `version-${index}`,
        timestamp: '2026-03-20T10:00:00.123456Z',
        chainId: version.startsWith('0.1') ? undefined : 'versions',
        subject: { id: 'service/versions', content },
      });
      const message = HTTP.binary(cloudEventOf(cd));
      const res = await request(server)
        .post('/api/insights/v1/cdevents')
        .set(message.headers as Record<string, string>)
        .set('Authorization', auth)
        .send(message.body as string);
      expect([c, res.status, res.body.ignored]).toEqual([c, 200, 0]);
    }
  });

  it('rejects invalid CDEvents naming each field, and stores nothing', async () => {
    const before = await request(server)
      .get(`/api/insights/v1/ingestion/health`)
      .set('Authorization', auth);
    const valid = service(
      'service.deployed',
      'bad-batch-ok',
      '2026-03-21T10:00:00Z',
      sha('e'),
    );
    const missingEnvironment = cdevent({
      type: 'service.deployed',
      id: 'bad-1',
      timestamp: '2026-03-21T10:00:00Z',
      subject: { id: 'service/api', content: { artifactId: 'pkg:oci/x@1' } },
    });
    // A v0.4 event written with v0.5's field name.
    const wrongVersionField = cdevent({
      type: 'service.deployed',
      version: '0.2.0',
      id: 'bad-2',
      timestamp: '2026-03-21T10:00:00Z',
      subject: {
        id: 'service/api',
        content: { environment: { id: 'prod' }, artifactId: 'pkg:oci/x@1' },
      },
    });
    wrongVersionField.context.specversion = wrongVersionField.context.version;
    delete wrongVersionField.context.version;
    // A service id whose component reference does not fit (found by the fuzz suite: a 500).
    const longService = cdevent({
      type: 'service.deployed',
      id: 'bad-3',
      timestamp: '2026-03-21T10:00:00Z',
      subject: {
        id: 'x'.repeat(250),
        content: { environment: { id: 'prod' }, artifactId: 'pkg:oci/x@1' },
      },
    });
    const res = await request(server)
      .post('/api/insights/v1/cdevents')
      .set('Content-Type', 'application/cloudevents-batch+json')
      .set('Authorization', auth)
      .send(
        JSON.stringify(
          [valid, missingEnvironment, wrongVersionField, longService].map(
            cloudEventOf,
          ),
        ),
      );
    expect(res.status).toBe(400);
    expect(res.body.invalidEvents).toEqual([
      {
        index: 1,
        path: 'events[1].data.subject.content.environment',
        message:
          'is required (CDEvents v0.5.0 and v0.5.1 schemas/servicedeployed.json)',
      },
      {
        index: 2,
        path: 'events[2].data.context.version',
        message:
          'is required (CDEvents v0.4.0 and v0.4.1 schemas/servicedeployed.json)',
      },
      {
        index: 2,
        path: 'events[2].data.context',
        message: expect.stringContaining("unknown field 'specversion'"),
      },
      {
        index: 3,
        path: 'events[3].data.subject.id',
        message: expect.stringContaining('longer than 255 characters'),
      },
    ]);
    const deployments = await request(server)
      .get(`/api/insights/v1/deployments?entity=component:default/api&${RANGE}`)
      .set('Authorization', auth);
    expect(
      deployments.body.items.map((d: { id: string }) => d.id),
    ).not.toContain('bad-batch-ok');

    const after = await request(server)
      .get(`/api/insights/v1/ingestion/health`)
      .set('Authorization', auth);
    const cdeventsHealth = (h: IngestionHealth) =>
      h.sources.find(s => s.source === 'cdevents')!;
    expect(cdeventsHealth(after.body).totals.rejected).toBe(
      cdeventsHealth(before.body).totals.rejected + 4,
    );
    expect(cdeventsHealth(after.body).recentRejections[0].reason).toMatch(
      /3 invalid events, nothing stored: events\[1\]\.data\.subject\.content\.environment/,
    );
  });

  it.each([
    [
      'a request that is not a CloudEvent',
      { 'Content-Type': 'application/json' },
      '{"hello":"world"}',
      /no cloud event detected/,
    ],
    [
      'a structured event that is not JSON',
      { 'Content-Type': 'application/cloudevents+json' },
      '{"specversion":',
      /JSON/,
    ],
    [
      'a batch that is not an array',
      { 'Content-Type': 'application/cloudevents-batch+json' },
      '{}',
      /body must be a JSON array of CloudEvents/,
    ],
    [
      // The SDK passes such an id through; reading it as text threw (a fuzzer's find).
      'an id that is an object',
      { 'Content-Type': 'application/cloudevents+json' },
      JSON.stringify({
        specversion: '1.0',
        id: { toString: 0 },
        source: '/ci',
        type: 'dev.cdevents.service.deployed.0.3.0',
        datacontenttype: 'application/json',
        data: {},
      }),
      /events\[0\]\.id must be a non-empty string/,
    ],
    [
      'a specversion that is not text',
      { 'Content-Type': 'application/cloudevents+json' },
      JSON.stringify({
        specversion: ['1.0'],
        id: 'x',
        source: '/ci',
        type: 'dev.cdevents.service.deployed.0.3.0',
        data: {},
      }),
      /specversion/,
    ],
  ])('answers 400 for %s', async (_what, contentType, body, message) => {
    const res = await request(server)
      .post('/api/insights/v1/cdevents')
      .set(contentType)
      .set('Authorization', auth)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('requires the CloudEvent to carry the CDEvent it describes', async () => {
    const cd = service(
      'service.deployed',
      'mismatch',
      '2026-03-22T10:00:00Z',
      sha('f'),
    );
    const event = cloudEventOf(cd).cloneWith({ id: 'another-id' });
    const message = HTTP.binary(event);
    const res = await request(server)
      .post('/api/insights/v1/cdevents')
      .set(message.headers as Record<string, string>)
      .set('Authorization', auth)
      .send(message.body as string);
    expect(res.status).toBe(400);
    expect(res.body.invalidEvents).toEqual([
      {
        index: 0,
        path: 'events[0].data.context.id',
        message: expect.stringContaining(
          "must equal the CloudEvent id 'another-id'",
        ),
      },
    ]);
  });

  it('acknowledges types and versions it does not map, counting them as ignored', async () => {
    const build = new CloudEvent({
      id: 'build-1',
      source: '/ci',
      type: 'dev.cdevents.build.finished.0.2.0',
      data: { anything: true },
    });
    const future = cloudEventOf(
      service('service.deployed', 'future-1', '2026-03-22T10:00:00Z', sha('f')),
    ).cloneWith({ type: 'dev.cdevents.service.deployed.9.0.0' });
    const other = new CloudEvent({
      id: 'x',
      source: '/elsewhere',
      type: 'com.example.order.placed',
      data: {},
    });
    const res = await sendBatch([build, future, other]);
    expect(res).toMatchObject({ received: 3, ignored: 3, inserted: 0 });
    const health = await request(server)
      .get(`/api/insights/v1/ingestion/health`)
      .set('Authorization', auth);
    const note = (health.body as IngestionHealth).sources.find(
      s => s.source === 'cdevents',
    )!.recentIgnored[0];
    expect(note.count).toBe(3);
    expect(note.reason).toContain(
      'dev.cdevents.build.finished.0.2.0: Cairn does not use build.finished events',
    );
    expect(note.reason).toContain(
      '9.0.0 is not a published version of service.deployed (published: 0.1-draft, 0.1.0, 0.1.1, 0.2.0, 0.3.0)',
    );
    expect(note.reason).toContain(
      'com.example.order.placed: not a CDEvents type',
    );
  });

  it('ships a change that arrives after the deployment of its chain, and rolls back within a chain', async () => {
    const deployed = cdevent({
      type: 'service.deployed',
      id: 'late-chain-d',
      timestamp: '2026-03-26T12:00:00Z',
      chainId: 'chain-late',
      subject: {
        id: 'component:default/api',
        content: {
          environment: { id: 'prod' },
          artifactId: 'pkg:oci/api@sha256%3A1234',
        },
      },
    });
    expect(await sendBatch([cloudEventOf(deployed)])).toMatchObject({
      inserted: 1,
    });
    const merged = cdevent({
      type: 'change.merged',
      id: 'late-chain-c',
      timestamp: '2026-03-26T11:00:00Z',
      chainId: 'chain-late',
      subject: {
        id: '99',
        source: 'github.com/acme/api',
        content: { repository: { id: 'https://github.com/acme/api' } },
      },
    });
    // The change is stored, and the deployment of its chain is updated to ship it.
    expect(await sendBatch([cloudEventOf(merged)])).toMatchObject({
      inserted: 1,
      updated: 1,
    });
    const changes = await request(server)
      .get(`/api/insights/v1/changes?entity=component:default/api&${RANGE}`)
      .set('Authorization', auth);
    expect(
      changes.body.items.find(
        (c: { id: string }) => c.id === 'github.com/acme/api#99',
      ),
    ).toMatchObject({
      deployment: { source: 'cdevents', id: 'late-chain-d' },
      stages: { deploy: 3600 },
    });

    // A rollback without links fixes the latest earlier deployment of its chain.
    const rollback = cdevent({
      type: 'service.rolledback',
      id: 'late-chain-r',
      timestamp: '2026-03-26T12:30:00Z',
      chainId: 'chain-late',
      subject: {
        id: 'service/api',
        content: {
          environment: { id: 'production' },
          artifactId: 'pkg:oci/api@sha256%3A0000',
        },
      },
    });
    await sendBatch([cloudEventOf(rollback)]);
    const failed = await request(server)
      .get(
        `/api/insights/v1/deployments?entity=component:default/api&${RANGE}&filter=failed`,
      )
      .set('Authorization', auth);
    expect(
      failed.body.items.find((d: { id: string }) => d.id === 'late-chain-d'),
    ).toMatchObject({
      version: 'sha256:1234',
      failureReasons: [
        {
          kind: 'fixed',
          by: { source: 'cdevents', id: 'late-chain-r' },
          trigger: 'rollback',
          explicit: true,
        },
      ],
      recoverySeconds: 1800,
    });
  });

  it('reads who opened and who first reviewed a change from customData, naming a bad value', async () => {
    const change = (
      type: string,
      id: string,
      timestamp: string,
      customData: Record<string, unknown>,
    ) =>
      cloudEventOf(
        cdevent({
          type,
          id,
          timestamp,
          subject: {
            id: '314',
            source: 'github.com/acme/api',
            content: { repository: { id: 'https://github.com/acme/api' } },
          },
          customData,
        }),
      );
    // The second review arrives first; the earlier one is the first review, with its reviewer.
    expect(
      await sendBatch([
        change('change.created', 'who-1', '2026-03-27T08:00:00Z', {
          author: 'dana',
        }),
        change('change.reviewed', 'who-3', '2026-03-27T12:00:00Z', {
          reviewer: 'fay',
        }),
      ]),
    ).toMatchObject({ inserted: 1 });
    await sendBatch([
      change('change.reviewed', 'who-2', '2026-03-27T10:00:00Z', {
        reviewer: ' eli@example.com ',
      }),
    ]);
    expect(
      await knex('delivery_changes')
        .where({ external_id: 'github.com/acme/api#314' })
        .first('author', 'first_reviewer', 'first_review_at'),
    ).toMatchObject({
      author: 'dana',
      first_reviewer: 'eli@example.com',
    });

    const res = await request(server)
      .post('/api/insights/v1/cdevents')
      .set('Content-Type', 'application/cloudevents-batch+json')
      .set('Authorization', auth)
      .send(
        JSON.stringify([
          change('change.reviewed', 'who-4', '2026-03-27T13:00:00Z', {
            reviewer: 42,
          }),
        ]),
      );
    expect(res.status).toBe(400);
    expect(res.body.invalidEvents).toEqual([
      {
        index: 0,
        path: 'events[0].data.customData.reviewer',
        message: 'must be a login or an e-mail address of 1 to 255 characters',
      },
    ]);
  });

  it('holds an incident resolution that arrives before its detection', async () => {
    const resolved = cdevent({
      type: 'incident.resolved',
      id: 'late-resolved',
      source: '/pager',
      timestamp: '2026-03-25T12:00:00Z',
      subject: {
        id: 'late',
        content: {
          environment: { id: 'production' },
          service: { id: 'service/api' },
        },
      },
    });
    expect(await sendBatch([cloudEventOf(resolved)])).toMatchObject({
      pending: 1,
      inserted: 0,
    });
    const detected = cdevent({
      type: 'incident.reported',
      id: 'late-reported',
      source: '/pager',
      timestamp: '2026-03-25T11:30:00Z',
      subject: {
        id: 'late',
        content: {
          environment: { id: 'production' },
          service: { id: 'service/api' },
          ticketURI: 'https://tickets.example/late',
        },
      },
    });
    expect(await sendBatch([cloudEventOf(detected)])).toMatchObject({
      pending: 0,
      inserted: 1,
    });
    const incidents = await request(server)
      .get(`/api/insights/v1/incidents?entity=component:default/api&${RANGE}`)
      .set('Authorization', auth);
    expect(
      incidents.body.items.find((i: { id: string }) => i.id === '/pager#late'),
    ).toMatchObject({
      detectedAt: '2026-03-25T11:30:00.000Z',
      resolvedAt: '2026-03-25T12:00:00.000Z',
      url: 'https://tickets.example/late',
    });
  });
});

describe('CDEvents permissions', () => {
  it('needs credentials and the permission to create events', async () => {
    const { server } = await startTestBackend({
      features: [
        insightsPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const message = HTTP.binary(
      cloudEventOf(
        service('service.deployed', 'p1', '2026-03-02T10:00:00Z', sha('a')),
      ),
    );
    const anonymous = await request(server)
      .post('/api/insights/v1/cdevents')
      .set(message.headers as Record<string, string>)
      .send(message.body as string);
    expect(anonymous.status).toBe(401);
    const denied = await request(server)
      .post('/api/insights/v1/cdevents')
      .set(message.headers as Record<string, string>)
      .set('Authorization', mockCredentials.user.header())
      .send(message.body as string);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/insights.events.create/);
  });
});
