import { DateTime } from 'luxon';

/*
 * SLO periods and windows (../shared/reference/slo-math.md, "Windows"): a rolling period ends at the
 * evaluation time; a calendar period is the calendar week, month, quarter or year that contains it, in
 * the SLO's time zone, and its budget resets at the boundary.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** [from, to) in epoch milliseconds. */
export type Window = { from: number; to: number };

export type CalendarUnit = 'week' | 'month' | 'quarter' | 'year';

export type SloPeriod =
  | { kind: 'rolling'; durationMs: number }
  | { kind: 'calendar'; unit: CalendarUnit; timeZone: string };

const UNITS: Record<string, number> = {
  s: 1000,
  m: MINUTE_MS,
  h: HOUR_MS,
  d: DAY_MS,
  w: 7 * DAY_MS,
};
const CALENDAR_UNITS: Record<string, CalendarUnit> = {
  w: 'week',
  M: 'month',
  Q: 'quarter',
  Y: 'year',
};

/**
 * An OpenSLO duration ("5m", "1h", "28d", "1M") as milliseconds, for the fixed units (s, m, h, d, w).
 * Undefined when the text is not one.
 */
export function fixedDurationMs(text: string): number | undefined {
  const match = /^([1-9]\d{0,5})([smhdw])$/.exec(text);
  return match ? Number(match[1]) * UNITS[match[2]] : undefined;
}

/**
 * The period of an OpenSLO `timeWindow`: rolling for any fixed duration; calendar for one week, month,
 * quarter or year (`1w`, `1M`, `1Q`, `1Y`) in the given zone. Undefined when it is neither.
 */
export function periodOf(timeWindow: {
  duration: string;
  isRolling?: boolean;
  calendar?: { timeZone: string };
}): SloPeriod | undefined {
  if (timeWindow.calendar) {
    const match = /^1([wMQY])$/.exec(timeWindow.duration);
    if (
      !match ||
      !DateTime.local().setZone(timeWindow.calendar.timeZone).isValid
    )
      return undefined;
    return {
      kind: 'calendar',
      unit: CALENDAR_UNITS[match[1]],
      timeZone: timeWindow.calendar.timeZone,
    };
  }
  const durationMs = fixedDurationMs(timeWindow.duration);
  return durationMs === undefined ? undefined : { kind: 'rolling', durationMs };
}

/** The period's window that holds `at`: rolling [at − P, at); calendar [start of the unit, next start). */
export function periodWindow(period: SloPeriod, at: number): Window {
  if (period.kind === 'rolling')
    return { from: at - period.durationMs, to: at };
  const start = DateTime.fromMillis(at, { zone: period.timeZone }).startOf(
    period.unit,
  );
  return {
    from: start.toMillis(),
    to: start.plus({ [`${period.unit}s`]: 1 }).toMillis(),
  };
}

/**
 * P, the period's length the budget and the alert factors are scaled to: the rolling duration, or the
 * length of the calendar window holding `at` (a month of 31 days with a DST switch lasts 745 hours).
 */
export function periodLengthMs(period: SloPeriod, at: number): number {
  const w = periodWindow(period, at);
  return w.to - w.from;
}
