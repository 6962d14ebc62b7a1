import { Knex } from 'knex';
import { DAY_COUNT_TABLES } from '../src/delivery/store/tables';
import { DoraValues } from '../src/delivery/engine/computeDoraValues';
import { HeadlineInputs } from '../src/delivery/engine/headlineValues';
import { percentilesInPlace } from '../src/delivery/engine/percentile';
import { localDayExpression, rows } from '../src/delivery/store/doraAggregates';
import { DIGEST_SERIES } from '../src/delivery/store/changeDigests';
import { OffsetSegment } from '../src/shared/timeZones';
import { insertBatchRows, toNumber } from '../src/shared/sql';

/*
 * The floors the benchmark measures Cairn against: the cheapest correct SQL we can write for the same
 * numbers, and the same final rows bulk-inserted. Each returns its numbers so that the benchmark can
 * check they equal Cairn's.
 */

export type Engine = 'sqlite' | 'postgres';

export type FloorNumbers = Pick<
  DoraValues,
  | 'deployments'
  | 'deploymentDays'
  | 'total'
  | 'failed'
  | 'rework'
  | 'manual'
  | 'unrecovered'
  | 'incidents'
  | 'openIncidents'
  | 'leadTime'
  | 'stages'
  | 'deployParts'
  | 'recovery'
  | 'mttr'
>;

/** The change facts' series, as the digests keep them. */
const SERIES = DIGEST_SERIES;

type Percentiles = DoraValues['leadTime'];
const fromArray = (value: unknown, count: unknown): Percentiles => {
  const list = (
    typeof value === 'string'
      ? value.replace(/[{}]/g, '').split(',').filter(Boolean).map(Number)
      : (value as number[] | null) ?? []
  ).map(v => (v === null ? null : Number(v)));
  const n = toNumber(count);
  return n === 0
    ? { median: null, p75: null, p90: null, count: 0 }
    : { median: list[0], p75: list[1], p90: list[2], count: n };
};

/**
 * The DORA numbers of one component and range, each table scanned once. On PostgreSQL the database
 * computes everything (FILTER and percentile_cont). SQLite has no percentile aggregate: the statement
 * returns the range's values and the client selects the ranks (quickselect, no sort).
 */
export async function doraFloor(
  engine: Engine,
  knex: Knex,
  q: {
    componentRef: string;
    envKey: string;
    from: number;
    to: number;
    offsets: OffsetSegment[];
  },
): Promise<FloorNumbers> {
  const where = (time: string) =>
    `component_ref = ? AND env_key = ? AND ${time} >= ? AND ${time} < ?`;
  const b = [q.componentRef, q.envKey, q.from, q.to];
  const day = localDayExpression('finished_at', q.offsets);
  if (engine === 'postgres') {
    const pc = (column: string, filter = '') =>
      `percentile_cont(ARRAY[0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY ${column})${filter}`;
    const [d, f, i] = await Promise.all([
      knex.raw(
        `SELECT count(*) FILTER (WHERE result = 'success') AS deployments,
           count(DISTINCT ${day}) FILTER (WHERE result = 'success') AS days,
           count(*) AS total, count(*) FILTER (WHERE is_failed) AS failed,
           count(*) FILTER (WHERE is_rework) AS rework,
           count(*) FILTER (WHERE automated = FALSE) AS manual,
           count(*) FILTER (WHERE is_failed AND recovered_at IS NULL) AS unrecovered,
           ${pc('recovery_seconds', ' FILTER (WHERE is_failed)')} AS recovery,
           count(recovery_seconds) FILTER (WHERE is_failed) AS recovered
         FROM delivery_deployments
         WHERE ${where(
           'finished_at',
         )} AND merged_into IS NULL AND result IS NOT NULL`,
        b,
      ),
      knex.raw(
        `SELECT ${SERIES.map(
          s => `${pc(`${s}_seconds`)} AS ${s}, count(${s}_seconds) AS ${s}_n`,
        ).join(', ')}
         FROM delivery_change_facts WHERE ${where('deployed_at')}`,
        b,
      ),
      knex.raw(
        `SELECT count(*) AS incidents, count(*) FILTER (WHERE resolved_at IS NULL) AS open,
           ${pc(
             '(resolved_at - detected_at) / 1000',
           )} AS mttr, count(resolved_at) AS resolved
         FROM delivery_incidents WHERE ${where('detected_at')}`,
        b,
      ),
    ]);
    const [dr] = rows(d);
    const [fr] = rows(f);
    const [ir] = rows(i);
    return {
      deployments: toNumber(dr.deployments),
      deploymentDays: toNumber(dr.days),
      total: toNumber(dr.total),
      failed: toNumber(dr.failed),
      rework: toNumber(dr.rework),
      manual: toNumber(dr.manual),
      unrecovered: toNumber(dr.unrecovered),
      recovery: fromArray(dr.recovery, dr.recovered),
      leadTime: fromArray(fr.lead, fr.lead_n),
      stages: {
        coding: fromArray(fr.coding, fr.coding_n),
        pickup: fromArray(fr.pickup, fr.pickup_n),
        review: fromArray(fr.review, fr.review_n),
        deploy: fromArray(fr.deploy, fr.deploy_n),
      },
      deployParts: {
        build: fromArray(fr.build, fr.build_n),
        release: fromArray(fr.release, fr.release_n),
      },
      incidents: toNumber(ir.incidents),
      openIncidents: toNumber(ir.open),
      mttr: fromArray(ir.mttr, ir.resolved),
    };
  }
  const sum = (condition: string) =>
    `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const [d, f, i] = await Promise.all([
    knex.raw(
      `SELECT ${sum("result = 'success'")} AS deployments,
         COUNT(DISTINCT CASE WHEN result = 'success' THEN ${day} END) AS days,
         COUNT(*) AS total, ${sum('is_failed')} AS failed, ${sum(
        'is_rework',
      )} AS rework,
         ${sum('automated = 0')} AS manual,
         ${sum('is_failed AND recovered_at IS NULL')} AS unrecovered,
         json_group_array(CASE WHEN is_failed THEN recovery_seconds END) AS recovery
       FROM delivery_deployments
       WHERE ${where(
         'finished_at',
       )} AND merged_into IS NULL AND result IS NOT NULL`,
      b,
    ),
    knex.raw(
      `SELECT ${SERIES.map(s => `${s}_seconds AS ${s}`).join(', ')}
       FROM delivery_change_facts WHERE ${where('deployed_at')}`,
      b,
    ),
    knex.raw(
      `SELECT COUNT(*) AS incidents, ${sum('resolved_at IS NULL')} AS open,
         json_group_array((resolved_at - detected_at) / 1000) AS mttr
       FROM delivery_incidents WHERE ${where('detected_at')}`,
      b,
    ),
  ]);
  const [dr] = rows(d);
  const [ir] = rows(i);
  const select = (values: Array<number | null>) =>
    percentilesInPlace(
      Float64Array.from(values.filter((v): v is number => v !== null)),
    );
  const facts = rows(f);
  const series = (name: (typeof SERIES)[number]) =>
    select(facts.map(r => r[name]));
  return {
    deployments: toNumber(dr.deployments ?? 0),
    deploymentDays: toNumber(dr.days),
    total: toNumber(dr.total),
    failed: toNumber(dr.failed ?? 0),
    rework: toNumber(dr.rework ?? 0),
    manual: toNumber(dr.manual ?? 0),
    unrecovered: toNumber(dr.unrecovered ?? 0),
    recovery: select(JSON.parse(dr.recovery)),
    leadTime: series('lead'),
    stages: {
      coding: series('coding'),
      pickup: series('pickup'),
      review: series('review'),
      deploy: series('deploy'),
    },
    deployParts: { build: series('build'), release: series('release') },
    incidents: toNumber(ir.incidents),
    openIncidents: toNumber(ir.open ?? 0),
    mttr: select(JSON.parse(ir.mttr)),
  };
}

export type RollupFloorRow = Pick<
  HeadlineInputs,
  | 'deployments'
  | 'total'
  | 'failed'
  | 'rework'
  | 'unrecovered'
  | 'incidents'
  | 'openIncidents'
> & { lead: number | null; recovery: number | null; mttr: number | null };

/**
 * The per-component numbers a rollup shows, for many components: counts grouped by component, and
 * the medians (percentile_cont(0.5) grouped by component on PostgreSQL; on SQLite, which has no
 * percentile aggregate, the middle ranks by window functions, the cheapest SQL we know there).
 */
export async function rollupFloor(
  engine: Engine,
  knex: Knex,
  q: { componentRefs: string[]; envKey: string; from: number; to: number },
): Promise<Map<string, RollupFloorRow>> {
  const inList = q.componentRefs.map(() => '?').join(', ');
  const where = (time: string) =>
    `component_ref IN (${inList}) AND env_key = ? AND ${time} >= ? AND ${time} < ?`;
  const b = [...q.componentRefs, q.envKey, q.from, q.to];
  const median = (table: string, time: string, value: string, extra = '') =>
    engine === 'postgres'
      ? `SELECT component_ref AS g, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${value}) AS m
         FROM ${table} WHERE ${where(time)} ${extra} GROUP BY component_ref`
      : `SELECT g, AVG(v) AS m FROM (SELECT component_ref AS g, ${value} AS v,
           ROW_NUMBER() OVER (PARTITION BY component_ref ORDER BY ${value}) - 1 AS r,
           COUNT(*) OVER (PARTITION BY component_ref) AS n
           FROM ${table} WHERE ${where(
          time,
        )} AND ${value} IS NOT NULL ${extra}) x
         WHERE r = (n - 1) / 2 OR r = n / 2 GROUP BY g`;
  const [d, i, lead, recovery, mttr] = await Promise.all([
    knex.raw(
      `SELECT component_ref AS g,
         SUM(CASE WHEN result = 'success' THEN 1 ELSE 0 END) AS deployments, COUNT(*) AS total,
         SUM(CASE WHEN is_failed THEN 1 ELSE 0 END) AS failed,
         SUM(CASE WHEN is_rework THEN 1 ELSE 0 END) AS rework,
         SUM(CASE WHEN is_failed AND recovered_at IS NULL THEN 1 ELSE 0 END) AS unrecovered
       FROM delivery_deployments
       WHERE ${where(
         'finished_at',
       )} AND merged_into IS NULL AND result IS NOT NULL
       GROUP BY component_ref`,
      b,
    ),
    knex.raw(
      `SELECT component_ref AS g, COUNT(*) AS incidents,
         SUM(CASE WHEN resolved_at IS NULL THEN 1 ELSE 0 END) AS open
       FROM delivery_incidents WHERE ${where(
         'detected_at',
       )} GROUP BY component_ref`,
      b,
    ),
    knex.raw(median('delivery_change_facts', 'deployed_at', 'lead_seconds'), b),
    knex.raw(
      median(
        'delivery_deployments',
        'finished_at',
        'recovery_seconds',
        'AND merged_into IS NULL AND result IS NOT NULL AND is_failed',
      ),
      b,
    ),
    knex.raw(
      median(
        'delivery_incidents',
        'detected_at',
        '((resolved_at - detected_at) / 1000)',
      ),
      b,
    ),
  ]);
  const result = new Map<string, RollupFloorRow>();
  const get = (g: string) => {
    let row = result.get(g);
    if (!row) {
      row = {
        deployments: 0,
        total: 0,
        failed: 0,
        rework: 0,
        unrecovered: 0,
        incidents: 0,
        openIncidents: 0,
        lead: null,
        recovery: null,
        mttr: null,
      };
      result.set(g, row);
    }
    return row;
  };
  for (const r of rows(d)) {
    Object.assign(get(r.g), {
      deployments: toNumber(r.deployments),
      total: toNumber(r.total),
      failed: toNumber(r.failed),
      rework: toNumber(r.rework),
      unrecovered: toNumber(r.unrecovered),
    });
  }
  for (const r of rows(i)) {
    get(r.g).incidents = toNumber(r.incidents);
    get(r.g).openIncidents = toNumber(r.open);
  }
  for (const r of rows(lead)) if (r.m !== null) get(r.g).lead = toNumber(r.m);
  for (const r of rows(recovery))
    if (r.m !== null) get(r.g).recovery = toNumber(r.m);
  for (const r of rows(mttr)) if (r.m !== null) get(r.g).mttr = toNumber(r.m);
  return result;
}

/** A foreign key: a table's column and the table and column it references. */
export type ForeignKey = {
  table: string;
  column: string;
  parent: string;
  parentColumn: string;
};

/** The foreign keys of the migrated tables. */
export async function foreignKeysOf(
  engine: Engine,
  knex: Knex,
  names: string[],
): Promise<ForeignKey[]> {
  if (engine === 'postgres') {
    return rows(
      await knex.raw(
        `SELECT kcu.table_name AS table, kcu.column_name AS column,
           ccu.table_name AS parent, ccu.column_name AS parent_column
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu
           ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
         JOIN information_schema.constraint_column_usage ccu
           ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
         WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`,
      ),
    )
      .filter(r => names.includes(String(r.table)))
      .map(r => ({
        table: String(r.table),
        column: String(r.column),
        parent: String(r.parent),
        parentColumn: String(r.parent_column),
      }));
  }
  const keys: ForeignKey[] = [];
  for (const name of names) {
    for (const r of rows(await knex.raw(`PRAGMA foreign_key_list(${name})`)))
      keys.push({
        table: name,
        column: String(r.from),
        parent: String(r.table),
        parentColumn: String(r.to),
      });
  }
  return keys;
}

/** The migrated tables, without knex's bookkeeping. */
async function tableNames(engine: Engine, knex: Knex): Promise<string[]> {
  return rows(
    await knex.raw(
      engine === 'postgres'
        ? `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`
        : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
    ),
  )
    .map(r => String(r.name))
    .filter(n => !n.startsWith('knex_'))
    .sort();
}

/** The migrated tables that have an `id` column. */
export async function tablesWithId(
  engine: Engine,
  knex: Knex,
): Promise<string[]> {
  return rows(
    await knex.raw(
      engine === 'postgres'
        ? `SELECT table_name AS name FROM information_schema.columns
           WHERE table_schema = 'public' AND column_name = 'id'`
        : `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
           WHERE m.type = 'table' AND c.name = 'id'`,
    ),
  )
    .map(r => String(r.name))
    .filter(n => !n.startsWith('knex_'));
}

/**
 * The highest `id` of each table named (`tablesWithId`). Taken after each batch of a load, it tells
 * which batch wrote each row (ids grow as rows are written).
 */
export async function idMarks(
  knex: Knex,
  tables: string[],
): Promise<Record<string, number>> {
  const marks: Record<string, number> = {};
  for (const name of tables) {
    const [{ id }] = rows(await knex.raw(`SELECT max(id) AS id FROM ${name}`));
    marks[name] = id === null ? 0 : toNumber(id);
  }
  return marks;
}

/**
 * Every table the migrations created except their own bookkeeping, with its rows, in an order where a
 * table comes after the tables it references.
 */
export async function finalRows(
  engine: Engine,
  knex: Knex,
): Promise<Map<string, Array<Record<string, unknown>>>> {
  const names = (await tableNames(engine, knex))
    // Kept by the database's triggers as the floor inserts the rows they count, as for Cairn.
    .filter(n => !(DAY_COUNT_TABLES as readonly string[]).includes(n));
  const keys = await foreignKeysOf(engine, knex, names);
  const ordered: string[] = [];
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    for (const key of keys)
      if (key.table === name && key.parent !== name) visit(key.parent);
    ordered.push(name);
  };
  names.forEach(visit);
  const result = new Map<string, Array<Record<string, unknown>>>();
  for (const name of ordered) {
    const list = await knex(name).select();
    if (list.length) result.set(name, list);
  }
  return result;
}

type Rows = Map<string, Array<Record<string, unknown>>>;

/**
 * The final rows split by the batch whose events wrote them, for a floor that writes, after each
 * batch, what that batch's events gave and nothing of later ones. A row with an `id` belongs to the
 * first batch after which the table's highest id reached it (`marks`, taken after each batch of the
 * first load); a row that references others (a deployment's commits, a change's facts), to the
 * latest batch of the rows it references; any other row (per-day digests), to its share in the
 * order the rows were written.
 */
export function rowsByBatch(
  tables: Rows,
  keys: ForeignKey[],
  marks: Array<Record<string, number>>,
): Map<string, Array<Array<Record<string, unknown>>>> {
  const parts = marks.length;
  const batchOf = new Map<string, Map<unknown, number>>();
  const result = new Map<string, Array<Array<Record<string, unknown>>>>();
  for (const [table, list] of tables) {
    const references = keys.filter(k => k.table === table);
    const byBatch: Array<Array<Record<string, unknown>>> = Array.from(
      { length: parts },
      () => [],
    );
    const ids = new Map<unknown, number>();
    list.forEach((row, position) => {
      let batch = 0;
      if (row.id !== undefined && marks[parts - 1][table] !== undefined) {
        const id = toNumber(row.id);
        let lo = 0;
        let hi = parts - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((marks[mid][table] ?? 0) >= id) hi = mid;
          else lo = mid + 1;
        }
        batch = lo;
      } else if (references.length === 0) {
        batch = Math.floor((position * parts) / list.length);
      }
      for (const key of references) {
        const parent = batchOf.get(`${key.parent}.${key.parentColumn}`);
        const value = row[key.column];
        const at = value === null ? undefined : parent?.get(value);
        if (at !== undefined && at > batch) batch = at;
      }
      byBatch[batch].push(row);
      if (row.id !== undefined) ids.set(row.id, batch);
    });
    batchOf.set(`${table}.id`, ids);
    result.set(table, byBatch);
  }
  return result;
}

/** Inserts the rows of one batch (`rowsByBatch`), in one transaction, in multi-row INSERTs. */
export async function insertBatch(
  knex: Knex,
  byBatch: Map<string, Array<Array<Record<string, unknown>>>>,
  index: number,
): Promise<void> {
  const size = insertBatchRows(knex);
  await knex.transaction(async tx => {
    for (const [table, batches] of byBatch) {
      const list = batches[index];
      for (let i = 0; i < list.length; i += size)
        await tx(table).insert(list.slice(i, i + size));
    }
  });
}

/** Row counts per table, for checking that the floor wrote what Cairn wrote. */
export async function rowCounts(
  knex: Knex,
  tables: string[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const [{ n }] = await knex(t).count({ n: '*' });
    counts[t] = toNumber(n);
  }
  return counts;
}

/**
 * Inserts part `index` of `parts` of all the rows, in one transaction, in multi-row INSERTs. The rows
 * are taken table after table in finalRows' order and cut in equal parts, so that every row a part
 * references is already there.
 */
export async function insertPart(
  knex: Knex,
  tables: Map<string, Array<Record<string, unknown>>>,
  index: number,
  parts: number,
): Promise<void> {
  const total = [...tables.values()].reduce((n, l) => n + l.length, 0);
  const from = Math.floor((total * index) / parts);
  const to = Math.floor((total * (index + 1)) / parts);
  const size = insertBatchRows(knex);
  await knex.transaction(async tx => {
    let offset = 0;
    for (const [table, list] of tables) {
      const start = Math.max(from - offset, 0);
      const end = Math.min(to - offset, list.length);
      for (let i = start; i < end; i += size)
        await tx(table).insert(list.slice(i, Math.min(i + size, end)));
      offset += list.length;
    }
  });
}
