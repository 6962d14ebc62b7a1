import { Knex } from 'knex';
import { HeadlineInputs } from '../engine/headlineValues';
import {
  AggregateQuery,
  countAggregates,
  emptyDoraValues,
  rows,
  scopeOf,
} from './doraAggregates';
import { toNumber } from '../../shared/sql';

/**
 * The medians the headline values need (lead time, recovery, incident duration), per component, in
 * one statement per series: the database ranks each component's values and returns the middle one
 * or two, so a rollup of 1,000 components moves 1,000 rows instead of every change fact.
 * The median is percentile_cont(0.5) of docs/DESIGN.md ("Metric definitions"): the middle value, or
 * the mean of the two middle values, which is exactly what percentileOfSorted gives for whole seconds
 * (the delivery harness checks both engines against computeDoraValues on every scenario).
 */
async function mediansByComponent(
  db: Knex,
  query: AggregateQuery,
  table: string,
  time: string,
  value: string,
  extra: string,
): Promise<Map<string, { median: number; count: number }>> {
  const scope = scopeOf(query);
  // PostgreSQL has the ordered-set aggregate (one sort per component, no window); SQLite ranks by
  // window functions and averages the one or two middle rows.
  const sql = String(db.client.config.client).includes('pg')
    ? `SELECT component_ref AS g,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY ${value}) AS median,
         COUNT(${value}) AS n
       FROM ${table}
       WHERE ${scope.where(time)} AND ${value} IS NOT NULL ${extra}
       GROUP BY component_ref`
    : `SELECT g, AVG(v) AS median, MAX(n) AS n FROM (
         SELECT component_ref AS g, ${value} AS v,
           ROW_NUMBER() OVER (PARTITION BY component_ref ORDER BY ${value}) - 1 AS r,
           COUNT(*) OVER (PARTITION BY component_ref) AS n
         FROM ${table}
         WHERE ${scope.where(time)} AND ${value} IS NOT NULL ${extra}
       ) ranked
       WHERE r = (n - 1) / 2 OR r = n / 2
       GROUP BY g`;
  const result = await db.raw(sql, scope.bindings);
  return new Map(
    rows(result).map(r => [
      String(r.g),
      { median: toNumber(r.median), count: toNumber(r.n) },
    ]),
  );
}

/**
 * What headlineValues and tierInput need per component, aggregated in the database: the counts of
 * doraAggregates and the three medians. For rollups of many components, where the full percentile
 * sets of doraAggregates are not shown.
 */
export async function headlineAggregates(
  db: Knex,
  query: Omit<AggregateQuery, 'grouping'>,
): Promise<Map<string, HeadlineInputs>> {
  const result = new Map<string, HeadlineInputs>();
  if (query.componentRefs.length === 0) return result;
  const none = () => ({ median: null, count: 0 });
  const get = (ref: string) => {
    let values = result.get(ref);
    if (!values) {
      const {
        changes: _changes,
        stages: _stages,
        deployParts: _deployParts,
        ...empty
      } = emptyDoraValues();
      values = {
        ...empty,
        leadTime: none(),
        recovery: none(),
        mttr: none(),
      };
      result.set(ref, values);
    }
    return values;
  };
  const grouped: AggregateQuery = { ...query, grouping: { by: 'component' } };
  const [lead, recovery, mttr] = await Promise.all([
    mediansByComponent(
      db,
      grouped,
      'delivery_change_facts',
      'deployed_at',
      'lead_seconds',
      '',
    ),
    mediansByComponent(
      db,
      grouped,
      'delivery_deployments',
      'finished_at',
      'recovery_seconds',
      'AND merged_into IS NULL AND result IS NOT NULL AND is_failed',
    ),
    // Whole seconds, truncated, as computeDoraValues computes them (durations are never negative).
    mediansByComponent(
      db,
      grouped,
      'delivery_incidents',
      'detected_at',
      '((resolved_at - detected_at) / 1000)',
      '',
    ),
    countAggregates(db, grouped, get),
  ]);
  for (const [ref, median] of lead) get(ref).leadTime = median;
  for (const [ref, median] of recovery) get(ref).recovery = median;
  for (const [ref, median] of mttr) get(ref).mttr = median;
  return result;
}
