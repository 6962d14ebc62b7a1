import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DeliveryEventInput,
  validateEvents,
} from '@cairn/plugin-insights-common';
import { ComponentIndex } from '../../shared/ComponentIndex';
import { EnvironmentKinds } from '../../shared/EnvironmentKinds';
import { normalizeEvent } from '../../ingest/normalizeEvent';
import { computeDoraValues, DoraValues } from '../engine/computeDoraValues';
import { offsetSegments } from '../../shared/timeZones';
import { DatabaseDeliveryStore } from '../store/DatabaseDeliveryStore';
import { insightsDatabase, transactionRunner } from '../../shared/database';
import { doraAggregates } from '../store/doraAggregates';
import { headlineAggregates } from '../store/headlineAggregates';
import { loadPairRecords } from '../store/loadPairRecords';

/** Components the scenarios use: a single-component repository and a monorepo with two. */
export const testComponents = new ComponentIndex([
  {
    entityRef: 'component:default/api',
    repository: 'github.com/acme/api',
    pathPrefix: null,
  },
  {
    entityRef: 'component:default/checkout',
    repository: 'github.com/acme/shop',
    pathPrefix: 'services/checkout/',
  },
  {
    entityRef: 'component:default/cart',
    repository: 'github.com/acme/shop',
    pathPrefix: 'services/cart/',
  },
]);

/** A successful production deployment of `api` from source `ci`, with overrides. */
export const testDeployment = (
  id: string,
  finishedAt: string,
  extra: Record<string, unknown> = {},
) => ({
  type: 'deployment' as const,
  source: 'ci',
  id,
  component: 'api',
  environment: 'production',
  finishedAt,
  result: 'success' as const,
  ...extra,
});

/** The two ways the store reads a range: per-day rows (digests, day counts) or the rows themselves. */
const READ_PATHS = [
  ['digests', 'days'],
  ['facts', 'rows'],
] as const;

export const HOUR = 3600;
export const DAY = 24 * HOUR;
export const LINK_WINDOW_MS = 24 * 3600 * 1000;

/**
 * A delivery store on a real database with the ingestion path in front of it, for scenario tests.
 * `values()` computes the aggregates in SQL and checks them against the engine on the same rows.
 */
export async function createDeliveryHarness(
  databases: TestDatabases,
  id: TestDatabaseId,
) {
  const knex = await insightsDatabase(
    mockServices.database({ knex: await databases.init(id) }),
  );
  const store = new DatabaseDeliveryStore(knex);
  const transact = transactionRunner(knex);
  const environments = new EnvironmentKinds(['production', 'prod', 'live']);

  async function ingest(
    events: DeliveryEventInput[],
    now = Date.parse('2026-04-01T00:00:00Z'),
  ) {
    const validated = validateEvents(events);
    if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
    const stored = validated.events.map(e =>
      normalizeEvent(e, { components: testComponents, environments }),
    );
    const result = await transact(tx =>
      store.applyEvents(stored, { now, linkWindowMs: LINK_WINDOW_MS }, tx),
    );
    await expectSameAsWholeTimelines(now);
    return result;
  }

  // Booleans and numbers read the same from both engines.
  const normalValue = (v: unknown) => {
    if (typeof v === 'boolean') return Number(v);
    return v === null ? null : String(v);
  };

  /** The facts as stored: what a batch derived around its times must equal a whole-timeline derivation. */
  async function storedFacts() {
    const deployments = await knex('delivery_deployments')
      .select(
        'id',
        'is_failed',
        'failure_reasons',
        'recovered_at',
        'recovery_seconds',
      )
      .orderBy('id');
    const incidents = await knex('delivery_incidents')
      .select('id', 'link_type', 'linked_deployment_id')
      .orderBy('id');
    const normal = (rows: Array<Record<string, unknown>>) =>
      rows.map(r =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, normalValue(v)]),
        ),
      );
    return { deployments: normal(deployments), incidents: normal(incidents) };
  }

  async function expectSameAsWholeTimelines(now: number) {
    const around = await storedFacts();
    await store.rederive(await store.listPairs(), {
      now,
      linkWindowMs: LINK_WINDOW_MS,
    });
    expect(await storedFacts()).toEqual(around);
  }

  async function values(
    componentRef: string,
    range: { from: string; to: string; timezone?: string; envKey?: string },
  ): Promise<DoraValues> {
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    const timezone = range.timezone ?? 'UTC';
    const envKey = range.envKey ?? 'production';
    const records = await loadPairRecords(knex, { componentRef, envKey });
    // Both ways the store reads lead times (digests and facts), on the range and on one whose edges
    // cut through UTC days, must equal the engine on the same records.
    const check = async (a: number, b: number) => {
      const offsets = offsetSegments(a, b, timezone);
      const expected = computeDoraValues(records, { from: a, to: b, offsets });
      // Per-day rows (digests, day counts) or the rows themselves, grouped by component or as one
      // bucket: four ways to the same numbers.
      for (const [changeSource, countSource] of READ_PATHS) {
        for (const by of ['component', 'bucket'] as const) {
          const sql = (
            await doraAggregates(
              knex,
              {
                componentRefs: [componentRef],
                envKey,
                from: a,
                to: b,
                offsets,
                grouping:
                  by === 'component'
                    ? { by: 'component' }
                    : { by: 'bucket', bucketEnds: [b] },
              },
              { changeSource, countSource },
            )
          ).get(by === 'component' ? componentRef : '0');
          expect({ changeSource, by, values: sql ?? expected }).toEqual({
            changeSource,
            by,
            values: expected,
          });
        }
      }
      // The rollup's medians and counts, ranked in the database, agree too.
      const headline = (
        await headlineAggregates(knex, {
          componentRefs: [componentRef],
          envKey,
          from: a,
          to: b,
          offsets,
        })
      ).get(componentRef);
      const median = (p: { median: number | null; count: number }) => ({
        median: p.median,
        count: p.count,
      });
      const {
        changes: _changes,
        stages: _stages,
        deployParts: _deployParts,
        ...counts
      } = expected;
      const expectedHeadline = {
        ...counts,
        leadTime: median(expected.leadTime),
        recovery: median(expected.recovery),
        mttr: median(expected.mttr),
      };
      expect(headline ?? expectedHeadline).toEqual(expectedHeadline);
      return expected;
    };
    // The same range split in two buckets at a day-unaligned instant, both ways.
    const checkBuckets = async (a: number, mid: number, b: number) => {
      const offsets = offsetSegments(a, b, timezone);
      for (const [changeSource, countSource] of READ_PATHS) {
        const grouped = await doraAggregates(
          knex,
          {
            componentRefs: [componentRef],
            envKey,
            from: a,
            to: b,
            offsets,
            grouping: { by: 'bucket', bucketEnds: [mid, b] },
          },
          { changeSource, countSource },
        );
        for (const [index, [x, y]] of [
          [a, mid],
          [mid, b],
        ].entries()) {
          const expected = computeDoraValues(records, {
            from: x,
            to: y,
            offsets: offsetSegments(x, y, timezone),
          });
          const actual = grouped.get(String(index)) ?? expected;
          expect({ changeSource, index, values: actual }).toEqual({
            changeSource,
            index,
            values: expected,
          });
        }
      }
    };
    await check(from + 5 * 3600_000, to - 7 * 3600_000);
    await checkBuckets(
      from,
      from + Math.floor((to - from) / 2) + 3 * 3600_000,
      to,
    );
    const engine = await check(from, to);
    return engine;
  }

  return { knex, store, ingest, values, expectSameAsWholeTimelines };
}
