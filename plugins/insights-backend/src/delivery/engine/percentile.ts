import { Percentiles } from '@cairn/plugin-insights-common';

/** The percentiles Cairn reports, in whole percent. */
export const REPORTED_PERCENTILES = [50, 75, 90] as const;

/**
 * The percentile of sorted values with linear interpolation between the closest ranks, the same as
 * SQL's `percentile_cont` (docs/DESIGN.md, "Metric definitions"). Percent is an integer so that the
 * rank arithmetic is exact and matches the SQL implementation bit for bit.
 */
export function percentileOfSorted(
  sorted: ArrayLike<number>,
  percent: number,
): number | null {
  return percentileAt(sorted.length, i => sorted[i], percent);
}

/**
 * The same, reading only the two values it needs (0-based ranks floor(p·(n−1)/100) and the next):
 * what the SQL aggregate fetches.
 */
export function percentileAt(
  n: number,
  valueAtRank: (index: number) => number,
  percent: number,
): number | null {
  if (n === 0) return null;
  const position = percent * (n - 1);
  const lower = Math.floor(position / 100);
  const fraction = (position % 100) / 100;
  if (fraction === 0 || lower + 1 >= n) return valueAtRank(lower);
  const low = valueAtRank(lower);
  return low + fraction * (valueAtRank(lower + 1) - low);
}

/** Median, p75 and p90 of unsorted values (nulls left out). */
export function percentiles(
  values: Array<number | null | undefined>,
): Percentiles {
  const sorted = values
    .filter((v): v is number => typeof v === 'number')
    .sort((a, b) => a - b);
  return {
    median: percentileOfSorted(sorted, 50),
    p75: percentileOfSorted(sorted, 75),
    p90: percentileOfSorted(sorted, 90),
    count: sorted.length,
  };
}
