/*
 * The ownership domain: each component's ownership report (owner health from the catalog, knowledge
 * concentration from its history), a new row whenever it changes, so the history of each is kept.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ownership_reports', table => {
    table.increments('id');
    table.string('component_ref', 255).notNullable();
    table.bigInteger('computed_at').notNullable();
    // sha256 of the report: an unchanged report is not written again.
    table.string('content_hash', 64).notNullable();
    table.text('owner_health').notNullable();
    // The knowledge report, or null with the reason it could not be made.
    table.text('knowledge').nullable();
    table.text('knowledge_problem').nullable();
    // Where the history came from: the repository and the commit analysed.
    table.string('source', 1024).nullable();
    table.index(['component_ref', 'computed_at'], 'ownership_reports_latest');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ownership_reports');
};
