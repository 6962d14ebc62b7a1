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

/**
 * The k-th smallest value (0-based), moving values around in place (quickselect, Hoare partition).
 * Linear on average: cheaper than sorting when only a few ranks are needed.
 */
function select(
  values: Float64Array,
  k: number,
  lo: number,
  hi: number,
): number {
  let left = lo;
  let right = hi;
  while (left < right) {
    const pivot = values[(left + right) >>> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k];
  }
  return values[k];
}

/**
 * Median, p75 and p90 of unsorted values, reordering them in place: the same numbers as
 * percentilesOfSorted on the sorted values, reading only the ranks each percentile needs.
 */
export function percentilesInPlace(values: Float64Array): Percentiles {
  const n = values.length;
  const at = (percent: number) => {
    if (n === 0) return null;
    const position = percent * (n - 1);
    const lower = Math.floor(position / 100);
    const fraction = (position % 100) / 100;
    const low = select(values, lower, 0, n - 1);
    if (fraction === 0 || lower + 1 >= n) return low;
    // After selecting rank `lower`, everything right of it is at least as large: the next rank is
    // the smallest of that part.
    let next = Infinity;
    for (let i = lower + 1; i < n; i++) if (values[i] < next) next = values[i];
    return low + fraction * (next - low);
  };
  return { median: at(50), p75: at(75), p90: at(90), count: n };
}
