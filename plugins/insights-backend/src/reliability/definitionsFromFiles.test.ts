import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@cairn/test-utils';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { insightsPlugin } from '../plugin';

/*
 * OpenSLO files named by a component's `cairn.dev/openslo` annotation, read by the scheduled task
 * through the portal's real UrlReader (here from a local HTTP server the reading config allows), on
 * SQLite and PostgreSQL.
 */

jest.setTimeout(120_000);
const databases = createTestDatabases();

const slo = (name: string, target: string) => `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: checkout
  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { type: Prometheus, spec: { query: "sum(rate(ok[{{.window}}]))" } } }
        total: { metricSource: { type: Prometheus, spec: { query: "sum(rate(all[{{.window}}]))" } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: ${target} }]
`;

describe.each(databases.eachSupportedId())(
  'OpenSLO files from the catalog on %p',
  databaseId => {
    const files = new Map<string, string>();
    let server: Server;
    let base: string;

    beforeAll(async () => {
      server = createServer((req, res) => {
        const body = files.get(req.url ?? '');
        res.writeHead(body === undefined ? 404 : 200).end(body ?? 'missing');
      });
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise(resolve => server.close(resolve)));

    it('reads the files on schedule, keeps the last valid version when one breaks, and forgets files no longer named', async () => {
      files.set('/repo/slo/availability.yaml', slo('availability', '0.999'));
      files.set('/other/latency.yaml', slo('latency', '0.99'));
      const scheduler = mockServices.scheduler.mock();
      const component = (annotation: string) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'checkout',
          namespace: 'default',
          annotations: {
            'backstage.io/source-location': `url:${base}/repo/`,
            'cairn.dev/openslo': annotation,
          },
        },
        spec: { type: 'service', owner: 'team', lifecycle: 'production' },
      });
      const entity = component(
        `slo/availability.yaml, ${base}/other/latency.yaml, slo/missing.yaml`,
      );
      const knex = await databases.init(databaseId);
      const { server: api } = await startTestBackend({
        features: [
          insightsPlugin,
          mockServices.database.factory({ knex }),
          scheduler.factory,
          mockServices.rootLogger.factory({ level: 'error' }),
          catalogServiceMock.factory({ entities: [entity] }),
          mockServices.rootConfig.factory({
            data: {
              backend: {
                reading: { allow: [{ host: new URL(base).host }] },
              },
            },
          }),
        ],
      });
      const task = scheduler.scheduleTask.mock.calls
        .map(([t]) => t)
        .find(t => t.id === 'insights-slo-definitions')!;
      expect(task).toMatchObject({ scope: 'global' });
      const get = (path: string) =>
        request(api)
          .get(`/api/insights/v1/slos/${path}`)
          .query({ entity: 'component:default/checkout' })
          .set('Authorization', mockCredentials.user.header());
      const names = async () => {
        const res = await get('status');
        expect(res.body.error).toBeUndefined();
        return res.body.slos.map((s: any) => [s.name, s.origin]);
      };

      await task.fn(new AbortController().signal);
      expect(await names()).toEqual([
        ['availability', `${base}/repo/slo/availability.yaml`],
        ['latency', `${base}/other/latency.yaml`],
      ]);
      const documents = (await get('documents')).body.documents;
      expect(documents.map((d: any) => [d.origin, d.version, d.state])).toEqual(
        [
          [`${base}/other/latency.yaml`, 1, 'valid'],
          [`${base}/repo/slo/availability.yaml`, 1, 'valid'],
          [`${base}/repo/slo/missing.yaml`, 1, 'invalid'],
        ],
      );
      expect(documents[2].problems[0].message).toMatch(/^could not be read/);

      // Unchanged files make no new version; a broken one is stored as invalid and the last valid
      // version keeps serving.
      files.set('/repo/slo/availability.yaml', slo('availability', '1.5'));
      await task.fn(new AbortController().signal);
      await task.fn(new AbortController().signal);
      const after = (await get('documents')).body.documents;
      expect(after.map((d: any) => [d.version, d.state])).toEqual([
        [1, 'valid'],
        [2, 'invalid'],
        [1, 'invalid'],
      ]);
      expect(after[1].problems).toEqual([
        {
          document: 'SLO availability',
          path: 'spec.objectives[0].target',
          message: 'must be below 1 (0.999 for 99.9 %)',
        },
      ]);
      expect((await get('status')).body.slos[0]).toMatchObject({
        name: 'availability',
        version: 1,
      });

      // The annotation no longer names the latency file: its SLO goes.
      entity.metadata.annotations['cairn.dev/openslo'] =
        'slo/availability.yaml';
      await task.fn(new AbortController().signal);
      expect(await names()).toEqual([
        ['availability', `${base}/repo/slo/availability.yaml`],
      ]);
    });
  },
);
