import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '@cairn/test-utils';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const directory = resolvePackagePath(
  '@cairn/plugin-intent-backend',
  'migrations',
);
const config = { directory, tableName: 'intent_knex_migrations' };

describe.each(databases.eachSupportedId())(
  'intent migrations on %p',
  databaseId => {
    it('go up and down cleanly, and the tables hold what the registry writes', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(config);
      expect(await knex.schema.hasTable('intent_environments')).toBe(true);
      expect(await knex.schema.hasTable('intent_environment_files')).toBe(true);
      expect(await knex.schema.hasTable('intent_environment_events')).toBe(
        true,
      );
      expect(await knex.schema.hasTable('intent_environment_resources')).toBe(
        true,
      );

      // At most one live environment per name and kind; any number once they are no longer live.
      const row = (id: string, liveKey: string | null) => ({
        id,
        name: 'web',
        environment: 'dev',
        owner: 'group:default/a',
        requester: 'user:default/b',
        status: liveKey ? 'active' : 'expired',
        created_at: 1,
        updated_at: 1,
        monthly_cost_low_usd: 1,
        monthly_cost_high_usd: 2,
        price_table_version: 'p',
        policy_pack_version: 'q',
        platform_version: 'v',
        intent_sha256: 'i',
        bundle_sha256: 'b',
        policies_passed: true,
        policy_violations: 0,
        policy_warnings: 0,
        review_links: '[]',
        live_key: liveKey,
        intent: '{}',
        plan: '{}',
        cost: '{}',
        policy_report: '{}',
        plan_markdown: '',
        bundle_manifest: '{}',
      });
      await knex('intent_environments').insert(row('e1', 'web/dev'));
      await expect(
        knex('intent_environments').insert(row('e2', 'web/dev')),
      ).rejects.toThrow();
      await knex('intent_environments').insert(row('e3', null));
      await knex('intent_environments').insert(row('e4', null));
      await knex('intent_environment_events').insert({
        environment_id: 'e1',
        type: 'requested',
        at: 1,
        actor: 'user:default/b',
        to_status: 'active',
      });
      // One resource per environment and service.
      const resource = {
        environment_id: 'e1',
        service: 'postgres',
        state: 'healthy',
        credentials: 'v1:a:b:c',
        updated_at: 1,
      };
      await knex('intent_environment_resources').insert(resource);
      await expect(
        knex('intent_environment_resources').insert(resource),
      ).rejects.toThrow();
      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }).first())!.n);
      expect(await count('intent_environments')).toBe(3);
      expect(await count('intent_environment_events')).toBe(1);

      await knex.migrate.rollback(config, true);
      expect(await knex.schema.hasTable('intent_environments')).toBe(false);
      expect(await knex.schema.hasTable('intent_environment_resources')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('intent_environment_events')).toBe(
        false,
      );
      await knex.migrate.latest(config);
      expect(await count('intent_environments')).toBe(0);
    });

    it('puts every environment registered before versions at its first version', async () => {
      const knex = await databases.init(databaseId);
      // Up to the migration before the versions.
      for (let i = 0; i < 3; i++) await knex.migrate.up(config);
      expect(await knex.schema.hasTable('intent_environment_revisions')).toBe(
        false,
      );
      const base = {
        environment: 'prod',
        owner: 'group:default/a',
        requester: 'user:default/b',
        created_at: 1000,
        updated_at: 1000,
        monthly_cost_low_usd: 10,
        monthly_cost_high_usd: 20,
        price_table_version: 'p',
        policy_pack_version: 'q',
        platform_version: 'v',
        intent_sha256: 'i',
        bundle_sha256: 'b',
        policies_passed: true,
        policy_violations: 0,
        policy_warnings: 1,
        review_links: '[]',
        intent: '{}',
        plan: '{}',
        cost: '{}',
        policy_report: '{}',
        plan_markdown: '',
        bundle_manifest: '{}',
      };
      await knex('intent_environments').insert([
        { ...base, id: 'waiting', name: 'w', status: 'awaiting-approval' },
        {
          ...base,
          id: 'approved',
          name: 'a',
          status: 'active',
          approved_by: 'user:default/c',
          approved_at: 5000,
        },
      ]);
      await knex.migrate.latest(config);
      const rows = await knex('intent_environment_revisions')
        .orderBy('environment_id')
        .select(
          'environment_id',
          'revision',
          'status',
          'applied_at',
          'approved_by',
          'policy_warnings',
        );
      expect(
        rows.map(r => ({
          ...r,
          applied_at: r.applied_at === null ? null : Number(r.applied_at),
        })),
      ).toEqual([
        {
          environment_id: 'approved',
          revision: 1,
          status: 'applied',
          applied_at: 5000,
          approved_by: 'user:default/c',
          policy_warnings: 1,
        },
        {
          environment_id: 'waiting',
          revision: 1,
          status: 'awaiting-approval',
          applied_at: null,
          approved_by: null,
          policy_warnings: 1,
        },
      ]);
      const environments = await knex('intent_environments')
        .orderBy('id')
        .select('revision', 'pending_revision');
      expect(environments).toEqual([
        { revision: 1, pending_revision: null },
        { revision: 1, pending_revision: null },
      ]);
    });
  },
);
