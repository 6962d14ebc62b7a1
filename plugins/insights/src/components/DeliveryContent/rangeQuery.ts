import { Bucket } from '@cairn/plugin-insights-common';
import { DateTime } from 'luxon';
import { useState } from 'react';

/** The backend's default range, in days (the DORA card's). */
const DEFAULT_RANGE_DAYS = 30;

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

/** The card's range: the last 30 days, so the tabs open on the numbers the overview shows. */
export const DEFAULT_QUERY: DeliveryQuery = {
  environment: 'production',
  preset: '30d',
  bucket: 'week',
};

/** The request's range and what the date fields show: [from, to), both ends as local dates. */
export type QueryRange = {
  from?: string;
  to?: string;
  /** The first and last local day the range touches (YYYY-MM-DD), for the From and To fields. */
  firstDay: string;
  lastDay: string;
};

/**
 * The API's half-open range [from, to) for a query, read in `zone` (the query's, else the portal's
 * default once known, else the browser's).
 *
 * "Last N days" means the same everywhere: from this moment N days ago (wall-clock, so a day across a
 * daylight-saving change is still a day) to now. The last 30 days are the backend's default range, so
 * the query sends no range at all and the numbers are the DORA card's. Longer presets are counted from
 * `now`, which the view fixes when it opens, so re-renders ask for the same range. A custom range runs
 * from the start of its first day to the end of its last, both inclusive.
 */
export function rangeOf(
  query: DeliveryQuery,
  now: number = Date.now(),
  zone: string | undefined = query.timezone,
): QueryRange {
  const at = (ms: number) =>
    zone ? DateTime.fromMillis(ms, { zone }) : DateTime.fromMillis(ms);
  const end = at(now);
  if (query.preset === 'custom') {
    const to = query.toDate
      ? DateTime.fromISO(query.toDate).plus({ days: 1 }).toISODate()!
      : undefined;
    return {
      from: query.fromDate,
      to,
      firstDay: query.fromDate ?? '',
      lastDay: query.toDate ?? end.toISODate()!,
    };
  }
  const days = PRESETS.find(p => p.value === query.preset)?.days ?? 30;
  const start = end.minus({ days });
  return {
    from: days === DEFAULT_RANGE_DAYS ? undefined : start.toISO()!,
    firstDay: start.toISODate()!,
    lastDay: end.toISODate()!,
  };
}

/** Every IANA zone the browser knows, or a short list where it cannot tell. */
export function timeZones(): string[] {
  const intl = Intl as unknown as {
    supportedValuesOf?: (key: string) => string[];
  };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.length > 0 ? zones : ['UTC', 'Europe/London', 'Europe/Berlin'];
}

/**
 * A delivery view's query and its range. `now` is fixed when the view opens. The portal's default
 * zone is learnt from an answer (`reportZone` with the answer's zone), so that presets count days on
 * that zone's clock.
 */
export function useDeliveryQuery() {
  const [query, setQuery] = useState<DeliveryQuery>(DEFAULT_QUERY);
  const [now] = useState(() => Date.now());
  const [portalZone, setPortalZone] = useState<string>();
  const range = rangeOf(query, now, query.timezone ?? portalZone);
  const reportZone = (zone: string | undefined) => {
    if (!query.timezone && zone && zone !== portalZone) setPortalZone(zone);
  };
  return { query, setQuery, range, reportZone };
}
