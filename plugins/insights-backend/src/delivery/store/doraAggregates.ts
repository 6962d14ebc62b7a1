import { Percentiles } from '@cairn/plugin-insights-common';
import { Knex } from 'knex';
import { DoraValues } from '../engine/computeDoraValues';
import { CountValues } from '../engine/headlineValues';
import { percentilesInPlace } from '../engine/percentile';
import {
  DAY_MS,
  decodeInto,
  DIGEST_SERIES,
  DigestSeries,
  emptySeries,
  packedCount,
} from './changeDigests';
import { OffsetSegment } from '../../shared/timeZones';
import { toNumber, toNumberOrNull } from '../../shared/sql';

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
  /**
   * 'headline': only what the headline values need (counts, and the lead time, recovery and incident
   * percentiles), leaving stages and deploy parts empty; for a period shown only as a trend. Grouped by
   * bucket, one entry per bucket may be given (a summary reads its previous period as bucket 0).
   */
  series?: SeriesScope | SeriesScope[];
};

export type SeriesScope = 'all' | 'headline';

/** What a group's values include (AggregateQuery.series). */
function seriesScopeOf(query: AggregateQuery, group: string): SeriesScope {
  if (!Array.isArray(query.series)) return query.series ?? 'all';
  return query.series[Number(group)] ?? 'all';
}

/** The WHERE clause of the query's components, environment and range on a time column, with its bindings. */
export function scopeOf(query: AggregateQuery) {
  const placeholders = query.componentRefs.map(() => '?').join(', ');
  return {
    placeholders,
    where: (time: string) =>
      `component_ref IN (${placeholders}) AND env_key = ? AND ${time} >= ? AND ${time} < ?`,
    bindings: [...query.componentRefs, query.envKey, query.from, query.to],
  };
}

const integer = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};

/** The local day number of a time column, using the zone's offsets (inlined integers, no binding). */
export function localDayExpression(column: string, offsets: OffsetSegment[]) {
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

export function groupExpression(column: string, grouping: Grouping) {
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
    changes: 0,
    leadTime: emptyPercentiles(),
    stages: {
      coding: emptyPercentiles(),
      pickup: emptyPercentiles(),
      review: emptyPercentiles(),
      deploy: emptyPercentiles(),
    },
    deployParts: { build: emptyPercentiles(), release: emptyPercentiles() },
    recovery: emptyPercentiles(),
    unrecovered: 0,
    incidents: 0,
    mttr: emptyPercentiles(),
    openIncidents: 0,
  };
}

type Series = DigestSeries | 'recovery' | 'mttr';

/**
 * How a query splits into per-day rows and raw rows: each window (the range, or each bucket) reads its
 * full UTC days from per-day rows (digests, day counts) and the rest, at its edges, from the rows
 * themselves. Per-day rows pay off for a few components over windows of days; many components or
 * short buckets read the rows ('auto'); 'rows' and 'days' force one way (tests check both).
 */
export function dayPlan(query: AggregateQuery, use: 'auto' | 'days' | 'rows') {
  const windows =
    query.grouping.by === 'component'
      ? [{ from: query.from, to: query.to }]
      : query.grouping.bucketEnds.map((end, i, ends) => ({
          from: i === 0 ? query.from : ends[i - 1],
          to: end,
        }));
  const useDays =
    use === 'days' ||
    (use === 'auto' &&
      query.componentRefs.length <= 20 &&
      windows.length <= 60 &&
      windows.every(w => w.to - w.from >= 2 * DAY_MS));
  const spans = windows.map(w => ({
    firstFullDay: useDays ? Math.ceil(w.from / DAY_MS) : 0,
    endFullDay: useDays ? Math.floor(w.to / DAY_MS) : 0,
  }));
  const edges: Array<[number, number]> = [];
  windows.forEach((w, i) => {
    const { firstFullDay, endFullDay } = spans[i];
    if (firstFullDay < endFullDay) {
      edges.push([w.from, firstFullDay * DAY_MS], [endFullDay * DAY_MS, w.to]);
    } else {
      edges.push([w.from, w.to]);
    }
  });
  return {
    windows,
    spans,
    /** Windows' spans that have full days. */
    daySpans: spans.filter(d => d.firstFullDay < d.endFullDay),
    /** The parts of windows read from rows. */
    edges: edges.filter(([a, b]) => a < b),
    /** The window a UTC day belongs to, or -1. */
    windowOfDay: (day: number) =>
      spans.findIndex(x => day >= x.firstFullDay && day < x.endFullDay),
  };
}

/** The values of each series of one group, gathered in parts and sorted once. */
class SeriesValues {
  changes = 0;
  private readonly parts = new Map<Series, Array<ArrayLike<number>>>();
  private readonly packed = new Map<Series, string[]>();
  private readonly loose = new Map<Series, number[]>();

  add(name: Series, values: ArrayLike<number>) {
    if (!values.length) return;
    const list = this.parts.get(name);
    if (list) list.push(values);
    else this.parts.set(name, [values]);
  }

  /** Values packed by encodeValues, decoded only when the percentiles are computed. */
  addPacked(name: Series, text: string) {
    if (!text) return;
    const list = this.packed.get(name);
    if (list) list.push(text);
    else this.packed.set(name, [text]);
  }

  push(name: Series, value: number) {
    const list = this.loose.get(name) ?? [];
    list.push(value);
    this.loose.set(name, list);
  }

  percentiles(name: Series): Percentiles {
    const parts = [...(this.parts.get(name) ?? []), this.loose.get(name) ?? []];
    const packed = this.packed.get(name) ?? [];
    const all = new Float64Array(
      parts.reduce((n, p) => n + p.length, 0) +
        packed.reduce((n, text) => n + packedCount(text), 0),
    );
    let offset = 0;
    for (const part of parts) {
      all.set(part, offset);
      offset += part.length;
    }
    for (const text of packed) offset += decodeInto(text, all, offset);
    return percentilesInPlace(all);
  }
}

const FROM_SOURCE = { digests: 'days', facts: 'rows' } as const;

/**
 * The DORA aggregates of docs/DESIGN.md over the stored facts, grouped by component or by time bucket;
 * equal to computeDoraValues on the same data (the delivery scenario tests check every result).
 * Counts are SQL aggregates; percentiles are exact, from the sorted values: lead times come from the
 * per-day digests (changeDigests.ts) plus the facts at the edges of the range, recovery and incident
 * durations from their few rows.
 */
export async function doraAggregates(
  db: Knex,
  query: AggregateQuery,
  options: {
    /** Where lead times come from; by default digests for a few components, facts otherwise. */
    changeSource?: 'digests' | 'facts';
    /** Where counts come from; by default day counts for a few components, rows otherwise. */
    countSource?: 'days' | 'rows';
  } = {},
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
  const {
    placeholders: refPlaceholders,
    where: base,
    bindings: baseBindings,
  } = scopeOf(query);
  const incidentGroup = groupExpression('detected_at', query.grouping);
  // Every statement is independent of the others: they are sent at once (on PostgreSQL they run on
  // several connections) and their rows are combined when all have answered. The range's incidents
  // are read once, below, for their counts and their durations (MTTR).
  const counted = countAggregates(db, query, get, {
    use: options.countSource ?? 'auto',
    incidents: false,
  });

  const series = new Map<string, SeriesValues>();
  const valuesOf = (group: string) => {
    let entry = series.get(group);
    if (!entry) {
      entry = new SeriesValues();
      series.set(group, entry);
    }
    return entry;
  };

  // Lead time and stages: from the per-day digests for the full UTC days of each window (the range,
  // or each bucket), and from the change facts for the rest of it.
  const {
    spans,
    edges,
    daySpans: digestSpans,
  } = dayPlan(
    query,
    options.changeSource ? FROM_SOURCE[options.changeSource] : 'auto',
  );
  const factGroup = groupExpression('deployed_at', query.grouping);
  // The stages and deploy parts are read for the windows whose values include them; a window of
  // headline values reads lead times only.
  const fullWindows = spans.filter(
    (_, i) =>
      seriesScopeOf(
        query,
        query.grouping.by === 'component' ? '' : String(i),
      ) === 'all',
  );
  const names: readonly DigestSeries[] = fullWindows.length
    ? DIGEST_SERIES
    : ['lead'];
  const digestColumn = (name: DigestSeries) => {
    const column = `${name}_values`;
    if (name === 'lead' || fullWindows.length === spans.length) return column;
    const days = fullWindows
      .filter(x => x.firstFullDay < x.endFullDay)
      .map(
        x =>
          `(day >= ${integer(x.firstFullDay)} AND day < ${integer(
            x.endFullDay,
          )})`,
      );
    return days.length
      ? db.raw(`CASE WHEN ${days.join(' OR ')} THEN ${column} END AS ${column}`)
      : db.raw(`NULL AS ${column}`);
  };
  const [digests, facts, recoveries, incidents] = await Promise.all([
    digestSpans.length
      ? db('delivery_change_digests')
          .select('component_ref', 'day', 'changes', ...names.map(digestColumn))
          .whereIn('component_ref', refs)
          .where('env_key', query.envKey)
          .where('day', '>=', Math.min(...digestSpans.map(d => d.firstFullDay)))
          .where('day', '<', Math.max(...digestSpans.map(d => d.endFullDay)))
          .then(list => list as Array<Record<string, any>>)
      : Promise.resolve([]),
    edges.length
      ? db
          .raw(
            `SELECT ${factGroup} AS g, ${names
              .map(name => `${name}_seconds`)
              .join(', ')}
             FROM delivery_change_facts
             WHERE component_ref IN (${refPlaceholders}) AND env_key = ?
               AND (${edges
                 .map(() => '(deployed_at >= ? AND deployed_at < ?)')
                 .join(' OR ')})`,
            [...refs, query.envKey, ...edges.flat()],
          )
          .then(rows)
      : Promise.resolve([]),
    // Recovery of failed deployments and incident durations: few rows, read as they are (failed
    // deployments from their partial index).
    db
      .raw(
        `SELECT ${groupExpression(
          'finished_at',
          query.grouping,
        )} AS g, recovery_seconds FROM delivery_deployments
         WHERE ${base(
           'finished_at',
         )} AND merged_into IS NULL AND result IS NOT NULL AND is_failed
           AND recovery_seconds IS NOT NULL`,
        baseBindings,
      )
      .then(rows),
    db
      .raw(
        `SELECT ${incidentGroup} AS g, detected_at, resolved_at FROM delivery_incidents
         WHERE ${base('detected_at')}`,
        baseBindings,
      )
      .then(rows),
    counted,
  ]);
  for (const d of digests) {
    const day = toNumber(d.day);
    const window = spans.findIndex(
      x => day >= x.firstFullDay && day < x.endFullDay,
    );
    if (window < 0) continue;
    const entry = valuesOf(
      query.grouping.by === 'component' ? d.component_ref : String(window),
    );
    entry.changes += toNumber(d.changes);
    for (const name of names) entry.addPacked(name, d[`${name}_values`]);
  }
  const perGroup = new Map<string, Record<DigestSeries, number[]>>();
  for (const f of facts) {
    const group = String(f.g);
    valuesOf(group).changes++;
    let lists = perGroup.get(group);
    if (!lists) {
      lists = emptySeries();
      perGroup.set(group, lists);
    }
    for (const name of names) {
      const value = f[`${name}_seconds`];
      if (value !== null) lists[name].push(toNumber(value));
    }
  }
  for (const [group, lists] of perGroup) {
    for (const name of names) valuesOf(group).add(name, lists[name]);
  }
  for (const r of recoveries)
    valuesOf(String(r.g)).push('recovery', toNumber(r.recovery_seconds));
  for (const r of incidents) {
    const v = get(String(r.g));
    v.incidents++;
    const resolvedAt = toNumberOrNull(r.resolved_at);
    if (resolvedAt === null) {
      v.openIncidents++;
      continue;
    }
    // Whole seconds, truncated, as computeDoraValues computes them.
    const seconds = Math.floor((resolvedAt - toNumber(r.detected_at)) / 1000);
    valuesOf(String(r.g)).push('mttr', seconds);
  }

  for (const [group, entry] of series) {
    const v = get(group);
    v.changes = entry.changes;
    v.leadTime = entry.percentiles('lead');
    if (seriesScopeOf(query, group) === 'all') {
      for (const stage of ['coding', 'pickup', 'review', 'deploy'] as const)
        v.stages[stage] = entry.percentiles(stage);
      for (const part of ['build', 'release'] as const)
        v.deployParts[part] = entry.percentiles(part);
    }
    v.recovery = entry.percentiles('recovery');
    v.mttr = entry.percentiles('mttr');
  }
  return result;
}

const COUNTERS = [
  ['deployments', "CASE WHEN result = 'success' THEN 1 ELSE 0 END"],
  ['total', '1'],
  ['failed', 'CASE WHEN is_failed THEN 1 ELSE 0 END'],
  [
    'failed_by_result',
    'CASE WHEN is_failed AND failed_by_result THEN 1 ELSE 0 END',
  ],
  ['failed_by_fix', 'CASE WHEN is_failed AND failed_by_fix THEN 1 ELSE 0 END'],
  [
    'failed_by_incident',
    'CASE WHEN is_failed AND failed_by_incident THEN 1 ELSE 0 END',
  ],
  ['rework', 'CASE WHEN is_rework THEN 1 ELSE 0 END'],
  ['manual', 'CASE WHEN automated = FALSE THEN 1 ELSE 0 END'],
  [
    'unrecovered',
    'CASE WHEN is_failed AND recovered_at IS NULL THEN 1 ELSE 0 END',
  ],
] as const;

function addCounts(v: CountValues, r: Record<string, any>) {
  v.deployments += toNumber(r.deployments);
  v.total += toNumber(r.total);
  v.failed += toNumber(r.failed);
  v.failedByResult += toNumber(r.failed_by_result);
  v.failedByFix += toNumber(r.failed_by_fix);
  v.failedByIncident += toNumber(r.failed_by_incident);
  v.rework += toNumber(r.rework);
  v.manual += toNumber(r.manual);
  v.unrecovered += toNumber(r.unrecovered);
}

/**
 * The local days each window covers, as intervals of instants: a local day is floor((t + offset) / day)
 * with the offset of t's segment (localDayExpression), so within a segment its days start at
 * k * day - offset. A day split by a DST switch (or repeated by one at midnight) has several intervals.
 */
export function localDayIntervals(
  windows: Array<{ from: number; to: number }>,
  offsets: OffsetSegment[],
): Array<{ window: number; day: number; from: number; to: number }> {
  const result: Array<{
    window: number;
    day: number;
    from: number;
    to: number;
  }> = [];
  windows.forEach((w, window) => {
    offsets.forEach((segment, i) => {
      const a = Math.max(w.from, i === 0 ? -Infinity : offsets[i - 1].end);
      const b = Math.min(
        w.to,
        i === offsets.length - 1 ? Infinity : segment.end,
      );
      if (a >= b) return;
      const o = segment.offsetMs;
      for (
        let day = Math.floor((a + o) / DAY_MS);
        day * DAY_MS - o < b;
        day++
      ) {
        const from = Math.max(a, day * DAY_MS - o);
        const to = Math.min(b, (day + 1) * DAY_MS - o);
        if (from < to) result.push({ window, day, from, to });
      }
    });
  });
  return result;
}

/**
 * The counts of docs/DESIGN.md's DORA metrics (deployments, deployment days, failures, rework, manual
 * deployments, unrecovered failures, incidents) per group, written into the group's values.
 *
 * For a few components over windows of days (dayPlan), the full UTC days come from the per-day counts
 * the database keeps (migration 20261206130000) and the windows' edges from the deployments; deployment
 * days, which depend on the zone, are one index probe per local day ("is there a success that day").
 * Otherwise one scan of the range's deployments counts everything.
 */
export async function countAggregates(
  db: Knex,
  query: AggregateQuery,
  get: (group: string) => CountValues,
  options: {
    use?: 'auto' | 'days' | 'rows';
    /** false: leave the incident counts to the caller, who reads the incidents anyway. */
    incidents?: boolean;
  } = {},
): Promise<void> {
  const { where: base, bindings: baseBindings } = scopeOf(query);
  const plan = dayPlan(query, options.use ?? 'auto');
  const refs = query.componentRefs;
  const refPlaceholders = refs.map(() => '?').join(', ');
  const counted = `merged_into IS NULL AND result IS NOT NULL`;
  const sums = COUNTERS.map(([name, expr]) => `SUM(${expr}) AS ${name}`).join(
    ', ',
  );

  const incidentGroup = groupExpression('detected_at', query.grouping);
  const incidentRows =
    options.incidents === false
      ? Promise.resolve([])
      : db
          .raw(
            `SELECT ${incidentGroup} AS g, COUNT(*) AS incidents,
               SUM(CASE WHEN resolved_at IS NULL THEN 1 ELSE 0 END) AS open_incidents
             FROM delivery_incidents WHERE ${base('detected_at')}
             GROUP BY ${incidentGroup}`,
            baseBindings,
          )
          .then(rows);
  const deploymentGroup = groupExpression('finished_at', query.grouping);

  if (plan.daySpans.length === 0) {
    const [deployments, incidents] = await Promise.all([
      db
        .raw(
          `SELECT ${deploymentGroup} AS g, ${sums},
             COUNT(DISTINCT CASE WHEN result = 'success' THEN ${localDayExpression(
               'finished_at',
               query.offsets,
             )} END) AS deployment_days
           FROM delivery_deployments
           WHERE ${base('finished_at')} AND ${counted}
           GROUP BY ${deploymentGroup}`,
          baseBindings,
        )
        .then(rows),
      incidentRows,
    ]);
    for (const r of deployments) {
      const v = get(String(r.g));
      addCounts(v, r);
      v.deploymentDays = toNumber(r.deployment_days);
    }
    addIncidents(incidents, get);
    return;
  }

  const byComponent = query.grouping.by === 'component';
  const intervals = localDayIntervals(plan.windows, query.offsets);
  const [days, edges, deploymentDays, incidents] = await Promise.all([
    db('delivery_deployment_days')
      .select('component_ref', 'day', ...COUNTERS.map(([name]) => name))
      .whereIn('component_ref', refs)
      .where('env_key', query.envKey)
      .where('day', '>=', Math.min(...plan.daySpans.map(d => d.firstFullDay)))
      .where('day', '<', Math.max(...plan.daySpans.map(d => d.endFullDay)))
      .then(list => list as Array<Record<string, any>>),
    plan.edges.length
      ? db
          .raw(
            `SELECT ${deploymentGroup} AS g, ${sums}
             FROM delivery_deployments
             WHERE component_ref IN (${refPlaceholders}) AND env_key = ? AND ${counted}
               AND (${plan.edges
                 .map(() => '(finished_at >= ? AND finished_at < ?)')
                 .join(' OR ')})
             GROUP BY ${deploymentGroup}`,
            [...refs, query.envKey, ...plan.edges.flat()],
          )
          .then(rows)
      : Promise.resolve([]),
    // One probe per local day (and component, when grouped by component): the first success found
    // in the day's interval answers it.
    intervals.length
      ? db
          .raw(
            `WITH d(g, c, k, s, e) AS (VALUES ${(byComponent
              ? refs.flatMap(() => intervals)
              : intervals
            )
              .map(() => '(?, ?, ?, ?, ?)')
              .join(', ')})
             SELECT g, COUNT(DISTINCT k) AS n FROM d
             WHERE EXISTS (
               SELECT 1 FROM delivery_deployments x
               WHERE ${
                 byComponent
                   ? 'x.component_ref = d.c'
                   : `x.component_ref IN (${refPlaceholders})`
               } AND x.env_key = ?
                 AND x.finished_at >= CAST(d.s AS BIGINT) AND x.finished_at < CAST(d.e AS BIGINT)
                 AND x.result = 'success' AND x.merged_into IS NULL)
             GROUP BY g`,
            [
              ...(byComponent
                ? refs.flatMap(ref =>
                    intervals.flatMap(i => [ref, ref, i.day, i.from, i.to]),
                  )
                : intervals.flatMap(i => [
                    String(i.window),
                    '',
                    i.day,
                    i.from,
                    i.to,
                  ])),
              ...(byComponent ? [] : refs),
              query.envKey,
            ],
          )
          .then(rows)
      : Promise.resolve([]),
    incidentRows,
  ]);
  for (const r of days) {
    const window = plan.windowOfDay(toNumber(r.day));
    // A day whose deployments are all gone keeps a row of zeros.
    if (window < 0 || toNumber(r.total) === 0) continue;
    addCounts(get(byComponent ? r.component_ref : String(window)), r);
  }
  for (const r of edges) addCounts(get(String(r.g)), r);
  for (const r of deploymentDays)
    get(String(r.g)).deploymentDays = toNumber(r.n);
  addIncidents(incidents, get);
}

function addIncidents(
  incidents: Array<Record<string, any>>,
  get: (group: string) => CountValues,
) {
  for (const r of incidents) {
    const v = get(String(r.g));
    v.incidents = toNumber(r.incidents);
    v.openIncidents = toNumber(r.open_incidents);
  }
}

/** knex.raw returns rows differently per driver. */
export function rows(raw: unknown): Array<Record<string, any>> {
  return Array.isArray(raw)
    ? raw
    : (raw as { rows: Array<Record<string, any>> }).rows;
}
