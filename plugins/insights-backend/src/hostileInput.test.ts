import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@cairn/test-utils';
import request from 'supertest';
import { insightsPlugin } from './plugin';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const deployment = (extra: Record<string, unknown> = {}) => ({
  type: 'deployment',
  source: 'ci',
  id: 'd1',
  component: 'api',
  environment: 'production',
  finishedAt: '2026-03-02T10:00:00Z',
  result: 'success',
  ...extra,
});

const cdevent = (id: unknown, specversion = '1.0') =>
  JSON.stringify({
    specversion,
    id: 'ce-1',
    source: '/ci',
    type: 'dev.cdevents.service.deployed.0.3.0',
    datacontenttype: 'application/json',
    data: {
      context: {
        specversion: '0.5.1',
        id,
        source: '/ci',
        type: 'dev.cdevents.service.deployed.0.3.0',
        timestamp: '2026-03-03T10:00:00Z',
      },
      subject: {
        id: 'service/api',
        content: { environment: { id: 'production' }, artifactId: 'a' },
      },
    },
  });

/** Issue 15, items 7-10 and 14: hostile input is a 4xx naming the field, never a 500, and stores nothing. */
describe.each(databases.eachSupportedId())(
  'insights under hostile input on %p',
  databaseId => {
    const user = mockCredentials.user.header('user:default/ana');
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          insightsPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: [] }),
          mockServices.rootConfig.factory({
            data: { insights: { ingest: { maxBodySize: '2mb' } } },
          }),
        ],
      }));
    });

    const post = (path: string, body: string, type = 'application/json') =>
      request(server)
        .post(`/api/insights/v1/${path}`)
        .set('Authorization', user)
        .set('Content-Type', type)
        .send(body);

    it('refuses lone surrogates with 400 naming the field, and stores nothing', async () => {
      const res = await post(
        'events',
        JSON.stringify({
          events: [deployment({ source: 'SURROGATE' })],
        }).replace('SURROGATE', '\\ud800'),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^body\.events\[0\]\.source: must be well-formed Unicode text/,
      );
      const twin = await post(
        'events',
        JSON.stringify({ events: [deployment({ id: 'xSURROGATE' })] }).replace(
          'SURROGATE',
          '\\udfff',
        ),
      );
      expect(twin.status).toBe(400);
      expect(twin.body.error.message).toMatch(/^body\.events\[0\]\.id:/);
      const stored = await request(server)
        .get('/api/insights/v1/deployments')
        .query({
          entity: 'component:default/api',
          from: '2026-03-01',
          to: '2026-04-01',
        })
        .set('Authorization', user);
      expect(stored.body.items).toEqual([]);
    });

    it('answers 415 for a content type it does not read, and 400 naming body for broken JSON', async () => {
      const wrongType = await post('events', '{"events":[]}', 'text/plain');
      expect(wrongType.status).toBe(415);
      expect(wrongType.body.error.message).toMatch(
        /^content-type: must be application\/json/,
      );
      const broken = await post('events', '{"events": [');
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toMatch(/^body: is not valid JSON/);
    });

    it('refuses a CloudEvent nested 10,000 levels deep, or of another spec version, with 400', async () => {
      const deep = await post(
        'cdevents',
        cdevent('PLACEHOLDER').replace(
          '"PLACEHOLDER"',
          `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
        ),
        'application/cloudevents+json',
      );
      expect(deep.status).toBe(400);
      expect(deep.body.invalidEvents[0]).toMatchObject({
        path: expect.stringMatching(/^body\.data\.context\.id\[0\]/),
        message: 'is nested more than 64 levels deep',
      });
      for (const version of ['2.0', '9.9']) {
        const res = await post(
          'cdevents',
          cdevent('ce-1', version),
          'application/cloudevents+json',
        );
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body)).toMatch(/specversion/);
      }
    });

    it('never echoes a megabyte value back, in the body or the message', async () => {
      const huge = 'x'.repeat(1_000_000);
      const res = await post(
        'cdevents',
        cdevent('ce-1').replace('"source":"/ci"', `"source":"${huge}"`),
        'application/cloudevents+json',
      );
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body).length).toBeLessThan(10_000);
      const many = await post(
        'events',
        JSON.stringify({
          events: Array.from({ length: 1000 }, () => ({ type: 'nope' })),
        }),
      );
      expect([400, 413]).toContain(many.status);
      expect(JSON.stringify(many.body).length).toBeLessThan(30_000);
    });
  },
);
