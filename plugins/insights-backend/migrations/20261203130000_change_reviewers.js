/*
 * Review concentration (the ownership domain reads it through the delivery store): who gave each
 * change its first review. Null for changes stored before, and for sources that do not say.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_changes', table => {
    table.string('first_reviewer', 255).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_changes', table => {
    table.dropColumn('first_reviewer');
  });
};
