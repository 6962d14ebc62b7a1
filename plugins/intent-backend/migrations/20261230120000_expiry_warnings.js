// @ts-check

/*
 * Lifetimes (issue 23): when the owner was told that an environment expires soon, so the expiry task tells
 * them once; an extension clears it, so they are told again before the new expiry.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('intent_environments', table => {
    table.bigInteger('expiry_warned_at').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('intent_environments', table => {
    table.dropColumn('expiry_warned_at');
  });
};
