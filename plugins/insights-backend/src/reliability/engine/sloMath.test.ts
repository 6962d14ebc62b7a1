import fc from 'fast-check';
import {
  alertFactor,
  alertState,
  alertTimeline,
  budgetAtWindowEnd,
  burnRate,
  countsIn,
  coverage,
  errorBudget,
  histogramBound,
  SliBucket,
  timesliceSli,
  timeToExhaustionMs,
  WORKBOOK_WINDOWS,
} from './sloMath';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  periodLengthMs,
  periodOf,
  periodWindow,
} from './windows';

/* Hand-computed cases for ../shared/reference/slo-math.md. */

const T0 = Date.parse('2026-03-01T00:00:00Z');

/** Per-minute buckets of 100 events from T0 for `minutes` minutes; `bad(minute)` events fail. */
function perMinute(minutes: number, bad: (minute: number) => number) {
  const buckets: SliBucket[] = [];
  for (let m = 0; m < minutes; m++)
    buckets.push({ start: T0 + m * MINUTE_MS, good: 100 - bad(m), total: 100 });
  return buckets;
}

describe('error budget and burn rate', () => {
  it('spends half of a 99.9 % budget with 500 bad events in a million', () => {
    const budget = errorBudget(
      { good: 999_500, total: 1_000_000 },
      0.999,
      30 * DAY_MS,
    )!;
    expect(budget.consumed).toBeCloseTo(0.5, 12);
    expect(budget.remaining).toBeCloseTo(0.5, 12);
    expect(budget.allowedBadEvents).toBeCloseTo(1000, 9);
    expect(budget.badEventsLeft).toBeCloseTo(500, 9);
    // r · B · P = 0.5 × 0.001 × 43,200 minutes.
    expect(budget.outageMinutesLeft).toBeCloseTo(21.6, 9);
    expect(errorBudget({ good: 0, total: 0 }, 0.999, 30 * DAY_MS)).toBeNull();
  });

  it('burns at 14.4 when 1.44 % of events fail against 99.9 %', () => {
    expect(burnRate({ good: 9856, total: 10_000 }, 0.999)).toBeCloseTo(14.4, 9);
    expect(burnRate({ good: 0, total: 0 }, 0.999)).toBeNull();
  });

  it('runs out in r · P / br, and forecasts the end of a calendar window', () => {
    // Half the budget left, burning at 2 over a 30-day period: 0.5 × 720 h / 2 = 180 h.
    expect(timeToExhaustionMs(0.5, 30 * DAY_MS, 2)).toBe(180 * HOUR_MS);
    expect(timeToExhaustionMs(-0.1, 30 * DAY_MS, 2)).toBe(0);
    expect(timeToExhaustionMs(0.5, 30 * DAY_MS, 0)).toBeNull();
    // 10 days left at burn 1.5: 0.5 − 1.5 × 10/30 = 0.
    expect(budgetAtWindowEnd(0.5, 30 * DAY_MS, 1.5, 10 * DAY_MS)).toBeCloseTo(
      0,
      12,
    );
  });

  it('scales the Workbook factors to the period', () => {
    const factors = (days: number) =>
      WORKBOOK_WINDOWS.map(w => alertFactor(w, days * DAY_MS));
    expect(factors(30).map(f => Number(f.toFixed(4)))).toEqual([14.4, 6, 3, 1]);
    expect(factors(28).map(f => Number(f.toFixed(4)))).toEqual([
      13.44, 5.6, 2.8, 0.9333,
    ]);
  });
});

describe('multiwindow, multi-burn-rate alerts', () => {
  // Four days of 100 events a minute; a full outage for ten minutes from the start of day 4.
  const outageStart = 3 * 24 * 60;
  const buckets = perMinute(4 * 24 * 60, m =>
    m >= outageStart && m < outageStart + 10 ? 100 : 0,
  );
  const at = (minutesAfterOutageStart: number) =>
    alertState({
      buckets,
      bucketMs: MINUTE_MS,
      at: T0 + (outageStart + minutesAfterOutageStart) * MINUTE_MS,
      target: 0.999,
      periodMs: 30 * DAY_MS,
      minEvents: 100,
    });

  it('is ok before the outage and pages after its first minute', () => {
    expect(at(0).status).toBe('ok');
    // One bad minute: e(1 h) = 1/60 > 14.4 × 0.001 and e(5 m) = 1/5.
    const first = at(1);
    expect(first.status).toBe('page');
    expect(first.pairs[0]).toMatchObject({ firing: true, factor: 14.4 });
    expect(first.pairs[0].long.errorRatio).toBeCloseTo(1 / 60, 12);
    expect(first.pairs[0].short.errorRatio).toBeCloseTo(1 / 5, 12);
  });

  it('stops paging when the short windows are clean: 5 minutes after the outage for 1 h, 30 for 6 h', () => {
    expect(at(14).status).toBe('page');
    const cleared = at(15);
    // The 1-hour window still burns (10/60), the short one no longer: no page.
    expect(cleared.pairs[0].long.errorRatio).toBeCloseTo(10 / 60, 12);
    expect(cleared.pairs[0].short.errorRatio).toBe(0);
    expect(cleared.pairs[0].firing).toBe(false);
    // The 6 h / 30 m pair still pages: e(6 h) = 10/360 > 6 × 0.001 and e(30 m) = 10/30, until the 30-minute
    // window is clean at minute 40.
    expect(cleared.status).toBe('page');
    expect(at(39).pairs[1].firing).toBe(true);
    expect(at(40).pairs[1].firing).toBe(false);
    expect(at(40).status).toBe('ticket');
  });

  it('keeps the ticket while a 2-hour or 6-hour window holds the outage, then clears', () => {
    // 1 d / 2 h (factor 3): e(1 d) = 10/1440 > 0.003 until the 2-hour window is clean at minute 130.
    expect(at(129).pairs[2].firing).toBe(true);
    expect(at(130).pairs[2].firing).toBe(false);
    // 3 d / 6 h (factor 1): e(3 d) = 10/4320 > 0.001 until the 6-hour window is clean at minute 370.
    expect(at(369).status).toBe('ticket');
    expect(at(370).status).toBe('ok');
  });

  it('does not alert on too little traffic, and says no data when there is none', () => {
    const sparse = perMinute(4 * 24 * 60, () => 0).map(b =>
      b.start >= T0 + outageStart * MINUTE_MS ? { ...b, good: 0, total: 1 } : b,
    );
    // Every event of the last few minutes fails, but a 5-minute window holds 5 events.
    const state = alertState({
      buckets: sparse.filter(
        b => b.start < T0 + (outageStart + 10) * MINUTE_MS,
      ),
      bucketMs: MINUTE_MS,
      at: T0 + (outageStart + 10) * MINUTE_MS,
      target: 0.999,
      periodMs: 30 * DAY_MS,
      minEvents: 100,
    });
    expect(state.pairs[0]).toMatchObject({
      tooLittleTraffic: true,
      firing: false,
    });
    expect(state.status).not.toBe('page');
    expect(
      alertState({
        buckets: [],
        bucketMs: MINUTE_MS,
        at: T0,
        target: 0.999,
        periodMs: 30 * DAY_MS,
        minEvents: 100,
      }).status,
    ).toBe('no-data');
  });
});

describe('alert history', () => {
  const outageStart = 3 * 24 * 60;
  const buckets = perMinute(4 * 24 * 60, m =>
    m >= outageStart && m < outageStart + 10 ? 100 : 0,
  );
  const minute = (m: number) => T0 + (outageStart + m) * MINUTE_MS;

  it('records each change of state at the minute the alerts fire and clear', () => {
    const changes = alertTimeline({
      buckets,
      from: minute(-60),
      to: minute(600),
      target: 0.999,
      periodMs: 30 * DAY_MS,
      minEvents: 100,
    });
    expect(
      changes.map(c => [(c.at - minute(0)) / MINUTE_MS, c.from, c.to]),
    ).toEqual([
      [-60, null, 'ok'],
      [1, 'ok', 'page'],
      [40, 'page', 'ticket'],
      [370, 'ticket', 'ok'],
    ]);
    // Each change carries its windows' values.
    expect(changes[1].pairs[0].long.errorRatio).toBeCloseTo(1 / 60, 12);
  });

  it('agrees with the alert state judged alone, at every minute (random data)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            minute: fc.integer({ min: 0, max: 5 * 24 * 60 - 1 }),
            good: fc.integer({ min: 0, max: 50 }),
            bad: fc.integer({ min: 0, max: 5 }),
          }),
          { maxLength: 400 },
        ),
        fc.integer({ min: 0, max: 200 }),
        (rows, minEvents) => {
          const byMinute = new Map<number, SliBucket>();
          for (const r of rows)
            byMinute.set(r.minute, {
              start: T0 + r.minute * MINUTE_MS,
              good: r.good,
              total: r.good + r.bad,
            });
          const data = [...byMinute.values()].sort((a, b) => a.start - b.start);
          const from = T0 + 3 * DAY_MS;
          const to = from + 6 * HOUR_MS;
          const options = { target: 0.99, periodMs: 7 * DAY_MS, minEvents };
          const changes = alertTimeline({
            buckets: data,
            from,
            to,
            ...options,
          });
          let status = changes[0].to;
          for (let at = from, i = 0; at <= to; at += MINUTE_MS) {
            if (i < changes.length && changes[i].at === at)
              status = changes[i++].to;
            expect(status).toBe(
              alertState({ buckets: data, bucketMs: MINUTE_MS, at, ...options })
                .status,
            );
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('missing data', () => {
  it('counts a gap neither as good nor as bad, and reports coverage', () => {
    // Two hours of buckets with the second half hour missing.
    const buckets = perMinute(120, m => (m === 0 ? 10 : 0)).filter(
      b => b.start < T0 + 30 * MINUTE_MS || b.start >= T0 + 60 * MINUTE_MS,
    );
    const counts = countsIn(
      buckets,
      { from: T0, to: T0 + 2 * HOUR_MS },
      MINUTE_MS,
    );
    expect(counts).toEqual({
      good: 8990,
      total: 9000,
      buckets: 120,
      bucketsWithData: 90,
    });
    expect(coverage(counts)).toBe(0.75);
  });
});

describe('time slices', () => {
  it('counts good slices, or averages their ratios', () => {
    // Ten one-minute slices; slice 3 has 5 % errors, slice 7 has no data.
    const buckets = perMinute(10, m => (m === 3 ? 5 : 0)).filter(
      b => b.start !== T0 + 7 * MINUTE_MS,
    );
    const window = { from: T0, to: T0 + 10 * MINUTE_MS };
    expect(
      timesliceSli(buckets, window, MINUTE_MS, 0.99, 'Timeslices'),
    ).toEqual({ sli: 8 / 9, slices: 10, slicesWithData: 9, goodSlices: 8 });
    expect(
      timesliceSli(buckets, window, MINUTE_MS, 0.99, 'RatioTimeslices').sli,
    ).toBeCloseTo((8 + 0.95) / 9, 12);
  });
});

describe('periods', () => {
  it('reads rolling and calendar windows from OpenSLO time windows', () => {
    expect(periodOf({ duration: '28d', isRolling: true })).toEqual({
      kind: 'rolling',
      durationMs: 28 * DAY_MS,
    });
    expect(
      periodOf({ duration: '1M', calendar: { timeZone: 'Europe/Berlin' } }),
    ).toEqual({ kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' });
    expect(periodOf({ duration: '2M', calendar: { timeZone: 'UTC' } })).toBe(
      undefined,
    );
    expect(
      periodOf({ duration: '1M', calendar: { timeZone: 'Mars/Olympus' } }),
    ).toBe(undefined);
    expect(periodOf({ duration: '30x' })).toBe(undefined);
  });

  it('starts a calendar month at local midnight and counts its real length across a DST switch', () => {
    const month = periodOf({
      duration: '1M',
      calendar: { timeZone: 'Europe/Berlin' },
    })!;
    const october = Date.parse('2026-10-15T12:00:00Z');
    expect(periodWindow(month, october)).toEqual({
      from: Date.parse('2026-09-30T22:00:00Z'),
      to: Date.parse('2026-10-31T23:00:00Z'),
    });
    // 31 days and the hour the clocks went back.
    expect(periodLengthMs(month, october)).toBe(745 * HOUR_MS);
    const quarter = periodOf({
      duration: '1Q',
      calendar: { timeZone: 'UTC' },
    })!;
    expect(periodWindow(quarter, october)).toEqual({
      from: Date.parse('2026-10-01T00:00:00Z'),
      to: Date.parse('2027-01-01T00:00:00Z'),
    });
    const rolling = periodOf({ duration: '7d', isRolling: true })!;
    expect(periodWindow(rolling, october)).toEqual({
      from: october - 7 * DAY_MS,
      to: october,
    });
  });
});

describe('latency thresholds from histograms', () => {
  it('reads the threshold’s bucket, or the nearest bound below it', () => {
    const bounds = [0.1, 0.25, 0.5, 1, 2.5];
    expect(histogramBound(bounds, 0.5)).toEqual({ bound: 0.5, exact: true });
    expect(histogramBound(bounds, 0.4)).toEqual({ bound: 0.25, exact: false });
    expect(histogramBound(bounds, 0.05)).toBeUndefined();
  });
});
