// @ts-check

/*
 * Per-day counts beside the rows they count, kept by the database itself, so that a summary's counts
 * read one row per UTC day instead of every deployment and change of its range (docs/DESIGN.md, "Where
 * the numbers are computed"):
 *
 * - delivery_deployment_days: per component, environment and UTC day of finish, what the DORA counts
 *   need of the deployments that count (attributed, finished, with a result, not merged into another);
 * - delivery_change_days: per component and UTC day of merge, the changes merged;
 * - delivery_shipped_days: per component, environment and UTC day of merge, the change facts of the
 *   component's own changes (merged and shipped there).
 *
 * Triggers add a row's contribution when it is inserted or starts to count, and take it back when it is
 * deleted or stops counting, so every write path (ingest, derivation, merges, re-attribution, re-keying,
 * retention) keeps them exact without knowing about them. A day whose rows are all gone keeps a row of
 * zeros. Deployment days (distinct local days) depend on the reader's time zone and are not counted here.
 */

const DAY_MS = 86400000;

/**
 * @typedef {{
 *   table: string,
 *   source: string,
 *   keys: Array<[string, (r: string) => string]>,
 *   counts: (r: string) => string,
 *   counters: Array<[string, (r: string) => string]>,
 *   watched: string[],
 * }} DayCounts
 */

/** @type {DayCounts[]} */
const DAY_COUNTS = [
  {
    table: 'delivery_deployment_days',
    source: 'delivery_deployments',
    keys: [
      ['component_ref', r => `${r}.component_ref`],
      ['env_key', r => `${r}.env_key`],
      ['day', r => `${r}.finished_at / ${DAY_MS}`],
    ],
    counts: r =>
      `${r}.component_ref IS NOT NULL AND ${r}.finished_at IS NOT NULL AND ${r}.result IS NOT NULL AND ${r}.merged_into IS NULL`,
    counters: [
      [
        'deployments',
        r => `CASE WHEN ${r}.result = 'success' THEN 1 ELSE 0 END`,
      ],
      ['total', () => '1'],
      ['failed', r => `CASE WHEN ${r}.is_failed THEN 1 ELSE 0 END`],
      [
        'failed_by_result',
        r =>
          `CASE WHEN ${r}.is_failed AND ${r}.failed_by_result THEN 1 ELSE 0 END`,
      ],
      [
        'failed_by_fix',
        r =>
          `CASE WHEN ${r}.is_failed AND ${r}.failed_by_fix THEN 1 ELSE 0 END`,
      ],
      [
        'failed_by_incident',
        r =>
          `CASE WHEN ${r}.is_failed AND ${r}.failed_by_incident THEN 1 ELSE 0 END`,
      ],
      ['rework', r => `CASE WHEN ${r}.is_rework THEN 1 ELSE 0 END`],
      ['manual', r => `CASE WHEN ${r}.automated = FALSE THEN 1 ELSE 0 END`],
      [
        'unrecovered',
        r =>
          `CASE WHEN ${r}.is_failed AND ${r}.recovered_at IS NULL THEN 1 ELSE 0 END`,
      ],
    ],
    watched: [
      'component_ref',
      'env_key',
      'finished_at',
      'result',
      'merged_into',
      'is_failed',
      'failed_by_result',
      'failed_by_fix',
      'failed_by_incident',
      'is_rework',
      'automated',
      'recovered_at',
    ],
  },
  {
    table: 'delivery_change_days',
    source: 'delivery_changes',
    keys: [
      ['component_ref', r => `${r}.component_ref`],
      ['day', r => `${r}.merged_at / ${DAY_MS}`],
    ],
    counts: r =>
      `${r}.component_ref IS NOT NULL AND ${r}.merged_at IS NOT NULL`,
    counters: [['merged', () => '1']],
    watched: ['component_ref', 'merged_at'],
  },
  {
    table: 'delivery_shipped_days',
    source: 'delivery_change_facts',
    keys: [
      ['component_ref', r => `${r}.component_ref`],
      ['env_key', r => `${r}.env_key`],
      ['day', r => `${r}.merged_at / ${DAY_MS}`],
    ],
    counts: r => `${r}.own_change AND ${r}.merged_at IS NOT NULL`,
    counters: [['shipped', () => '1']],
    watched: ['component_ref', 'env_key', 'merged_at', 'own_change'],
  },
];

/**
 * The statement adding (sign 1) or taking back (sign -1) one row's contribution.
 * @param {DayCounts} d
 * @param {string} r the row (NEW or OLD)
 * @param {1 | -1} sign
 * @param {boolean} pg
 */
function apply(d, r, sign, pg) {
  const keys = d.keys.map(([name]) => name);
  const counters = d.counters.map(([name]) => name);
  const target = pg ? `${d.table} AS t` : d.table;
  const current = (/** @type {string} */ name) => (pg ? `t.${name}` : name);
  return `INSERT INTO ${target} (${[...keys, ...counters].join(', ')})
    SELECT ${[
      ...d.keys.map(([, expr]) => expr(r)),
      ...d.counters.map(([, expr]) => `${sign < 0 ? '-' : ''}(${expr(r)})`),
    ].join(', ')}
    WHERE ${d.counts(r)}
    ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${counters
    .map(c => `${c} = ${current(c)} + excluded.${c}`)
    .join(', ')}`;
}

/**
 * @param {DayCounts} d
 * @param {string} a
 * @param {string} b
 */
const changed = (d, a, b) =>
  d.watched.map(c => `${a}.${c} IS DISTINCT FROM ${b}.${c}`).join(' OR ');

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const pg = String(knex.client.config.client).includes('pg');
  for (const d of DAY_COUNTS) {
    await knex.schema.createTable(d.table, table => {
      table.string('component_ref', 255).notNullable();
      if (d.keys.some(([name]) => name === 'env_key'))
        table.string('env_key', 255).notNullable();
      table.integer('day').notNullable();
      for (const [name] of d.counters)
        table.integer(name).notNullable().defaultTo(0);
      table.primary(d.keys.map(([name]) => name));
    });
    // What is stored already, counted once.
    const keys = d.keys.map(([name]) => name);
    await knex.raw(
      `INSERT INTO ${d.table} (${[...keys, ...d.counters.map(([n]) => n)].join(
        ', ',
      )})
       SELECT ${[
         ...d.keys.map(([, expr]) => expr('s')),
         ...d.counters.map(([, expr]) => `SUM(${expr('s')})`),
       ].join(', ')}
       FROM ${d.source} s WHERE ${d.counts('s')}
       GROUP BY ${d.keys.map(([, expr]) => expr('s')).join(', ')}`,
    );
    if (pg) {
      await knex.raw(`CREATE FUNCTION ${
        d.table
      }_apply() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' THEN ${apply(d, 'OLD', -1, true)}; END IF;
          IF TG_OP <> 'DELETE' THEN ${apply(d, 'NEW', 1, true)}; END IF;
          RETURN NULL;
        END $$`);
      await knex.raw(
        `CREATE TRIGGER ${d.table}_write AFTER INSERT OR DELETE ON ${d.source}
         FOR EACH ROW EXECUTE FUNCTION ${d.table}_apply()`,
      );
      await knex.raw(
        `CREATE TRIGGER ${d.table}_update AFTER UPDATE ON ${d.source}
         FOR EACH ROW WHEN (${changed(d, 'OLD', 'NEW')})
         EXECUTE FUNCTION ${d.table}_apply()`,
      );
    } else {
      await knex.raw(
        `CREATE TRIGGER ${d.table}_insert AFTER INSERT ON ${d.source}
         BEGIN ${apply(d, 'NEW', 1, false)}; END`,
      );
      await knex.raw(
        `CREATE TRIGGER ${d.table}_delete AFTER DELETE ON ${d.source}
         BEGIN ${apply(d, 'OLD', -1, false)}; END`,
      );
      await knex.raw(
        `CREATE TRIGGER ${d.table}_update AFTER UPDATE ON ${d.source}
         WHEN ${changed(d, 'OLD', 'NEW')}
         BEGIN ${apply(d, 'OLD', -1, false)}; ${apply(
          d,
          'NEW',
          1,
          false,
        )}; END`,
      );
    }
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const pg = String(knex.client.config.client).includes('pg');
  for (const d of [...DAY_COUNTS].reverse()) {
    if (pg) {
      await knex.raw(`DROP TRIGGER ${d.table}_write ON ${d.source}`);
      await knex.raw(`DROP TRIGGER ${d.table}_update ON ${d.source}`);
      await knex.raw(`DROP FUNCTION ${d.table}_apply()`);
    } else {
      for (const op of ['insert', 'delete', 'update'])
        await knex.raw(`DROP TRIGGER ${d.table}_${op}`);
    }
    await knex.schema.dropTable(d.table);
  }
};
