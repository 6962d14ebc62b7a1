// @ts-check

/*
 * The environment registry: one row per registered environment with what the environment pages need
 * (intent, plan, cost, policy report, PLAN.md, bundle manifest), its files, and its history. Statuses
 * and event types are strings so that provisioners can add states without a migration.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('intent_environments', table => {
    table.string('id', 36).primary();
    table.string('name', 64).notNullable();
    table.string('environment', 16).notNullable();
    table.string('owner', 255).notNullable();
    table.string('requester', 255).notNullable();
    table.string('system', 255).nullable();
    table.text('description').nullable();
    table.string('status', 32).notNullable();
    // Times are epoch milliseconds, compared the same way on every engine.
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('expires_at').nullable();
    table.double('monthly_cost_low_usd').notNullable();
    table.double('monthly_cost_high_usd').notNullable();
    table.string('price_table_version', 64).notNullable();
    table.string('policy_pack_version', 64).notNullable();
    table.string('platform_version', 64).notNullable();
    table.string('intent_sha256', 64).notNullable();
    table.string('bundle_sha256', 64).notNullable();
    table.boolean('policies_passed').notNullable();
    table.integer('policy_violations').notNullable();
    table.integer('policy_warnings').notNullable();
    table.text('review_links').notNullable();
    table.string('approved_by', 255).nullable();
    table.bigInteger('approved_at').nullable();
    table.string('task_id', 255).nullable();
    // Set when an owner ends the environment before its TTL; the expiry run then says so.
    table.string('teardown_requested_by', 255).nullable();
    // `name/environment` while the environment is live, else null: at most one live environment per
    // name and kind, since cloud resource names derive from both.
    table.string('live_key', 96).nullable().unique();
    // A scaffolder task's retry sends the same key and gets the environment it registered first.
    table.string('idempotency_key', 255).nullable().unique();
    table.text('intent').notNullable();
    table.text('plan').notNullable();
    table.text('cost').notNullable();
    table.text('policy_report').notNullable();
    table.text('plan_markdown').notNullable();
    table.text('bundle_manifest').notNullable();
    table.text('teardown_plan').nullable();
    table.index(['owner'], 'intent_environments_owner');
    table.index(['status', 'expires_at'], 'intent_environments_expiry');
    table.index(['name', 'environment'], 'intent_environments_name');
  });

  await knex.schema.createTable('intent_environment_files', table => {
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('intent_environments')
      .onDelete('CASCADE');
    table.string('path', 255).notNullable();
    table.string('sha256', 64).notNullable();
    table.integer('bytes').notNullable();
    table.text('content').notNullable();
    table.primary(['environment_id', 'path']);
  });

  await knex.schema.createTable('intent_environment_events', table => {
    table.increments('id');
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('intent_environments')
      .onDelete('CASCADE');
    table.string('type', 64).notNullable();
    table.bigInteger('at').notNullable();
    table.string('actor', 255).notNullable();
    table.string('from_status', 32).nullable();
    table.string('to_status', 32).notNullable();
    table.text('message').nullable();
    table.index(['environment_id', 'id'], 'intent_environment_events_env');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('intent_environment_events');
  await knex.schema.dropTable('intent_environment_files');
  await knex.schema.dropTable('intent_environments');
};
