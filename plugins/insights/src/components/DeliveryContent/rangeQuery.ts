import { Bucket } from '@cairn/plugin-insights-common';

export type RangePreset = '30d' | '90d' | '180d' | '365d' | 'custom';

/** What the delivery views are showing: environment, range, time zone and bucket size. */
export type DeliveryQuery = {
  environment: string;
  preset: RangePreset;
  /** Custom range, local dates (YYYY-MM-DD), both inclusive. */
  fromDate?: string;
  toDate?: string;
  /** IANA zone; undefined means the backend's configured default. */
  timezone?: string;
  bucket: Bucket;
};

export const PRESETS: Array<{
  value: RangePreset;
  label: string;
  days?: number;
}> = [
  { value: '30d', label: 'Last 30 days', days: 30 },
  { value: '90d', label: 'Last 90 days', days: 90 },
  { value: '180d', label: 'Last 6 months', days: 180 },
  { value: '365d', label: 'Last 12 months', days: 365 },
  { value: 'custom', label: 'Custom range' },
];

export const DEFAULT_QUERY: DeliveryQuery = {
  environment: 'production',
  preset: '90d',
  bucket: 'week',
};

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a date in the browser's calendar. */
export function toDateString(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}`;
}

/**
 * The API's half-open range [from, to) for a query. Presets start at local midnight N days ago and end
 * now; a custom range includes its last day, so `to` is the day after it. Dates are read by the
 * backend in the query's time zone.
 */
export function rangeOf(
  query: DeliveryQuery,
  now: Date = new Date(),
): { from?: string; to?: string } {
  if (query.preset === 'custom') {
    const to = query.toDate
      ? toDateString(new Date(Date.parse(`${query.toDate}T12:00:00Z`) + DAY_MS))
      : undefined;
    return { from: query.fromDate, to };
  }
  const days = PRESETS.find(p => p.value === query.preset)?.days ?? 30;
  return { from: toDateString(new Date(now.getTime() - days * DAY_MS)) };
}

/** Every IANA zone the browser knows, or a short list where it cannot tell. */
export function timeZones(): string[] {
  const intl = Intl as unknown as {
    supportedValuesOf?: (key: string) => string[];
  };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.length > 0 ? zones : ['UTC', 'Europe/London', 'Europe/Berlin'];
}

/** The browser's own zone, offered first. */
export function browserTimeZone(): string | undefined {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}
