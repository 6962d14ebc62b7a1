// @ts-check

/*
 * What each ingestion source received, per hour: accepted (new records), updated, ignored (replays,
 * stale updates, event types Cairn does not use) and rejected, plus the latest reasons for rejected
 * and ignored input. Read by GET /v1/ingestion/health.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ingestion_health_buckets', table => {
    table.string('source', 64).notNullable();
    // Start of the UTC hour, epoch milliseconds.
    table.bigInteger('hour').notNullable();
    table.integer('accepted').notNullable().defaultTo(0);
    table.integer('updated').notNullable().defaultTo(0);
    table.integer('ignored').notNullable().defaultTo(0);
    table.integer('rejected').notNullable().defaultTo(0);
    table.integer('unattributed').notNullable().defaultTo(0);
    table.primary(['source', 'hour']);
  });

  await knex.schema.createTable('ingestion_health_sources', table => {
    table.string('source', 64).primary();
    table.bigInteger('last_received_at').notNullable();
    table.bigInteger('last_accepted_at').nullable();
  });

  // The latest reasons per source and outcome (trimmed on write).
  await knex.schema.createTable('ingestion_health_notes', table => {
    table.increments('id');
    table.string('source', 64).notNullable();
    table.string('outcome', 16).notNullable();
    table.bigInteger('at').notNullable();
    table.integer('count').notNullable();
    table.text('reason').notNullable();
    table.index(['source', 'outcome', 'id'], 'ingestion_health_notes_latest');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ingestion_health_notes');
  await knex.schema.dropTable('ingestion_health_sources');
  await knex.schema.dropTable('ingestion_health_buckets');
};
