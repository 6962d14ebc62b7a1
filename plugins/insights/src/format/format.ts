/*
 * Numbers for humans. Durations are seconds, rates are 0..1, frequencies are per day (as the
 * insights API reports them).
 */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One decimal below ten, whole numbers above: 3.2 h, 14 h. */
function compact(value: number): string {
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** "45 s", "45 min", "3.2 h", "4 d". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) {
    return '–';
  }
  const s = Math.max(0, seconds);
  if (s < MINUTE) return `${Math.round(s)} s`;
  if (s < HOUR) return `${Math.round(s / MINUTE)} min`;
  // Below two days hours read better than "1.4 d".
  if (s < 2 * DAY) return `${compact(s / HOUR)} h`;
  return `${compact(s / DAY)} d`;
}

/**
 * One duration unit for an axis, chosen by the largest value (minutes below an hour, hours below two
 * days, else days), so that ticks never mix "36 h" with "2 d".
 */
export function durationAxis(
  values: Array<number | null | undefined>,
): (seconds: number | null) => string {
  const max = Math.max(
    0,
    ...values.filter((v): v is number => typeof v === 'number'),
  );
  let unit = { size: DAY, name: 'd' };
  if (max < HOUR) unit = { size: MINUTE, name: 'min' };
  else if (max < 2 * DAY) unit = { size: HOUR, name: 'h' };
  return seconds =>
    seconds === null || Number.isNaN(seconds)
      ? '–'
      : `${compact(seconds / unit.size)} ${unit.name}`;
}

/** "12%", "0.4%" below one percent, "0%" for none. */
export function formatRate(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '–';
  const percent = ratio * 100;
  if (percent > 0 && percent < 1) return `${percent.toFixed(1)}%`;
  return `${Math.round(percent)}%`;
}

/**
 * Deployment frequency, always per week, in every view (card, tab, team table, chart): "31/week" for
 * a component deploying four times a day, "0.9/week", "0.05/week" for a rare one. One unit per metric
 * keeps a value the same wherever it shows; a week is also the unit of DORA's tiers.
 */
export function formatFrequency(perDay: number | null | undefined): string {
  if (perDay === null || perDay === undefined || Number.isNaN(perDay)) {
    return '–';
  }
  const perWeek = perDay * 7;
  if (perWeek > 0 && perWeek < 0.1) {
    return `${Number(perWeek.toPrecision(1))}/week`;
  }
  return `${compact(perWeek)}/week`;
}

/** A relative change as "+12%" or "−8%" (a real minus sign). */
export function formatChange(change: number): string {
  const percent = Math.round(Math.abs(change) * 100);
  if (percent === 0) return '0%';
  return `${change > 0 ? '+' : '−'}${percent}%`;
}

/** A count with its noun: "1 deployment", "3 deployments". */
export function plural(count: number, noun: string, nouns = `${noun}s`) {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** Day, month name, year and 24-hour time in a zone, with the zone's short name when asked. */
function dateTime(timeZone: string | undefined, zoneName: boolean) {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    ...(zoneName ? { timeZoneName: 'short' as const } : {}),
  });
}

/**
 * A timestamp as a date and time with its zone, e.g. "12 Nov 2026, 15:55 CET": in the given zone, else
 * the browser's; pages pass the portal's (`useTimeZone`). Always named, so that nobody reads it in
 * another zone.
 */
export function formatDateTime(iso: string | undefined, timeZone?: string) {
  if (!iso) return '–';
  return dateTime(timeZone, true).format(new Date(iso));
}

/**
 * How long ago a timestamp was, from `now` (ms): "just now", "12 min ago", "5 h ago", "3 d ago". A
 * time ahead of `now` (a clock running ahead) reads "just now", never a negative age.
 */
export function formatRelativeTime(iso: string, now: number): string {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (seconds < MINUTE) return 'just now';
  if (seconds < HOUR) return `${Math.floor(seconds / MINUTE)} min ago`;
  // Below two days hours read better than "1 d ago".
  if (seconds < 2 * DAY) return `${Math.floor(seconds / HOUR)} h ago`;
  return `${Math.floor(seconds / DAY)} d ago`;
}

/**
 * A bucket's start as a chart label: "12 Nov, 14:00" for hours, "12 Nov" for days and weeks,
 * "Nov 2026" for months, "Q4 2026".
 */
export function formatBucketLabel(
  iso: string,
  bucket: 'hour' | 'day' | 'week' | 'month' | 'quarter',
  timeZone?: string,
) {
  const date = new Date(iso);
  if (bucket === 'hour') {
    return new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(date);
  }
  if (bucket === 'quarter') {
    const parts = new Intl.DateTimeFormat('en-GB', {
      month: 'numeric',
      year: 'numeric',
      timeZone,
    }).formatToParts(date);
    const month = Number(parts.find(p => p.type === 'month')?.value ?? 1);
    const year = parts.find(p => p.type === 'year')?.value;
    return `Q${Math.floor((month - 1) / 3) + 1} ${year}`;
  }
  if (bucket === 'month') {
    return new Intl.DateTimeFormat('en-GB', {
      month: 'short',
      year: 'numeric',
      timeZone,
    }).format(date);
  }
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone,
  }).format(date);
}

/** A range as both ends' dates and times with its zone: "23 Oct 2026, 14:30 – 22 Nov 2026, 14:30 (Europe/Berlin)". */
export function formatRange(from: string, to: string, timeZone: string) {
  const format = dateTime(timeZone, false);
  return `${format.format(new Date(from))} – ${format.format(
    new Date(to),
  )} (${timeZone})`;
}
