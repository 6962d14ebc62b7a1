/*
 * Read paths of the summary that stay bounded by the range, however long the history.
 *
 * Failed deployments get a partial index, so that recovery times read the few failures in the range.
 *
 * What the coverage counts need from a change, kept with its facts so that they read an index over the
 * range instead of joining every change in it:
 * - which stages of its lead time run backwards (docs/DESIGN.md, "Change lead time"), as bits
 *   (1 coding, 2 pickup, 4 review, 8 deploy), with a partial index over the few facts that have any;
 * - when it was merged, and whether the change is attributed to the fact's component (a change shipped
 *   by its own component), so that "merged in the range and not deployed" is a difference of two
 *   index counts.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_change_facts', table => {
    table.integer('out_of_order').notNullable().defaultTo(0);
    table.bigInteger('merged_at').nullable();
    table.boolean('own_change').notNullable().defaultTo(false);
  });
  await knex.raw(`
    UPDATE delivery_change_facts SET
      out_of_order = (
        SELECT CASE WHEN c.opened_at < c.first_commit_at THEN 1 ELSE 0 END
             + CASE WHEN c.first_review_at < c.opened_at THEN 2 ELSE 0 END
             + CASE WHEN c.merged_at < c.first_review_at THEN 4 ELSE 0 END
             + CASE WHEN delivery_change_facts.deployed_at < c.merged_at THEN 8 ELSE 0 END
        FROM delivery_changes c WHERE c.id = delivery_change_facts.change_id),
      merged_at = (
        SELECT c.merged_at FROM delivery_changes c WHERE c.id = delivery_change_facts.change_id),
      own_change = COALESCE((
        SELECT c.component_ref = delivery_change_facts.component_ref
        FROM delivery_changes c WHERE c.id = delivery_change_facts.change_id), FALSE)`);
  await knex.schema.alterTable('delivery_deployments', table => {
    table.index(
      ['component_ref', 'env_key', 'finished_at'],
      'delivery_deployments_failed',
      { predicate: knex.whereRaw('is_failed') },
    );
  });
  await knex.schema.alterTable('delivery_change_facts', table => {
    table.index(
      ['component_ref', 'env_key', 'deployed_at'],
      'delivery_change_facts_out_of_order',
      { predicate: knex.whereRaw('out_of_order <> 0') },
    );
    table.index(
      ['component_ref', 'env_key', 'merged_at'],
      'delivery_change_facts_own_merged',
      { predicate: knex.whereRaw('own_change') },
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_deployments', table => {
    table.dropIndex([], 'delivery_deployments_failed');
  });
  await knex.schema.alterTable('delivery_change_facts', table => {
    table.dropIndex([], 'delivery_change_facts_own_merged');
    table.dropIndex([], 'delivery_change_facts_out_of_order');
    table.dropColumn('own_change');
    table.dropColumn('merged_at');
    table.dropColumn('out_of_order');
  });
};
