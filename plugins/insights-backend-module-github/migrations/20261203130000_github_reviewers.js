/*
 * Who gave a pull request its first review (review concentration in the ownership domain).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('github_pull_requests', table => {
    table.string('first_reviewer', 255).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('github_pull_requests', table => {
    table.dropColumn('first_reviewer');
  });
};
