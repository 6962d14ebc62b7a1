import { Percentiles } from '@cairn/plugin-insights-common';

/**
 * The percentile of sorted values with linear interpolation between the closest ranks, the same as
 * SQL's `percentile_cont` (docs/DESIGN.md, "Metric definitions"). Percent is an integer so that the
 * rank arithmetic is exact.
 */
export function percentileOfSorted(
  sorted: ArrayLike<number>,
  percent: number,
): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const position = percent * (n - 1);
  const lower = Math.floor(position / 100);
  const fraction = (position % 100) / 100;
  if (fraction === 0 || lower + 1 >= n) return sorted[lower];
  return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower]);
}

/** Median, p75 and p90 of values already sorted ascending. */
export function percentilesOfSorted(sorted: ArrayLike<number>): Percentiles {
  return {
    median: percentileOfSorted(sorted, 50),
    p75: percentileOfSorted(sorted, 75),
    p90: percentileOfSorted(sorted, 90),
    count: sorted.length,
  };
}

/** Median, p75 and p90 of unsorted values (nulls left out). */
export function percentiles(
  values: Array<number | null | undefined>,
): Percentiles {
  const present = values.filter((v): v is number => typeof v === 'number');
  return percentilesOfSorted(Float64Array.from(present).sort());
}
