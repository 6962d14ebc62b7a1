import { IngestionHealthQuery } from '@cairn/plugin-insights-common';

export type HealthRange = '24h' | '7d' | '30d';

const HOUR_MS = 3_600_000;

/**
 * The ranges the ingestion health page offers. A day is cut into hours to see a pipeline that stopped
 * this morning; a week or a month into (UTC) days, which the backend keeps within its bucket limit.
 */
export const HEALTH_RANGES: Array<{
  value: HealthRange;
  label: string;
  hours: number;
  bucket: 'hour' | 'day';
}> = [
  { value: '24h', label: 'Last 24 hours', hours: 24, bucket: 'hour' },
  { value: '7d', label: 'Last 7 days', hours: 7 * 24, bucket: 'day' },
  { value: '30d', label: 'Last 30 days', hours: 30 * 24, bucket: 'day' },
];

export const DEFAULT_HEALTH_RANGE: HealthRange = '24h';

/** The API query for a range ending at `now` (ms). */
export function healthQueryOf(
  range: HealthRange,
  now: number,
): Required<IngestionHealthQuery> {
  const spec = HEALTH_RANGES.find(r => r.value === range) ?? HEALTH_RANGES[0];
  return {
    from: new Date(now - spec.hours * HOUR_MS).toISOString(),
    to: new Date(now).toISOString(),
    bucket: spec.bucket,
  };
}
