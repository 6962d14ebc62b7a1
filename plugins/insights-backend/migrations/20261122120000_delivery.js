// @ts-check

/*
 * The delivery domain's tables. Times are epoch milliseconds (bigint) so that SQLite and PostgreSQL
 * store and compare them identically; the query layer converts to and from ISO strings.
 * Rows hold the event as reported (identity, content hash, lifecycle) plus the per-record facts derived
 * from it (docs/DESIGN.md, "Where the numbers are computed").
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_deployments', table => {
    table.increments('id');
    table.string('source', 64).notNullable();
    table.string('external_id', 255).notNullable();
    table.string('component_ref', 255).nullable();
    table.string('repository', 512).nullable();
    table.string('environment', 255).notNullable();
    table.string('env_key', 255).notNullable();
    table.text('name').nullable();
    table.string('version', 255).nullable();
    table.string('commit_sha', 64).nullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('finished_at').nullable();
    table.string('result', 16).nullable();
    table.string('trigger_type', 16).notNullable();
    table.string('fixes_source', 64).nullable();
    table.string('fixes_id', 255).nullable();
    table.string('fixes_incident_source', 64).nullable();
    table.string('fixes_incident_id', 255).nullable();
    table.boolean('automated').nullable();
    table.text('url').nullable();
    table.bigInteger('updated_at').nullable();
    table.integer('lifecycle').notNullable();
    table.string('content_hash', 64).notNullable();
    table.bigInteger('received_at').notNullable();
    // Set when another source reported the same deployment first (DESIGN: merged, never counted twice).
    table.integer('merged_into').nullable();
    // Derived facts.
    table.boolean('is_failed').notNullable().defaultTo(false);
    // Which rules made it failed (several can apply); the JSON keeps the details for drill-down.
    table.boolean('failed_by_result').notNullable().defaultTo(false);
    table.boolean('failed_by_fix').notNullable().defaultTo(false);
    table.boolean('failed_by_incident').notNullable().defaultTo(false);
    table.text('failure_reasons').nullable();
    table.bigInteger('recovered_at').nullable();
    table.bigInteger('recovery_seconds').nullable();
    table.boolean('is_rework').notNullable().defaultTo(false);
    table.unique(['source', 'external_id'], {
      indexName: 'delivery_deployments_identity',
    });
    table.index(
      ['component_ref', 'env_key', 'finished_at'],
      'delivery_deployments_timeline',
    );
    table.index(['repository'], 'delivery_deployments_repository');
    table.index(['merged_into'], 'delivery_deployments_merged_into');
  });

  // What a deployment says it shipped: listed changes and commits (its own commit included).
  await knex.schema.createTable('delivery_deployment_commits', table => {
    table
      .integer('deployment_id')
      .notNullable()
      .references('id')
      .inTable('delivery_deployments')
      .onDelete('CASCADE');
    table.string('commit_sha', 64).notNullable();
    table.primary(['deployment_id', 'commit_sha']);
    table.index(['commit_sha'], 'delivery_deployment_commits_sha');
  });
  await knex.schema.createTable('delivery_deployment_change_refs', table => {
    table
      .integer('deployment_id')
      .notNullable()
      .references('id')
      .inTable('delivery_deployments')
      .onDelete('CASCADE');
    table.string('change_source', 64).notNullable();
    table.string('change_id', 255).notNullable();
    table.primary(['deployment_id', 'change_source', 'change_id']);
    table.index(
      ['change_source', 'change_id'],
      'delivery_deployment_change_refs_change',
    );
  });

  await knex.schema.createTable('delivery_changes', table => {
    table.increments('id');
    table.string('source', 64).notNullable();
    table.string('external_id', 255).notNullable();
    table.string('repository', 512).notNullable();
    table.string('component_ref', 255).nullable();
    table.integer('number').nullable();
    table.text('title').nullable();
    table.text('url').nullable();
    table.string('author', 255).nullable();
    table.bigInteger('first_commit_at').nullable();
    table.bigInteger('opened_at').nullable();
    table.bigInteger('first_review_at').nullable();
    table.bigInteger('merged_at').nullable();
    table.string('merge_commit_sha', 64).nullable();
    table.bigInteger('closed_at').nullable();
    table.text('changed_paths').nullable();
    table.bigInteger('updated_at').nullable();
    table.integer('lifecycle').notNullable();
    table.string('content_hash', 64).notNullable();
    table.bigInteger('received_at').notNullable();
    table.unique(['source', 'external_id'], {
      indexName: 'delivery_changes_identity',
    });
    table.index(['merge_commit_sha'], 'delivery_changes_merge_commit');
    table.index(['repository', 'merged_at'], 'delivery_changes_repository');
    table.index(['component_ref', 'merged_at'], 'delivery_changes_component');
  });

  // A change's lead time per component and environment, to the first successful deployment that
  // shipped it there (DESIGN: "Change lead time").
  await knex.schema.createTable('delivery_change_facts', table => {
    table
      .integer('change_id')
      .notNullable()
      .references('id')
      .inTable('delivery_changes')
      .onDelete('CASCADE');
    table.string('component_ref', 255).notNullable();
    table.string('env_key', 255).notNullable();
    table
      .integer('deployment_id')
      .notNullable()
      .references('id')
      .inTable('delivery_deployments')
      .onDelete('CASCADE');
    table.bigInteger('deployed_at').notNullable();
    table.bigInteger('lead_seconds').nullable();
    table.bigInteger('coding_seconds').nullable();
    table.bigInteger('pickup_seconds').nullable();
    table.bigInteger('review_seconds').nullable();
    table.bigInteger('deploy_seconds').nullable();
    table.primary(['change_id', 'component_ref', 'env_key']);
    table.index(
      ['component_ref', 'env_key', 'deployed_at'],
      'delivery_change_facts_timeline',
    );
  });

  // Per component, environment and UTC day: the sorted lead and stage seconds of the changes deployed
  // that day, packed (see src/delivery/store/changeDigests.ts). Derived from delivery_change_facts.
  await knex.schema.createTable('delivery_change_digests', table => {
    table.string('component_ref', 255).notNullable();
    table.string('env_key', 255).notNullable();
    table.integer('day').notNullable();
    table.integer('changes').notNullable();
    for (const series of ['lead', 'coding', 'pickup', 'review', 'deploy']) {
      table.text(`${series}_values`).notNullable();
    }
    table.primary(['component_ref', 'env_key', 'day']);
  });

  await knex.schema.createTable('delivery_incidents', table => {
    table.increments('id');
    table.string('source', 64).notNullable();
    table.string('external_id', 255).notNullable();
    table.string('component_ref', 255).nullable();
    table.string('repository', 512).nullable();
    table.string('environment', 255).notNullable();
    table.string('env_key', 255).notNullable();
    table.string('severity', 64).nullable();
    table.text('title').nullable();
    table.text('url').nullable();
    table.bigInteger('detected_at').notNullable();
    table.bigInteger('resolved_at').nullable();
    table.string('caused_by_source', 64).nullable();
    table.string('caused_by_id', 255).nullable();
    table.string('caused_by_version', 255).nullable();
    table.string('caused_by_commit', 64).nullable();
    table.bigInteger('updated_at').nullable();
    table.integer('lifecycle').notNullable();
    table.string('content_hash', 64).notNullable();
    table.bigInteger('received_at').notNullable();
    // Derived: the deployment this incident is linked to, and how (explicit, inferred, unresolved).
    table.integer('linked_deployment_id').nullable();
    table.string('link_type', 16).nullable();
    table.unique(['source', 'external_id'], {
      indexName: 'delivery_incidents_identity',
    });
    table.index(
      ['component_ref', 'env_key', 'detected_at'],
      'delivery_incidents_timeline',
    );
  });

  // Small key/value state: the configuration fingerprint the derived facts were computed with.
  await knex.schema.createTable('delivery_state', table => {
    table.string('key', 64).primary();
    table.text('value').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_state');
  await knex.schema.dropTable('delivery_incidents');
  await knex.schema.dropTable('delivery_change_digests');
  await knex.schema.dropTable('delivery_change_facts');
  await knex.schema.dropTable('delivery_changes');
  await knex.schema.dropTable('delivery_deployment_change_refs');
  await knex.schema.dropTable('delivery_deployment_commits');
  await knex.schema.dropTable('delivery_deployments');
};
