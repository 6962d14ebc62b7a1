/*
 * The reliability domain (SLOs): OpenSLO documents as received (each version, valid or not), the SLO
 * definitions the last valid version of each origin gives, and SLI data as good and total counts per
 * minute.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // One row per version of a component's documents from one origin ("api", or the file's URL).
  await knex.schema.createTable('reliability_documents', table => {
    table.increments('id');
    table.string('component_ref', 255).notNullable();
    table.string('origin', 1024).notNullable();
    table.integer('version').notNullable();
    table.text('content').notNullable();
    // valid | invalid
    table.string('state', 16).notNullable();
    table.text('problems').notNullable();
    table.text('unsupported').notNullable();
    table.string('received_by', 255).notNullable();
    table.bigInteger('received_at').notNullable();
    table.unique(['component_ref', 'origin', 'version'], {
      indexName: 'reliability_documents_version',
    });
  });
  // The SLOs a component has now: from the last valid version of each origin.
  await knex.schema.createTable('reliability_slos', table => {
    table.string('component_ref', 255).notNullable();
    table.string('name', 63).notNullable();
    table.string('origin', 1024).notNullable();
    table
      .integer('document_id')
      .notNullable()
      .references('id')
      .inTable('reliability_documents');
    table.text('definition').notNullable();
    table.primary(['component_ref', 'name']);
  });
  // Good and total events per minute and SLO objective (a ratio SLO's objectives share objective 0).
  await knex.schema.createTable('reliability_sli_minutes', table => {
    table.string('component_ref', 255).notNullable();
    table.string('slo', 63).notNullable();
    table.integer('objective').notNullable();
    table.bigInteger('start').notNullable();
    table.double('good').notNullable();
    table.double('total').notNullable();
    table.primary(['component_ref', 'slo', 'objective', 'start']);
  });
  // The same per hour (kept with each write, recomputed from the minutes): long windows read hours.
  await knex.schema.createTable('reliability_sli_hours', table => {
    table.string('component_ref', 255).notNullable();
    table.string('slo', 63).notNullable();
    table.integer('objective').notNullable();
    table.bigInteger('start').notNullable();
    table.double('good').notNullable();
    table.double('total').notNullable();
    // Minutes of the hour with data (coverage).
    table.integer('minutes').notNullable();
    table.primary(['component_ref', 'slo', 'objective', 'start']);
  });
  // How far SLI data was read from a data source module (Prometheus), per SLO series.
  await knex.schema.createTable('reliability_sli_cursors', table => {
    table.string('component_ref', 255).notNullable();
    table.string('slo', 63).notNullable();
    table.integer('objective').notNullable();
    table.string('source_type', 63).notNullable();
    // The definition read: another query starts the backfill again.
    table.string('definition_hash', 64).notNullable();
    // Minutes before this instant (epoch ms) are read; null before the first success.
    table.bigInteger('fetched_to').nullable();
    table.bigInteger('last_attempt_at').notNullable();
    table.text('last_error').nullable();
    table.primary(['component_ref', 'slo', 'objective']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_sli_cursors');
  await knex.schema.dropTable('reliability_sli_hours');
  await knex.schema.dropTable('reliability_sli_minutes');
  await knex.schema.dropTable('reliability_slos');
  await knex.schema.dropTable('reliability_documents');
};
