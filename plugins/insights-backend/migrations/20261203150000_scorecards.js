/*
 * The scorecards domain: the rule files (the last good version of each, and why a newer one was
 * refused), each entity's current result per check, the append-only history of its changes, and
 * exemptions.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_rule_sources', table => {
    // Where the rules come from (a file or a URL), as configured.
    table.string('source', 512).primary();
    // sha256 of the last good content, and the content itself (what keeps running).
    table.string('version', 64).nullable();
    table.text('content').nullable();
    table.bigInteger('loaded_at').nullable();
    // The newest content that was refused, and why (JSON [{ line, message }]).
    table.string('refused_version', 64).nullable();
    table.text('problems').nullable();
    table.bigInteger('refused_at').nullable();
  });

  await knex.schema.createTable('scorecard_results', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('scorecard', 63).notNullable();
    table.string('check_id', 63).notNullable();
    table.string('state', 16).notNullable();
    table.text('message').nullable();
    table.string('due_by', 10).nullable();
    // Since when the check has had this state and message.
    table.bigInteger('changed_at').notNullable();
    table.primary(['entity_ref', 'scorecard', 'check_id']);
    table.index(
      ['scorecard', 'check_id', 'state'],
      'scorecard_results_by_check',
    );
  });

  await knex.schema.createTable('scorecard_result_changes', table => {
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('scorecard', 63).notNullable();
    table.string('check_id', 63).notNullable();
    table.string('state', 16).notNullable();
    table.text('message').nullable();
    table.bigInteger('changed_at').notNullable();
    table.index(
      ['entity_ref', 'changed_at'],
      'scorecard_result_changes_entity',
    );
  });

  await knex.schema.createTable('scorecard_levels', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('scorecard', 63).notNullable();
    table.string('level', 63).nullable();
    table.bigInteger('changed_at').notNullable();
    table.primary(['entity_ref', 'scorecard']);
  });

  // Every level change, for trends (what the levels were a month ago).
  await knex.schema.createTable('scorecard_level_changes', table => {
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('scorecard', 63).notNullable();
    table.string('level', 63).nullable();
    table.bigInteger('changed_at').notNullable();
    table.index(
      ['entity_ref', 'scorecard', 'changed_at'],
      'scorecard_level_changes_entity',
    );
  });

  await knex.schema.createTable('scorecard_exemptions', table => {
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('scorecard', 63).notNullable();
    table.string('check_id', 63).notNullable();
    table.text('reason').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.string('granted_by', 255).notNullable();
    table.bigInteger('granted_at').notNullable();
    table.bigInteger('revoked_at').nullable();
    table.index(['entity_ref'], 'scorecard_exemptions_entity');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_exemptions');
  await knex.schema.dropTable('scorecard_level_changes');
  await knex.schema.dropTable('scorecard_levels');
  await knex.schema.dropTable('scorecard_result_changes');
  await knex.schema.dropTable('scorecard_results');
  await knex.schema.dropTable('scorecard_rule_sources');
};
