import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CiHealth,
  CiRollup,
  DeliveryEventInput,
  DoraSummary,
  IngestCounts,
} from '@cairn/plugin-insights-common';
import { createTestDatabases } from '@cairn/test-utils';
import request from 'supertest';
import { insightsPlugin } from '../plugin';

/*
 * CI health and the build and release parts of the deploy stage (docs/DESIGN.md, "CI health" and
 * "Change lead time"), each hand-computed, through the ingest API and the metrics API of the real
 * plugin on SQLite and PostgreSQL. Every batch is sent twice: a replay changes nothing.
 */

jest.setTimeout(90_000);
const databases = createTestDatabases();

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'github.com/project-slug': `acme/${name}` },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
});
const entities: Entity[] = [
  component('shop'),
  component('split'),
  component('quiet'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

type Failure = { suite?: string; name: string; message?: string };
const run = (
  id: string,
  repository: string,
  times: { queuedAt?: string; startedAt?: string; finishedAt?: string },
  extra: {
    pipeline?: string;
    commit: string;
    kind?: 'defaultBranch' | 'pullRequest' | 'other';
    result?: 'success' | 'failure' | 'cancelled';
    tests?: { passed: number; failed: number; failures?: Failure[] };
    attempt?: number;
  },
): DeliveryEventInput => ({
  type: 'pipelineRun',
  source: 'ci',
  id,
  repository,
  pipeline: extra.pipeline ?? 'build',
  kind: extra.kind ?? 'defaultBranch',
  ...times,
  ...extra,
  result: extra.result ?? (times.finishedAt ? 'success' : undefined),
});

const MARCH = 'from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&timezone=UTC';
const HOUR = 3600;
const SHOP = 'github.com/acme/shop';
const SPLIT = 'github.com/acme/split';
const at = (time: string) => `2026-03-10T${time}:00Z`;

describe.each(databases.eachSupportedId())(
  'CI health through the API on %p',
  databaseId => {
    const user = mockCredentials.user.header('user:default/ana');
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          insightsPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({ data: {} }),
        ],
      }));
    });

    const post = (events: unknown) =>
      request(server)
        .post('/api/insights/v1/events')
        .set('Authorization', user)
        .send({ events });
    /** Sends a batch twice; the replay must change nothing. Returns the first answer. */
    const ingest = async (events: DeliveryEventInput[]) => {
      const first = await post(events);
      expect(first.body.error?.message).toBeUndefined();
      expect(first.status).toBe(200);
      const replay = await post(events);
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({
        inserted: 0,
        updated: 0,
        unchanged: events.length,
      });
      return first.body as IngestCounts;
    };
    const get = async <T>(path: string, status = 200): Promise<T> => {
      const res = await request(server)
        .get(`/api/insights${path}`)
        .set('Authorization', user);
      if (status === 200) expect(res.body.error?.message).toBeUndefined();
      expect(res.status).toBe(status);
      return res.body as T;
    };
    const health = (name: string, extra = '') =>
      get<CiHealth>(
        `/v1/ci/health?entity=component:default/${name}&${MARCH}${extra}`,
      );
    const summary = (name: string) =>
      get<DoraSummary>(
        `/v1/metrics/summary?entity=component:default/${name}&${MARCH}`,
      );

    it('durations, queue times, success rate, reruns and flaky tests, hand-computed', async () => {
      const counts = await ingest([
        // The previous period: one quick green run.
        run(
          'feb',
          SHOP,
          {
            queuedAt: '2026-02-20T10:00:00Z',
            startedAt: '2026-02-20T10:00:00Z',
            finishedAt: '2026-02-20T10:05:00Z',
          },
          { commit: '0000001' },
        ),
        // 600 s, queued 120 s, green.
        run(
          'r1',
          SHOP,
          {
            queuedAt: at('10:00'),
            startedAt: at('10:02'),
            finishedAt: at('10:12'),
          },
          { commit: 'aaa1111', tests: { passed: 100, failed: 0 } },
        ),
        // 1,200 s, queued 60 s, red: cart/adds item fails...
        run(
          'r2',
          SHOP,
          {
            queuedAt: at('11:00'),
            startedAt: at('11:01'),
            finishedAt: at('11:21'),
          },
          {
            commit: 'bbb2222',
            result: 'failure',
            tests: {
              passed: 99,
              failed: 1,
              failures: [
                { suite: 'cart', name: 'adds item', message: 'timeout' },
              ],
            },
          },
        ),
        // ...and passes on the rerun of the same commit: 600 s, queued 300 s, green.
        run(
          'r3',
          SHOP,
          {
            queuedAt: at('11:30'),
            startedAt: at('11:35'),
            finishedAt: at('11:45'),
          },
          {
            commit: 'bbb2222',
            attempt: 2,
            tests: { passed: 100, failed: 0 },
          },
        ),
        // 1,800 s, queued 0 s, red with two failures...
        run(
          'r4',
          SHOP,
          {
            queuedAt: at('12:00'),
            startedAt: at('12:00'),
            finishedAt: at('12:30'),
          },
          {
            commit: 'ccc3333',
            result: 'failure',
            tests: {
              passed: 98,
              failed: 2,
              failures: [
                { suite: 'cart', name: 'adds item', message: 'stale element' },
                { suite: 'pay', name: 'refunds' },
              ],
            },
          },
        ),
        // ...and red again with one (refunds fails every time: broken, not flaky): 600 s, queued 600 s.
        run(
          'r5',
          SHOP,
          {
            queuedAt: at('13:00'),
            startedAt: at('13:10'),
            finishedAt: at('13:20'),
          },
          {
            commit: 'ccc3333',
            attempt: 2,
            result: 'failure',
            tests: {
              passed: 99,
              failed: 1,
              failures: [{ suite: 'pay', name: 'refunds' }],
            },
          },
        ),
        // Cancelled: 120 s, queued 60 s; out of the success rate.
        run(
          'r6',
          SHOP,
          {
            queuedAt: at('14:00'),
            startedAt: at('14:01'),
            finishedAt: at('14:03'),
          },
          { commit: 'ddd4444', result: 'cancelled' },
        ),
        // A pull request's run, without a queue time: its own row.
        run(
          'pr1',
          SHOP,
          { startedAt: at('09:00'), finishedAt: at('09:05') },
          { commit: 'eee5555', kind: 'pullRequest' },
        ),
        // Still running: not in any number.
        run(
          'r7',
          SHOP,
          { queuedAt: at('15:00'), startedAt: at('15:00') },
          { commit: 'fff6666' },
        ),
      ]);
      expect(counts).toMatchObject({ inserted: 9, unattributed: 0 });

      const h = await health('shop');
      expect(h.pipelines.map(p => [p.pipeline, p.kind, p.runs])).toEqual([
        ['build', 'defaultBranch', 6],
        ['build', 'pullRequest', 1],
      ]);
      const build = h.pipelines[0];
      expect(build).toMatchObject({
        succeeded: 2,
        failed: 3,
        cancelled: 1,
        successRate: 0.4,
        // [120, 600, 600, 600, 1200, 1800]: p50 between the 3rd and 4th, p95 at 4.75.
        duration: { p50: 600, p95: 1650, count: 6 },
        // [0, 60, 60, 120, 300, 600]
        queue: { p50: 90, p95: 525, count: 6 },
        previous: {
          runs: 1,
          successRate: 1,
          duration: { p50: 300, count: 1 },
        },
        lastRun: {
          finishedAt: '2026-03-10T14:03:00.000Z',
          result: 'cancelled',
        },
      });
      expect(h.pipelines[1]).toMatchObject({
        successRate: 1,
        duration: { p50: 300, count: 1 },
        queue: { p50: null, count: 0 },
      });
      // cart/adds item failed and passed on bbb2222, and failed and passed on ccc3333; pay/refunds
      // failed on every run of its commit.
      expect(h.flakyTests).toEqual([
        {
          suite: 'cart',
          name: 'adds item',
          pipelines: ['build'],
          flakyCommits: 2,
          failures: 2,
          runs: 5,
          failureRate: 0.4,
          blockedRuns: 2,
          lastFailure: {
            at: '2026-03-10T12:30:00.000Z',
            url: null,
            message: 'stale element',
          },
        },
      ]);
      // r2 failed and its rerun r3 went green: r2's 1,200 s were lost. ccc3333 never went green.
      expect(h.reruns).toEqual({ runs: 1, secondsLost: 1200 });
      expect(h.coverage).toMatchObject({
        runs: 7,
        withTests: 5,
        withQueueTime: 6,
        unattributedInRepository: 0,
      });
      // Weeks in UTC: 2026-03-09 is a Monday; every default-branch run of March is in that week.
      const week = h.series.points.find(
        p => p.from === '2026-03-09T00:00:00.000Z',
      );
      expect(week).toMatchObject({ runs: 6, successRate: 0.4 });
      expect(h.series.points.reduce((n, p) => n + p.runs, 0)).toBe(6);
      expect(h.series.bucket).toBe('week');
      const days = await health('shop', '&bucket=day');
      expect(days.series.points).toHaveLength(31);

      // The team's rollup: shop's default-branch runs as its own health counts them, the others
      // without runs.
      const rollup = await get<CiRollup>(
        `/v1/ci/rollup?entity=group:default/team-a&${MARCH}`,
      );
      expect(rollup.components).toEqual([
        {
          entityRef: 'component:default/shop',
          runs: 6,
          successRate: 0.4,
          duration: { p50: 600, p95: 1650, count: 6 },
          queue: { p50: 90, p95: 525, count: 6 },
          flakyTests: 1,
          rerunSecondsLost: 1200,
        },
      ]);
      expect(rollup.componentsWithoutRuns).toEqual([
        'component:default/quiet',
        'component:default/split',
      ]);
      expect(rollup.distribution.durationP50).toEqual({
        median: 600,
        best: 600,
        worst: 600,
      });
      expect(rollup).toMatchObject({ flakyTests: 1, rerunSecondsLost: 1200 });
    });

    it('a run reported again as it progresses is updated, not added', async () => {
      const queued = run(
        'progress',
        SHOP,
        { queuedAt: '2026-03-20T10:00:00Z' },
        { commit: '1234567' },
      );
      expect(await ingest([queued])).toMatchObject({ inserted: 1 });
      const finished = run(
        'progress',
        SHOP,
        {
          queuedAt: '2026-03-20T10:00:00Z',
          startedAt: '2026-03-20T10:01:00Z',
          finishedAt: '2026-03-20T10:11:00Z',
        },
        { commit: '1234567' },
      );
      expect(await ingest([finished])).toMatchObject({ updated: 1 });
      // The queued report arriving late is older: ignored.
      const late = await post([queued]);
      expect(late.body).toMatchObject({ unchanged: 1, stale: 1 });
      const h = await health('shop');
      expect(h.pipelines[0].runs).toBe(7);
    });

    it('splits the deploy stage into build and release once the merge commit is built, and names them as the bottleneck', async () => {
      const change = (id: string, mergeCommit: string, day: string) =>
        ({
          type: 'change',
          source: 'github',
          id,
          repository: SPLIT,
          firstCommitAt: `2026-03-${day}T07:00:00Z`,
          openedAt: `2026-03-${day}T08:00:00Z`,
          firstReviewAt: `2026-03-${day}T08:30:00Z`,
          mergedAt: `2026-03-${day}T10:00:00Z`,
          mergeCommit,
        } as DeliveryEventInput);
      const deploy = (id: string, commit: string, day: string) =>
        ({
          type: 'deployment',
          source: 'ci',
          id,
          repository: SPLIT,
          environment: 'production',
          commit,
          finishedAt: `2026-03-${day}T12:00:00Z`,
          result: 'success',
        } as DeliveryEventInput);
      await ingest([
        change('split#1', 'abc0001', '03'),
        deploy('d1', 'abc0001', '03'),
      ]);
      // Coding 1 h, pickup 30 min, review 1.5 h, deploy 2 h: deploy is the bottleneck.
      let s = await summary('split');
      expect(s.metrics.changeLeadTime.details).toMatchObject({
        stages: { deploy: { median: 2 * HOUR, count: 1 } },
        deployParts: { build: { count: 0 }, release: { count: 0 } },
        bottleneck: 'deploy',
      });
      expect(s.coverage.changes.withoutBuild).toBe(1);
      expect(s.coverage.notes.map(n => n.code)).not.toContain(
        'changes-without-build',
      );

      // The pipeline runs arrive after the deployment. "build" fails, then goes green at 10:40;
      // "e2e" goes green at 11:00; a run after the deployment, a pull request's run and another
      // repository's run of the same commit do not count: built at 11:00.
      await ingest([
        run(
          'b1',
          SPLIT,
          {
            startedAt: '2026-03-03T10:05:00Z',
            finishedAt: '2026-03-03T10:20:00Z',
          },
          { commit: 'abc0001', result: 'failure' },
        ),
        run(
          'b2',
          SPLIT,
          {
            startedAt: '2026-03-03T10:25:00Z',
            finishedAt: '2026-03-03T10:40:00Z',
          },
          { commit: 'abc0001' },
        ),
        run(
          'e1',
          SPLIT,
          {
            startedAt: '2026-03-03T10:10:00Z',
            finishedAt: '2026-03-03T11:00:00Z',
          },
          { commit: 'abc0001', pipeline: 'e2e' },
        ),
        run(
          'late',
          SPLIT,
          {
            startedAt: '2026-03-03T13:00:00Z',
            finishedAt: '2026-03-03T13:30:00Z',
          },
          { commit: 'abc0001', pipeline: 'nightly' },
        ),
        run(
          'pr',
          SPLIT,
          {
            startedAt: '2026-03-03T09:00:00Z',
            finishedAt: '2026-03-03T11:50:00Z',
          },
          { commit: 'abc0001', pipeline: 'pr-checks', kind: 'pullRequest' },
        ),
        run(
          'other-repo',
          SHOP,
          {
            startedAt: '2026-03-03T09:00:00Z',
            finishedAt: '2026-03-03T11:55:00Z',
          },
          { commit: 'abc0001', pipeline: 'slow' },
        ),
      ]);
      s = await summary('split');
      // Build 1 h (10:00 → 11:00), release 1 h (11:00 → 12:00): review (1.5 h) is now the largest.
      expect(s.metrics.changeLeadTime.details).toMatchObject({
        stages: { deploy: { median: 2 * HOUR, count: 1 } },
        deployParts: {
          build: { median: HOUR, count: 1 },
          release: { median: HOUR, count: 1 },
        },
        bottleneck: 'review',
      });
      expect(s.coverage.changes.withoutBuild).toBe(0);

      // A second change whose merge commit no pipeline built, with a slow release: half the changes
      // have the parts, so they still stand in for deploy; the coverage says one change is whole.
      await ingest([
        change('split#2', 'abc0002', '04'),
        deploy('d2', 'abc0002', '04'),
        run(
          'b3',
          SPLIT,
          {
            startedAt: '2026-03-04T10:00:00Z',
            finishedAt: '2026-03-04T10:15:00Z',
          },
          { commit: 'abc0003' },
        ),
      ]);
      s = await summary('split');
      expect(s.metrics.changeLeadTime.details).toMatchObject({
        stages: { deploy: { median: 2 * HOUR, count: 2 } },
        deployParts: { build: { median: HOUR, count: 1 } },
        bottleneck: 'review',
      });
      expect(s.coverage.changes.withoutBuild).toBe(1);
      expect(s.coverage.notes).toContainEqual(
        expect.objectContaining({
          code: 'changes-without-build',
          params: { count: 1, withBuild: 1 },
        }),
      );
      // Fewer than half: deploy is whole again in the comparison.
      await ingest([
        change('split#3', 'abc0004', '05'),
        deploy('d3', 'abc0004', '05'),
      ]);
      s = await summary('split');
      expect(s.metrics.changeLeadTime.details.bottleneck).toBe('deploy');
    });

    it('says what to send when a component has no runs, and refuses what it cannot answer', async () => {
      const h = await health('quiet');
      expect(h.pipelines).toEqual([]);
      expect(h.flakyTests).toEqual([]);
      expect(h.coverage.notes[0].message).toMatch(/pipelineRun events/);
      const group = await get<{ error: { message: string } }>(
        `/v1/ci/health?entity=group:default/team-a&${MARCH}`,
        400,
      );
      expect(group.error.message).toMatch(
        /^entity: CI health is per component/,
      );
      const bucket = await get<{ error: { message: string } }>(
        `/v1/ci/health?entity=component:default/quiet&${MARCH}&bucket=year`,
        400,
      );
      expect(bucket.error.message).toMatch(/bucket/);
      await get(`/v1/ci/health?entity=component:default/nope&${MARCH}`, 404);
    });

    it('rejects invalid pipeline runs with 400 naming the field, storing nothing', async () => {
      const res = await post([
        {
          type: 'pipelineRun',
          source: 'ci',
          id: 'bad',
          repository: SHOP,
          pipeline: 'build',
          commit: 'not-a-sha',
          startedAt: '2026-03-10T10:00:00Z',
          finishedAt: '2026-03-10T09:00:00Z',
          result: 'success',
          tests: {
            passed: 1,
            failed: 0,
            failures: [{ name: 'x' }],
          },
        },
      ]);
      expect(res.status).toBe(400);
      const message: string = res.body.error.message;
      expect(message).toContain('events[0].kind is required');
      expect(message).toContain('events[0].commit must be a commit SHA');
      expect(message).toContain(
        'events[0].tests.failures lists 1 failed test, more than failed (0)',
      );
      // Times that run backwards, and a result without a finish.
      const order = await post([
        run(
          'backwards',
          SHOP,
          {
            queuedAt: '2026-03-10T10:00:00Z',
            startedAt: '2026-03-10T09:00:00Z',
            finishedAt: '2026-03-10T08:00:00Z',
          },
          { commit: 'abcdef0' },
        ),
        run('unfinished', SHOP, {}, { commit: 'abcdef0', result: 'failure' }),
      ]);
      expect(order.status).toBe(400);
      expect(order.body.error.message).toContain(
        'events[0].startedAt must not be before queuedAt',
      );
      expect(order.body.error.message).toContain(
        'events[0].finishedAt must not be before startedAt',
      );
      expect(order.body.error.message).toContain(
        'events[1].finishedAt is required when result is set',
      );
      // What the earlier tests stored for shop (six, a pull request's, the progressing one and the
      // other repository's run of the split test), nothing more.
      const h = await health('shop');
      expect(h.coverage.runs).toBe(9);
    });
  },
);
