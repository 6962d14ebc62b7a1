import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ChangeRecord,
  DeliveryEventInput,
  DoraRollup,
  DoraSummary,
  IngestCounts,
  Page,
} from '@cairn/plugin-insights-common';
import { createTestDatabases } from '@cairn/test-utils';
import request from 'supertest';
import { insightsPlugin } from '../plugin';

/*
 * The rules of docs/DESIGN.md ("Which deployment ships a change", "Change lead time", "Deployment
 * frequency", "Failed deployment recovery time"), each hand-computed, through the ingest API and the
 * metrics API of the real plugin on SQLite and PostgreSQL. Every batch is sent twice: a replay
 * changes nothing.
 */

jest.setTimeout(90_000);
const databases = createTestDatabases();

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});
const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});
const monorepo = (folder: string) => ({
  'backstage.io/source-location': `url:https://github.com/acme/mono/tree/main/services/${folder}/`,
});

const entities = [
  component('alpha', 'team-a', { 'github.com/project-slug': 'acme/alpha' }),
  component('beta', 'team-a', { 'github.com/project-slug': 'acme/beta' }),
  component('mono-a', 'team-m', monorepo('a')),
  component('mono-b', 'team-m', monorepo('b')),
  component('berlin', 'team-a', { 'github.com/project-slug': 'acme/berlin' }),
  component('rules', 'team-a', { 'github.com/project-slug': 'acme/rules' }),
  component('zed-a', 'team-z', { 'github.com/project-slug': 'acme/zed-a' }),
  component('zed-b', 'team-z', { 'github.com/project-slug': 'acme/zed-b' }),
  component('yak', 'team-y', { 'github.com/project-slug': 'acme/yak' }),
  component('yak-slow', 'team-y', {
    'github.com/project-slug': 'acme/yak-slow',
  }),
  component('cov', 'team-a', { 'github.com/project-slug': 'acme/cov' }),
  component('trend', 'team-a', { 'github.com/project-slug': 'acme/trend' }),
  group('team-a'),
  group('team-m'),
  group('team-z'),
  group('team-y'),
];

const deployment = (
  id: string,
  repository: string,
  finishedAt: string,
  extra: Record<string, unknown> = {},
) =>
  ({
    type: 'deployment',
    source: 'ci',
    id,
    repository,
    environment: 'production',
    finishedAt,
    result: 'success',
    ...extra,
  } as DeliveryEventInput);

const change = (
  id: string,
  repository: string,
  times: {
    firstCommitAt?: string;
    openedAt?: string;
    firstReviewAt?: string;
    mergedAt?: string;
  },
  extra: Record<string, unknown> = {},
) =>
  ({
    type: 'change',
    source: 'github',
    id,
    repository,
    ...times,
    ...extra,
  } as DeliveryEventInput);

const MARCH = 'from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&timezone=UTC';
const HOUR = 3600;

describe.each(databases.eachSupportedId())(
  'delivery rules through the API on %p',
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

    /** Sends a batch twice; the replay must change nothing. Returns the first answer. */
    const ingest = async (events: DeliveryEventInput[]) => {
      const send = () =>
        request(server)
          .post('/api/insights/v1/events')
          .set('Authorization', user)
          .send({ events });
      const first = await send();
      expect(first.body.error?.message).toBeUndefined();
      expect(first.status).toBe(200);
      const replay = await send();
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({
        inserted: 0,
        updated: 0,
        unchanged: events.length,
      });
      return first.body as IngestCounts;
    };
    const get = async <T>(path: string): Promise<T> => {
      const res = await request(server)
        .get(`/api/insights${path}`)
        .set('Authorization', user);
      expect(res.body.error?.message).toBeUndefined();
      expect(res.status).toBe(200);
      return res.body as T;
    };
    const summary = (name: string, range = MARCH) =>
      get<DoraSummary>(
        `/v1/metrics/summary?entity=component:default/${name}&${range}`,
      );
    const changes = async (name: string, range = MARCH) =>
      (
        await get<Page<ChangeRecord>>(
          `/v1/changes?entity=component:default/${name}&${range}`,
        )
      ).items.map(c => c.id);

    it('a merge commit ships only the changes of the deploying component, across repositories', async () => {
      await ingest([
        change(
          'alpha#1',
          'github.com/acme/alpha',
          {
            firstCommitAt: '2026-03-02T08:00:00Z',
            openedAt: '2026-03-02T09:00:00Z',
            firstReviewAt: '2026-03-02T10:00:00Z',
            mergedAt: '2026-03-02T11:00:00Z',
          },
          { mergeCommit: 'c0ffee1' },
        ),
        // Another repository deploys a commit with the same hash, before alpha does.
        deployment('b1', 'github.com/acme/beta', '2026-03-02T11:30:00Z', {
          commit: 'c0ffee1',
        }),
        deployment('a1', 'github.com/acme/alpha', '2026-03-02T12:00:00Z', {
          commit: 'c0ffee1',
        }),
      ]);
      const alpha = await summary('alpha');
      expect(alpha.metrics.changeLeadTime.value).toBe(4 * HOUR);
      expect(alpha.metrics.changeLeadTime.details).toMatchObject({
        count: 1,
        stages: { deploy: { median: HOUR, count: 1 } },
      });
      const beta = await summary('beta');
      expect(beta.metrics.changeLeadTime.details).toMatchObject({ count: 0 });
      expect(beta.metrics.changeLeadTime.value).toBeNull();
      expect(await changes('alpha')).toEqual(['alpha#1']);
      expect(await changes('beta')).toEqual([]);
    });

    it('in a monorepo, a commit ships a change only to the component its paths belong to, unless a deployment lists it', async () => {
      await ingest([
        change(
          'mono#1',
          'github.com/acme/mono',
          {
            firstCommitAt: '2026-03-03T08:00:00Z',
            openedAt: '2026-03-03T08:00:00Z',
            firstReviewAt: '2026-03-03T09:00:00Z',
            mergedAt: '2026-03-03T10:00:00Z',
          },
          { mergeCommit: 'ab00001', changedPaths: ['services/a/app.ts'] },
        ),
        change(
          'mono#2',
          'github.com/acme/mono',
          {
            firstCommitAt: '2026-03-03T06:00:00Z',
            mergedAt: '2026-03-03T10:00:00Z',
          },
          { mergeCommit: 'ab00001', changedPaths: ['services/a/lib.ts'] },
        ),
        // Both components deploy the monorepo's commit; mono-b first.
        deployment('mb1', 'github.com/acme/mono', '2026-03-03T11:00:00Z', {
          component: 'mono-b',
          commit: 'ab00001',
        }),
        deployment('ma1', 'github.com/acme/mono', '2026-03-03T12:00:00Z', {
          component: 'mono-a',
          commit: 'ab00001',
        }),
        // A later mono-b deployment lists mono#2 explicitly: that ships it to mono-b too.
        deployment('mb2', 'github.com/acme/mono', '2026-03-04T10:00:00Z', {
          component: 'mono-b',
          changes: [{ source: 'github', id: 'mono#2' }],
        }),
      ]);
      const a = await summary('mono-a');
      // mono#1: 4 h, mono#2: 6 h, both to ma1 at 12:00.
      expect(a.metrics.changeLeadTime.details).toMatchObject({
        count: 2,
        median: 5 * HOUR,
      });
      expect((await changes('mono-a')).sort()).toEqual(['mono#1', 'mono#2']);
      const b = await summary('mono-b');
      // Only the listed change, to mb2 (a day and four hours after its first commit).
      expect(b.metrics.changeLeadTime.details).toMatchObject({
        count: 1,
        median: 28 * HOUR,
      });
      expect(await changes('mono-b')).toEqual(['mono#2']);

      // The team's rollup counts mono#1 once: in mono-a's lead time only.
      const rollup = await get<DoraRollup>(
        `/v1/metrics/rollup?entity=group:default/team-m&${MARCH}`,
      );
      const lead = Object.fromEntries(
        rollup.components.map(r => [
          r.entityRef,
          r.metrics.changeLeadTime.value,
        ]),
      );
      expect(lead).toEqual({
        'component:default/mono-a': 5 * HOUR,
        'component:default/mono-b': 28 * HOUR,
      });
    });

    it('counts days and weeks on the zone’s calendar across a DST switch (Berlin, October 2026)', async () => {
      await ingest([
        deployment('z1', 'github.com/acme/berlin', '2026-10-20T10:00:00Z'),
        deployment('z2', 'github.com/acme/berlin', '2026-10-28T10:00:00Z'),
      ]);
      const s = await summary(
        'berlin',
        'from=2026-10-19&to=2026-11-02&timezone=Europe/Berlin',
      );
      // 14 local days although 337 hours elapse (clocks go back on 25 October).
      expect(s.range.days).toBe(14);
      expect(s.metrics.deploymentFrequency.details).toEqual({
        deployments: 2,
        deploymentDays: 2,
        deploymentsPerDay: 2 / 14,
        deploymentDaysPerWeek: 1,
      });
      expect(s.metrics.deploymentFrequency.value).toBe(2 / 14);
      // One deployment day per week is the same tier in Berlin as in UTC.
      const utc = await summary(
        'berlin',
        'from=2026-10-19&to=2026-11-02&timezone=UTC',
      );
      expect(utc.range.days).toBe(14);
      expect(s.metrics.deploymentFrequency.tier).toEqual(
        utc.metrics.deploymentFrequency.tier,
      );
    });

    it('leaves stages that run backwards out of their stage, keeps the lead time, and says so at ingest and in coverage', async () => {
      const answer = await ingest([
        // Reviewed an hour before the pull request was opened: no pickup stage.
        change(
          'rules#1',
          'github.com/acme/rules',
          {
            firstCommitAt: '2026-03-10T08:00:00Z',
            openedAt: '2026-03-10T10:00:00Z',
            firstReviewAt: '2026-03-10T09:00:00Z',
            mergedAt: '2026-03-10T11:00:00Z',
          },
          { mergeCommit: 'a110001' },
        ),
        // Merged after the deployment that lists it finished: no deploy stage.
        change('rules#2', 'github.com/acme/rules', {
          firstCommitAt: '2026-03-10T06:00:00Z',
          openedAt: '2026-03-10T07:00:00Z',
          firstReviewAt: '2026-03-10T08:00:00Z',
          mergedAt: '2026-03-10T13:00:00Z',
        }),
        deployment('r1', 'github.com/acme/rules', '2026-03-10T12:00:00Z', {
          commit: 'a110001',
          changes: [{ source: 'github', id: 'rules#2' }],
        }),
      ]);
      expect(answer.outOfOrder).toEqual([
        {
          index: 0,
          id: 'rules#1',
          stages: ['pickup'],
          message:
            'events[0]: firstReviewAt is before openedAt: stored, and left out of the pickup stage',
        },
      ]);
      const s = await summary('rules');
      const details = s.metrics.changeLeadTime.details;
      // Lead times kept: 4 h and 6 h.
      expect(details).toMatchObject({ count: 2, median: 5 * HOUR });
      // coding: 2 h and 1 h; pickup only rules#2 (1 h); review: 2 h and 5 h; deploy only rules#1 (1 h).
      expect(details.stages.coding).toMatchObject({
        count: 2,
        median: 1.5 * HOUR,
      });
      expect(details.stages.pickup).toMatchObject({ count: 1, median: HOUR });
      expect(details.stages.review).toMatchObject({
        count: 2,
        median: 3.5 * HOUR,
      });
      expect(details.stages.deploy).toMatchObject({ count: 1, median: HOUR });
      expect(s.coverage.changes.outOfOrder).toEqual({
        coding: 0,
        pickup: 1,
        review: 0,
        deploy: 1,
      });
      expect(s.coverage.changes.withoutReview).toBe(0);
      expect(s.coverage.notes).toContainEqual(
        expect.objectContaining({
          code: 'out-of-order-stages',
          params: { count: 2, coding: 0, pickup: 1, review: 0, deploy: 1 },
        }),
      );
      // Review (3.5 h) is the bottleneck.
      expect(details.bottleneck).toBe('review');
    });

    it('counts the component’s changes merged in the range that no deployment of it shipped to the environment', async () => {
      const times = (day: number) => ({
        firstCommitAt: `2026-05-${String(day).padStart(2, '0')}T08:00:00Z`,
        mergedAt: `2026-05-${String(day).padStart(2, '0')}T10:00:00Z`,
      });
      await ingest([
        // Shipped by alpha's own deployment: not counted.
        change('alpha#m1', 'github.com/acme/alpha', times(10), {
          mergeCommit: 'aa00001',
        }),
        deployment('am1', 'github.com/acme/alpha', '2026-05-10T11:00:00Z', {
          commit: 'aa00001',
        }),
        // Merged, never deployed: counted.
        change('alpha#m2', 'github.com/acme/alpha', times(11), {
          mergeCommit: 'aa00002',
        }),
        // Alpha's change listed only by beta's deployment: counted for alpha, not for beta.
        change('alpha#m3', 'github.com/acme/alpha', times(12), {
          mergeCommit: 'aa00003',
        }),
        deployment('bm1', 'github.com/acme/beta', '2026-05-12T11:00:00Z', {
          changes: [{ source: 'github', id: 'alpha#m3' }],
        }),
        // Merged before the range: not counted.
        change('alpha#m4', 'github.com/acme/alpha', times(9), {
          mergeCommit: 'aa00004',
        }),
        // Deployed to staging only: counted for production.
        change('alpha#m5', 'github.com/acme/alpha', times(13), {
          mergeCommit: 'aa00005',
        }),
        deployment('as1', 'github.com/acme/alpha', '2026-05-13T11:00:00Z', {
          commit: 'aa00005',
          environment: 'staging',
        }),
      ]);
      const range =
        'from=2026-05-10T00:00:00Z&to=2026-05-20T00:00:00Z&timezone=UTC';
      const alpha = await summary('alpha', range);
      expect(alpha.coverage.changes).toMatchObject({
        shipped: 1,
        mergedWithoutDeployment: 3,
      });
      expect(alpha.coverage.notes).toContainEqual(
        expect.objectContaining({
          code: 'changes-without-deployment',
          params: { count: 3, environment: 'production' },
        }),
      );
      const beta = await summary('beta', range);
      expect(beta.coverage.changes).toMatchObject({
        shipped: 1,
        mergedWithoutDeployment: 0,
      });
    });

    it('reports coverage on the zone’s range: incidents by link, deployments in progress, changes not shipped, stages out of order', async () => {
      const repo = 'github.com/acme/cov';
      const incident = (
        id: string,
        detectedAt: string,
        extra: Record<string, unknown> = {},
      ) =>
        ({
          type: 'incident',
          source: 'pager',
          id,
          component: 'cov',
          detectedAt,
          ...extra,
        } as DeliveryEventInput);
      await ingest([
        deployment('cov-d1', repo, '2026-06-02T10:00:00Z', {
          commit: 'cc00001',
        }),
        deployment('cov-d2', repo, '2026-06-07T10:00:00Z', {
          commit: 'cc00006',
        }),
        // Started, not finished: in progress.
        {
          type: 'deployment',
          source: 'ci',
          id: 'cov-d3',
          repository: repo,
          environment: 'production',
          startedAt: '2026-06-05T10:00:00Z',
        },
        // The range is 1 to 11 June in Berlin: 31 May 22:00 to 10 June 22:00 UTC.
        incident('cov-i1', '2026-06-02T12:00:00Z', {
          causedBy: { deployment: { source: 'ci', id: 'cov-d1' } },
        }),
        // 23 hours after cov-d1: inferred.
        incident('cov-i2', '2026-06-03T09:00:00Z'),
        incident('cov-i3', '2026-06-06T09:00:00Z', {
          causedBy: { deployment: { source: 'ci', id: 'cov-missing' } },
        }),
        // No deployment within 24 hours before: unlinked, like cov-i5 at the range's first (local) hour.
        incident('cov-i4', '2026-06-09T12:00:00Z'),
        incident('cov-i5', '2026-05-31T23:00:00Z'),
        // Before the range (23:00 on 31 May in Berlin).
        incident('cov-i6', '2026-05-31T21:00:00Z'),
        // Merged at 01:30 on 1 June in Berlin, shipped by cov-d1.
        change(
          'cov#1',
          repo,
          { mergedAt: '2026-05-31T23:30:00Z' },
          {
            mergeCommit: 'cc00001',
          },
        ),
        // Merged in the range, never deployed (cov#3 at 23:00 on 10 June in Berlin).
        change('cov#2', repo, { mergedAt: '2026-06-04T10:00:00Z' }),
        change('cov#3', repo, { mergedAt: '2026-06-10T21:00:00Z' }),
        // Outside the range on either side.
        change('cov#4', repo, { mergedAt: '2026-06-10T23:00:00Z' }),
        change('cov#5', repo, { mergedAt: '2026-05-31T21:30:00Z' }),
        // Reviewed before it was opened: out of order in pickup; shipped by cov-d2.
        change(
          'cov#6',
          repo,
          {
            openedAt: '2026-06-06T10:00:00Z',
            firstReviewAt: '2026-06-06T09:00:00Z',
            mergedAt: '2026-06-06T11:00:00Z',
          },
          { mergeCommit: 'cc00006' },
        ),
      ]);
      const s = await summary(
        'cov',
        'from=2026-06-01T00:00:00%2B02:00&to=2026-06-11T00:00:00%2B02:00&timezone=Europe/Berlin',
      );
      expect(s.coverage.incidents).toEqual({
        total: 5,
        explicit: 1,
        inferred: 1,
        unlinked: 2,
        unresolvedReferences: 1,
      });
      expect(s.coverage.deployments).toMatchObject({
        finished: 2,
        inProgress: 1,
        unattributedInRepository: 0,
      });
      expect(s.coverage.changes).toMatchObject({
        shipped: 2,
        mergedWithoutDeployment: 2,
        outOfOrder: { coding: 0, pickup: 1, review: 0, deploy: 0 },
      });
    });

    it('compares each headline value with the previous period of the same length, edges included', async () => {
      const repo = 'github.com/acme/trend';
      await ingest([
        // The previous period, 1 to 11 July in Berlin (30 June 22:00 to 10 July 22:00 UTC).
        deployment('tr-p0', repo, '2026-06-30T22:30:00Z'),
        change(
          'trend#1',
          repo,
          {
            firstCommitAt: '2026-07-01T08:00:00Z',
            mergedAt: '2026-07-01T10:00:00Z',
          },
          { mergeCommit: 'ab00001' },
        ),
        deployment('tr-p1', repo, '2026-07-01T12:00:00Z', {
          commit: 'ab00001',
        }),
        // First commit at 01:00 on 1 July in Berlin: 36 hours before its deployment.
        change(
          'trend#2',
          repo,
          {
            firstCommitAt: '2026-06-30T23:00:00Z',
            mergedAt: '2026-07-02T09:00:00Z',
          },
          { mergeCommit: 'ab00002' },
        ),
        deployment('tr-p2', repo, '2026-07-02T11:00:00Z', {
          commit: 'ab00002',
        }),
        deployment('tr-p3', repo, '2026-07-05T10:00:00Z', {
          result: 'failure',
        }),
        // Recovers tr-p3 after 4 hours.
        deployment('tr-p4', repo, '2026-07-05T14:00:00Z'),
        // This period, 11 to 21 July in Berlin.
        change(
          'trend#3',
          repo,
          {
            firstCommitAt: '2026-07-12T08:00:00Z',
            mergedAt: '2026-07-12T09:00:00Z',
          },
          { mergeCommit: 'ab00003' },
        ),
        deployment('tr-c1', repo, '2026-07-12T10:00:00Z', {
          commit: 'ab00003',
        }),
        // 23:00 on 20 July in Berlin: the range's last (local) hours.
        deployment('tr-c2', repo, '2026-07-20T21:00:00Z'),
      ]);
      const s = await summary(
        'trend',
        'from=2026-07-11T00:00:00%2B02:00&to=2026-07-21T00:00:00%2B02:00&timezone=Europe/Berlin',
      );
      expect(s.previousRange).toEqual({
        from: '2026-06-30T22:00:00.000Z',
        to: '2026-07-10T22:00:00.000Z',
      });
      const { metrics } = s;
      expect(metrics.deploymentFrequency.value).toBeCloseTo(2 / 10, 10);
      expect(metrics.deploymentFrequency.trend).toMatchObject({
        direction: 'down',
      });
      expect(metrics.deploymentFrequency.trend.previous).toBeCloseTo(
        4 / 10,
        10,
      );
      expect(metrics.changeLeadTime.value).toBe(2 * HOUR);
      // The median of 4 and 36 hours.
      expect(metrics.changeLeadTime.trend.previous).toBe(20 * HOUR);
      expect(metrics.changeFailRate.value).toBe(0);
      expect(metrics.changeFailRate.trend.previous).toBe(1 / 5);
      expect(metrics.recoveryTime.value).toBeNull();
      expect(metrics.recoveryTime.trend.previous).toBe(4 * HOUR);
    });

    it('a change without a first commit counts in its other stages, not in lead time', async () => {
      await ingest([
        change(
          'rules#3',
          'github.com/acme/rules',
          {
            openedAt: '2026-03-20T08:00:00Z',
            firstReviewAt: '2026-03-20T09:00:00Z',
            mergedAt: '2026-03-20T10:00:00Z',
          },
          { mergeCommit: 'a110003' },
        ),
        deployment('r3', 'github.com/acme/rules', '2026-03-20T10:30:00Z', {
          commit: 'a110003',
        }),
      ]);
      const s = await summary(
        'rules',
        'from=2026-03-15T00:00:00Z&to=2026-03-25T00:00:00Z&timezone=UTC',
      );
      const details = s.metrics.changeLeadTime.details;
      expect(details.count).toBe(0);
      expect(details.stages).toMatchObject({
        coding: { count: 0 },
        pickup: { count: 1, median: HOUR },
        review: { count: 1, median: HOUR },
        deploy: { count: 1, median: HOUR / 2 },
      });
      expect(s.coverage.changes).toMatchObject({
        shipped: 1,
        withoutFirstCommit: 1,
      });
      // A tie between pickup and review (1 h each) goes to the earlier stage.
      expect(details.bottleneck).toBe('pickup');
    });

    it('a failure whose linked incident is still open is not recovered by the next success', async () => {
      await ingest([
        deployment('f1', 'github.com/acme/beta', '2026-03-25T10:00:00Z', {
          result: 'failure',
        }),
        deployment('f2', 'github.com/acme/beta', '2026-03-25T11:00:00Z'),
        {
          type: 'incident',
          source: 'pager',
          id: 'inc-open',
          component: 'beta',
          detectedAt: '2026-03-25T10:30:00Z',
          causedBy: { deployment: { source: 'ci', id: 'f1' } },
        } as DeliveryEventInput,
      ]);
      const s = await summary(
        'beta',
        'from=2026-03-25T00:00:00Z&to=2026-03-26T00:00:00Z&timezone=UTC',
      );
      expect(s.metrics.recoveryTime.value).toBeNull();
      expect(s.metrics.recoveryTime.details).toMatchObject({
        count: 0,
        unrecovered: 1,
      });
      // Once the incident is resolved, the failure recovers at its resolution (not at f2's finish).
      await ingest([
        {
          type: 'incident',
          source: 'pager',
          id: 'inc-open',
          component: 'beta',
          detectedAt: '2026-03-25T10:30:00Z',
          resolvedAt: '2026-03-25T13:00:00Z',
          causedBy: { deployment: { source: 'ci', id: 'f1' } },
        } as DeliveryEventInput,
      ]);
      const after = await summary(
        'beta',
        'from=2026-03-25T00:00:00Z&to=2026-03-26T00:00:00Z&timezone=UTC',
      );
      expect(after.metrics.recoveryTime.value).toBe(3 * HOUR);
    });

    it('needs attention for the least frequent deployments only below the top tier, not when every component is elite', async () => {
      // Every day of March: zed-a and yak twice a day, zed-b once a day (all elite: on demand); yak-slow
      // on four Mondays (below elite).
      const days = Array.from({ length: 31 }, (_, i) => i + 1);
      const at = (day: number, hour: number) =>
        `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(
          2,
          '0',
        )}:00:00Z`;
      await ingest([
        ...days.flatMap(d => [
          deployment(`za-${d}-1`, 'github.com/acme/zed-a', at(d, 9)),
          deployment(`za-${d}-2`, 'github.com/acme/zed-a', at(d, 15)),
          deployment(`zb-${d}`, 'github.com/acme/zed-b', at(d, 10)),
          deployment(`y-${d}-1`, 'github.com/acme/yak', at(d, 9)),
          deployment(`y-${d}-2`, 'github.com/acme/yak', at(d, 15)),
        ]),
        ...[2, 9, 16, 23].map(d =>
          deployment(`ys-${d}`, 'github.com/acme/yak-slow', at(d, 10)),
        ),
      ]);
      const rollup = (team: string) =>
        get<DoraRollup>(
          `/v1/metrics/rollup?entity=group:default/${team}&${MARCH}`,
        );
      const elite = await rollup('team-z');
      expect(
        elite.components.map(c => [
          c.entityRef,
          c.metrics.deploymentFrequency.tiers,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['component:default/zed-a', ['elite']],
          ['component:default/zed-b', ['elite']],
        ]),
      );
      expect(elite.distribution.deploymentFrequency.worst?.entityRef).toBe(
        'component:default/zed-b',
      );
      expect(elite.attention).toEqual([]);

      const mixed = await rollup('team-y');
      expect(mixed.attention).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/yak-slow',
          why: [
            {
              code: 'worst-in-group',
              params: { metric: 'deploymentFrequency' },
            },
          ],
        }),
      ]);
    });
  },
);
