/*
 * Benchmarks of the insights backend on SQLite and PostgreSQL, each printed next to its raw floor:
 * - batch ingest through the HTTP API (events/s), next to a bulk INSERT of the same rows;
 * - single-event ingest latency (p50/p99) into a component with a long history;
 * - the DORA summary of one component with 10,000 deployments, 50,000 changes and 500 incidents over
 *   90 days (p50/p95): the store aggregate, the same aggregate as one hand-written SQL query, and the
 *   whole HTTP summary (trend, coverage, tiers);
 * - the rollup of a group of 1,000 components: the aggregate with the member list given, and the HTTP
 *   rollup including the catalog lookup (an in-memory catalog here).
 *
 *   yarn workspace @cairn/plugin-insights-backend bench [--engines sqlite,postgres] [--quick]
 *
 * PostgreSQL is read from BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (default
 * postgresql://postgres@127.0.0.1:5432); a scratch database is created and dropped.
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
import { DeliveryEventInput } from '@cairn/plugin-insights-common';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { offsetSegments } from '../src/shared/timeZones';
import { doraAggregates } from '../src/delivery/store/doraAggregates';
import { insightsPlugin } from '../src/plugin';
import { syntheticHistory } from './syntheticHistory';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-30T00:00:00Z');
const FROM = NOW - 90 * DAY;
const BIG = 'component:default/big';

type Engine = 'sqlite' | 'postgres';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await fn();
  return [performance.now() - started, result];
}

let databaseCounter = 0;

async function openDatabase(
  engine: Engine,
): Promise<{ knex: Knex; close: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-'));
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
  const url =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432';
  const name = `cairn_bench_${process.pid}_${++databaseCounter}`;
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

/** The same aggregate as the store's, for one component and range, as one hand-written statement. */
function floorQuery(engine: Engine, knex: Knex, timezone: string) {
  const p = (column: string, from: string, where = '') =>
    engine === 'postgres'
      ? `(SELECT percentile_cont(ARRAY[0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY ${column}) FROM ${from} WHERE ${column} IS NOT NULL ${where})`
      : `(SELECT json_group_array(x) FROM (SELECT x FROM (SELECT ${column} AS x, ROW_NUMBER() OVER (ORDER BY ${column}) AS rn, COUNT(*) OVER () AS n FROM ${from} WHERE ${column} IS NOT NULL ${where}) WHERE rn IN ((n-1)*50/100+1, (n-1)*50/100+2, (n-1)*75/100+1, (n-1)*75/100+2, (n-1)*90/100+1, (n-1)*90/100+2)))`;
  const localDay =
    engine === 'postgres'
      ? `(to_timestamp(finished_at / 1000.0) AT TIME ZONE '${timezone}')::date`
      : (() => {
          const segments = offsetSegments(FROM, NOW, timezone);
          if (segments.length === 1)
            return `(finished_at + ${segments[0].offsetMs}) / ${DAY}`;
          const cases = segments
            .slice(0, -1)
            .map(s => `WHEN finished_at < ${s.end} THEN ${s.offsetMs}`)
            .join(' ');
          return `(finished_at + CASE ${cases} ELSE ${
            segments[segments.length - 1].offsetMs
          } END) / ${DAY}`;
        })();
  const sql = `WITH
    d AS (SELECT * FROM delivery_deployments WHERE component_ref = ? AND env_key = 'production' AND merged_into IS NULL AND result IS NOT NULL AND finished_at >= ? AND finished_at < ?),
    f AS (SELECT * FROM delivery_change_facts WHERE component_ref = ? AND env_key = 'production' AND deployed_at >= ? AND deployed_at < ?),
    i AS (SELECT * FROM delivery_incidents WHERE component_ref = ? AND env_key = 'production' AND detected_at >= ? AND detected_at < ?)
  SELECT
    (SELECT SUM(CASE WHEN result = 'success' THEN 1 ELSE 0 END) FROM d) AS deployments,
    (SELECT COUNT(DISTINCT CASE WHEN result = 'success' THEN ${localDay} END) FROM d) AS deployment_days,
    (SELECT COUNT(*) FROM d) AS total,
    (SELECT SUM(CASE WHEN is_failed THEN 1 ELSE 0 END) FROM d) AS failed,
    (SELECT SUM(CASE WHEN is_rework THEN 1 ELSE 0 END) FROM d) AS rework,
    (SELECT SUM(CASE WHEN is_failed AND recovered_at IS NULL THEN 1 ELSE 0 END) FROM d) AS unrecovered,
    ${p('lead_seconds', 'f')} AS lead,
    ${p('coding_seconds', 'f')} AS coding,
    ${p('pickup_seconds', 'f')} AS pickup,
    ${p('review_seconds', 'f')} AS review,
    ${p('deploy_seconds', 'f')} AS deploy,
    ${p('recovery_seconds', 'd', 'AND is_failed')} AS recovery,
    (SELECT COUNT(*) FROM i) AS incidents,
    ${p(
      '(resolved_at - detected_at) / 1000',
      'i',
      'AND resolved_at IS NOT NULL',
    )} AS mttr`;
  const bindings = [BIG, FROM, NOW, BIG, FROM, NOW, BIG, FROM, NOW];
  return () => knex.raw(sql, bindings);
}

/** An event as the row a bare bulk INSERT would write, without attribution or derivation. */
function floorRow(
  e: DeliveryEventInput,
  n: number,
): { table: string; row: Record<string, unknown> } {
  const common = {
    source: e.source,
    external_id: e.id,
    content_hash: String(n),
    received_at: NOW,
  };
  switch (e.type) {
    case 'change':
      return {
        table: 'delivery_changes',
        row: {
          ...common,
          repository: e.repository,
          first_commit_at: Date.parse(e.firstCommitAt!),
          opened_at: Date.parse(e.openedAt!),
          first_review_at: Date.parse(e.firstReviewAt!),
          merged_at: Date.parse(e.mergedAt!),
          merge_commit_sha: e.mergeCommit,
          lifecycle: 3,
        },
      };
    case 'deployment':
      return {
        table: 'delivery_deployments',
        row: {
          ...common,
          component_ref: BIG,
          environment: 'production',
          env_key: 'production',
          commit_sha: e.commit,
          finished_at: Date.parse(e.finishedAt!),
          result: e.result,
          trigger_type: e.trigger ?? 'normal',
          lifecycle: 2,
        },
      };
    default:
      return {
        table: 'delivery_incidents',
        row: {
          ...common,
          component_ref: BIG,
          environment: 'production',
          env_key: 'production',
          detected_at: Date.parse(e.detectedAt),
          lifecycle: 1,
        },
      };
  }
}

async function benchmark(
  engine: Engine,
  options: { quick: boolean; deployments?: number; ingestOnly: boolean },
) {
  const scale = options.quick ? 0.1 : 1;
  const deployments = options.deployments ?? Math.round(10_000 * scale);
  const groupSize = Math.round(1_000 * scale);
  const { knex, close } = await openDatabase(engine);
  const out = (line: string) => console.log(line);
  out(`| **${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}** | | |`);
  try {
    const backend = await startTestBackend({
      features: [
        insightsPlugin,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: entities(groupSize) }),
        mockServices.rootConfig.factory({
          data: { insights: { defaultTimezone: 'Europe/Berlin' } },
        }),
      ],
    });
    const server = backend.server;
    const auth = mockCredentials.user.header('user:default/bench');
    const post = (events: DeliveryEventInput[]) =>
      request(server)
        .post('/api/insights/v1/events')
        .set('Authorization', auth)
        .send({ events });

    // 1. Batch ingest through HTTP, 1,000 events per request.
    const history = syntheticHistory({
      component: BIG,
      to: NOW,
      // 90 days; longer histories keep the pace of 10,000 in 90 days (about 110 a day).
      days: Math.max(90, Math.ceil((deployments * 90) / 10_000)),
      deployments,
      changesPerDeployment: 5,
      incidents: Math.round(500 * scale),
    });
    let batchTime = 0;
    for (let i = 0; i < history.length; i += 1000) {
      const [elapsed, res] = await time(() => post(history.slice(i, i + 1000)));
      if (res.status !== 200)
        throw new Error(`ingest failed: ${JSON.stringify(res.body)}`);
      batchTime += elapsed;
    }
    const httpRate = history.length / (batchTime / 1000);
    // Steady state: PostgreSQL's autovacuum analyses and vacuums insert-heavy tables on its own; the
    // benchmark does it now rather than wait for it.
    if (engine === 'postgres') await knex.raw('VACUUM ANALYZE');

    // The floor: the same rows as one bulk INSERT per table into empty tables, no derivation.
    const floorDb = await openDatabase(engine);
    await floorDb.knex.migrate.latest({
      directory: join(__dirname, '../migrations'),
    });
    const rows = history.map(floorRow);
    const [floorTime] = await time(async () => {
      for (const table of [
        'delivery_changes',
        'delivery_deployments',
        'delivery_incidents',
      ]) {
        await floorDb.knex.batchInsert(
          table,
          rows.filter(r => r.table === table).map(r => r.row),
          400,
        );
      }
    });
    await floorDb.close();
    const floorRate = history.length / (floorTime / 1000);
    out(
      `| batch ingest, HTTP, 1,000 events per request | ${Math.round(
        httpRate,
      ).toLocaleString(
        'en',
      )} events/s | bulk INSERT of the same rows: ${Math.round(
        floorRate,
      ).toLocaleString('en')} events/s |`,
    );

    // 2. Single-event ingest into the component with the long history.
    const singles: number[] = [];
    for (let i = 0; i < (options.quick ? 30 : 200); i++) {
      const [elapsed, res] = await time(() =>
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
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      singles.push(elapsed);
    }
    out(
      `| single-event ingest (component with ${deployments.toLocaleString(
        'en',
      )} deployments) | p50 ${ms(percentile(singles, 50))}, p99 ${ms(
        percentile(singles, 99),
      )} | |`,
    );

    if (options.ingestOnly) return;

    // 3. The summary over 90 days.
    const runs = options.quick ? 10 : 40;
    const offsets = offsetSegments(FROM, NOW, 'Europe/Berlin');
    const aggregate: number[] = [];
    const floor: number[] = [];
    const http: number[] = [];
    const floorQ = floorQuery(engine, knex, 'Europe/Berlin');
    for (let i = 0; i < runs; i++) {
      aggregate.push(
        (
          await time(() =>
            doraAggregates(knex, {
              componentRefs: [BIG],
              envKey: 'production',
              from: FROM,
              to: NOW,
              offsets,
              grouping: { by: 'component' },
            }),
          )
        )[0],
      );
      floor.push((await time(floorQ))[0]);
      http.push(
        (
          await time(() =>
            request(server)
              .get('/api/insights/v1/metrics/summary')
              .query({
                entity: BIG,
                from: new Date(FROM).toISOString(),
                to: new Date(NOW).toISOString(),
                timezone: 'Europe/Berlin',
              })
              .set('Authorization', auth),
          )
        )[0],
      );
    }
    const values = (
      await doraAggregates(knex, {
        componentRefs: [BIG],
        envKey: 'production',
        from: FROM,
        to: NOW,
        offsets,
        grouping: { by: 'component' },
      })
    ).get(BIG)!;
    out(
      `| DORA aggregate, one component, 90 days (${values.total.toLocaleString(
        'en',
      )} deployments, ${values.leadTime.count.toLocaleString('en')} changes, ${
        values.incidents
      } incidents) | p50 ${ms(percentile(aggregate, 50))}, p95 ${ms(
        percentile(aggregate, 95),
      )} | one hand-written SQL query: p50 ${ms(
        percentile(floor, 50),
      )}, p95 ${ms(percentile(floor, 95))} (${(
        percentile(aggregate, 95) / percentile(floor, 95)
      ).toFixed(2)}×) |`,
    );
    out(
      `| summary over HTTP (both periods, coverage, tiers) | p50 ${ms(
        percentile(http, 50),
      )}, p95 ${ms(percentile(http, 95))} | |`,
    );

    // 4. The rollup of a group of 1,000 components, each with a small history.
    const members = Array.from(
      { length: groupSize },
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
    for (let i = 0; i < small.length; i += 1000)
      await post(small.slice(i, i + 1000));
    const rollupAggregate: number[] = [];
    const rollupHttp: number[] = [];
    for (let i = 0; i < (options.quick ? 5 : 15); i++) {
      rollupAggregate.push(
        (
          await time(() =>
            doraAggregates(knex, {
              componentRefs: members,
              envKey: 'production',
              from: FROM,
              to: NOW,
              offsets,
              grouping: { by: 'component' },
            }),
          )
        )[0],
      );
      rollupHttp.push(
        (
          await time(() =>
            request(server)
              .get('/api/insights/v1/metrics/rollup')
              .query({
                entity: 'group:default/big-team',
                from: new Date(FROM).toISOString(),
                to: new Date(NOW).toISOString(),
              })
              .set('Authorization', auth),
          )
        )[0],
      );
    }
    out(
      `| rollup of ${groupSize.toLocaleString(
        'en',
      )} components, member list given | p50 ${ms(
        percentile(rollupAggregate, 50),
      )}, p95 ${ms(percentile(rollupAggregate, 95))} | |`,
    );
    out(
      `| rollup over HTTP, including the catalog lookup | p50 ${ms(
        percentile(rollupHttp, 50),
      )}, p95 ${ms(percentile(rollupHttp, 95))} | |`,
    );
    await backend.stop();
  } finally {
    await close();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      engines: { type: 'string', default: 'sqlite,postgres' },
      quick: { type: 'boolean', default: false },
      // The long history's size (10,000 deployments by default, 1,000 with --quick).
      deployments: { type: 'string' },
      // Only the ingest figures (batch and single event), for the larger histories.
      'ingest-only': { type: 'boolean', default: false },
    },
  });
  console.log(`Node ${process.version}, ${new Date().toISOString()}`);
  console.log('| what | measured | floor |');
  console.log('|---|---|---|');
  for (const engine of values.engines!.split(',') as Engine[]) {
    await benchmark(engine, {
      quick: values.quick!,
      deployments: values.deployments ? Number(values.deployments) : undefined,
      ingestOnly: values['ingest-only']!,
    });
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
