import { Knex } from 'knex';
import { chunk, insertBatchRows, toNumber } from '../../shared/sql';

/*
 * Change-fact digests: per component, environment and UTC day, the sorted lead time and stage seconds
 * of the changes deployed that day. A summary over 90 days reads 90 small rows instead of every change
 * fact, and still gets exact percentiles: the values are all there, only pre-sorted and packed.
 * Rebuilt from the change facts whenever facts of a day change, inside the same transaction.
 */

export const DAY_MS = 86_400_000;

export const DIGEST_SERIES = [
  'lead',
  'coding',
  'pickup',
  'review',
  'deploy',
  'build',
  'release',
] as const;
export type DigestSeries = (typeof DIGEST_SERIES)[number];

export const emptySeries = (): Record<DigestSeries, number[]> => ({
  lead: [],
  coding: [],
  pickup: [],
  review: [],
  deploy: [],
  build: [],
  release: [],
});

export type DigestKey = { componentRef: string; envKey: string; day: number };

/** Sorted whole seconds, packed as little-endian 32-bit integers in base64 (68 years fit). */
export function encodeValues(values: number[]): string {
  const packed = Int32Array.from(values).sort();
  return Buffer.from(
    packed.buffer,
    packed.byteOffset,
    packed.byteLength,
  ).toString('base64');
}

// One scratch buffer for decoding, grown as needed: a summary decodes hundreds of day rows, and
// a buffer per row (plus an aligned copy) was most of its garbage. Not pooled, so aligned.
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

/** Decodes packed values into `target` from `offset`; returns how many were written. */
export function decodeInto(
  text: string,
  target: Float64Array | Int32Array,
  offset: number,
): number {
  const bytes = Buffer.byteLength(text, 'base64');
  if (bytes > scratch.byteLength)
    scratch = Buffer.allocUnsafeSlow(Math.max(bytes, 2 * scratch.byteLength));
  const written = scratch.write(text, 0, 'base64');
  const count = written >>> 2;
  target.set(new Int32Array(scratch.buffer, scratch.byteOffset, count), offset);
  return count;
}

/** How many values packed text holds, without decoding it. */
export const packedCount = (text: string) =>
  Buffer.byteLength(text, 'base64') >>> 2;

export const dayOf = (t: number) => Math.floor(t / DAY_MS);

/** Recomputes the digests of the given days from the change facts (deleting days left empty). */
export async function refreshDigests(
  db: Knex,
  keys: DigestKey[],
): Promise<void> {
  const byPair = new Map<
    string,
    { componentRef: string; envKey: string; days: Set<number> }
  >();
  for (const k of keys) {
    const id = `${k.componentRef}\u0000${k.envKey}`;
    const entry = byPair.get(id) ?? {
      componentRef: k.componentRef,
      envKey: k.envKey,
      days: new Set<number>(),
    };
    entry.days.add(k.day);
    byPair.set(id, entry);
  }
  for (const { componentRef, envKey, days } of byPair.values()) {
    const sortedDays = [...days].sort((a, b) => a - b);
    const facts = await db('delivery_change_facts')
      .select(
        'deployed_at',
        'lead_seconds',
        'coding_seconds',
        'pickup_seconds',
        'review_seconds',
        'deploy_seconds',
        'build_seconds',
        'release_seconds',
      )
      .where({ component_ref: componentRef, env_key: envKey })
      .where('deployed_at', '>=', sortedDays[0] * DAY_MS)
      .where(
        'deployed_at',
        '<',
        (sortedDays[sortedDays.length - 1] + 1) * DAY_MS,
      );
    const perDay = new Map<
      number,
      { changes: number; values: Record<DigestSeries, number[]> }
    >();
    for (const f of facts) {
      const day = dayOf(toNumber(f.deployed_at));
      if (!days.has(day)) continue;
      const entry = perDay.get(day) ?? {
        changes: 0,
        values: emptySeries(),
      };
      entry.changes++;
      for (const series of DIGEST_SERIES) {
        const value = f[`${series}_seconds`];
        if (value !== null && value !== undefined)
          entry.values[series].push(toNumber(value));
      }
      perDay.set(day, entry);
    }
    for (const part of chunk(sortedDays, 400)) {
      await db('delivery_change_digests')
        .where({ component_ref: componentRef, env_key: envKey })
        .whereIn('day', part)
        .delete();
    }
    const rows = [...perDay.entries()].map(([day, entry]) => ({
      component_ref: componentRef,
      env_key: envKey,
      day,
      changes: entry.changes,
      ...Object.fromEntries(
        DIGEST_SERIES.map(s => [`${s}_values`, encodeValues(entry.values[s])]),
      ),
    }));
    for (const part of chunk(rows, insertBatchRows(db))) {
      await db('delivery_change_digests').insert(part);
    }
  }
}
