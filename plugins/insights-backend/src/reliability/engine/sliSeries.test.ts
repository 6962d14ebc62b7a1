import {
  histogramBuckets,
  ratioBuckets,
  rawBuckets,
  valueBuckets,
} from './sliSeries';

const M = 60_000;

describe('SLI series from what a data source reads', () => {
  it('makes good from bad and total; a minute without total has no data', () => {
    expect(
      ratioBuckets({
        bad: [{ start: 0, value: 2 }],
        total: [
          { start: 0, value: 100 },
          { start: M, value: 50 },
        ],
      }),
    ).toEqual([
      { start: 0, good: 98, total: 100 },
      // No bad value in a minute with traffic: nothing failed.
      { start: M, good: 50, total: 50 },
    ]);
    expect(
      ratioBuckets({
        good: [{ start: 2 * M, value: 10 }],
        total: [{ start: 0, value: 5 }],
      }),
    ).toEqual([{ start: 0, good: 0, total: 5 }]);
  });

  it('never lets good exceed total or go below zero', () => {
    expect(
      ratioBuckets({
        good: [{ start: 0, value: 12 }],
        total: [{ start: 0, value: 10 }],
      }),
    ).toEqual([{ start: 0, good: 10, total: 10 }]);
    expect(
      ratioBuckets({
        bad: [{ start: 0, value: 12 }],
        total: [{ start: 0, value: 10 }],
      }),
    ).toEqual([{ start: 0, good: 0, total: 10 }]);
  });

  it('reads a raw ratio as one event per minute, success or failure', () => {
    expect(rawBuckets([{ start: 0, value: 0.25 }], 'failure')).toEqual([
      { start: 0, good: 0.75, total: 1 },
    ]);
    expect(rawBuckets([{ start: 0, value: 1.5 }])).toEqual([
      { start: 0, good: 1, total: 1 },
    ]);
  });

  it('reads a latency objective at the nearest bucket bound under its threshold', () => {
    const minutes = [
      {
        start: 0,
        buckets: [
          { le: 0.1, count: 40 },
          { le: 0.5, count: 90 },
          { le: Infinity, count: 100 },
        ],
      },
    ];
    expect(histogramBuckets(minutes, { op: 'lte', value: 0.5 })).toEqual({
      buckets: [{ start: 0, good: 90, total: 100 }],
      bound: 0.5,
      exact: true,
    });
    expect(histogramBuckets(minutes, { op: 'lt', value: 0.4 })).toEqual({
      buckets: [{ start: 0, good: 40, total: 100 }],
      bound: 0.1,
      exact: false,
    });
    expect(histogramBuckets(minutes, { op: 'gt', value: 0.5 })).toMatchObject({
      buckets: [{ start: 0, good: 10, total: 100 }],
    });
    expect(histogramBuckets(minutes, { op: 'lte', value: 0.05 })).toEqual({
      buckets: [],
      bound: undefined,
      exact: false,
    });
  });

  it('reads a threshold on a plain value as one event per minute', () => {
    expect(
      valueBuckets(
        [
          { start: 0, value: 0.3 },
          { start: M, value: 0.4 },
          { start: 2 * M, value: 0.41 },
        ],
        { op: 'lte', value: 0.4 },
      ),
    ).toEqual([
      { start: 0, good: 1, total: 1 },
      { start: M, good: 1, total: 1 },
      { start: 2 * M, good: 0, total: 1 },
    ]);
  });
});
