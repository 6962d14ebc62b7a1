/*
 * Which stages of a change's lead time run backwards (docs/DESIGN.md, "Change lead time"), kept with its
 * facts as bits (1 coding, 2 pickup, 4 review, 8 deploy), so that the coverage count reads the few
 * out-of-order facts from a partial index instead of joining every change in the range.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_change_facts', table => {
    table.integer('out_of_order').notNullable().defaultTo(0);
  });
  await knex.raw(`
    UPDATE delivery_change_facts SET out_of_order = (
      SELECT CASE WHEN c.opened_at < c.first_commit_at THEN 1 ELSE 0 END
           + CASE WHEN c.first_review_at < c.opened_at THEN 2 ELSE 0 END
           + CASE WHEN c.merged_at < c.first_review_at THEN 4 ELSE 0 END
           + CASE WHEN delivery_change_facts.deployed_at < c.merged_at THEN 8 ELSE 0 END
      FROM delivery_changes c WHERE c.id = delivery_change_facts.change_id
    )`);
  await knex.schema.alterTable('delivery_change_facts', table => {
    table.index(
      ['component_ref', 'env_key', 'deployed_at'],
      'delivery_change_facts_out_of_order',
      { predicate: knex.whereRaw('out_of_order <> 0') },
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_change_facts', table => {
    table.dropIndex([], 'delivery_change_facts_out_of_order');
    table.dropColumn('out_of_order');
  });
};
