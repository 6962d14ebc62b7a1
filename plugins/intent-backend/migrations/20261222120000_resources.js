// @ts-check

/*
 * Provisioned resources (issue 10): one row per environment and data service, with where it stands, where
 * it is, and its login encrypted (AES-256-GCM, see ProvisioningService). A lease makes applying and
 * tearing down exclusive across backend instances: a worker claims a row with one conditional UPDATE.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('intent_environment_resources', table => {
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('intent_environments')
      .onDelete('CASCADE');
    table.string('service', 32).notNullable();
    table.string('provisioner', 64).nullable();
    table.string('state', 32).notNullable();
    table.text('detail').nullable();
    table.string('host', 255).nullable();
    table.integer('port').nullable();
    table.string('database_name', 128).nullable();
    table.string('key_prefix', 255).nullable();
    table.string('username', 128).nullable();
    // `v1:<iv>:<tag>:<ciphertext>` (base64), never plaintext; null once torn down.
    table.text('credentials').nullable();
    table.bigInteger('checked_at').nullable();
    table.bigInteger('updated_at').notNullable();
    // Who works on the row until when (epoch ms); a crashed worker's lease runs out.
    table.string('lease_owner', 64).nullable();
    table.bigInteger('lease_until').nullable();
    table.primary(['environment_id', 'service']);
    table.index(['state'], 'intent_environment_resources_state');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('intent_environment_resources');
};
