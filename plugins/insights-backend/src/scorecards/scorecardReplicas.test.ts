import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
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
import { insightsPlugin } from '../plugin';

/*
 * Two replicas on one PostgreSQL database with Backstage's real scheduler: the scorecard evaluation is
 * a global task, so it runs on one of them, once per period, and both answer the same results. (With
 * a local task each replica would evaluate at start: two runs.)
 */

jest.setTimeout(180_000);
const databases = createTestDatabases();

const entities: Entity[] = ['api', 'web'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/team',
    lifecycle: 'production',
  },
}));

const RULES = `apiVersion: cairn.dev/v1alpha1
kind: Scorecard
metadata: { name: basics }
spec:
  levels: [ok]
  checks:
    - { id: owned, title: Owned, level: ok, expression: 'entity.owner != ""' }
`;

const pg = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

// Without PostgreSQL (a laptop; createTestDatabases fails under CI=true), the suite says it is skipped.
const describePg = pg.length
  ? describe.each(pg)
  : describe.skip.each([['POSTGRES_15' as const]]);

describePg('scorecards on two replicas on %p', databaseId => {
  const runs: string[][] = [[], []];
  const backends: Array<Awaited<ReturnType<typeof startTestBackend>>> = [];
  const clients: Knex[] = [];
  let dir: string;

  const recordingLogger = (lines: string[]): LoggerService => {
    const logger: LoggerService = {
      info: message => {
        if (/^Scorecards: \d+ entities evaluated/.test(message))
          lines.push(message);
      },
      warn: () => {},
      error: () => {},
      debug: () => {},
      child: () => logger,
    };
    return logger;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-scorecard-replicas-'));
    writeFileSync(join(dir, 'rules.yaml'), RULES);
    const first = await databases.init(databaseId);
    const second = knexFactory({
      client: 'pg',
      connection: first.client.config.connection,
      pool: { min: 0, max: 5 },
    });
    clients.push(second);
    for (const [i, knex] of [first, second].entries())
      backends.push(
        await startTestBackend({
          features: [
            insightsPlugin,
            schedulerServiceFactory,
            mockServices.database.factory({ knex }),
            catalogServiceMock.factory({ entities }),
            createServiceFactory({
              service: coreServices.logger,
              deps: {},
              factory: () => recordingLogger(runs[i]),
            }),
            mockServices.rootConfig.factory({
              data: {
                insights: {
                  scorecards: { rules: [join(dir, 'rules.yaml')] },
                  schedules: {
                    scorecards: {
                      frequency: { hours: 1 },
                      timeout: { minutes: 5 },
                      initialDelay: { seconds: 2 },
                    },
                  },
                },
              },
            }),
          ],
        }),
      );
  });

  afterAll(async () => {
    for (const b of backends) await b.stop();
    for (const c of clients) await c.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('evaluates once across both, and both answer the results', async () => {
    const total = () => runs[0].length + runs[1].length;
    const deadline = Date.now() + 90_000;
    while (total() === 0 && Date.now() < deadline)
      await new Promise(r => setTimeout(r, 500));
    expect(total()).toBe(1);
    // Several of the scheduler's polling rounds later, still once.
    await new Promise(r => setTimeout(r, 15_000));
    expect(runs.map(r => r.length).sort()).toEqual([0, 1]);
    for (const { server } of backends) {
      const res = await request(server)
        .get('/api/insights/v1/scorecards/results')
        .query({ entity: 'component:default/api' })
        .set('Authorization', mockCredentials.user.header('user:default/dev'));
      expect(res.status).toBe(200);
      expect(res.body.scorecards[0]).toMatchObject({
        name: 'basics',
        level: 'ok',
      });
    }
  });
});
