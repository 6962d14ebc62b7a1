/*
 * Ownership: each component report gains its review concentration; each team (Group) gets a report of
 * its own, a new row whenever it changes: members, who knows what, review load per member.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ownership_reports', table => {
    table.text('reviews').nullable();
  });
  await knex.schema.createTable('ownership_team_reports', table => {
    table.increments('id');
    table.string('group_ref', 255).notNullable();
    table.bigInteger('computed_at').notNullable();
    table.string('content_hash', 64).notNullable();
    table.text('report').notNullable();
    table.index(['group_ref', 'computed_at'], 'ownership_team_reports_latest');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ownership_team_reports');
  await knex.schema.alterTable('ownership_reports', table => {
    table.dropColumn('reviews');
  });
};
