/* Numbers and times for humans. Costs are US dollars a month, as the intent engine reports them. */

/** "$1,234.50"; whole dollars from $10,000 up, where cents are noise. */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const digits = Math.abs(value) >= 10_000 ? 0 : 2;
  return `$${value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })}`;
}

/** A monthly range: "$120.00–$180.00 / month", or one value when low and high agree. */
export function formatMonthlyRange(low: number, high: number): string {
  if (Math.abs(high - low) < 0.005) return `${formatUsd(high)} / month`;
  return `${formatUsd(low)}–${formatUsd(high)} / month`;
}

/**
 * "1,024" with thousands separators. Fractions keep what matters: two decimals (99.95, 0.25), up to
 * three below one (0.125), none from 1,000 up, so an availability of 99.9 never reads as 100.
 */
export function formatNumber(value: number): string {
  let digits = 0;
  if (!Number.isInteger(value)) {
    const abs = Math.abs(value);
    if (abs < 1) digits = 3;
    else if (abs < 1000) digits = 2;
  }
  return value.toLocaleString('en-US', {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  });
}

/** A plan number as shown in the sizing table: ports and other identifiers without separators. */
export function formatPlanValue(path: string, value: number): string {
  return /\.port$/i.test(path) ? String(value) : formatNumber(value);
}

/** "1.2 KB", "3 B". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * "22 Nov 2026, 16:30 CET": a date and time in the portal's zone (`useTimeZone`), always with the
 * zone's name, so that every reader knows which clock it is; UTC when no zone is given.
 */
export function formatTime(
  iso: string | undefined,
  timeZone: string = 'UTC',
): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(d);
}

/** "in 3 h", "in 2 d", "5 min ago": how far a time is from `now`. */
export function formatRelative(iso: string, now: Date): string {
  const ms = new Date(iso).getTime() - now.getTime();
  const abs = Math.abs(ms);
  const minutes = Math.round(abs / 60_000);
  let text: string;
  if (minutes < 60) text = `${minutes} min`;
  else if (minutes < 48 * 60) text = `${Math.round(minutes / 60)} h`;
  else text = `${Math.round(minutes / 60 / 24)} d`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}
