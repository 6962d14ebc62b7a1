import { createTestDatabases } from '@cairn/test-utils';
import fc from 'fast-check';
import { Knex } from 'knex';
import { insightsDatabase } from '../../shared/database';
import { countsIn, SliBucket } from '../engine/sloMath';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../engine/windows';
import { DatabaseReliabilityStore } from './ReliabilityStore';

/*
 * The store's SQL path against the engine: window sums from the hourly and minute tables equal
 * countsIn over the same minutes, for random data and windows, on SQLite and PostgreSQL; hours stay
 * the sums of their minutes when minutes are replaced, and when two writers push the same hour at once.
 */

jest.setTimeout(120_000);
const databases = createTestDatabases();
const T0 = Date.parse('2026-03-01T00:00:00Z');

describe.each(databases.eachSupportedId())(
  'reliability store on %p',
  databaseId => {
    let db: Knex;
    let store: DatabaseReliabilityStore;
    let series = 0;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      db = await insightsDatabase({
        getClient: async () => knex,
      });
      store = new DatabaseReliabilityStore(db);
    });

    const hoursEqualMinutes = async (slo: string) => {
      const minutes = await db('reliability_sli_minutes')
        .where({ slo })
        .select('start', 'good', 'total');
      const expected = new Map<number, [number, number, number]>();
      for (const m of minutes) {
        const hour = Math.floor(Number(m.start) / HOUR_MS) * HOUR_MS;
        const [g, t, n] = expected.get(hour) ?? [0, 0, 0];
        expected.set(hour, [g + Number(m.good), t + Number(m.total), n + 1]);
      }
      const hours = await db('reliability_sli_hours')
        .where({ slo })
        .where('minutes', '>', 0)
        .select('start', 'good', 'total', 'minutes');
      return [
        new Map(
          hours.map(h => [
            Number(h.start),
            [Number(h.good), Number(h.total), Number(h.minutes)],
          ]),
        ),
        expected,
      ];
    };

    it('sums windows in SQL exactly as the engine counts them', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.integer({ min: 0, max: 4 * 24 * 60 - 1 }), {
            maxLength: 300,
          }),
          fc.array(
            fc
              .tuple(
                fc.integer({ min: -60, max: 4 * 24 * 60 + 60 }),
                fc.integer({ min: 1, max: 3 * 24 * 60 }),
              )
              .map(([from, length]) => ({
                from: T0 + from * MINUTE_MS,
                to: T0 + (from + length) * MINUTE_MS,
              })),
            { minLength: 1, maxLength: 6 },
          ),
          async (minutes, windows) => {
            const key = {
              componentRef: 'component:default/checkout',
              slo: `slo-${series++}`,
              objective: 0,
            };
            const buckets: SliBucket[] = minutes
              .sort((a, b) => a - b)
              .map(m => ({
                start: T0 + m * MINUTE_MS,
                good: m % 7,
                total: (m % 7) + (m % 3),
              }));
            await store.putBuckets(key, buckets);
            const counted = await store.windowCounts([key], windows);
            const [values] = [...counted.values()];
            expect(values).toEqual(
              windows.map(w => countsIn(buckets, w, MINUTE_MS)),
            );
          },
        ),
        { numRuns: 30 },
      );
    });

    it('keeps each hour the sum of its minutes when minutes are replaced', async () => {
      const key = {
        componentRef: 'component:default/checkout',
        slo: 'replaced',
        objective: 0,
      };
      await store.putBuckets(key, [
        { start: T0, good: 1, total: 2 },
        { start: T0 + MINUTE_MS, good: 3, total: 3 },
      ]);
      await store.putBuckets(key, [{ start: T0, good: 5, total: 5 }]);
      const [hours, expected] = await hoursEqualMinutes('replaced');
      expect(hours).toEqual(expected);
      expect(hours.get(T0)).toEqual([8, 8, 2]);
    });

    it('purges minutes and their hours together, by whole hours', async () => {
      const key = {
        componentRef: 'component:default/checkout',
        slo: 'purged',
        objective: 0,
      };
      await store.putBuckets(
        key,
        Array.from({ length: 180 }, (_, i) => ({
          start: T0 + 3 * DAY_MS + i * MINUTE_MS,
          good: 1,
          total: 1,
        })),
      );
      // A cutoff inside the second hour keeps that hour whole.
      await store.purgeMinutesBefore(T0 + 3 * DAY_MS + 90 * MINUTE_MS);
      const [hours, expected] = await hoursEqualMinutes('purged');
      expect(hours).toEqual(expected);
      // Rows come in no promised order.
      expect([...hours.keys()].sort((a, b) => a - b)).toEqual([
        T0 + 3 * DAY_MS + HOUR_MS,
        T0 + 3 * DAY_MS + 2 * HOUR_MS,
      ]);
    });

    it('keeps hours right when two writers push minutes of the same hours at once', async () => {
      const key = {
        componentRef: 'component:default/checkout',
        slo: 'concurrent',
        objective: 0,
      };
      const minutesOf = (offset: number) =>
        Array.from({ length: 180 }, (_, i) => ({
          start: T0 + DAY_MS + (2 * i + offset) * MINUTE_MS,
          good: 1,
          total: 1,
        }));
      await Promise.all([
        store.putBuckets(key, minutesOf(0)),
        store.putBuckets(key, minutesOf(1)),
      ]);
      const [hours, expected] = await hoursEqualMinutes('concurrent');
      expect(hours).toEqual(expected);
      expect([...hours.values()].reduce((n, [, t]) => n + t, 0)).toBe(360);
    });
  },
);
