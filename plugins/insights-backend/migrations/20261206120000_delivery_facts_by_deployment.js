// @ts-check

/*
 * Change facts by their deployment. Deleting a deployment (retention, or a source's deployment merged
 * away) finds its facts through this index; without it every deleted deployment scanned all change facts
 * (its foreign key's cascade), which made a retention purge of an organisation's history take hours.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_change_facts', table => {
    table.index(['deployment_id'], 'delivery_change_facts_deployment');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_change_facts', table => {
    table.dropIndex([], 'delivery_change_facts_deployment');
  });
};
