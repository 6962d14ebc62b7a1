/*
 * Indexes for deriving facts around what a batch touched instead of over a whole timeline: who names a
 * deployment (a fix, an incident's cause), and which incidents are linked to it.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_deployments', table => {
    table.index(['fixes_source', 'fixes_id'], 'delivery_deployments_fixes');
  });
  await knex.schema.alterTable('delivery_incidents', table => {
    table.index(
      ['caused_by_source', 'caused_by_id'],
      'delivery_incidents_caused_by',
    );
    table.index(['linked_deployment_id'], 'delivery_incidents_linked');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_incidents', table => {
    table.dropIndex([], 'delivery_incidents_linked');
    table.dropIndex([], 'delivery_incidents_caused_by');
  });
  await knex.schema.alterTable('delivery_deployments', table => {
    table.dropIndex([], 'delivery_deployments_fixes');
  });
};
