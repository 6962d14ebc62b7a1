/*
 * The scorecards domain: results of external checks (security scanners, coverage) pushed through
 * POST /v1/scorecards/external-results; the newest per entity and check. Their state changes go to the
 * same history as every other check's.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_external_results', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('scorecard', 63).notNullable();
    table.string('check_id', 63).notNullable();
    table.string('state', 16).notNullable();
    table.text('message').nullable();
    // When the tool produced the result (an older push never replaces a newer one).
    table.bigInteger('reported_at').notNullable();
    table.string('reported_by', 255).notNullable();
    table.primary(['entity_ref', 'scorecard', 'check_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_external_results');
};
