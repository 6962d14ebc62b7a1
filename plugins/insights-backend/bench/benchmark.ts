/*
 * Benchmarks of the insights backend on SQLite and PostgreSQL. Every figure is printed beside a floor
 * measured interleaved with it in the same run (Cairn, then the floor, then Cairn again), and every
 * floor's numbers are checked against Cairn's; a disagreement fails the run. Reads are timed after
 * WARM_UP_ROUNDS untimed rounds of the same interleaving (Cairn and floor alike): the first requests of
 * a process compile code and statements, which a running portal did long before.
 *
 * - Batch ingest over HTTP (1,000 events per request) against bulk-inserting the same final rows:
 *   a first load writes the history and marks which batch wrote each row; then, batch by batch, a
 *   second backend ingests it again while two floors insert the first load's final rows into empty
 *   tables: after each batch, the rows that batch wrote (what any ingester receiving it could
 *   write), and, for comparison, an equal part of all rows in table order (rows of later batches
 *   early, which no ingester can do: fewer tables per transaction, more rows per index page).
 *   Row counts per table must agree.
 * - Single-event ingest into the component with the long history (target: p95 under 50 ms).
 * - The DORA numbers of one component over 90 days: the store's aggregate against the cheapest SQL
 *   for the same numbers (bench/floors.ts), and the HTTP summary (both periods, coverage, tiers)
 *   against that SQL for both periods. Target: p95 under 50 ms and within 1.5× of the floor.
 * - The rollup of a group of 1,000 components: the store's aggregate against the cheapest grouped SQL,
 *   and over HTTP with the catalog lookup (target: p95 under 300 ms); the response size.
 *
 *   yarn workspace @cairn/plugin-insights-backend bench [--engines sqlite,postgres] [--quick]
 *     [--deployments 10000] [--components 1000] [--ingest-only] [--database-prefix cairn_bench]
 *
 * PostgreSQL is read from BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (default
 * postgresql://postgres@127.0.0.1:5432); scratch databases <prefix>_<pid>_<n> are created and dropped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DeliveryEventInput,
  DoraRollup,
  DoraSummary,
} from '@cairn/plugin-insights-common';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { offsetSegments } from '../src/shared/timeZones';
import { reuseSqliteStatements } from '../src/shared/database';
import { DoraValues } from '../src/delivery/engine/computeDoraValues';
import { doraAggregates, rows } from '../src/delivery/store/doraAggregates';
import { headlineAggregates } from '../src/delivery/store/headlineAggregates';
import { insightsPlugin } from '../src/plugin';
import { syntheticHistory } from './syntheticHistory';
import {
  doraFloor,
  Engine,
  finalRows,
  FloorNumbers,
  foreignKeysOf,
  idMarks,
  insertBatch,
  insertPart,
  rollupFloor,
  rowCounts,
  rowsByBatch,
  tablesWithId,
} from './floors';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-30T00:00:00Z');
const FROM = NOW - 90 * DAY;
const BIG = 'component:default/big';
const ZONE = 'Europe/Berlin';

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
};
export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const int = (n: number) => Math.round(n).toLocaleString('en');
export const p50p95 = (values: number[]) =>
  `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}`;
export const ratio = (measured: number[], floor: number[]) =>
  `${(percentile(measured, 95) / percentile(floor, 95)).toFixed(2)}× at p95`;

/**
 * After a load, before reads are timed (PostgreSQL): statistics and the visibility map as autovacuum
 * would leave them, and the load's dirty pages written out, so that a checkpoint writing them does
 * not land in the middle of the timed reads of either side.
 */
async function settle(knex: Knex) {
  await knex.raw('VACUUM ANALYZE');
  await knex.raw('CHECKPOINT');
}

/** Untimed rounds before the timed ones of each interleaved read (both sides alike). */
export const WARM_UP_ROUNDS = 3;

export async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await fn();
  return [performance.now() - started, result];
}

/** Equal numbers: counts exactly, percentiles to floating-point rounding (SQL computes in float8). */
export function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every(k =>
      same(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
      ),
    );
  }
  return a === b;
}

/** Where a summary's headline values differ from the floor's numbers for its range (undefined if equal). */
export function headlineDisagreement(
  summary: DoraSummary,
  floor: FloorNumbers,
  days: number,
): string | undefined {
  const metrics = summary.metrics;
  const expected = {
    deploymentFrequency: floor.deployments / days,
    changeLeadTime: floor.leadTime.median,
    changeFailRate: floor.total ? floor.failed / floor.total : null,
    recoveryTime: floor.recovery.median,
    reworkRate: floor.total ? floor.rework / floor.total : null,
    mttr: floor.mttr.median,
  };
  const shown = Object.fromEntries(
    Object.keys(expected).map(k => [
      k,
      metrics[k as keyof typeof metrics].value,
    ]),
  );
  return same(shown, expected)
    ? undefined
    : `summary of ${summary.entityRef}: HTTP values ${JSON.stringify(
        shown,
      )} differ from the floor's ${JSON.stringify(expected)}`;
}

let databaseCounter = 0;

/** The PostgreSQL server the benchmarks use, without a database name. */
export const postgresUrl = () =>
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';

export async function openDatabase(
  engine: Engine,
  prefix: string,
): Promise<{
  knex: Knex;
  /** Another pool on the same database (PostgreSQL), as a second replica has. */
  another?: () => Knex;
  close: () => Promise<void>;
}> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'insights.sqlite') },
      useNullAsDefault: true,
    });
    return {
      knex,
      close: async () => {
        await knex.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = postgresUrl();
  const name = `${prefix}_${process.pid}_${++databaseCounter}`;
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
  await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
  await admin.raw(`CREATE DATABASE ${name}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${url}/${name}`,
    pool: { min: 1, max: 5 },
  });
  return {
    knex,
    another: () =>
      knexFactory({
        client: 'pg',
        connection: `${url}/${name}`,
        pool: { min: 1, max: 5 },
      }),
    close: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
      await admin.destroy();
    },
  };
}

function entities(components: number): Entity[] {
  const list: Entity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'big-team', namespace: 'default' },
      spec: { type: 'team', children: [] },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'big', namespace: 'default' },
      spec: { type: 'service', owner: 'other', lifecycle: 'production' },
    },
  ];
  for (const name of ['replica-a', 'replica-b']) {
    list.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: { type: 'service', owner: 'other', lifecycle: 'production' },
    });
  }
  for (let i = 0; i < components; i++) {
    list.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `svc-${i}`, namespace: 'default' },
      spec: { type: 'service', owner: 'big-team', lifecycle: 'production' },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/big-team' }],
    });
  }
  return list;
}

export type BenchmarkOptions = {
  /** The long history of one component. */
  deployments: number;
  /** Members of the group whose rollup is measured. */
  components: number;
  /** Timed repetitions of each read (interleaved with its floor). */
  runs: number;
  /** Single events sent into the long history. */
  singles: number;
  ingestOnly: boolean;
  databasePrefix: string;
};

export type BenchmarkResult = {
  /** Where a floor and Cairn gave different numbers or rows (empty when they agree). */
  disagreements: string[];
  /** The measured figures, by name (for tests and reports). */
  figures: Record<string, number>;
};

async function startBackend(knex: Knex, components: number) {
  const backend = await startTestBackend({
    features: [
      insightsPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: entities(components) }),
      mockServices.rootConfig.factory({
        data: { insights: { defaultTimezone: ZONE } },
      }),
    ],
  });
  const auth = mockCredentials.user.header('user:default/bench');
  // PostgreSQL's autovacuum keeps planner statistics current as tables grow; where it is off (as on
  // the machines this benchmark runs on), the plans of a long load go stale and the rate collapses.
  // ANALYZE when the events since the last one exceed a tenth of all (autovacuum's default threshold),
  // outside the timed requests, as autovacuum would run it beside them.
  let sinceAnalyze = 0;
  let total = 0;
  const analyzeLikeAutovacuum = async () => {
    if (
      String(knex.client.config.client).includes('pg') &&
      sinceAnalyze > 0.1 * total + 50
    ) {
      await knex.raw('ANALYZE');
      sinceAnalyze = 0;
    }
  };
  const post = async (events: DeliveryEventInput[]) => {
    const res = await request(backend.server)
      .post('/api/insights/v1/events')
      .set('Authorization', auth)
      .send({ events });
    if (res.status !== 200)
      throw new Error(`ingest failed: ${JSON.stringify(res.body)}`);
    sinceAnalyze += events.length;
    total += events.length;
  };
  const get = (path: string, query: Record<string, string>) =>
    request(backend.server)
      .get(`/api/insights/v1${path}`)
      .query(query)
      .set('Authorization', auth);
  return { backend, post, get, analyzeLikeAutovacuum };
}

export async function runBenchmark(
  engine: Engine,
  options: BenchmarkOptions,
  out: (line: string) => void,
): Promise<BenchmarkResult> {
  const disagreements: string[] = [];
  const figures: Record<string, number> = {};
  const { deployments, components } = options;
  const open = () => openDatabase(engine, options.databasePrefix);
  out(`| **${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}** | | |`);

  const history = syntheticHistory({
    component: BIG,
    to: NOW,
    // 90 days; longer histories keep the pace of 10,000 in 90 days (about 110 a day).
    days: Math.max(90, Math.ceil((deployments * 90) / 10_000)),
    deployments,
    changesPerDeployment: 5,
    incidents: Math.max(5, Math.round(deployments / 20)),
  });
  const batches: DeliveryEventInput[][] = [];
  for (let i = 0; i < history.length; i += 1000)
    batches.push(history.slice(i, i + 1000));

  // 1. Batch ingest. The first load gives the final rows; the second is measured beside the floor.
  const first = await open();
  let tables: Map<string, Array<Record<string, unknown>>>;
  let byBatch: ReturnType<typeof rowsByBatch>;
  try {
    const { backend, post, analyzeLikeAutovacuum } = await startBackend(
      first.knex,
      components,
    );
    let firstLoad = 0;
    const marks: Array<Record<string, number>> = [];
    const withId = await tablesWithId(engine, first.knex);
    for (const batch of batches) {
      firstLoad += (await time(() => post(batch)))[0];
      marks.push(await idMarks(first.knex, withId));
      await analyzeLikeAutovacuum();
    }
    figures.firstLoadEventsPerSecond = history.length / (firstLoad / 1000);
    tables = await finalRows(engine, first.knex);
    byBatch = rowsByBatch(
      tables,
      await foreignKeysOf(engine, first.knex, [...tables.keys()]),
      marks,
    );
    await backend.stop();
  } finally {
    await first.close();
  }
  const db = await open();
  const floorDb = await open();
  const orderDb = await open();
  try {
    for (const floor of [floorDb, orderDb]) {
      await floor.knex.migrate.latest({
        directory: join(__dirname, '../migrations'),
      });
      // The floors' connections reuse their statements as Cairn's does (SQLite): their inserts repeat too.
      reuseSqliteStatements(floor.knex);
    }
    const { backend, post, get, analyzeLikeAutovacuum } = await startBackend(
      db.knex,
      components,
    );
    let cairnTime = 0;
    let floorTime = 0;
    let orderTime = 0;
    for (let i = 0; i < batches.length; i++) {
      cairnTime += (await time(() => post(batches[i])))[0];
      await analyzeLikeAutovacuum();
      floorTime += (await time(() => insertBatch(floorDb.knex, byBatch, i)))[0];
      orderTime += (
        await time(() => insertPart(orderDb.knex, tables, i, batches.length))
      )[0];
    }
    const names = [...tables.keys()];
    const cairnRows = await rowCounts(db.knex, names);
    for (const [floor, name] of [
      [floorDb, 'each batch its rows'],
      [orderDb, 'in table order'],
    ] as const) {
      const floorRows = await rowCounts(floor.knex, names);
      if (!same(cairnRows, floorRows))
        disagreements.push(
          `ingest: rows per table differ: Cairn ${JSON.stringify(
            cairnRows,
          )}, floor (${name}) ${JSON.stringify(floorRows)}`,
        );
    }
    const totalRows = Object.values(cairnRows).reduce((a, b) => a + b, 0);
    const [size] = rows(
      await db.knex.raw(
        engine === 'postgres'
          ? 'SELECT pg_database_size(current_database()) AS bytes'
          : 'SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()',
      ),
    );
    figures.databaseBytes = Number(size.bytes);
    figures.ingestEventsPerSecond = history.length / (cairnTime / 1000);
    figures.ingestFloorEventsPerSecond = history.length / (floorTime / 1000);
    figures.ingestTableOrderEventsPerSecond =
      history.length / (orderTime / 1000);
    const share = (floor: number) =>
      (figures.ingestEventsPerSecond / floor).toFixed(2);
    out(
      `| batch ingest, HTTP, 1,000 events per request (${int(
        history.length,
      )} events → ${int(totalRows)} rows in ${names.length} tables, ${int(
        figures.databaseBytes / 1024 / 1024,
      )} MB on disk) | ${int(
        figures.ingestEventsPerSecond,
      )} events/s (first load ${int(
        figures.firstLoadEventsPerSecond,
      )}) | bulk INSERT of the same final rows, after each batch the rows it wrote: ${int(
        figures.ingestFloorEventsPerSecond,
      )} events/s (Cairn at ${share(
        figures.ingestFloorEventsPerSecond,
      )}×); all rows in table order, equal parts: ${int(
        figures.ingestTableOrderEventsPerSecond,
      )} events/s (Cairn at ${share(
        figures.ingestTableOrderEventsPerSecond,
      )}×) |`,
    );
    await floorDb.close();
    await orderDb.close();

    // 2. Single-event ingest into the component with the long history.
    const singles: number[] = [];
    for (let i = 0; i < options.singles; i++) {
      const [elapsed] = await time(() =>
        post([
          {
            type: 'deployment',
            source: 'single',
            id: `s${i}`,
            component: BIG,
            environment: 'production',
            finishedAt: new Date(NOW - DAY + i * 60_000).toISOString(),
            result: 'success',
          },
        ]),
      );
      singles.push(elapsed);
    }
    figures.singleP95 = percentile(singles, 95);
    out(
      `| single-event ingest (component with ${int(
        deployments,
      )} deployments) | ${p50p95(singles)}, p99 ${ms(
        percentile(singles, 99),
      )} | target: p95 under 50 ms |`,
    );
    // Two replicas on one PostgreSQL: the same amount of history for two other components, sent by
    // one replica, then (new histories, same sizes) by two replicas at once, one component each.
    if (engine === 'postgres' && db.another) {
      const replicaHistory = (component: string, seed: string) => {
        const events = syntheticHistory({
          component,
          to: NOW,
          days: 90,
          deployments: Math.max(100, Math.round(deployments / 5)),
          changesPerDeployment: 5,
          incidents: 10,
          source: seed,
          seed: `${component}/${seed}`,
        });
        const list: DeliveryEventInput[][] = [];
        for (let i = 0; i < events.length; i += 1000)
          list.push(events.slice(i, i + 1000));
        return list;
      };
      const a1 = replicaHistory('component:default/replica-a', 'one');
      const b1 = replicaHistory('component:default/replica-b', 'one');
      const a2 = replicaHistory('component:default/replica-a', 'two');
      const b2 = replicaHistory('component:default/replica-b', 'two');
      const count = (list: DeliveryEventInput[][]) =>
        list.reduce((n, b) => n + b.length, 0);
      const [oneTime] = await time(async () => {
        for (let i = 0; i < Math.max(a1.length, b1.length); i++) {
          if (a1[i]) await post(a1[i]);
          if (b1[i]) await post(b1[i]);
        }
      });
      const secondKnex = db.another();
      const second = await startBackend(secondKnex, components);
      const [twoTime] = await time(() =>
        Promise.all([
          (async () => {
            for (const b of a2) await post(b);
          })(),
          (async () => {
            for (const b of b2) await second.post(b);
          })(),
        ]),
      );
      await second.backend.stop();
      await secondKnex.destroy();
      figures.oneReplicaEventsPerSecond =
        (count(a1) + count(b1)) / (oneTime / 1000);
      figures.twoReplicasEventsPerSecond =
        (count(a2) + count(b2)) / (twoTime / 1000);
      out(
        `| batch ingest, two components, two replicas on one database | ${int(
          figures.twoReplicasEventsPerSecond,
        )} events/s (${(
          figures.twoReplicasEventsPerSecond / figures.oneReplicaEventsPerSecond
        ).toFixed(2)}× one replica) | one replica, the same amount: ${int(
          figures.oneReplicaEventsPerSecond,
        )} events/s |`,
      );
    }
    if (options.ingestOnly) {
      await backend.stop();
      return { disagreements, figures };
    }
    if (engine === 'postgres') await settle(db.knex);

    // 3. One component over 90 days: the store's aggregate and the HTTP summary, beside the floor.
    const offsets = offsetSegments(FROM, NOW, ZONE);
    const range = {
      componentRef: BIG,
      envKey: 'production',
      from: FROM,
      to: NOW,
      offsets,
    };
    const previous = {
      ...range,
      from: FROM - 90 * DAY,
      to: FROM,
      offsets: offsetSegments(FROM - 90 * DAY, FROM, ZONE),
    };
    const aggregate = () =>
      doraAggregates(db.knex, {
        componentRefs: [BIG],
        envKey: 'production',
        from: FROM,
        to: NOW,
        offsets,
        grouping: { by: 'component' },
      }).then(m => m.get(BIG)!);
    const summary = () =>
      get('/metrics/summary', {
        entity: BIG,
        from: new Date(FROM).toISOString(),
        to: new Date(NOW).toISOString(),
        timezone: ZONE,
      });
    const times = {
      aggregate: [] as number[],
      floor: [] as number[],
      summary: [] as number[],
      summaryFloor: [] as number[],
    };
    let floorValues: FloorNumbers | undefined;
    let cairnValues: DoraValues | undefined;
    let summaryBody: DoraSummary | undefined;
    for (let i = -WARM_UP_ROUNDS; i < options.runs; i++) {
      const [a, values] = await time(aggregate);
      const [f, floorNow] = await time(() => doraFloor(engine, db.knex, range));
      const [h, res] = await time(summary);
      const [hf] = await time(() =>
        Promise.all([
          doraFloor(engine, db.knex, range),
          doraFloor(engine, db.knex, previous),
        ]),
      );
      cairnValues = values;
      floorValues = floorNow;
      summaryBody = res.body;
      if (i < 0) continue;
      times.aggregate.push(a);
      times.floor.push(f);
      times.summary.push(h);
      times.summaryFloor.push(hf);
    }
    const {
      changes: _c,
      failedByFix: _a,
      failedByIncident: _b,
      failedByResult: _d,
      ...comparable
    } = cairnValues!;
    if (!same(comparable, floorValues))
      disagreements.push(
        `summary: the store's aggregate ${JSON.stringify(
          comparable,
        )} differs from the floor's ${JSON.stringify(floorValues)}`,
      );
    const differs = headlineDisagreement(summaryBody!, floorValues!, 90);
    if (differs) disagreements.push(differs);
    figures.aggregateP95 = percentile(times.aggregate, 95);
    figures.aggregateFloorP95 = percentile(times.floor, 95);
    figures.summaryP95 = percentile(times.summary, 95);
    figures.summaryFloorP95 = percentile(times.summaryFloor, 95);
    out(
      `| DORA aggregate, one component, 90 days (${int(
        floorValues!.total,
      )} deployments, ${int(floorValues!.leadTime.count)} changes, ${
        floorValues!.incidents
      } incidents) | ${p50p95(
        times.aggregate,
      )} | cheapest SQL for the same numbers: ${p50p95(
        times.floor,
      )} (Cairn ${ratio(times.aggregate, times.floor)}) |`,
    );
    out(
      `| summary over HTTP (both periods, coverage, tiers) | ${p50p95(
        times.summary,
      )} | the same SQL for both periods: ${p50p95(
        times.summaryFloor,
      )} (Cairn ${ratio(times.summary, times.summaryFloor)}) |`,
    );

    // 4. The rollup of a group of many components, each with a small history.
    const members = Array.from(
      { length: components },
      (_, i) => `component:default/svc-${i}`,
    );
    const small = members.flatMap(component =>
      syntheticHistory({
        component,
        to: NOW,
        days: 90,
        deployments: 20,
        changesPerDeployment: 2,
        incidents: 1,
      }),
    );
    for (let i = 0; i < small.length; i += 1000) {
      await post(small.slice(i, i + 1000));
      await analyzeLikeAutovacuum();
    }
    if (engine === 'postgres') await settle(db.knex);
    const rollupTimes = {
      aggregate: [] as number[],
      floor: [] as number[],
      http: [] as number[],
    };
    let bytes = 0;
    let rollupBody: DoraRollup | undefined;
    let headlines: Awaited<ReturnType<typeof headlineAggregates>> | undefined;
    let groupFloor: Awaited<ReturnType<typeof rollupFloor>> | undefined;
    for (let i = -WARM_UP_ROUNDS; i < options.runs; i++) {
      const [a, h] = await time(() =>
        headlineAggregates(db.knex, {
          componentRefs: members,
          envKey: 'production',
          from: FROM,
          to: NOW,
          offsets,
        }),
      );
      const [f, fr] = await time(() =>
        rollupFloor(engine, db.knex, {
          componentRefs: members,
          envKey: 'production',
          from: FROM,
          to: NOW,
        }),
      );
      const [r, res] = await time(() =>
        get('/metrics/rollup', {
          entity: 'group:default/big-team',
          from: new Date(FROM).toISOString(),
          to: new Date(NOW).toISOString(),
          timezone: ZONE,
        }),
      );
      bytes = Buffer.byteLength(res.text);
      rollupBody = res.body;
      headlines = h;
      groupFloor = fr;
      if (i < 0) continue;
      rollupTimes.aggregate.push(a);
      rollupTimes.floor.push(f);
      rollupTimes.http.push(r);
    }
    for (const ref of members) {
      const h = headlines!.get(ref);
      const f = groupFloor!.get(ref);
      const cairn = h && {
        deployments: h.deployments,
        total: h.total,
        failed: h.failed,
        rework: h.rework,
        unrecovered: h.unrecovered,
        incidents: h.incidents,
        openIncidents: h.openIncidents,
        lead: h.leadTime.median,
        recovery: h.recovery.median,
        mttr: h.mttr.median,
      };
      if (!same(cairn, f)) {
        disagreements.push(
          `rollup: ${ref}: Cairn ${JSON.stringify(
            cairn,
          )}, floor ${JSON.stringify(f)}`,
        );
        break;
      }
    }
    const shown = new Map(
      rollupBody!.components.map(c => [
        c.entityRef,
        c.metrics.changeLeadTime.value,
      ]),
    );
    const wrong = members.find(
      ref => !same(shown.get(ref) ?? null, groupFloor!.get(ref)?.lead ?? null),
    );
    if (wrong)
      disagreements.push(
        `rollup over HTTP: ${wrong}'s lead time ${shown.get(
          wrong,
        )} differs from the floor's ${groupFloor!.get(wrong)?.lead}`,
      );
    figures.rollupAggregateP95 = percentile(rollupTimes.aggregate, 95);
    figures.rollupFloorP95 = percentile(rollupTimes.floor, 95);
    figures.rollupHttpP95 = percentile(rollupTimes.http, 95);
    figures.rollupBytes = bytes;
    out(
      `| rollup of ${int(components)} components, the store's aggregate (${int(
        small.length,
      )} events in the group) | ${p50p95(
        rollupTimes.aggregate,
      )} | cheapest grouped SQL for the same numbers: ${p50p95(
        rollupTimes.floor,
      )} (Cairn ${ratio(rollupTimes.aggregate, rollupTimes.floor)}) |`,
    );
    out(
      `| rollup over HTTP, including the catalog lookup (${int(
        bytes / 1024,
      )} KB of JSON) | ${p50p95(
        rollupTimes.http,
      )} | target: p95 under 300 ms |`,
    );
    await backend.stop();
  } finally {
    await db.close();
    await floorDb.close().catch(() => undefined);
    await orderDb.close().catch(() => undefined);
  }
  if (disagreements.length)
    out(`| **disagreements** | ${disagreements.join('; ')} | |`);
  return { disagreements, figures };
}

/**
 * A benchmark's command line: `--engines sqlite,postgres`, `--quick`, `--database-prefix` and its own
 * options (name → type); prints the table's header, runs each engine with the options read, and exits 1 when a
 * floor and Cairn disagree (or on an error).
 */
export function benchmarkCommand(
  own: Record<string, 'string' | 'boolean'>,
  run: (
    engine: Engine,
    options: {
      values: Record<string, string | boolean | undefined>;
      quick: boolean;
      databasePrefix: string;
    },
    out: (line: string) => void,
  ) => Promise<{ disagreements: string[] }>,
) {
  const main = async () => {
    const { values } = parseArgs({
      options: {
        engines: { type: 'string', default: 'sqlite,postgres' },
        quick: { type: 'boolean', default: false },
        // Scratch databases are named <prefix>_<pid>_<n> (PostgreSQL) or put in <tmp>/<prefix>-* (SQLite).
        'database-prefix': { type: 'string', default: 'cairn_bench' },
        ...Object.fromEntries(
          Object.entries(own).map(([name, type]) => [name, { type }]),
        ),
      },
    });
    const prefix = values['database-prefix'] as string;
    if (!/^[a-z_][a-z0-9_]{0,38}$/.test(prefix))
      throw new Error(
        '--database-prefix: lower-case letters, digits and underscores, at most 39',
      );
    console.log(`Node ${process.version}, ${new Date().toISOString()}`);
    console.log('| what | measured | floor, measured interleaved |');
    console.log('|---|---|---|');
    let failed = false;
    for (const engine of (values.engines as string).split(',') as Engine[]) {
      const result = await run(
        engine,
        {
          values,
          quick: values.quick as boolean,
          databasePrefix: prefix,
        },
        line => console.log(line),
      );
      failed ||= result.disagreements.length > 0;
    }
    if (failed) throw new Error('a floor and Cairn disagree (see above)');
  };
  main().then(
    () => process.exit(0),
    error => {
      console.error(error);
      process.exit(1);
    },
  );
}

if (require.main === module)
  benchmarkCommand(
    // The long history's size (10,000 deployments by default, 1,000 with --quick), the group's size
    // (1,000 by default, 100 with --quick); --ingest-only: only the ingest figures.
    { deployments: 'string', components: 'string', 'ingest-only': 'boolean' },
    (engine, { values, quick, databasePrefix }, out) =>
      runBenchmark(
        engine,
        {
          deployments: Number(values.deployments ?? (quick ? 1000 : 10_000)),
          components: Number(values.components ?? (quick ? 100 : 1000)),
          runs: quick ? 10 : 200,
          singles: quick ? 30 : 200,
          ingestOnly: values['ingest-only'] === true,
          databasePrefix,
        },
        out,
      ),
  );
