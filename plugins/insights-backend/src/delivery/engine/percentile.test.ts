import {
  percentiles,
  percentilesInPlace,
  percentileOfSorted,
} from './percentile';

describe('percentiles', () => {
  it('interpolates linearly between the closest ranks, like percentile_cont', () => {
    expect(percentiles([1, 2, 3, 4])).toEqual({
      median: 2.5,
      p75: 3.25,
      p90: 3.7,
      count: 4,
    });
    expect(percentiles([10])).toEqual({
      median: 10,
      p75: 10,
      p90: 10,
      count: 1,
    });
    expect(percentiles([])).toEqual({
      median: null,
      p75: null,
      p90: null,
      count: 0,
    });
    expect(percentiles([5, null, 1, undefined])).toEqual({
      median: 3,
      p75: 4,
      p90: 4.6,
      count: 2,
    });
  });

  it('finds the same values by selection as by sorting, duplicates included', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (const n of [1, 2, 3, 10, 101, 1000, 4097]) {
      const values = Array.from({ length: n }, () =>
        Math.floor(random() * (n / 3)),
      );
      const sorted = Float64Array.from(values).sort();
      expect(percentilesInPlace(Float64Array.from(values))).toEqual({
        median: percentileOfSorted(sorted, 50),
        p75: percentileOfSorted(sorted, 75),
        p90: percentileOfSorted(sorted, 90),
        count: n,
      });
    }
  });
});
