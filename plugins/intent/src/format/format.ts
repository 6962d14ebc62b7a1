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

/** "1,024" with thousands separators; one decimal below ten when fractional. */
export function formatNumber(value: number): string {
  const digits = Math.abs(value) < 10 && !Number.isInteger(value) ? 1 : 0;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  });
}

/** "1.2 KB", "3 B". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "22 Nov 2026, 15:30 UTC": one fixed form, so that every reader sees the same time. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${
    months[d.getUTCMonth()]
  } ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )} UTC`;
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
