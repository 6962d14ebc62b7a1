// @ts-check

/*
 * Day-2 changes (issue 23): each version of an environment's plan. The environment row keeps the live
 * version's documents and files, as before, and its number (`revision`); a row here per version keeps
 * what it was (hashes, cost, guardrail counts, who asked, who approved) and its diff against the version
 * live when it was proposed. A production change waits here with its documents and files until it is
 * approved (`pending_revision` on the environment), which applies it; once applied, the documents live on
 * the environment row and are cleared here.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('intent_environments', table => {
    table.integer('revision').notNullable().defaultTo(1);
    table.integer('pending_revision').nullable();
  });
  await knex.schema.createTable('intent_environment_revisions', table => {
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('intent_environments')
      .onDelete('CASCADE');
    table.integer('revision').notNullable();
    // applied | awaiting-approval | superseded
    table.string('status', 32).notNullable();
    table.string('requester', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('applied_at').nullable();
    table.string('approved_by', 255).nullable();
    table.string('intent_sha256', 64).notNullable();
    table.string('bundle_sha256', 64).notNullable();
    table.double('monthly_cost_low_usd').notNullable();
    table.double('monthly_cost_high_usd').notNullable();
    table.boolean('policies_passed').notNullable();
    table.integer('policy_violations').notNullable();
    table.integer('policy_warnings').notNullable();
    table.string('task_id', 255).nullable();
    // A scaffolder task's retry sends the same key and gets the version it proposed first.
    table.string('idempotency_key', 255).nullable().unique();
    table.text('diff').nullable();
    // While the version waits for approval: its documents and files (JSON), applied from here.
    table.text('pending').nullable();
    table.primary(['environment_id', 'revision']);
  });
  // Every environment registered before this migration is at its first version (applied, or waiting
  // for its approval).
  const columns =
    'environment_id, revision, status, requester, created_at, applied_at, approved_by, intent_sha256, bundle_sha256, monthly_cost_low_usd, monthly_cost_high_usd, policies_passed, policy_violations, policy_warnings, task_id';
  await knex.raw(
    `INSERT INTO intent_environment_revisions (${columns})
     SELECT id, 1,
       CASE WHEN status = 'awaiting-approval' THEN 'awaiting-approval' ELSE 'applied' END,
       requester, created_at,
       CASE WHEN status = 'awaiting-approval' THEN NULL ELSE COALESCE(approved_at, created_at) END,
       approved_by, intent_sha256, bundle_sha256, monthly_cost_low_usd, monthly_cost_high_usd,
       policies_passed, policy_violations, policy_warnings, task_id
     FROM intent_environments`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('intent_environment_revisions');
  await knex.schema.alterTable('intent_environments', table => {
    table.dropColumn('pending_revision');
    table.dropColumn('revision');
  });
};
