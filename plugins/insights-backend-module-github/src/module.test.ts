import { createHmac } from 'node:crypto';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested on the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import insightsPlugin from '@cairn/plugin-insights-backend';
import { IngestionHealth } from '@cairn/plugin-insights-common';
import { createTestDatabases } from '@cairn/test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { deliver, examplesOf, template } from './__testUtils__/github';
import insightsModuleGithub from './index';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const EVENTS = [
  'deployment_status',
  'deployment',
  'pull_request',
  'pull_request_review',
  'push',
  'issues',
  'workflow_run',
  'workflow_job',
  'check_run',
];

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'hello-world',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'Codertocat/Hello-World' },
    },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  },
];

const TABLES = [
  'delivery_deployments',
  'delivery_deployment_commits',
  'delivery_deployment_change_refs',
  'delivery_changes',
  'delivery_change_facts',
  'delivery_incidents',
  'delivery_pipeline_runs',
  'github_pull_requests',
  'github_branches',
  'github_pushes',
  'github_push_commits',
  'github_deployments',
];

/** Everything ingestion and the module store, to prove that something changed nothing. */
async function snapshot(knex: Knex, tables = TABLES) {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = await knex(table).select();
    out[table] = rows
      .map(r =>
        JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v)),
      )
      .sort();
  }
  return out;
}

describe.each(databases.eachSupportedId())(
  'GitHub webhooks on %p',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let knex: Knex;
    const user = mockCredentials.user.header('user:default/ana');

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          insightsPlugin,
          insightsModuleGithub,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({
            data: {
              insights: {
                github: {
                  webhook: {
                    secret: 'test-secret',
                    additionalSecrets: ['next-secret'],
                  },
                  // The examples label their issue `bug`: make that an incident label here.
                  incidents: { labels: ['incident', 'bug'] },
                },
              },
            },
          }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
        ],
      }));
    });

    const all = EVENTS.flatMap(event =>
      examplesOf(event).map((payload, index) => ({
        event,
        payload,
        id: `example-${event}-${index}`,
      })),
    );

    it('accepts every example payload of the events it uses, signed with either secret', async () => {
      for (const [i, { event, payload, id }] of all.entries()) {
        const res = await deliver(server, event, payload, {
          id,
          secret: i % 2 ? 'next-secret' : 'test-secret',
        });
        expect([event, id, res.status, res.body.error]).toEqual([
          event,
          id,
          200,
          undefined,
        ]);
      }
      // They did something: pull request #2 of the examples is a change; issue #1 (labelled bug) an
      // incident; the deployment finished at its success status.
      const changes = await knex('delivery_changes').select(
        'source',
        'external_id',
      );
      expect(changes).toEqual([
        { source: 'github', external_id: 'codertocat/hello-world#2' },
      ]);
      const incidents = await knex('delivery_incidents').select('external_id');
      expect(incidents.map(i => i.external_id)).toContain(
        'codertocat/hello-world#1',
      );
      const deployment = await knex('delivery_deployments')
        .first('external_id', 'result', 'finished_at')
        .where('external_id', 'codertocat/hello-world/deployments/145988746');
      expect(deployment).toMatchObject({ result: 'success' });
      expect(Number(deployment.finished_at)).toBe(
        Date.parse('2019-05-15T15:20:55Z'),
      );
      // Workflow runs by attempt, jobs, and check runs of apps other than GitHub Actions are pipeline
      // runs (the scenario test shows GitHub Actions' own check runs left out).
      const runs = await knex('delivery_pipeline_runs')
        .select('external_id', 'pipeline', 'kind', 'result')
        .orderBy('external_id');
      expect(runs).toEqual(
        expect.arrayContaining([
          {
            external_id:
              'codertocat/hello-world/actions/runs/1589141559/attempts/1',
            pipeline: 'Manually triggered workflow',
            kind: 'other',
            result: null,
          },
          {
            external_id: 'codertocat/hello-world/actions/jobs/289782451',
            pipeline: 'CodeQL / linters',
            kind: 'other',
            result: 'failure',
          },
          {
            external_id: 'codertocat/hello-world/check-runs/128620228',
            pipeline: 'Octocoders-linter',
            kind: 'pullRequest',
            result: 'success',
          },
        ]),
      );
    });

    it('changes nothing when the same deliveries come again, or come again under new ids', async () => {
      const before = await snapshot(knex, [...TABLES, 'github_deliveries']);
      for (const { event, payload, id } of all) {
        const res = await deliver(server, event, payload, { id });
        expect([id, res.status, res.body.outcome]).toEqual([
          id,
          200,
          'duplicate',
        ]);
      }
      expect(await snapshot(knex, [...TABLES, 'github_deliveries'])).toEqual(
        before,
      );
      const changed: unknown[] = [];
      for (const { event, payload, id } of all) {
        const res = await deliver(server, event, payload, {
          id: `${id}-again`,
        });
        expect([id, res.status]).toEqual([id, 200]);
        if (res.body.counts?.inserted || res.body.counts?.updated) {
          changed.push([id, res.body.counts]);
        }
      }
      expect(changed).toEqual([]);
      expect(await snapshot(knex)).toEqual(
        Object.fromEntries(TABLES.map(t => [t, before[t]])),
      );
    });

    it('refuses a wrong or missing signature and changes nothing, not even the health counters', async () => {
      // Anyone can send these: they must not write, or they would push real reasons out of the
      // health view's capped list (issue 15, item 13).
      const watched = [
        ...TABLES,
        'github_deliveries',
        'ingestion_health_buckets',
        'ingestion_health_notes',
      ];
      const before = await snapshot(knex, watched);
      for (const { event, payload, id } of all) {
        const wrong = await deliver(server, event, payload, {
          id: `${id}-forged`,
          secret: 'not-the-secret',
        });
        expect([id, wrong.status]).toEqual([id, 401]);
        const missing = await deliver(server, event, payload, {
          id: `${id}-unsigned`,
          signature: null,
        });
        expect([id, missing.status]).toEqual([id, 401]);
      }
      // A signature of another body, and one in the old SHA-1 form, are refused too.
      const { event, payload } = all[0];
      const other = await deliver(
        server,
        event,
        { ...payload, action: 'x' },
        {
          signature: `sha256=${'0'.repeat(64)}`,
        },
      );
      expect(other.status).toBe(401);
      const sha1 = await deliver(server, event, payload, {
        signature: 'sha1=0123456789abcdef0123456789abcdef01234567',
      });
      expect(sha1.status).toBe(401);
      expect(sha1.body.error.message).toMatch(
        /X-Hub-Signature-256 does not match any configured secret/,
      );
      expect(await snapshot(knex, watched)).toEqual(before);
    });

    it('verifies the signature over the raw bytes, then refuses a body that is not UTF-8 with 400', async () => {
      const raw = Buffer.concat([
        Buffer.from('{"action":"opened","title":"'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"}'),
      ]);
      const res = await request(server)
        .post('/api/insights/github/webhook')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', 'pull_request')
        .set('X-GitHub-Delivery', 'raw-bytes-1')
        .set(
          'X-Hub-Signature-256',
          `sha256=${createHmac('sha256', 'test-secret')
            .update(raw)
            .digest('hex')}`,
        )
        // As bytes: superagent would serialise a Buffer as JSON for a JSON content type.
        .serialize(body => body)
        .send(raw);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('payload: must be JSON in UTF-8');
    });

    it('refuses delivery ids and event names that GitHub never sends, after the signature', async () => {
      const { event, payload } = all[0];
      const long = await deliver(server, event, payload, {
        id: 'x'.repeat(8000),
      });
      expect(long.status).toBe(400);
      expect(long.body.error.message).toMatch(/X-GitHub-Delivery/);
    });

    it('acknowledges events it does not use, and reports everything in the ingestion health view', async () => {
      const res = await deliver(server, 'check_suite', { action: 'completed' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ outcome: 'ignored' });
      const tag = await deliver(server, 'push', template('push'));
      expect(tag.body.reason).toMatch(
        /refs\/tags\/simple-tag: only branch pushes/,
      );

      const health = await request(server)
        .get('/api/insights/v1/ingestion/health')
        .set('Authorization', user);
      expect(health.status).toBe(200);
      const github = (health.body as IngestionHealth).sources.find(
        s => s.source === 'github',
      )!;
      expect(github.registered).toBe(true);
      expect(github.totals.accepted).toBeGreaterThan(0);
      // Only verified requests count: the forged and unsigned ones above left no trace here.
      expect(
        github.recentRejections.some(n => /X-Hub-Signature-256/.test(n.reason)),
      ).toBe(false);
      expect(github.recentIgnored.map(n => n.reason)).toContainEqual(
        expect.stringMatching(/^check_suite: not an event Cairn uses/),
      );
      expect(github.lastReceivedAt).not.toBeNull();
    });

    it('answers 400 naming the field for a payload that lacks what its event must carry', async () => {
      const payload = template('deployment_status');
      delete payload.deployment.sha;
      payload.deployment_status.created_at = 'yesterday';
      const res = await deliver(server, 'deployment_status', payload);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid deployment_status payload: deployment_status.created_at: must be an ISO 8601 timestamp; deployment.sha: is required',
      );
    });

    it('opens nothing else on the plugin', async () => {
      expect(
        (await request(server).get('/api/insights/v1/deployments?entity=x'))
          .status,
      ).toBe(401);
      expect(
        (
          await request(server)
            .post('/api/insights/v1/events')
            .send({ events: [] })
        ).status,
      ).toBe(401);
      expect(
        (await request(server).get('/api/insights/github/webhook')).status,
      ).toBe(404);
    });
  },
);

describe('GitHub webhooks without a secret', () => {
  it('answers 503 saying what to configure, and the rest of the plugin still needs credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        insightsPlugin,
        insightsModuleGithub,
        catalogServiceMock.factory({ entities }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const res = await deliver(server, 'ping', { zen: 'Keep it simple.' });
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/insights\.github\.webhook\.secret/);
    expect(
      (await request(server).get('/api/insights/v1/ingestion/health')).status,
    ).toBe(401);
    expect((await request(server).get('/api/insights/health')).status).toBe(
      200,
    );
  });
});
