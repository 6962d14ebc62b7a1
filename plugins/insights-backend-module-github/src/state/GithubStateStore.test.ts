import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@cairn/test-utils';
import { GithubStateStore, MIGRATIONS_TABLE } from './GithubStateStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const REPO = 'github.com/acme/api';
const sha = (s: string) => s.repeat(40 / s.length);
const ZERO = '0'.repeat(40);

describe.each(databases.eachSupportedId())(
  'GithubStateStore on %p',
  databaseId => {
    const create = async () => {
      const knex = await databases.init(databaseId);
      // The insights plugin's own migrations share the database; the module's are tracked apart.
      await knex.schema.createTable('knex_migrations', t => {
        t.increments('id');
        t.string('name');
      });
      const store = await GithubStateStore.create({
        database: mockServices.database({ knex }),
      });
      return { knex, store };
    };

    it('keeps its migrations in their own table', async () => {
      const { knex } = await create();
      expect(await knex(MIGRATIONS_TABLE).pluck('name')).toEqual([
        '20261201130000_github_state.js',
        '20261203130000_github_reviewers.js',
        '20261203140000_github_commits.js',
      ]);
      expect(await knex('knex_migrations').select()).toEqual([]);
    });

    it('walks default-branch pushes back to the previous deployment, and gives up rather than guess', async () => {
      const { store } = await create();
      const pushes: Array<[string, string, string[], boolean?]> = [
        [ZERO, sha('a'), [sha('a')]],
        [sha('a'), sha('c'), [sha('b'), sha('c')]],
        [sha('c'), sha('d'), [sha('d')]],
        // A force push: what came before it is not its history.
        [sha('d'), sha('f'), [sha('e'), sha('f')], true],
      ];
      for (const [i, [before, after, commits, forced]] of pushes.entries()) {
        await store.pushes.record(
          REPO,
          { before, after, commits, forced: !!forced },
          1000 + i,
        );
      }
      expect(
        await store.pushes.commitsBetween(REPO, sha('a'), sha('d')),
      ).toEqual({
        commits: [sha('d'), sha('c'), sha('b')],
        version: 1002,
      });
      // Up to a commit in the middle of a push.
      expect(
        await store.pushes.commitsBetween(REPO, sha('a'), sha('b')),
      ).toEqual({
        commits: [sha('b')],
        version: 1001,
      });
      expect(
        await store.pushes.commitsBetween(REPO, sha('d'), sha('d')),
      ).toEqual({
        commits: [],
        version: 1002,
      });
      expect(
        await store.pushes.commitsBetween(REPO, sha('e'), sha('f')),
      ).toEqual({
        commits: [sha('f')],
        version: 1003,
      });
      // Across the force push, past the branch's creation, or from an unknown commit: unknown.
      expect(
        await store.pushes.commitsBetween(REPO, sha('c'), sha('f')),
      ).toBeUndefined();
      expect(
        await store.pushes.commitsBetween(REPO, sha('9'), sha('d')),
      ).toBeUndefined();
      expect(
        await store.pushes.commitsBetween(REPO, sha('a'), sha('7')),
      ).toBeUndefined();
      // Recording the same push again is a no-op.
      expect(
        await store.pushes.record(
          REPO,
          {
            before: sha('c'),
            after: sha('d'),
            commits: [sha('d')],
            forced: false,
          },
          5000,
        ),
      ).toBe(false);
    });

    it('keeps the latest pull request snapshot and the earliest review, moving the version only on news', async () => {
      const { store } = await create();
      const snapshot = (updatedAt: number, mergedAt: number | null) => ({
        id: 'acme/api#1',
        number: 1,
        title: 'One',
        url: 'https://github.com/acme/api/pull/1',
        author: 'ana',
        createdAt: 100,
        updatedAt,
        closedAt: mergedAt,
        mergedAt,
        mergeCommit: mergedAt ? sha('m') : null,
        headRef: 'feat',
        headInRepository: true,
      });
      await store.pullRequests.save(
        REPO,
        snapshot(300, 300),
        undefined,
        10_000,
      );
      // An older report arriving late changes nothing, but its review counts.
      await store.pullRequests.save(
        REPO,
        snapshot(200, null),
        { submittedAt: 150, reviewer: 'ana' },
        20_000,
      );
      let pr = await store.pullRequests.get(REPO, 1);
      expect(pr).toMatchObject({
        snapshot: { mergedAt: 300 },
        firstReviewAt: 150,
        firstReviewer: 'ana',
        version: 20_000,
      });
      // A later review is not the first; a replay is not news.
      await store.pullRequests.save(
        REPO,
        snapshot(200, null),
        { submittedAt: 250, reviewer: 'ben' },
        30_000,
      );
      await store.pullRequests.save(
        REPO,
        snapshot(300, 300),
        undefined,
        40_000,
      );
      pr = await store.pullRequests.get(REPO, 1);
      expect(pr).toMatchObject({
        firstReviewAt: 150,
        firstReviewer: 'ana',
        version: 20_000,
      });
    });

    it('finishes a deployment at its first terminal status; inactive and replays move nothing', async () => {
      const { store } = await create();
      const snapshot = {
        id: 'acme/api/deployments/7',
        environment: 'Production',
        sha: sha('d'),
        createdAt: 100,
        updatedAt: 100,
        component: null,
        trigger: 'normal' as const,
      };
      const save = (
        state: string,
        createdAt: number,
        id: number,
        now: number,
      ) =>
        store.deployments.save(
          REPO,
          7,
          { ...snapshot, updatedAt: createdAt },
          'production',
          { id, state, createdAt, url: null },
          now,
        );
      await save('success', 300, 3, 1000);
      await save('in_progress', 200, 2, 2000);
      const afterInactive = await save('inactive', 900, 4, 3000);
      expect(afterInactive).toMatchObject({
        finishedAt: 300,
        result: 'success',
        version: 2000,
      });
      const replay = await save('success', 300, 3, 4000);
      expect(replay.version).toBe(2000);
      // A failure reported after the success does not undo it.
      expect(await save('failure', 950, 5, 5000)).toMatchObject({
        finishedAt: 300,
        result: 'success',
      });
    });

    it('forgets deliveries past their memory and a deleted branch', async () => {
      const { store } = await create();
      await store.deliveries.record('old', 'push', 1000);
      await store.deliveries.record('new', 'push', 5000);
      expect(await store.deliveries.purge(2000)).toBe(1);
      expect(await store.deliveries.has('old')).toBe(false);
      expect(await store.deliveries.has('new')).toBe(true);
      await store.branches.push(
        REPO,
        'feat',
        { deleted: false, commits: [{ timestamp: 50, paths: ['a.ts'] }] },
        1000,
      );
      expect(await store.branches.get(REPO, 'feat')).toMatchObject({
        firstCommitAt: 50,
        paths: ['a.ts'],
      });
      await store.branches.push(
        REPO,
        'feat',
        { deleted: true, commits: [] },
        2000,
      );
      expect(await store.branches.get(REPO, 'feat')).toBeUndefined();
    });
  },
);
