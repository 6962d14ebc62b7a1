import { DateTime, IANAZone } from 'luxon';
import { Bucket } from '@cairn/plugin-insights-common';

const DAY_MS = 86_400_000;

/** A stretch of time with one UTC offset: [start, end). */
export type OffsetSegment = { start: number; end: number; offsetMs: number };

// Zone rules do not change while the process runs: answers computed from them are kept (bounded),
// since asking the platform's Intl for them costs about a millisecond a request.
const MEMO_LIMIT = 500;
export function remember<T>(
  memo: Map<string, T>,
  key: string,
  make: () => T,
): T {
  const known = memo.get(key);
  if (known !== undefined) return known;
  const value = make();
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(key, value);
  return value;
}
const validZones = new Map<string, boolean>();
const segmentMemo = new Map<string, OffsetSegment[]>();

export function isValidTimeZone(zone: string): boolean {
  return remember(validZones, zone, () => IANAZone.isValidZone(zone));
}

/**
 * The UTC offsets a time zone uses over [from, to), as segments split at its transitions (DST).
 * With these, "the local date of t" is floor((t + offset) / day), which SQL can compute on both
 * SQLite and PostgreSQL without time zone support in the database.
 */
export function offsetSegments(
  from: number,
  to: number,
  zone: string,
): OffsetSegment[] {
  // Copies: callers may keep or change what they get.
  return remember(segmentMemo, `${zone} ${from} ${to}`, () =>
    computeOffsetSegments(from, to, zone),
  ).map(s => ({ ...s }));
}

function computeOffsetSegments(
  from: number,
  to: number,
  zone: string,
): OffsetSegment[] {
  const tz = IANAZone.create(zone);
  const offsetAt = (t: number) => tz.offset(t) * 60_000;
  const segments: OffsetSegment[] = [];
  let start = from;
  let offset = offsetAt(from);
  // Offsets change at most a few times a year, never twice within a day: sample daily, then find
  // the exact instant of each change by bisection.
  for (let probe = from + DAY_MS; ; probe += DAY_MS) {
    const end = Math.min(probe, to);
    const next = offsetAt(end);
    if (next !== offset && end > start) {
      let lo = Math.max(start, end - DAY_MS);
      let hi = end;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid) === offset) lo = mid;
        else hi = mid;
      }
      segments.push({ start, end: hi, offsetMs: offset });
      start = hi;
      offset = next;
    }
    if (end >= to) break;
  }
  segments.push({ start, end: to, offsetMs: offset });
  return segments;
}

/** The local date of an instant, as a day number, using segments that cover it. */
export function localDay(t: number, segments: OffsetSegment[]): number {
  const segment =
    segments.find(s => t < s.end) ?? segments[segments.length - 1];
  return Math.floor((t + segment.offsetMs) / DAY_MS);
}

/**
 * Consecutive buckets covering [from, to) in a time zone: local days, ISO weeks (Monday first),
 * months or quarters. The first and last bucket are clipped to the range; every bucket is returned,
 * so series are zero-filled.
 */
export function bucketBoundaries(
  from: number,
  to: number,
  zone: string,
  bucket: Bucket,
): Array<{ start: number; end: number }> {
  const buckets: Array<{ start: number; end: number }> = [];
  let cursor = DateTime.fromMillis(from, { zone }).startOf(bucket);
  while (cursor.toMillis() < to) {
    const next = cursor.plus({ [`${bucket}s`]: 1 });
    buckets.push({
      start: Math.max(cursor.toMillis(), from),
      end: Math.min(next.toMillis(), to),
    });
    cursor = next;
  }
  return buckets;
}
