/*
 * The CI benchmark of the insights backend on SQLite and PostgreSQL, each figure beside a floor
 * measured interleaved with it in the same run, the floor's numbers checked against Cairn's:
 *
 * - Ingesting pipeline runs over HTTP (1,000 a request, with their test summaries) against
 *   bulk-inserting the same final rows (runs and failed tests) into empty tables of the same shape,
 *   batch by batch. Rows must agree.
 * - The CI health of one component with N runs (100,000 by default: half in the 90-day range, half in
 *   the period before it) over HTTP, against the cheapest SQL for the same numbers: per pipeline, kind
 *   and period the counts and duration and queue percentiles (`percentile_cont` on PostgreSQL; on
 *   SQLite, which has none, the values read in order and ranked), the runs lost to reruns, and the
 *   flaky tests with their failures.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/ciBenchmark.ts
 *     [--engines sqlite,postgres] [--quick] [--runs 100000] [--database-prefix cairn_bench]
 */
import { createHash } from 'node:crypto';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CiHealth, DeliveryEventInput } from '@cairn/plugin-insights-common';
import { Knex } from 'knex';
import request from 'supertest';
import { percentileOfSorted } from '../src/delivery/engine/percentile';
import { insightsPlugin } from '../src/plugin';
import {
  benchmarkCommand,
  int,
  openDatabase,
  p50p95,
  percentile,
  ratio,
  same,
  time,
} from './benchmark';
import { Engine } from './floors';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const END = Date.parse('2026-06-30T00:00:00Z');
const FROM = END - 90 * DAY;
const PREVIOUS = FROM - 90 * DAY;
const COMPONENT = 'component:default/ci';
const PER_REQUEST = 1000;
const PIPELINES = ['build', 'e2e', 'lint'];

export type CiBenchmarkOptions = {
  /** Pipeline runs of the component, over 180 days. */
  runs: number;
  /** Timed repetitions of the read. */
  reads: number;
  databasePrefix: string;
};

const sha = (seed: string) => createHash('sha1').update(seed).digest('hex');

/**
 * The component's runs, deterministic: one run per commit, and for every tenth commit a failed first
 * attempt (a flaky test of five, and for every thirtieth commit a broken one that fails again) with a
 * rerun. Spread evenly over the 180 days.
 */
export function syntheticRuns(count: number): DeliveryEventInput[] {
  const runs: DeliveryEventInput[] = [];
  const commits = Math.ceil(count / 1.1);
  // Leave the last hour for the last commit's runs, so every run finishes before END.
  const spacing = (END - PREVIOUS - 3_600_000) / commits;
  for (let c = 0; runs.length < count; c++) {
    const queuedAt = PREVIOUS + Math.floor(c * spacing);
    const rerun = c % 10 === 0;
    const attempts = rerun ? 2 : 1;
    let at = queuedAt;
    for (let a = 1; a <= attempts && runs.length < count; a++) {
      const startedAt = at + (c % 7) * 20_000;
      const finishedAt = startedAt + 300_000 + (c % 13) * MINUTE;
      if (finishedAt >= END) return runs;
      const failures: Array<{ suite: string; name: string }> = [];
      if (rerun && a === 1)
        failures.push({ suite: 'Flaky', name: `test ${c % 5}` });
      if (c % 30 === 0) failures.push({ suite: 'Broken', name: 'always' });
      runs.push({
        type: 'pipelineRun',
        source: 'bench',
        id: `run-${c}-${a}`,
        component: COMPONENT,
        pipeline: PIPELINES[c % 3],
        commit: sha(`c${c}`),
        kind: c % 4 === 0 ? 'pullRequest' : 'defaultBranch',
        attempt: a,
        queuedAt: new Date(at).toISOString(),
        startedAt: new Date(startedAt).toISOString(),
        finishedAt: new Date(finishedAt).toISOString(),
        result: failures.length ? 'failure' : 'success',
        tests: {
          passed: 500 - failures.length,
          failed: failures.length,
          skipped: 0,
          ...(failures.length ? { failures } : {}),
        },
      });
      at = finishedAt + 2 * MINUTE;
    }
  }
  return runs;
}

type FloorPipeline = {
  pipeline: string;
  kind: string;
  current: boolean;
  runs: number;
  succeeded: number;
  failed: number;
  duration: { p50: number | null; p95: number | null };
  queue: { p50: number | null; p95: number | null };
};

type Floor = {
  pipelines: FloorPipeline[];
  reruns: { runs: number; secondsLost: number };
  flaky: Map<string, { flakyCommits: number; failures: number }>;
};

const rowsOf = (raw: any): Array<Record<string, any>> => raw.rows ?? raw;
const seconds = (a: string, b: string) => `ROUND((${b} - ${a}) / 1000.0)`;

/** The cheapest SQL we can write for the same numbers. */
async function ciFloor(knex: Knex, engine: Engine): Promise<Floor> {
  const scope = `component_ref = ? AND finished_at >= ? AND finished_at < ?`;
  const period = `CASE WHEN finished_at >= ${FROM} THEN 1 ELSE 0 END`;
  const pipelineQuery =
    engine === 'postgres'
      ? knex.raw(
          `SELECT pipeline, kind, ${period} AS cur, count(*) AS runs,
             count(*) FILTER (WHERE result = 'success') AS succeeded,
             count(*) FILTER (WHERE result = 'failure') AS failed,
             percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY ${seconds(
               'started_at',
               'finished_at',
             )}) AS duration,
             percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY ${seconds(
               'queued_at',
               'started_at',
             )}) AS queue
           FROM delivery_pipeline_runs WHERE ${scope}
           GROUP BY pipeline, kind, ${period}`,
          [COMPONENT, PREVIOUS, END],
        )
      : knex.raw(
          `SELECT pipeline, kind, ${period} AS cur, result,
             ${seconds('started_at', 'finished_at')} AS duration,
             ${seconds('queued_at', 'started_at')} AS queue
           FROM delivery_pipeline_runs WHERE ${scope}
           ORDER BY pipeline, kind, cur`,
          [COMPONENT, PREVIOUS, END],
        );
  const rerunQuery = knex.raw(
    `SELECT count(*) AS n, COALESCE(SUM(${seconds(
      'r.started_at',
      'r.finished_at',
    )}), 0) AS lost
     FROM delivery_pipeline_runs r
     WHERE r.component_ref = ? AND r.finished_at >= ? AND r.finished_at < ? AND r.result = 'failure'
       AND EXISTS (SELECT 1 FROM delivery_pipeline_runs s
         WHERE s.commit_sha = r.commit_sha AND s.component_ref = r.component_ref
           AND s.pipeline = r.pipeline AND s.result = 'success'
           AND s.finished_at > r.finished_at AND s.finished_at < ?)`,
    [COMPONENT, FROM, END, END],
  );
  // Per failed test and commit: how many runs failed it and how many runs of its pipeline reported
  // tests on that commit (an index lookup per group). The few rows are folded below.
  const flakyQuery = knex.raw(
    `SELECT t.suite, t.name, r.pipeline, r.commit_sha, count(*) AS failed,
       (SELECT count(*) FROM delivery_pipeline_runs r2
        WHERE r2.commit_sha = r.commit_sha AND r2.component_ref = r.component_ref
          AND r2.pipeline = r.pipeline AND r2.tests_passed IS NOT NULL
          AND r2.finished_at >= ? AND r2.finished_at < ?) AS n
     FROM delivery_pipeline_runs r JOIN delivery_test_failures t ON t.run_id = r.id
     WHERE r.component_ref = ? AND r.finished_at >= ? AND r.finished_at < ?
       AND r.tests_passed IS NOT NULL
     GROUP BY t.suite, t.name, r.pipeline, r.commit_sha, r.component_ref`,
    [FROM, END, COMPONENT, FROM, END],
  );
  const [p, r, f] = await Promise.all([pipelineQuery, rerunQuery, flakyQuery]);
  const pipelines: FloorPipeline[] = [];
  if (engine === 'postgres') {
    const pair = (v: unknown) => {
      const list =
        typeof v === 'string'
          ? v.replace(/[{}]/g, '').split(',').map(Number)
          : (v as number[] | null);
      return { p50: list?.[0] ?? null, p95: list?.[1] ?? null };
    };
    for (const row of rowsOf(p))
      pipelines.push({
        pipeline: row.pipeline,
        kind: row.kind,
        current: Number(row.cur) === 1,
        runs: Number(row.runs),
        succeeded: Number(row.succeeded),
        failed: Number(row.failed),
        duration: pair(row.duration),
        queue: pair(row.queue),
      });
  } else {
    const groups = new Map<string, Array<Record<string, any>>>();
    for (const row of rowsOf(p)) {
      const key = `${row.pipeline}\u0000${row.kind}\u0000${row.cur}`;
      const list = groups.get(key);
      if (list) list.push(row);
      else groups.set(key, [row]);
    }
    for (const list of groups.values()) {
      const sorted = (column: string) =>
        Float64Array.from(
          list.filter(x => x[column] !== null).map(x => Number(x[column])),
        ).sort();
      const d = sorted('duration');
      const q = sorted('queue');
      pipelines.push({
        pipeline: list[0].pipeline,
        kind: list[0].kind,
        current: Number(list[0].cur) === 1,
        runs: list.length,
        succeeded: list.filter(x => x.result === 'success').length,
        failed: list.filter(x => x.result === 'failure').length,
        duration: {
          p50: percentileOfSorted(d, 50),
          p95: percentileOfSorted(d, 95),
        },
        queue: {
          p50: percentileOfSorted(q, 50),
          p95: percentileOfSorted(q, 95),
        },
      });
    }
  }
  const [rerun] = rowsOf(r);
  const failedTests = rowsOf(f).map(row => ({
    key: `${row.suite}\u0000${row.name}`,
    pipeline: String(row.pipeline),
    failed: Number(row.failed),
    n: Number(row.n),
  }));
  const flakyIn = new Map<string, Set<string>>();
  const flaky = new Map<string, { flakyCommits: number; failures: number }>();
  for (const t of failedTests) {
    if (t.n < 2 || t.failed >= t.n) continue;
    flakyIn.set(t.key, (flakyIn.get(t.key) ?? new Set()).add(t.pipeline));
    const entry = flaky.get(t.key) ?? { flakyCommits: 0, failures: 0 };
    entry.flakyCommits++;
    flaky.set(t.key, entry);
  }
  for (const t of failedTests) {
    if (flakyIn.get(t.key)?.has(t.pipeline))
      flaky.get(t.key)!.failures += t.failed;
  }
  return {
    pipelines,
    reruns: { runs: Number(rerun.n), secondsLost: Number(rerun.lost) },
    flaky,
  };
}

/** Where Cairn's answer and the floor's numbers differ (nothing when they agree). */
function compare(health: CiHealth, floor: Floor): string[] {
  const problems: string[] = [];
  for (const p of health.pipelines) {
    for (const [current, values] of [
      [true, p],
      [false, p.previous],
    ] as const) {
      const f = floor.pipelines.find(
        x =>
          x.pipeline === p.pipeline &&
          x.kind === p.kind &&
          x.current === current,
      );
      const expected = f
        ? {
            runs: f.runs,
            succeeded: f.succeeded,
            failed: f.failed,
            duration: f.duration,
            queue: f.queue,
          }
        : {
            runs: 0,
            succeeded: 0,
            failed: 0,
            duration: { p50: null, p95: null },
            queue: { p50: null, p95: null },
          };
      const actual = {
        runs: values.runs,
        succeeded: values.succeeded,
        failed: values.failed,
        duration: { p50: values.duration.p50, p95: values.duration.p95 },
        queue: { p50: values.queue.p50, p95: values.queue.p95 },
      };
      if (!same(actual, expected))
        problems.push(
          `${p.pipeline} ${p.kind} ${
            current ? 'range' : 'previous'
          }: ${JSON.stringify(actual)} vs floor ${JSON.stringify(expected)}`,
        );
    }
  }
  const currentFloor = floor.pipelines.filter(x => x.current).length;
  if (health.pipelines.filter(p => p.runs > 0).length !== currentFloor)
    problems.push(
      `pipelines: ${health.pipelines.length}, floor ${currentFloor}`,
    );
  if (!same(health.reruns, floor.reruns))
    problems.push(
      `reruns: ${JSON.stringify(health.reruns)} vs floor ${JSON.stringify(
        floor.reruns,
      )}`,
    );
  if (health.flakyTests.length !== Math.min(20, floor.flaky.size))
    problems.push(
      `flaky tests: ${health.flakyTests.length}, floor ${floor.flaky.size}`,
    );
  for (const t of health.flakyTests) {
    const f = floor.flaky.get(`${t.suite}\u0000${t.name}`);
    if (!f || f.flakyCommits !== t.flakyCommits || f.failures !== t.failures)
      problems.push(
        `flaky ${t.suite} ${t.name}: ${t.flakyCommits} commits, ${
          t.failures
        } failures; floor ${JSON.stringify(f)}`,
      );
  }
  return problems;
}

export async function runCiBenchmark(
  engine: Engine,
  options: CiBenchmarkOptions,
  out: (line: string) => void,
) {
  const disagreements: string[] = [];
  const figures: Record<string, number> = {};
  const db = await openDatabase(engine, options.databasePrefix);
  const floorDb = await openDatabase(engine, `${options.databasePrefix}_f`);
  try {
    const backend = await startTestBackend({
      features: [
        insightsPlugin,
        mockServices.database.factory({ knex: db.knex }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'ci', namespace: 'default' },
              spec: { type: 'service', owner: 'team', lifecycle: 'production' },
            },
          ],
        }),
      ],
    });
    const auth = mockCredentials.user.header('user:default/bench');
    const http = () => request(backend.server);
    await floorDb.knex.migrate.latest({
      directory: `${__dirname}/../migrations`,
    });

    // 1. Ingest, interleaved batch by batch with the floor inserting the rows Cairn stored.
    const runs = syntheticRuns(options.runs);
    let ingestMs = 0;
    let floorMs = 0;
    const batch = engine === 'postgres' ? 1000 : 150;
    for (let i = 0; i < runs.length; i += PER_REQUEST) {
      const events = runs.slice(i, i + PER_REQUEST);
      const [took, res] = await time(() =>
        http()
          .post('/api/insights/v1/events')
          .set('Authorization', auth)
          .send({ events }),
      );
      if (res.status !== 200) throw new Error(`events: ${res.text}`);
      ingestMs += took;
      const ids = events.map(e => e.id);
      const runRows = await db
        .knex('delivery_pipeline_runs')
        .whereIn('external_id', ids);
      const failureRows = await db.knex('delivery_test_failures').whereIn(
        'run_id',
        runRows.map(r => r.id),
      );
      const [floorTook] = await time(() =>
        floorDb.knex.transaction(async tx => {
          for (let j = 0; j < runRows.length; j += batch)
            await tx('delivery_pipeline_runs').insert(
              runRows.slice(j, j + batch),
            );
          for (let j = 0; j < failureRows.length; j += batch)
            await tx('delivery_test_failures').insert(
              failureRows.slice(j, j + batch),
            );
        }),
      );
      floorMs += floorTook;
    }
    for (const table of ['delivery_pipeline_runs', 'delivery_test_failures']) {
      const count = async (k: Knex) =>
        Number((await k(table).count({ n: '*' }))[0].n);
      const [a, b] = [await count(db.knex), await count(floorDb.knex)];
      if (a !== b) disagreements.push(`${table}: ${a} rows, floor ${b}`);
    }
    figures.ingestPerSecond = runs.length / (ingestMs / 1000);
    figures.ingestFloorPerSecond = runs.length / (floorMs / 1000);
    out(
      `| ${engine}: ingesting pipeline runs over HTTP (${int(
        runs.length,
      )}, ${int(PER_REQUEST)} a request) | ${int(
        figures.ingestPerSecond,
      )} runs/s (${(
        figures.ingestPerSecond / figures.ingestFloorPerSecond
      ).toFixed(
        2,
      )}× the floor) | bulk INSERT of the same runs and failed tests: ${int(
        figures.ingestFloorPerSecond,
      )} runs/s |`,
    );
    // Statistics as an operator's maintenance would keep them (autovacuum on PostgreSQL, ANALYZE on
    // SQLite): without them SQLite's planner reads the floor's per-commit lookups through the time index.
    await db.knex.raw('ANALYZE');

    // 2. CI health over HTTP against the floor's SQL, interleaved.
    const measured: number[] = [];
    const floor: number[] = [];
    let bytes = 0;
    for (let r = 0; r < options.reads; r++) {
      const [a, res] = await time(() =>
        http()
          .get('/api/insights/v1/ci/health')
          .query({
            entity: COMPONENT,
            from: new Date(FROM).toISOString(),
            to: new Date(END).toISOString(),
            timezone: 'UTC',
          })
          .set('Authorization', auth),
      );
      const [b, numbers] = await time(() => ciFloor(db.knex, engine));
      if (res.status !== 200) throw new Error(`ci/health: ${res.text}`);
      measured.push(a);
      floor.push(b);
      if (r === 0) {
        bytes = res.text.length;
        disagreements.push(...compare(res.body as CiHealth, numbers));
      }
    }
    figures.healthP95 = percentile(measured, 95);
    figures.healthFloorP95 = percentile(floor, 95);
    out(
      `| ${engine}: CI health of one component over HTTP (${int(
        runs.length,
      )} runs, ${int(
        runs.filter(
          e => Date.parse((e as { finishedAt: string }).finishedAt) >= FROM,
        ).length,
      )} in the 90-day range; ${int(bytes / 1024)} KB) | ${p50p95(
        measured,
      )} (${ratio(
        measured,
        floor,
      )}) | the same numbers in SQL (per pipeline and period, reruns, flaky tests): ${p50p95(
        floor,
      )} |`,
    );
    await backend.stop();
  } finally {
    await db.close();
    await floorDb.close();
  }
  if (disagreements.length)
    out(`| **disagreements** | ${disagreements.join('; ')} | |`);
  return { disagreements, figures };
}

if (require.main === module)
  benchmarkCommand(
    { runs: 'string' },
    (engine, { values, quick, databasePrefix }, out) =>
      runCiBenchmark(
        engine,
        {
          runs: Number(values.runs ?? (quick ? 5000 : 100_000)),
          reads: quick ? 10 : 30,
          databasePrefix,
        },
        out,
      ),
  );
