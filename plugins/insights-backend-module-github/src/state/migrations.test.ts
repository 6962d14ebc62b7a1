import { readdirSync } from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@cairn/test-utils';
import { GithubStateStore, MIGRATIONS_TABLE } from './GithubStateStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const TABLES = [
  'github_deliveries',
  'github_pull_requests',
  'github_branches',
  'github_pushes',
  'github_push_commits',
  'github_deployments',
  'github_commits',
];

describe.each(databases.eachSupportedId())(
  'GitHub module migrations on %p',
  databaseId => {
    it('go up and down beside the insights plugin’s own, without touching its tables', async () => {
      const knex = await databases.init(databaseId);
      // The module shares the insights plugin's database, migrated first as in a portal.
      const pluginMigrations = resolvePackagePath(
        '@cairn/plugin-insights-backend',
        'migrations',
      );
      await knex.migrate.latest({ directory: pluginMigrations });
      // The plugin's own history, untouched by the module's down (however many migrations it has).
      const pluginCount = readdirSync(pluginMigrations).filter(f =>
        f.endsWith('.js'),
      ).length;
      const config = {
        directory: resolvePackagePath(
          '@cairn/plugin-insights-backend-module-github',
          'migrations',
        ),
        tableName: MIGRATIONS_TABLE,
      };
      const present = () =>
        Promise.all(TABLES.map(t => knex.schema.hasTable(t)));

      let store = await GithubStateStore.create({
        database: mockServices.database({ knex }),
      });
      expect(await present()).toEqual(TABLES.map(() => true));
      await store.deliveries.record('d-1', 'push', 1000);
      await store.deliveries.record('d-1', 'push', 2000);
      expect(
        Number((await knex('github_deliveries').count({ n: '*' }).first())!.n),
      ).toBe(1);

      // Every module migration, newest first.
      await knex.migrate.rollback(config, true);
      expect(await present()).toEqual(TABLES.map(() => false));
      expect(await knex.schema.hasTable('delivery_deployments')).toBe(true);
      expect(await knex.schema.hasTable('cdevents_events')).toBe(true);
      expect(
        Number((await knex('knex_migrations').count({ n: '*' }).first())!.n),
      ).toBe(pluginCount);

      store = await GithubStateStore.create({
        database: mockServices.database({ knex }),
      });
      expect(await present()).toEqual(TABLES.map(() => true));
      expect(await store.deliveries.has('d-1')).toBe(false);
      await store.deliveries.record('d-1', 'push', 3000);
      expect(await store.deliveries.has('d-1')).toBe(true);
    });
  },
);
