import { Percentiles } from '@cairn/plugin-insights-common';
import { Knex } from 'knex';
import { DoraValues } from '../engine/computeDoraValues';
import { REPORTED_PERCENTILES, percentileAt } from '../engine/percentile';
import { OffsetSegment } from '../engine/timeZones';
import { toNumber } from './sql';

const DAY_MS = 86_400_000;

/** Aggregate per component, or per time bucket (bucket i covers [bucketEnds[i-1], bucketEnds[i])). */
export type Grouping =
  | { by: 'component' }
  | { by: 'bucket'; bucketEnds: number[] };

export type AggregateQuery = {
  componentRefs: string[];
  envKey: string;
  from: number;
  to: number;
  offsets: OffsetSegment[];
  grouping: Grouping;
};

const integer = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};

/** The local day number of a time column, using the zone's offsets (inlined integers, no binding). */
function localDayExpression(column: string, offsets: OffsetSegment[]) {
  if (offsets.length === 1)
    return `(${column} + ${integer(offsets[0].offsetMs)}) / ${DAY_MS}`;
  const cases = offsets
    .slice(0, -1)
    .map(s => `WHEN ${column} < ${integer(s.end)} THEN ${integer(s.offsetMs)}`)
    .join(' ');
  return `(${column} + CASE ${cases} ELSE ${integer(
    offsets[offsets.length - 1].offsetMs,
  )} END) / ${DAY_MS}`;
}

function groupExpression(column: string, grouping: Grouping) {
  if (grouping.by === 'component') return 'component_ref';
  const cases = grouping.bucketEnds
    .map((end, i) => `WHEN ${column} < ${integer(end)} THEN ${i}`)
    .join(' ');
  return `CASE ${cases} END`;
}

const emptyPercentiles = (): Percentiles => ({
  median: null,
  p75: null,
  p90: null,
  count: 0,
});

export function emptyDoraValues(): DoraValues {
  return {
    deployments: 0,
    deploymentDays: 0,
    total: 0,
    failed: 0,
    failedByResult: 0,
    failedByFix: 0,
    failedByIncident: 0,
    rework: 0,
    manual: 0,
    leadTime: emptyPercentiles(),
    stages: {
      coding: emptyPercentiles(),
      pickup: emptyPercentiles(),
      review: emptyPercentiles(),
      deploy: emptyPercentiles(),
    },
    recovery: emptyPercentiles(),
    unrecovered: 0,
    incidents: 0,
    mttr: emptyPercentiles(),
    openIncidents: 0,
  };
}

type Series =
  | 'lead'
  | 'coding'
  | 'pickup'
  | 'review'
  | 'deploy'
  | 'recovery'
  | 'mttr';

/**
 * The DORA aggregates of docs/DESIGN.md computed in SQL over the stored facts, grouped by component or
 * by time bucket; equal to computeDoraValues on the same data (proven in doraAggregates.test.ts).
 * Three statements: deployment counts, incident counts, and every percentile series in one UNION ALL
 * using window functions (linear interpolation between closest ranks, like percentile_cont, on both
 * SQLite and PostgreSQL).
 */
export async function doraAggregates(
  db: Knex,
  query: AggregateQuery,
): Promise<Map<string, DoraValues>> {
  const result = new Map<string, DoraValues>();
  if (query.componentRefs.length === 0) return result;
  const get = (group: string) => {
    let values = result.get(group);
    if (!values) {
      values = emptyDoraValues();
      result.set(group, values);
    }
    return values;
  };
  const refs = query.componentRefs;
  const refPlaceholders = refs.map(() => '?').join(', ');
  const base = (time: string) =>
    `component_ref IN (${refPlaceholders}) AND env_key = ? AND ${time} >= ? AND ${time} < ?`;
  const baseBindings = [...refs, query.envKey, query.from, query.to];

  const deploymentGroup = groupExpression('finished_at', query.grouping);
  const deploymentRows = await db.raw(
    `SELECT ${deploymentGroup} AS g,
       SUM(CASE WHEN result = 'success' THEN 1 ELSE 0 END) AS deployments,
       COUNT(DISTINCT CASE WHEN result = 'success' THEN ${localDayExpression(
         'finished_at',
         query.offsets,
       )} END) AS deployment_days,
       COUNT(*) AS total,
       SUM(CASE WHEN is_failed THEN 1 ELSE 0 END) AS failed,
       SUM(CASE WHEN is_failed AND failed_by_result THEN 1 ELSE 0 END) AS failed_by_result,
       SUM(CASE WHEN is_failed AND failed_by_fix THEN 1 ELSE 0 END) AS failed_by_fix,
       SUM(CASE WHEN is_failed AND failed_by_incident THEN 1 ELSE 0 END) AS failed_by_incident,
       SUM(CASE WHEN is_rework THEN 1 ELSE 0 END) AS rework,
       SUM(CASE WHEN automated = FALSE THEN 1 ELSE 0 END) AS manual,
       SUM(CASE WHEN is_failed AND recovered_at IS NULL THEN 1 ELSE 0 END) AS unrecovered
     FROM delivery_deployments
     WHERE ${base('finished_at')} AND merged_into IS NULL AND result IS NOT NULL
     GROUP BY ${deploymentGroup}`,
    baseBindings,
  );
  for (const r of rows(deploymentRows)) {
    const v = get(String(r.g));
    v.deployments = toNumber(r.deployments);
    v.deploymentDays = toNumber(r.deployment_days);
    v.total = toNumber(r.total);
    v.failed = toNumber(r.failed);
    v.failedByResult = toNumber(r.failed_by_result);
    v.failedByFix = toNumber(r.failed_by_fix);
    v.failedByIncident = toNumber(r.failed_by_incident);
    v.rework = toNumber(r.rework);
    v.manual = toNumber(r.manual);
    v.unrecovered = toNumber(r.unrecovered);
  }

  const incidentGroup = groupExpression('detected_at', query.grouping);
  const incidentRows = await db.raw(
    `SELECT ${incidentGroup} AS g, COUNT(*) AS incidents,
       SUM(CASE WHEN resolved_at IS NULL THEN 1 ELSE 0 END) AS open_incidents
     FROM delivery_incidents WHERE ${base('detected_at')}
     GROUP BY ${incidentGroup}`,
    baseBindings,
  );
  for (const r of rows(incidentRows)) {
    const v = get(String(r.g));
    v.incidents = toNumber(r.incidents);
    v.openIncidents = toNumber(r.open_incidents);
  }

  const factGroup = groupExpression('deployed_at', query.grouping);
  const series: Array<{ name: Series; sql: string }> = [
    ...(['lead', 'coding', 'pickup', 'review', 'deploy'] as const).map(
      name => ({
        name,
        sql: ranked(
          name,
          factGroup,
          `${name}_seconds`,
          'delivery_change_facts',
          base('deployed_at'),
        ),
      }),
    ),
    {
      name: 'recovery',
      sql: ranked(
        'recovery',
        groupExpression('finished_at', query.grouping),
        'recovery_seconds',
        'delivery_deployments',
        `${base(
          'finished_at',
        )} AND merged_into IS NULL AND result IS NOT NULL AND is_failed`,
      ),
    },
    {
      name: 'mttr',
      sql: ranked(
        'mttr',
        incidentGroup,
        '(resolved_at - detected_at) / 1000',
        'delivery_incidents',
        `${base('detected_at')} AND resolved_at IS NOT NULL`,
      ),
    },
  ];
  const wanted = REPORTED_PERCENTILES.flatMap(p => [
    `(n - 1) * ${p} / 100 + 1`,
    `(n - 1) * ${p} / 100 + 2`,
  ]).join(', ');
  const percentileRows = await db.raw(
    series
      .map(s => `SELECT * FROM (${s.sql}) v_${s.name} WHERE rn IN (${wanted})`)
      .join(' UNION ALL '),
    series.flatMap(() => baseBindings),
  );
  const ranks = new Map<string, { n: number; values: Map<number, number> }>();
  for (const r of rows(percentileRows)) {
    const k = `${r.m}\u0000${r.g}`;
    const entry = ranks.get(k) ?? { n: toNumber(r.n), values: new Map() };
    entry.values.set(toNumber(r.rn), toNumber(r.x));
    ranks.set(k, entry);
  }
  for (const [k, { n, values }] of ranks) {
    const [name, group] = k.split('\u0000') as [Series, string];
    // SQL ranks are 1-based.
    const at = (index: number) => values.get(index + 1)!;
    const p: Percentiles = {
      median: percentileAt(n, at, 50),
      p75: percentileAt(n, at, 75),
      p90: percentileAt(n, at, 90),
      count: n,
    };
    const v = get(group);
    if (name === 'lead') v.leadTime = p;
    else if (name === 'recovery') v.recovery = p;
    else if (name === 'mttr') v.mttr = p;
    else v.stages[name] = p;
  }
  return result;
}

/** Rows of a series with their rank and count within the group, for the percentile ranks. */
function ranked(
  name: Series,
  group: string,
  value: string,
  table: string,
  where: string,
) {
  return `SELECT '${name}' AS m, ${group} AS g, ${value} AS x,
      ROW_NUMBER() OVER (PARTITION BY ${group} ORDER BY ${value}) AS rn,
      COUNT(*) OVER (PARTITION BY ${group}) AS n
    FROM ${table} WHERE ${where} AND ${value} IS NOT NULL`;
}

/** knex.raw returns rows differently per driver. */
export function rows(raw: unknown): Array<Record<string, any>> {
  return Array.isArray(raw)
    ? raw
    : (raw as { rows: Array<Record<string, any>> }).rows;
}
