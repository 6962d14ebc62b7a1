import { createTestDatabases } from '@cairn/test-utils';
import {
  createDeliveryHarness,
  testDeployment,
  HOUR,
} from './__testUtils__/deliveryHarness';

/*
 * Hand-computed scenarios for the metric definitions of docs/DESIGN.md, on SQLite and PostgreSQL.
 * Every `values()` call also checks the SQL aggregates against the engine on the same rows.
 */

jest.setTimeout(60_000);
const databases = createTestDatabases();
const MARCH = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' };

describe.each(databases.eachSupportedId())(
  'delivery scenarios on %p',
  databaseId => {
    it('lead time: a squash merge, a change without review, stages and the bottleneck', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      await h.ingest([
        {
          type: 'change',
          source: 'github',
          id: 'api#1',
          repository: 'github.com/acme/api',
          firstCommitAt: '2026-03-02T08:00:00Z',
          openedAt: '2026-03-02T10:00:00Z',
          firstReviewAt: '2026-03-02T14:00:00Z',
          mergedAt: '2026-03-03T09:00:00Z',
          // The squash commit, not any of the branch's commits.
          mergeCommit: 'aaa1111',
        },
        {
          type: 'change',
          source: 'github',
          id: 'api#2',
          repository: 'github.com/acme/api',
          firstCommitAt: '2026-03-03T06:00:00Z',
          openedAt: '2026-03-03T07:00:00Z',
          mergedAt: '2026-03-03T08:00:00Z',
          mergeCommit: 'bbb2222',
        },
        testDeployment('d1', '2026-03-03T12:00:00Z', {
          commit: 'bbb2222',
          commits: ['aaa1111'],
        }),
      ]);
      const v = await h.values('component:default/api', MARCH);
      expect(v.leadTime).toEqual({
        median: 61200,
        p75: 81000,
        p90: 92880,
        count: 2,
      });
      expect(v.stages.coding).toMatchObject({ median: 5400, count: 2 });
      // The change without a review has no pickup or review stage, and only those are left out.
      expect(v.stages.pickup).toMatchObject({ median: 14400, count: 1 });
      expect(v.stages.review).toMatchObject({ median: 68400, count: 1 });
      expect(v.stages.deploy).toMatchObject({ median: 12600, count: 2 });
    });

    it('failures: a rollback without fixes, a failed result and a hotfix naming it', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      await h.ingest([
        testDeployment('d1', '2026-03-05T10:00:00Z'),
        testDeployment('d2', '2026-03-06T10:00:00Z'),
        testDeployment('d3', '2026-03-06T11:00:00Z', { trigger: 'rollback' }),
        testDeployment('d4', '2026-03-10T09:00:00Z', { result: 'failure' }),
        testDeployment('d5', '2026-03-10T09:30:00Z', {
          trigger: 'hotfix',
          fixes: 'd4',
        }),
        testDeployment('d6', '2026-03-12T15:00:00Z'),
      ]);
      const v = await h.values('component:default/api', MARCH);
      expect(v).toMatchObject({
        deployments: 5,
        total: 6,
        deploymentDays: 4,
        failed: 2,
        failedByResult: 1,
        failedByFix: 2,
        rework: 2,
        unrecovered: 0,
      });
      // d2 recovered by the rollback an hour later; d4 by the hotfix 30 minutes later.
      expect(v.recovery).toEqual({
        median: 2700,
        p75: 3150,
        p90: 3420,
        count: 2,
      });
    });

    it('incidents: an explicit cause, an inferred one, and one outside the window', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      await h.ingest([
        testDeployment('d1', '2026-03-05T10:00:00Z', { version: 'v1' }),
        testDeployment('d2', '2026-03-07T10:00:00Z', { version: 'v2' }),
        {
          type: 'incident',
          source: 'pager',
          id: 'i1',
          component: 'api',
          detectedAt: '2026-03-07T20:00:00Z',
          resolvedAt: '2026-03-07T22:00:00Z',
        },
        {
          type: 'incident',
          source: 'pager',
          id: 'i2',
          component: 'api',
          detectedAt: '2026-03-05T12:00:00Z',
          resolvedAt: '2026-03-05T13:00:00Z',
          causedBy: { version: 'v1' },
        },
        {
          type: 'incident',
          source: 'pager',
          id: 'i3',
          component: 'api',
          detectedAt: '2026-03-09T12:00:00Z',
        },
      ]);
      const links = await h
        .knex('delivery_incidents')
        .select('external_id', 'link_type')
        .orderBy('external_id');
      expect(links).toEqual([
        { external_id: 'i1', link_type: 'inferred' },
        { external_id: 'i2', link_type: 'explicit' },
        // Detected 50 hours after the last deployment: outside the 24-hour window.
        { external_id: 'i3', link_type: 'none' },
      ]);
      const v = await h.values('component:default/api', MARCH);
      expect(v).toMatchObject({
        total: 2,
        failed: 2,
        failedByIncident: 2,
        incidents: 3,
        openIncidents: 1,
      });
      // Restored when the linked incidents were resolved: 3 h and 12 h after the deployments finished.
      expect(v.recovery).toMatchObject({ median: 27000, count: 2 });
      expect(v.mttr).toMatchObject({ median: 5400, count: 2 });
    });

    it('never attaches old history to the first deployment seen', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      await h.ingest([
        {
          type: 'change',
          source: 'github',
          id: 'api#9',
          repository: 'github.com/acme/api',
          firstCommitAt: '2026-02-01T08:00:00Z',
          mergedAt: '2026-02-02T08:00:00Z',
          mergeCommit: 'ccc3333',
        },
        testDeployment('first', '2026-03-02T10:00:00Z', { commit: 'ddd4444' }),
      ]);
      const v = await h.values('component:default/api', MARCH);
      expect(v.deployments).toBe(1);
      expect(v.leadTime.count).toBe(0);
    });

    it('counts deployment days by local date in a time zone, across the DST change', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      // Europe/Berlin moves from +01:00 to +02:00 at 2026-03-29T01:00Z.
      await h.ingest([
        testDeployment('g', '2026-03-28T22:30:00Z'), // Berlin 28 March 23:30
        testDeployment('a', '2026-03-28T23:30:00Z'), // Berlin 29 March 00:30
        testDeployment('e', '2026-03-29T10:00:00Z'), // Berlin 29 March 12:00
        testDeployment('f', '2026-03-29T22:30:00Z'), // Berlin 30 March 00:30 (summer time)
      ]);
      const berlin = await h.values('component:default/api', {
        ...MARCH,
        timezone: 'Europe/Berlin',
      });
      expect(berlin.deploymentDays).toBe(3);
      const utc = await h.values('component:default/api', MARCH);
      expect(utc.deploymentDays).toBe(2);
    });

    it('late events change earlier numbers: a hotfix and an incident resolution arriving later', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      await h.ingest([
        testDeployment('d1', '2026-03-05T10:00:00Z'),
        testDeployment('d2', '2026-03-06T10:00:00Z'),
      ]);
      expect((await h.values('component:default/api', MARCH)).failed).toBe(0);

      // In April, a hotfix names d2: d2 now counts as failed in March.
      await h.ingest([
        testDeployment('d3', '2026-04-02T10:00:00Z', {
          trigger: 'hotfix',
          fixes: 'd2',
        }),
      ]);
      let v = await h.values('component:default/api', MARCH);
      expect(v).toMatchObject({ failed: 1, total: 2, unrecovered: 0 });
      expect(v.recovery.median).toBe(27 * 24 * HOUR);

      // An incident linked to d1, open at first, then resolved.
      const incident = {
        type: 'incident' as const,
        source: 'pager',
        id: 'i1',
        component: 'api',
        detectedAt: '2026-03-05T11:00:00Z',
        causedBy: { deployment: { source: 'ci', id: 'd1' } },
      };
      await h.ingest([incident]);
      v = await h.values('component:default/api', MARCH);
      expect(v).toMatchObject({ failed: 2, unrecovered: 1, openIncidents: 1 });
      await h.ingest([{ ...incident, resolvedAt: '2026-03-05T12:30:00Z' }]);
      v = await h.values('component:default/api', MARCH);
      expect(v).toMatchObject({ failed: 2, unrecovered: 0, openIncidents: 0 });
      expect(v.recovery).toMatchObject({
        count: 2,
        median: (2.5 * HOUR + 27 * 24 * HOUR) / 2,
      });
    });

    it('replays change nothing; older updates arriving late are ignored', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      const started = {
        ...testDeployment('d1', '2026-03-05T10:00:00Z'),
        finishedAt: undefined,
        result: undefined,
        startedAt: '2026-03-05T09:50:00Z',
      };
      const finished = {
        ...testDeployment('d1', '2026-03-05T10:00:00Z'),
        startedAt: '2026-03-05T09:50:00Z',
      };
      const resolved = {
        type: 'incident' as const,
        source: 'pager',
        id: 'i1',
        component: 'api',
        detectedAt: '2026-03-05T11:00:00Z',
        resolvedAt: '2026-03-05T12:00:00Z',
        updatedAt: '2026-03-05T12:00:00Z',
      };
      const open = {
        ...resolved,
        resolvedAt: undefined,
        updatedAt: '2026-03-05T11:00:00Z',
      };

      expect(await h.ingest([finished, resolved])).toMatchObject({
        inserted: 2,
        updated: 0,
        unchanged: 0,
      });
      const before = await h.values('component:default/api', MARCH);
      // The same batch again, then the older states out of order: nothing changes.
      expect(await h.ingest([finished, resolved])).toMatchObject({
        inserted: 0,
        updated: 0,
        unchanged: 2,
        stale: 0,
      });
      expect(await h.ingest([started, open])).toMatchObject({
        inserted: 0,
        updated: 0,
        unchanged: 2,
        stale: 2,
      });
      expect(await h.values('component:default/api', MARCH)).toEqual(before);
      expect(before).toMatchObject({
        total: 1,
        incidents: 1,
        openIncidents: 0,
      });

      // The same event twice within one batch is stored once.
      expect(
        await h.ingest([
          testDeployment('d9', '2026-03-09T10:00:00Z'),
          testDeployment('d9', '2026-03-09T10:00:00Z'),
        ]),
      ).toMatchObject({ inserted: 1, unchanged: 1 });
    });

    it('merges the same deployment reported by two sources, and counts it once', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      const result = await h.ingest([
        testDeployment('run-77', '2026-03-05T10:00:00Z', { commit: 'eee5555' }),
        {
          ...testDeployment('gh-9', '2026-03-05T10:06:00Z', {
            commit: 'eee5555',
          }),
          source: 'github',
        },
        // Same commit but 20 minutes later: a redeploy, not the same deployment.
        {
          ...testDeployment('gh-10', '2026-03-05T10:26:00Z', {
            commit: 'eee5555',
          }),
          source: 'github',
        },
      ]);
      expect(result).toMatchObject({ inserted: 3, merged: 1 });
      expect((await h.values('component:default/api', MARCH)).total).toBe(2);
      // Replaying the second source later does not unmerge it.
      await h.ingest([
        {
          ...testDeployment('gh-9', '2026-03-05T10:06:00Z', {
            commit: 'eee5555',
          }),
          source: 'github',
        },
      ]);
      expect((await h.values('component:default/api', MARCH)).total).toBe(2);
    });

    it('attributes monorepo changes by path prefix and keeps the unattributable', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      const result = await h.ingest([
        {
          type: 'change',
          source: 'github',
          id: 'shop#1',
          repository: 'https://github.com/acme/shop.git',
          changedPaths: ['services/cart/src/a.ts', 'services/cart/README.md'],
        },
        {
          type: 'change',
          source: 'github',
          id: 'shop#2',
          repository: 'github.com/acme/shop',
          changedPaths: ['services/cart/a.ts', 'services/checkout/b.ts'],
        },
        {
          type: 'change',
          source: 'github',
          id: 'x#1',
          repository: 'github.com/acme/unknown',
        },
      ]);
      expect(result).toMatchObject({ inserted: 3, unattributed: 2 });
      const rows = await h
        .knex('delivery_changes')
        .select('external_id', 'component_ref')
        .orderBy('external_id');
      expect(rows).toEqual([
        { external_id: 'shop#1', component_ref: 'component:default/cart' },
        { external_id: 'shop#2', component_ref: null },
        { external_id: 'x#1', component_ref: null },
      ]);
    });
  },
);

describe.each(databases.eachSupportedId())('a full batch on %p', databaseId => {
  it('stores 1,000 events with their commits and changes in one batch', async () => {
    const h = await createDeliveryHarness(databases, databaseId);
    const sha = (i: number, k: number) =>
      (i * 10 + k).toString(16).padStart(12, 'a');
    const events = Array.from({ length: 500 }, (_, i) => [
      {
        type: 'change' as const,
        source: 'github',
        id: `api#${i}`,
        repository: 'github.com/acme/api',
        firstCommitAt: '2026-03-01T00:00:00Z',
        mergedAt: '2026-03-02T00:00:00Z',
        mergeCommit: sha(i, 0),
      },
      testDeployment(
        `bulk-${i}`,
        `2026-03-${String(2 + (i % 27)).padStart(2, '0')}T10:00:00Z`,
        {
          commit: sha(i, 0),
          commits: [sha(i, 1), sha(i, 2), sha(i, 3)],
          changes: [`api#${i}`],
        },
      ),
    ]).flat();
    expect(await h.ingest(events)).toMatchObject({ inserted: 1000 });
    const v = await h.values('component:default/api', MARCH);
    expect(v.total).toBe(500);
    expect(v.leadTime.count).toBe(500);
  });
});
