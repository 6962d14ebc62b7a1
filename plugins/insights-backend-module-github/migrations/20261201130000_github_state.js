// @ts-check

/*
 * What the GitHub module remembers between webhooks, in the insights plugin's database under its own
 * migrations table (insights_github_knex_migrations) and `github_` table names:
 * - deliveries already processed (X-GitHub-Delivery), so a redelivery changes nothing;
 * - pull requests: the latest snapshot, the first review by someone other than the author;
 * - branches: the first commit time and the paths touched by commits pushed to them;
 * - pushes to default branches with their commits, to know which commits a deployment shipped;
 * - deployments with their statuses, to take the finish from the first terminal status.
 * Every row has a `version`: when Cairn last learned something new about it (epoch ms, strictly
 * increasing per row), which orders the records mapped from it.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('github_deliveries', table => {
    table.string('delivery_id', 64).primary();
    table.string('event', 64).notNullable();
    table.bigInteger('received_at').notNullable();
    table.index(['received_at'], 'github_deliveries_received');
  });

  await knex.schema.createTable('github_pull_requests', table => {
    // host/owner/name, lower-cased.
    table.string('repository', 512).notNullable();
    table.integer('number').notNullable();
    table.string('head_ref', 255).notNullable();
    // The pull request as last reported (the fields the mapping uses), and its updated_at.
    table.text('snapshot').notNullable();
    table.bigInteger('pr_updated_at').notNullable();
    table.bigInteger('first_review_at').nullable();
    table.bigInteger('version').notNullable();
    table.primary(['repository', 'number']);
    table.index(['repository', 'head_ref'], 'github_pull_requests_head');
  });

  await knex.schema.createTable('github_branches', table => {
    table.string('repository', 512).notNullable();
    table.string('branch', 255).notNullable();
    table.bigInteger('first_commit_at').nullable();
    // JSON array of the paths added, modified or removed by pushed commits (capped).
    table.text('paths').notNullable();
    table.bigInteger('version').notNullable();
    table.primary(['repository', 'branch']);
  });

  await knex.schema.createTable('github_pushes', table => {
    table.increments('id');
    table.string('repository', 512).notNullable();
    table.string('before_sha', 64).notNullable();
    table.string('after_sha', 64).notNullable();
    table.boolean('forced').notNullable();
    // JSON array of the pushed commit SHAs, oldest first.
    table.text('commits').notNullable();
    table.bigInteger('version').notNullable();
    table.unique(['repository', 'before_sha', 'after_sha'], {
      indexName: 'github_pushes_identity',
    });
  });

  // Which default-branch push brought each commit, and where in it.
  await knex.schema.createTable('github_push_commits', table => {
    table.string('repository', 512).notNullable();
    table.string('sha', 64).notNullable();
    table
      .integer('push_id')
      .notNullable()
      .references('id')
      .inTable('github_pushes')
      .onDelete('CASCADE');
    table.integer('position').notNullable();
    table.primary(['repository', 'sha']);
  });

  await knex.schema.createTable('github_deployments', table => {
    table.string('repository', 512).notNullable();
    table.bigInteger('deployment_id').notNullable();
    table.string('environment', 255).notNullable();
    table.string('env_key', 255).notNullable();
    table.string('sha', 64).notNullable();
    // The deployment as last reported (the fields the mapping uses).
    table.text('snapshot').notNullable();
    // JSON array of { id, state, createdAt, url } for every status seen.
    table.text('statuses').notNullable();
    // Derived from the statuses: the first terminal one decides.
    table.bigInteger('finished_at').nullable();
    table.string('result', 16).nullable();
    // Whether the commits it shipped are known (false while a push between it and the previous
    // successful deployment is missing); unresolved ones are mapped again when pushes arrive.
    table.boolean('range_resolved').notNullable().defaultTo(false);
    table.bigInteger('version').notNullable();
    table.primary(['repository', 'deployment_id']);
    table.index(
      ['repository', 'env_key', 'result', 'finished_at'],
      'github_deployments_timeline',
    );
    table.index(['repository', 'sha'], 'github_deployments_sha');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('github_deployments');
  await knex.schema.dropTable('github_push_commits');
  await knex.schema.dropTable('github_pushes');
  await knex.schema.dropTable('github_branches');
  await knex.schema.dropTable('github_pull_requests');
  await knex.schema.dropTable('github_deliveries');
};
