import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '@cairn/test-utils';
import { Knex } from 'knex';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const config = {
  directory: resolvePackagePath('@cairn/plugin-insights-backend', 'migrations'),
};

/** The tables each migration creates, in the order they run. */
const MIGRATIONS: Array<[string, string[]]> = [
  [
    '20261122120000_delivery.js',
    [
      'delivery_deployments',
      'delivery_deployment_commits',
      'delivery_deployment_change_refs',
      'delivery_changes',
      'delivery_change_facts',
      'delivery_change_digests',
      'delivery_incidents',
      'delivery_state',
    ],
  ],
  [
    '20261201120000_ingestion_health.js',
    [
      'ingestion_health_buckets',
      'ingestion_health_sources',
      'ingestion_health_notes',
    ],
  ],
  ['20261201120100_cdevents.js', ['cdevents_events', 'cdevents_links']],
  // Indexes only.
  ['20261202120000_delivery_references.js', []],
  // A column and an index.
  ['20261202130000_delivery_read_paths.js', []],
  [
    '20261202140000_reliability.js',
    [
      'reliability_documents',
      'reliability_slos',
      'reliability_sli_minutes',
      'reliability_sli_hours',
      'reliability_sli_cursors',
    ],
  ],
  ['20261203120000_ownership.js', ['ownership_reports']],
  // A column: who gave a change its first review.
  ['20261203130000_change_reviewers.js', []],
  // A column and the teams' reports.
  ['20261203140000_ownership_teams.js', ['ownership_team_reports']],
  [
    '20261203150000_scorecards.js',
    [
      'scorecard_rule_sources',
      'scorecard_results',
      'scorecard_result_changes',
      'scorecard_levels',
      'scorecard_level_changes',
      'scorecard_exemptions',
    ],
  ],
  ['20261203160000_scorecard_external.js', ['scorecard_external_results']],
  // CI data, and the build and release stages of change facts and digests.
  [
    '20261205120000_delivery_pipeline_runs.js',
    ['delivery_pipeline_runs', 'delivery_test_failures'],
  ],
  // An index: change facts by their deployment.
  ['20261206120000_delivery_facts_by_deployment.js', []],
  // Per-day counts kept by triggers.
  [
    '20261206130000_delivery_day_counts.js',
    [
      'delivery_deployment_days',
      'delivery_change_days',
      'delivery_shipped_days',
    ],
  ],
];

const present = async (knex: Knex, tables: string[]) =>
  Promise.all(tables.map(t => knex.schema.hasTable(t)));

describe.each(databases.eachSupportedId())(
  'insights migrations on %p',
  databaseId => {
    it('go up, step down one at a time dropping exactly their own tables, and up again', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(config);
      expect(
        (await knex('knex_migrations').orderBy('id').pluck('name')).map(String),
      ).toEqual(MIGRATIONS.map(([name]) => name));
      const all = MIGRATIONS.flatMap(([, tables]) => tables);
      expect(await present(knex, all)).toEqual(all.map(() => true));

      // Rows in the newest tables, so that going down drops data, not just empty tables; and the
      // identity of an event (source, id) is unique.
      const event = {
        ce_source: 'ci',
        context_id: 'e-1',
        type: 'service.deployed',
        kind: 'deployment',
        subject_key: 'checkout',
        timestamp: 1,
        links: '[]',
        details: '{}',
        received_at: 1,
      };
      await knex('cdevents_events').insert(event);
      await expect(knex('cdevents_events').insert(event)).rejects.toThrow();
      const { id } = (await knex('cdevents_events').first('id'))!;
      await knex('cdevents_links').insert({ event_id: id, context_id: 'e-0' });

      for (let i = MIGRATIONS.length - 1; i >= 0; i--) {
        await knex.migrate.down(config);
        const [, dropped] = MIGRATIONS[i];
        const kept = MIGRATIONS.slice(0, i).flatMap(([, tables]) => tables);
        expect(await present(knex, dropped)).toEqual(dropped.map(() => false));
        expect(await present(knex, kept)).toEqual(kept.map(() => true));
      }
      expect(
        Number((await knex('knex_migrations').count({ n: '*' }).first())!.n),
      ).toBe(0);

      await knex.migrate.latest(config);
      expect(await present(knex, all)).toEqual(all.map(() => true));
      expect(
        Number(
          (await knex('delivery_deployments').count({ n: '*' }).first())!.n,
        ),
      ).toBe(0);
    });

    it('mark the facts of existing changes: stages that run backwards, merge time, own change', async () => {
      const knex = await databases.init(databaseId);
      const next = '20261202130000_delivery_read_paths.js';
      // Everything before it, then facts as they were, then it.
      while ((await knex.migrate.list(config))[1][0]?.file !== next)
        await knex.migrate.up(config);
      const change = (id: number, times: number[]) => ({
        id,
        source: 'ci',
        external_id: `c${id}`,
        repository: 'github.com/acme/api',
        first_commit_at: times[0],
        opened_at: times[1],
        first_review_at: times[2],
        merged_at: times[3],
        component_ref: id === 1 ? 'component:default/api' : null,
        content_hash: 'x',
        received_at: 1,
        lifecycle: 3,
      });
      await knex('delivery_changes').insert([
        change(1, [10, 20, 30, 40]),
        // Opened before the first commit, merged after the deployment.
        change(2, [20, 10, 30, 60]),
      ]);
      await knex('delivery_deployments').insert({
        id: 1,
        source: 'ci',
        external_id: 'd1',
        component_ref: 'component:default/api',
        environment: 'production',
        env_key: 'production',
        finished_at: 50,
        result: 'success',
        trigger_type: 'normal',
        content_hash: 'x',
        received_at: 1,
        lifecycle: 2,
      });
      const fact = (changeId: number) => ({
        change_id: changeId,
        component_ref: 'component:default/api',
        env_key: 'production',
        deployment_id: 1,
        deployed_at: 50,
      });
      await knex('delivery_change_facts').insert([fact(1), fact(2)]);
      await knex.migrate.latest(config);
      const facts = await knex('delivery_change_facts')
        .orderBy('change_id')
        .select('out_of_order', 'merged_at', 'own_change');
      expect(
        facts.map(f => [
          Number(f.out_of_order),
          Number(f.merged_at),
          Boolean(f.own_change),
        ]),
      ).toEqual([
        [0, 40, true],
        [1 | 8, 60, false],
      ]);
    });
  },
);
