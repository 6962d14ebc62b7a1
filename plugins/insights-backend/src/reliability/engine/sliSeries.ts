import { MetricSource, SloDefinition } from './openslo';
import { histogramBound, SliBucket } from './sloMath';

/*
 * How an SLO's stored minute series are made from what a data source reads (docs/DESIGN.md, "SLOs":
 * good and total events per minute). A ratio SLO has one series (objective 0) from its good, bad,
 * total or raw metric; a threshold SLO has one series per objective, because each objective has its
 * own threshold: from a latency histogram, good is the events at or under the threshold's bucket
 * bound; from a plain value, each minute is one event, good when the value meets the objective.
 */

export type SeriesPart =
  | { role: 'good' | 'bad' | 'total'; read: 'events'; source: MetricSource }
  | { role: 'raw'; read: 'values'; source: MetricSource }
  | { role: 'threshold'; read: 'histogram'; source: MetricSource };

export type SeriesPlan = {
  /** The stored series: 0 for a ratio SLO, the objective's index for a threshold SLO. */
  objective: number;
  parts: SeriesPart[];
};

/** The series an SLO stores and the metrics each is read from. */
export function seriesPlan(slo: SloDefinition): SeriesPlan[] {
  const { indicator } = slo;
  if (indicator.kind === 'ratio' && indicator.ratio) {
    const r = indicator.ratio;
    if (r.raw)
      return [
        {
          objective: 0,
          parts: [{ role: 'raw', read: 'values', source: r.raw }],
        },
      ];
    const parts: SeriesPart[] = [];
    if (r.good) parts.push({ role: 'good', read: 'events', source: r.good });
    if (r.bad) parts.push({ role: 'bad', read: 'events', source: r.bad });
    if (r.total) parts.push({ role: 'total', read: 'events', source: r.total });
    return [{ objective: 0, parts }];
  }
  if (indicator.kind === 'threshold' && indicator.threshold)
    return slo.objectives.map((_, objective) => ({
      objective,
      parts: [
        { role: 'threshold', read: 'histogram', source: indicator.threshold! },
      ],
    }));
  return [];
}

export type MinuteValue = { start: number; value: number };
export type MinuteHistogram = {
  start: number;
  buckets: Array<{ le: number; count: number }>;
};

const byStart = (values: MinuteValue[]) =>
  new Map(values.map(v => [v.start, v.value]));

/**
 * Good and total per minute of a ratio SLO. A minute has data when its total (or raw value) does; a
 * good or bad metric with no value in such a minute counted nothing (a sum over no matching series
 * is empty in PromQL), so good is 0 or bad is 0 then. Counts below 0 (counter noise) are 0; good never
 * exceeds total.
 */
export function ratioBuckets(parts: {
  good?: MinuteValue[];
  bad?: MinuteValue[];
  total?: MinuteValue[];
}): SliBucket[] {
  const good = parts.good && byStart(parts.good);
  const bad = parts.bad && byStart(parts.bad);
  const buckets: SliBucket[] = [];
  for (const { start, value } of parts.total ?? []) {
    const total = Math.max(0, value);
    const g = good
      ? Math.max(0, good.get(start) ?? 0)
      : Math.max(0, total - Math.max(0, bad?.get(start) ?? 0));
    buckets.push({ start, good: Math.min(g, total), total });
  }
  return buckets.sort((a, b) => a.start - b.start);
}

/**
 * A raw ratio per minute (OpenSLO `raw`, `rawType` success or failure): each minute with a value is
 * one event whose good share is the ratio, so a day's SLI is the mean of its minutes.
 */
export function rawBuckets(
  values: MinuteValue[],
  rawType: 'success' | 'failure' = 'success',
): SliBucket[] {
  return values
    .filter(v => Number.isFinite(v.value))
    .map(({ start, value }) => {
      const ratio = Math.min(1, Math.max(0, value));
      return {
        start,
        good: rawType === 'success' ? ratio : 1 - ratio,
        total: 1,
      };
    })
    .sort((a, b) => a.start - b.start);
}

function meets(value: number, op: 'lt' | 'lte' | 'gt' | 'gte', bound: number) {
  switch (op) {
    case 'lt':
      return value < bound;
    case 'lte':
      return value <= bound;
    case 'gt':
      return value > bound;
    default:
      return value >= bound;
  }
}

/**
 * A latency objective from a histogram ("p95 under 400 ms": the share of requests at or under 0.4 s):
 * good is the events of the threshold's bucket bound (the nearest bound at or below it), total those
 * of +Inf; for `gt`/`gte` good is the events above the bound. Undefined bound: no bucket is at or
 * under the threshold, the objective cannot be read from this histogram.
 */
export function histogramBuckets(
  minutes: MinuteHistogram[],
  objective: { op: 'lt' | 'lte' | 'gt' | 'gte'; value: number },
): { buckets: SliBucket[]; bound: number | undefined; exact: boolean } {
  const bounds = [
    ...new Set(minutes.flatMap(m => m.buckets.map(b => b.le))),
  ].filter(Number.isFinite);
  const chosen = histogramBound(bounds, objective.value);
  if (!chosen) return { buckets: [], bound: undefined, exact: false };
  const buckets: SliBucket[] = [];
  for (const m of minutes) {
    const total = m.buckets.find(b => b.le === Infinity)?.count;
    const under = m.buckets.find(b => b.le === chosen.bound)?.count;
    if (total === undefined || under === undefined) continue;
    const t = Math.max(0, total);
    const u = Math.min(t, Math.max(0, under));
    buckets.push({
      start: m.start,
      good: objective.op === 'lt' || objective.op === 'lte' ? u : t - u,
      total: t,
    });
  }
  return {
    buckets: buckets.sort((a, b) => a.start - b.start),
    bound: chosen.bound,
    exact: chosen.exact,
  };
}

/** A threshold objective from a plain value per minute: one event, good when the value meets it. */
export function valueBuckets(
  values: MinuteValue[],
  objective: { op: 'lt' | 'lte' | 'gt' | 'gte'; value: number },
): SliBucket[] {
  return values
    .filter(v => Number.isFinite(v.value))
    .map(({ start, value }) => ({
      start,
      good: meets(value, objective.op, objective.value) ? 1 : 0,
      total: 1,
    }))
    .sort((a, b) => a.start - b.start);
}
