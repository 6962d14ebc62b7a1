import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { CloudEvent, HTTP } from 'cloudevents';
import {
  CI_TOKEN,
  signInAsGuest,
  startDemoBackend,
} from './__testUtils__/demoBackend';

jest.setTimeout(120_000);

function binaryCdevent(id: string) {
  const cdevent = {
    context: {
      specversion: '0.5.1',
      id,
      source: '/ci/faults',
      type: 'dev.cdevents.service.deployed.0.3.0',
      timestamp: '2026-03-03T10:00:00Z',
    },
    subject: {
      id: 'service/checkout-service',
      content: {
        environment: { id: 'production' },
        artifactId: 'pkg:oci/checkout-service@sha256%3Aabc',
      },
    },
  };
  return HTTP.binary(
    new CloudEvent({
      id,
      source: cdevent.context.source,
      type: cdevent.context.type,
      time: cdevent.context.timestamp,
      datacontenttype: 'application/json',
      data: cdevent,
    }),
  );
}

/**
 * Issue 15, item 1: on the embedded SQLite default, a CDEvent arriving first after a start used to
 * hold the insights database's only connection in a transaction while asking the catalog over HTTP;
 * the plugin token for that call needs the plugin's signing keys from the same database, so
 * everything waited 60 s and answered 500. Real backend, real auth, real catalog, SQLite files.
 */
describe('the embedded SQLite default under a first CDEvent', () => {
  const directory = mkdtempSync(join(tmpdir(), 'cairn-faults-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('answers a CDEvent, a batch and reads within seconds, right after start', async () => {
    const backend = await startDemoBackend({
      database: { sqliteDirectory: directory },
    });
    try {
      const { token } = await signInAsGuest(backend.server);
      const timed = async <T>(work: () => Promise<T>) => {
        const started = Date.now();
        const result = await work();
        return { result, ms: Date.now() - started };
      };

      const message = binaryCdevent('faults-cdevent-1');
      const cdevent = await timed(() =>
        request(backend.server)
          .post('/api/insights/v1/cdevents')
          .set(message.headers as Record<string, string>)
          .set('Authorization', `Bearer ${CI_TOKEN}`)
          .send(message.body as string),
      );
      expect(cdevent.result.status).toBe(200);
      expect(cdevent.result.body).toMatchObject({ inserted: 1 });

      const batch = await timed(() =>
        request(backend.server)
          .post('/api/insights/v1/events')
          .set('Authorization', `Bearer ${CI_TOKEN}`)
          .send({
            events: [
              {
                type: 'deployment',
                source: 'ci',
                id: 'faults-1',
                component: 'checkout-service',
                environment: 'production',
                finishedAt: '2026-03-02T10:00:00Z',
                result: 'success',
              },
            ],
          }),
      );
      expect(batch.result.status).toBe(200);

      const reads = await timed(() =>
        Promise.all(
          ['summary', 'rollup'].map(route =>
            request(backend.server)
              .get(`/api/insights/v1/metrics/${route}`)
              .query({
                entity:
                  route === 'summary'
                    ? 'component:default/checkout-service'
                    : 'group:default/checkout',
              })
              .set('Authorization', `Bearer ${token}`),
          ),
        ),
      );
      expect(reads.result.map(r => r.status)).toEqual([200, 200]);
      for (const step of [cdevent, batch, reads]) {
        expect(step.ms).toBeLessThan(10_000);
      }
    } finally {
      await backend.stop();
    }
  });
});
