// @ts-check

/*
 * The delivery domain's CI data: pipeline runs as reported (identity, content hash, lifecycle like the
 * other events) and the tests each run reported failed. Passing tests are counted on the run, not
 * listed. Times are epoch milliseconds.
 *
 * A change's deploy stage split in two where CI data says when its merge commit was built (docs/DESIGN.md,
 * "Change lead time"): build (merged → built) and release (built → deployed), null without a build, with
 * their per-day digests beside the other stages' ('' is an empty digest, as for days stored before).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_pipeline_runs', table => {
    table.increments('id');
    table.string('source', 64).notNullable();
    table.string('external_id', 255).notNullable();
    table.string('component_ref', 255).nullable();
    table.string('repository', 512).nullable();
    table.string('pipeline', 255).notNullable();
    table.string('commit_sha', 64).notNullable();
    table.string('branch', 255).nullable();
    // defaultBranch, pullRequest or other.
    table.string('kind', 16).notNullable();
    table.integer('attempt').nullable();
    table.bigInteger('queued_at').nullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('finished_at').nullable();
    // success, failure or cancelled; null while running.
    table.string('result', 16).nullable();
    table.text('url').nullable();
    // Null when the run reported no tests.
    table.integer('tests_passed').nullable();
    table.integer('tests_failed').nullable();
    table.integer('tests_skipped').nullable();
    table.bigInteger('updated_at').nullable();
    table.integer('lifecycle').notNullable();
    table.string('content_hash', 64).notNullable();
    table.bigInteger('received_at').notNullable();
    table.unique(['source', 'external_id'], {
      indexName: 'delivery_pipeline_runs_identity',
    });
    table.index(
      ['component_ref', 'finished_at'],
      'delivery_pipeline_runs_timeline',
    );
    // A change's build: the runs of its merge commit.
    table.index(
      ['commit_sha', 'component_ref'],
      'delivery_pipeline_runs_commit',
    );
    table.index(['repository'], 'delivery_pipeline_runs_repository');
  });

  await knex.schema.createTable('delivery_test_failures', table => {
    table
      .integer('run_id')
      .notNullable()
      .references('id')
      .inTable('delivery_pipeline_runs')
      .onDelete('CASCADE');
    // '' when the report names no suite.
    table.string('suite', 512).notNullable();
    table.string('name', 1024).notNullable();
    table.text('message').nullable();
    table.index(['run_id'], 'delivery_test_failures_run');
  });

  await knex.schema.alterTable('delivery_change_facts', table => {
    table.bigInteger('built_at').nullable();
    table.bigInteger('build_seconds').nullable();
    table.bigInteger('release_seconds').nullable();
  });
  await knex.schema.alterTable('delivery_change_digests', table => {
    table.text('build_values').notNullable().defaultTo('');
    table.text('release_values').notNullable().defaultTo('');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_change_digests', table => {
    table.dropColumn('build_values');
    table.dropColumn('release_values');
  });
  await knex.schema.alterTable('delivery_change_facts', table => {
    table.dropColumn('built_at');
    table.dropColumn('build_seconds');
    table.dropColumn('release_seconds');
  });
  await knex.schema.dropTable('delivery_test_failures');
  await knex.schema.dropTable('delivery_pipeline_runs');
};
