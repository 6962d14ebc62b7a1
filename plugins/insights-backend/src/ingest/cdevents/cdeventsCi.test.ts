import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CiHealth, DoraSummary } from '@cairn/plugin-insights-common';
import { createTestDatabases } from '@cairn/test-utils';
import { HTTP } from 'cloudevents';
import request from 'supertest';
import { insightsPlugin } from '../../plugin';
import { cdevent, cloudEventOf } from './__testUtils__/cdevents';

/*
 * CI from CDEvents (docs/DESIGN.md, "CI health"): pipeline runs, task runs and test case runs tied
 * together by their chain, what they built from the chain's merged change or from customData,
 * hand-computed, through the real plugin on SQLite and PostgreSQL.
 */

jest.setTimeout(120_000);

const databases = createTestDatabases();

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'api',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'acme/api' },
    },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  },
];

const MERGE = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);
const RANGE = 'from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&timezone=UTC';
const at = (time: string) => `2026-03-10T${time}:00Z`;

const run = (
  type: 'queued' | 'started' | 'finished',
  subject: string,
  time: string,
  extra: {
    outcome?: string;
    chainId?: string;
    customData?: Record<string, unknown>;
  } = {},
) =>
  cdevent({
    type: `pipelinerun.${type}`,
    id: `${subject}-${type}`,
    timestamp: at(time),
    chainId: extra.chainId ?? 'chain-ci',
    subject: {
      id: subject,
      content: {
        pipelineName: 'build',
        uri: `https://ci.example/runs/${subject}`,
        ...(extra.outcome ? { outcome: extra.outcome } : {}),
      },
    },
    ...(extra.customData ? { customData: extra.customData } : {}),
  });

const testCase = (id: string, name: string, outcome: string, time: string) =>
  cdevent({
    type: 'testcaserun.finished',
    id,
    timestamp: at(time),
    chainId: 'chain-ci',
    subject: {
      id,
      content: {
        outcome,
        environment: { id: 'ci' },
        testSuiteRun: { id: 'cart' },
        testCase: { id: `cart.${name}`, name },
        ...(outcome === 'failure' ? { reason: 'timeout' } : {}),
      },
    },
  });

describe.each(databases.eachSupportedId())(
  'CI from CDEvents on %p',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    const auth = mockCredentials.user.header('user:default/ana');

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          insightsPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
        ],
      }));
    });

    const send = async (events: Array<Record<string, any>>) => {
      const res = await request(server)
        .post('/api/insights/v1/cdevents')
        .set('Authorization', auth)
        .set('Content-Type', 'application/cloudevents-batch+json')
        .send(JSON.stringify(events.map(cd => cloudEventOf(cd).toJSON())));
      expect(res.body.error?.message).toBeUndefined();
      expect(res.status).toBe(200);
      return res.body;
    };
    const get = async <T>(path: string): Promise<T> => {
      const res = await request(server)
        .get(`/api/insights/v1/${path}`)
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      return res.body as T;
    };

    it('folds pipeline runs, their tasks and their tests into CI health and the build stage', async () => {
      // A run whose chain says nothing of a commit yet is held, not stored.
      const held = await send([
        run('queued', 'run-1', '09:00'),
        run('started', 'run-1', '09:02'),
        run('finished', 'run-1', '09:12', { outcome: 'failure' }),
        testCase('t1', 'adds item', 'failure', '09:10'),
        testCase('t2', 'refunds', 'success', '09:11'),
      ]);
      expect(held).toMatchObject({ received: 5, ignored: 0, pending: 1 });
      expect(held.inserted).toBe(0);

      // The merged change of the chain says what it built: run-1 is stored with its tests.
      const merged = await send([
        cdevent({
          type: 'change.merged',
          id: 'merged',
          timestamp: at('08:55'),
          chainId: 'chain-ci',
          subject: {
            id: MERGE,
            source: 'github.com/acme/api',
            content: {
              repository: { id: 'acme/api', source: 'https://github.com' },
            },
          },
        }),
      ]);
      // The change and the pipeline run.
      expect(merged).toMatchObject({ inserted: 2, pending: 0 });

      // The rerun goes green; its task ran 4 minutes; adds item passes now: it is flaky.
      await send([
        run('queued', 'run-2', '09:20'),
        run('started', 'run-2', '09:25'),
        cdevent({
          type: 'taskrun.started',
          id: 'task-started',
          timestamp: at('09:26'),
          chainId: 'chain-ci',
          subject: {
            id: 'task-unit',
            content: { taskName: 'unit', pipelineRun: { id: 'run-2' } },
          },
        }),
        cdevent({
          type: 'taskrun.finished',
          id: 'task-finished',
          timestamp: at('09:30'),
          chainId: 'chain-ci',
          subject: {
            id: 'task-unit',
            content: {
              taskName: 'unit',
              pipelineRun: { id: 'run-2' },
              outcome: 'success',
            },
          },
        }),
        testCase('t3', 'adds item', 'success', '09:33'),
        testCase('t4', 'refunds', 'success', '09:34'),
        run('finished', 'run-2', '09:35', { outcome: 'success' }),
      ]);
      // A run outside any chain says what it built in customData: a pull request's run.
      await send([
        run('started', 'pr-run', '07:00', {
          chainId: 'chain-pr',
          customData: {
            commit: OTHER,
            repository: 'github.com/acme/api',
            kind: 'pullRequest',
          },
        }),
        run('finished', 'pr-run', '07:06', {
          chainId: 'chain-pr',
          outcome: 'success',
        }),
      ]);
      // The deployment of the merge commit.
      await send([
        cdevent({
          type: 'service.deployed',
          id: 'deployed',
          timestamp: at('10:35'),
          subject: {
            id: 'service/api',
            content: {
              environment: { id: 'production' },
              artifactId: `pkg:github/acme/api@${MERGE}`,
            },
          },
        }),
      ]);

      const health = await get<CiHealth>(
        `ci/health?entity=component:default/api&${RANGE}`,
      );
      expect(
        health.pipelines.map(p => [
          p.pipeline,
          p.kind,
          p.runs,
          p.successRate,
          p.duration.p50,
          p.queue.p50,
        ]),
      ).toEqual([
        // run-1: 600 s, queued 120 s, red; run-2: 600 s, queued 300 s, green.
        ['build', 'defaultBranch', 2, 0.5, 600, 210],
        ['build / unit', 'defaultBranch', 1, 1, 240, null],
        ['build', 'pullRequest', 1, 1, 360, null],
      ]);
      expect(health.flakyTests).toEqual([
        expect.objectContaining({
          suite: 'cart',
          name: 'adds item',
          flakyCommits: 1,
          failures: 1,
          runs: 2,
          failureRate: 0.5,
          blockedRuns: 1,
          lastFailure: expect.objectContaining({
            url: 'https://ci.example/runs/run-1',
            message: 'timeout',
          }),
        }),
      ]);
      expect(health.reruns).toEqual({ runs: 1, secondsLost: 600 });

      // Merged 08:55, built 09:35 (run-2; its task finished 09:30), deployed 10:35.
      const summary = await get<DoraSummary>(
        `metrics/summary?entity=component:default/api&${RANGE}`,
      );
      expect(summary.metrics.changeLeadTime.details.deployParts).toMatchObject({
        build: { median: 40 * 60, count: 1 },
        release: { median: 60 * 60, count: 1 },
      });
    });

    it('names the customData field that is wrong', async () => {
      const bad = run('started', 'bad-run', '11:00', {
        customData: { commit: 'not-a-sha', kind: 'nightly' },
      });
      const message = HTTP.binary(cloudEventOf(bad));
      const res = await request(server)
        .post('/api/insights/v1/cdevents')
        .set(message.headers as Record<string, string>)
        .set('Authorization', auth)
        .send(message.body as string);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'events[0].data.customData.commit must be a commit SHA',
      );
      expect(res.body.error.message).toContain(
        'events[0].data.customData.kind must be one of defaultBranch, pullRequest, other',
      );
    });
  },
);
