// @ts-check

/*
 * CDEvents as received (POST /v1/cdevents), reduced to what the mapping into delivery records needs:
 * the subject each event is about, its chain, artifact and links. A change or an incident is folded
 * from all events of its subject; links, chains and artifacts tie deployments, changes and incidents
 * together (src/cdevents/mapCdevents.ts).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cdevents_events', table => {
    table.increments('id');
    table.string('ce_source', 512).notNullable();
    table.string('context_id', 255).notNullable();
    // e.g. service.deployed; the version is not needed once validated.
    table.string('type', 64).notNullable();
    table.string('kind', 16).notNullable();
    table.string('subject_key', 255).notNullable();
    table.string('chain_id', 255).nullable();
    table.string('artifact_id', 1024).nullable();
    table.string('component_ref', 255).nullable();
    table.string('environment', 255).nullable();
    // context.timestamp, epoch milliseconds.
    table.bigInteger('timestamp').notNullable();
    table.text('links').notNullable();
    table.text('details').notNullable();
    table.bigInteger('received_at').notNullable();
    table.unique(['ce_source', 'context_id'], {
      indexName: 'cdevents_events_identity',
    });
    table.index(['context_id'], 'cdevents_events_context');
    table.index(['kind', 'subject_key'], 'cdevents_events_subject');
    table.index(['chain_id'], 'cdevents_events_chain');
    table.index(['artifact_id'], 'cdevents_events_artifact');
    table.index(['received_at'], 'cdevents_events_received');
  });

  // Which context ids each event links to, to find the events that point at a newly arrived one.
  await knex.schema.createTable('cdevents_links', table => {
    table
      .integer('event_id')
      .notNullable()
      .references('id')
      .inTable('cdevents_events')
      .onDelete('CASCADE');
    table.string('context_id', 255).notNullable();
    table.primary(['event_id', 'context_id']);
    table.index(['context_id'], 'cdevents_links_target');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cdevents_links');
  await knex.schema.dropTable('cdevents_events');
};
