import { DAY_MS, HOUR_MS, MINUTE_MS, Window } from './windows';

/*
 * The SLO math of ../shared/reference/slo-math.md, as pure functions over SLI buckets. T is the
 * objective's target (0.999 for 99.9 %), P the period's length, B = 1 − T the error-budget fraction.
 * This is the oracle the reliability store's SQL is tested against.
 */

/** Good and total events of one bucket of SLI data starting at `start` (one bucket width long). */
export type SliBucket = { start: number; good: number; total: number };

export type WindowCounts = {
  good: number;
  total: number;
  /** Buckets the window holds, and those with data: missing data is not good data ("Data that is not there"). */
  buckets: number;
  bucketsWithData: number;
};

/** Share of the window's buckets that have data (0 to 1). */
export const coverage = (c: WindowCounts) =>
  c.buckets === 0 ? 0 : c.bucketsWithData / c.buckets;

/**
 * Good and total over [from, to) from buckets sorted by start: a bucket counts when it starts in the
 * window. Buckets without data count neither as good nor as bad.
 */
export function countsIn(
  buckets: SliBucket[],
  window: Window,
  bucketMs: number,
): WindowCounts {
  let good = 0;
  let total = 0;
  let bucketsWithData = 0;
  // Binary search for the first bucket in the window: alert windows are evaluated many times a period.
  let lo = 0;
  let hi = buckets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (buckets[mid].start < window.from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < buckets.length && buckets[i].start < window.to; i++) {
    good += buckets[i].good;
    total += buckets[i].total;
    bucketsWithData++;
  }
  return {
    good,
    total,
    buckets: Math.ceil((window.to - window.from) / bucketMs),
    bucketsWithData,
  };
}

/** e(W) = bad(W) / total(W); null without events. */
export const errorRatio = (c: { good: number; total: number }) =>
  c.total === 0 ? null : (c.total - c.good) / c.total;

/** br(W) = e(W) / B: 1 spends exactly the whole budget over the period. */
export function burnRate(
  c: { good: number; total: number },
  target: number,
): number | null {
  const e = errorRatio(c);
  return e === null ? null : e / (1 - target);
}

export type ErrorBudget = {
  /** c = e(P) / B, the share of the budget spent (above 1 when overspent). */
  consumed: number;
  /** r = 1 − c (negative when overspent). */
  remaining: number;
  /** B · total(P): bad events the period allows at its traffic so far. */
  allowedBadEvents: number;
  /** Allowed minus bad events so far (negative when overspent). */
  badEventsLeft: number;
  /** r · B · P in minutes: how long a full outage (every event bad) would take to spend the rest. */
  outageMinutesLeft: number;
};

/** The error budget over the period's counts; null without events. */
export function errorBudget(
  period: { good: number; total: number },
  target: number,
  periodMs: number,
): ErrorBudget | null {
  const e = errorRatio(period);
  if (e === null) return null;
  const b = 1 - target;
  const consumed = e / b;
  const remaining = 1 - consumed;
  return {
    consumed,
    remaining,
    allowedBadEvents: b * period.total,
    badEventsLeft: b * period.total - (period.total - period.good),
    outageMinutesLeft: (remaining * b * periodMs) / MINUTE_MS,
  };
}

/**
 * Time to budget exhaustion at the current burn rate: r · P / br (0 when already spent; null when
 * nothing burns).
 */
export function timeToExhaustionMs(
  remaining: number,
  periodMs: number,
  currentBurnRate: number | null,
): number | null {
  if (remaining <= 0) return 0;
  if (currentBurnRate === null || currentBurnRate <= 0) return null;
  return (remaining * periodMs) / currentBurnRate;
}

/**
 * The budget left at the end of a calendar window if the current burn rate holds until then:
 * r − br · (time left / P).
 */
export function budgetAtWindowEnd(
  remaining: number,
  periodMs: number,
  currentBurnRate: number | null,
  timeLeftMs: number,
): number {
  return remaining - (currentBurnRate ?? 0) * (timeLeftMs / periodMs);
}

export type AlertSeverity = 'page' | 'ticket';

/** A long and a short window and the share of the budget that, spent within the long one, alerts. */
export type AlertWindowPair = {
  severity: AlertSeverity;
  budgetFraction: number;
  longMs: number;
  shortMs: number;
};

/** The SRE Workbook's windows ("The Workbook's windows"), for a 30-day period. */
export const WORKBOOK_WINDOWS: AlertWindowPair[] = [
  {
    severity: 'page',
    budgetFraction: 0.02,
    longMs: HOUR_MS,
    shortMs: 5 * MINUTE_MS,
  },
  {
    severity: 'page',
    budgetFraction: 0.05,
    longMs: 6 * HOUR_MS,
    shortMs: 30 * MINUTE_MS,
  },
  {
    severity: 'ticket',
    budgetFraction: 0.1,
    longMs: DAY_MS,
    shortMs: 2 * HOUR_MS,
  },
  {
    severity: 'ticket',
    budgetFraction: 0.1,
    longMs: 3 * DAY_MS,
    shortMs: 6 * HOUR_MS,
  },
];

/** The longest window of the Workbook's pairs (3 days): how much history an alert state reads. */
export const LONGEST_ALERT_WINDOW_MS = Math.max(
  ...WORKBOOK_WINDOWS.map(w => w.longMs),
);

/** factor = f · P / L: f, L and S are kept for any period, the factor is recomputed (14.4 for 30 days). */
export const alertFactor = (pair: AlertWindowPair, periodMs: number) =>
  (pair.budgetFraction * periodMs) / pair.longMs;

export type WindowValues = {
  window: Window;
  errorRatio: number | null;
  burnRate: number | null;
  events: number;
  coverage: number;
};

export type AlertPairState = AlertWindowPair & {
  factor: number;
  long: WindowValues;
  short: WindowValues;
  /** e(L) > factor · B and e(S) > factor · B, both windows with enough traffic. */
  firing: boolean;
  /** A window of the pair has fewer events than the minimum: it is not alerted on. */
  tooLittleTraffic: boolean;
};

export type AlertStatus =
  | 'page'
  | 'ticket'
  | 'ok'
  | 'too-little-traffic'
  | 'no-data';

/**
 * The multiwindow, multi-burn-rate alert state at `at` ("Terms"): each pair fires when both its windows
 * burn faster than its factor; a window with fewer than `minEvents` events is "too little traffic" and
 * cannot fire ("Data that is not there"). The status is the most severe firing pair; otherwise no data
 * when no window has an event, too little traffic when no pair could be judged, and ok.
 */
export function alertState(options: {
  buckets: SliBucket[];
  bucketMs: number;
  at: number;
  target: number;
  periodMs: number;
  minEvents: number;
  windows?: AlertWindowPair[];
}): { status: AlertStatus; pairs: AlertPairState[] } {
  return judgeAlert(
    window => countsIn(options.buckets, window, options.bucketMs),
    options,
  );
}

/**
 * The alert state at `at` from any way of counting a window's events: the buckets (alertState),
 * running sums (alertTimeline) or the store's SQL (the status route).
 */
export function judgeAlert(
  countsOf: (window: Window) => WindowCounts,
  options: {
    at: number;
    target: number;
    periodMs: number;
    minEvents: number;
    windows?: AlertWindowPair[];
  },
): { status: AlertStatus; pairs: AlertPairState[] } {
  const b = 1 - options.target;
  const values = (lengthMs: number): WindowValues => {
    const window = { from: options.at - lengthMs, to: options.at };
    const counts = countsOf(window);
    return {
      window,
      errorRatio: errorRatio(counts),
      burnRate: burnRate(counts, options.target),
      events: counts.total,
      coverage: coverage(counts),
    };
  };
  const pairs = (options.windows ?? WORKBOOK_WINDOWS).map(pair => {
    const factor = alertFactor(pair, options.periodMs);
    const long = values(pair.longMs);
    const short = values(pair.shortMs);
    const tooLittleTraffic =
      long.events < options.minEvents || short.events < options.minEvents;
    const over = (v: WindowValues) =>
      v.errorRatio !== null && v.errorRatio > factor * b;
    return {
      ...pair,
      factor,
      long,
      short,
      tooLittleTraffic,
      firing: !tooLittleTraffic && over(long) && over(short),
    };
  });
  let status: AlertStatus;
  if (pairs.some(p => p.firing && p.severity === 'page')) status = 'page';
  else if (pairs.some(p => p.firing)) status = 'ticket';
  else if (pairs.every(p => p.long.events === 0)) status = 'no-data';
  else if (pairs.every(p => p.tooLittleTraffic)) status = 'too-little-traffic';
  else status = 'ok';
  return { status, pairs };
}

/**
 * Counts of any minute-aligned window in constant time: running sums over the minutes of
 * [from, to), so a state can be judged at every minute of a period (the alert history).
 */
export class MinuteSums {
  private readonly good: Float64Array;
  private readonly total: Float64Array;
  private readonly withData: Int32Array;

  private readonly from: number;
  private readonly to: number;

  /** Over the minutes of [from, to), both rounded down to a minute. */
  constructor(buckets: SliBucket[], rangeFrom: number, rangeTo: number) {
    const from = Math.floor(rangeFrom / MINUTE_MS) * MINUTE_MS;
    this.from = from;
    this.to = Math.floor(rangeTo / MINUTE_MS) * MINUTE_MS;
    const n = Math.max(0, Math.ceil((this.to - from) / MINUTE_MS));
    this.good = new Float64Array(n + 1);
    this.total = new Float64Array(n + 1);
    this.withData = new Int32Array(n + 1);
    const good = new Float64Array(n);
    const total = new Float64Array(n);
    const has = new Int32Array(n);
    for (const bucket of buckets) {
      const i = Math.floor((bucket.start - from) / MINUTE_MS);
      if (i < 0 || i >= n) continue;
      good[i] += bucket.good;
      total[i] += bucket.total;
      has[i] = 1;
    }
    for (let i = 0; i < n; i++) {
      this.good[i + 1] = this.good[i] + good[i];
      this.total[i + 1] = this.total[i] + total[i];
      this.withData[i + 1] = this.withData[i] + has[i];
    }
  }

  private index(t: number) {
    const clamped = Math.min(Math.max(t, this.from), this.to);
    return Math.ceil((clamped - this.from) / MINUTE_MS);
  }

  countsIn(window: Window): WindowCounts {
    const a = this.index(window.from);
    const z = this.index(window.to);
    return {
      good: this.good[z] - this.good[a],
      total: this.total[z] - this.total[a],
      buckets: Math.ceil((window.to - window.from) / MINUTE_MS),
      bucketsWithData: this.withData[z] - this.withData[a],
    };
  }
}

export type AlertChange = {
  at: number;
  from: AlertStatus | null;
  to: AlertStatus;
  pairs: AlertPairState[];
};

/**
 * Every change of the alert state in (from, to], judged at each minute as alertState judges one
 * moment (minute buckets; the first entry is the state at `from`). Minutes before `from` that the
 * longest window reaches must be among the buckets.
 */
export function alertTimeline(options: {
  buckets: SliBucket[];
  from: number;
  to: number;
  target: number;
  periodMs: number;
  minEvents: number;
  windows?: AlertWindowPair[];
}): AlertChange[] {
  const windows = options.windows ?? WORKBOOK_WINDOWS;
  const longest = Math.max(...windows.map(w => w.longMs));
  const sums = new MinuteSums(
    options.buckets,
    options.from - longest,
    options.to,
  );
  const changes: AlertChange[] = [];
  let previous: AlertStatus | null = null;
  for (let at = options.from; at <= options.to; at += MINUTE_MS) {
    const state = judgeAlert(w => sums.countsIn(w), {
      ...options,
      at,
      windows,
    });
    if (state.status !== previous) {
      changes.push({
        at,
        from: previous,
        to: state.status,
        pairs: state.pairs,
      });
      previous = state.status;
    }
  }
  return changes;
}

/**
 * The SLI by time slices ("Budgeting methods"): the window is cut into slices of `sliceMs` from its
 * start; a slice with data is good when its ratio is at least `sliceTarget`. Timeslices gives good
 * slices / slices with data; RatioTimeslices the mean of the slices' ratios. Null without data.
 */
export function timesliceSli(
  buckets: SliBucket[],
  window: Window,
  sliceMs: number,
  sliceTarget: number,
  method: 'Timeslices' | 'RatioTimeslices',
): {
  sli: number | null;
  slices: number;
  slicesWithData: number;
  goodSlices: number;
} {
  const slices = Math.ceil((window.to - window.from) / sliceMs);
  const sums = new Map<number, { good: number; total: number }>();
  for (const bucket of buckets) {
    if (bucket.start < window.from || bucket.start >= window.to) continue;
    const slice = Math.floor((bucket.start - window.from) / sliceMs);
    const sum = sums.get(slice) ?? { good: 0, total: 0 };
    sum.good += bucket.good;
    sum.total += bucket.total;
    sums.set(slice, sum);
  }
  const ratios = [...sums.values()]
    .filter(s => s.total > 0)
    .map(s => s.good / s.total);
  const goodSlices = ratios.filter(r => r >= sliceTarget).length;
  let sli: number | null = null;
  if (ratios.length > 0) {
    sli =
      method === 'Timeslices'
        ? goodSlices / ratios.length
        : ratios.reduce((a, r) => a + r, 0) / ratios.length;
  }
  return { sli, slices, slicesWithData: ratios.length, goodSlices };
}

/**
 * The histogram bound a latency threshold reads ("Latency SLOs from histograms"): the threshold itself
 * when it is a bound, else the nearest bound below it (shown, so owners see the rounding). Undefined
 * when every bound is above the threshold.
 */
export function histogramBound(
  bounds: number[],
  threshold: number,
): { bound: number; exact: boolean } | undefined {
  const below = bounds.filter(b => b <= threshold);
  if (below.length === 0) return undefined;
  const bound = Math.max(...below);
  return { bound, exact: bound === threshold };
}
