/*
 * The default branch's commits as push webhooks describe them (author, time, files added, modified and
 * removed), so ownership reports have a history without cloning. Ordered through github_push_commits.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('github_commits', table => {
    table.string('repository', 512).notNullable();
    table.string('sha', 64).notNullable();
    // The author's e-mail address (or GitHub login for a no-reply address), lower-cased.
    table.string('author', 255).notNullable();
    table.bigInteger('authored_at').notNullable();
    // JSON: { added: [], modified: [], removed: [] } as the push reported them.
    table.text('files').notNullable();
    table.primary(['repository', 'sha']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('github_commits');
};
