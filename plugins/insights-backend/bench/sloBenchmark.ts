/*
 * The SLO benchmark of the insights backend on SQLite and PostgreSQL, each figure beside a floor
 * measured interleaved with it in the same run, the floor's numbers checked against Cairn's:
 *
 * - Pushing SLI minutes over HTTP (40,000 a request, 30 days per SLO) against bulk-inserting the same
 *   final rows (minutes and hourly sums) into empty tables of the same shape. Rows must agree.
 *   Target: 50,000 minutes a second or more.
 * - The status of one SLO at the end of 30 days of minutes (43,200) with every alert window, over
 *   HTTP, against the cheapest SQL for the same numbers over the raw minutes (one scan, a sum per
 *   window). Target: p95 under 20 ms.
 * - The rollup of a group with N SLOs (1,000 by default) over HTTP, against one grouped SQL statement
 *   for the same period sums from the hourly sums and the edge minutes. Target: under 1 s.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/sloBenchmark.ts
 *     [--engines sqlite,postgres] [--quick] [--slos 1000] [--pushed 10] [--database-prefix cairn_bench]
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { insightsPlugin } from '../src/plugin';
import {
  int,
  ms,
  openDatabase,
  p50p95,
  percentile,
  ratio,
  same,
  time,
  benchmarkCommand,
} from './benchmark';
import { Engine } from './floors';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const END = Date.parse('2026-06-30T00:00:00Z');
const DAYS = 30;
const START = END - DAYS * DAY;
const PER_REQUEST = 40_000;
const TEAM = 'group:default/slo-team';

const document = (name: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: ${name}
  indicator:
    metadata:
      name: ${name}-requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="${name}",code!~"5.."}[{{.window}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="${name}"}[{{.window}}]))
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.9
`;

/** The minute's numbers: deterministic, with a few bad minutes and a burn in the last hours of some. */
const minuteOf = (series: number, minute: number) => {
  const total = 100 + ((minute + series) % 13);
  const burning = series % 10 === 0 && minute >= DAYS * 1440 - 120;
  let bad = (minute + series) % 97 === 0 ? 5 : 0;
  if (burning) bad = 30;
  return { good: total - bad, total };
};

function entities(slos: number): Entity[] {
  const list: Entity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'slo-team', namespace: 'default' },
      spec: { type: 'team', children: [] },
    },
  ];
  for (let i = 0; i < slos; i++)
    list.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `slo-${i}`, namespace: 'default' },
      spec: { type: 'service', owner: 'slo-team', lifecycle: 'production' },
      relations: [{ type: 'ownedBy', targetRef: TEAM }],
    });
  return list;
}

export type SloBenchmarkOptions = {
  /** SLOs in the group whose rollup is measured. */
  slos: number;
  /** Of them, how many get their 30 days of minutes over HTTP (the ingest figure). */
  pushed: number;
  runs: number;
  databasePrefix: string;
};

/** Generates the minutes of series [from, to) in SQL (not timed: data for the reads). */
async function loadMinutes(knex: Knex, from: number, to: number) {
  const pg = String(knex.client.config.client).includes('pg');
  const minutes = DAYS * 1440;
  for (let s = from; s < to; s += 20) {
    const last = Math.min(to, s + 20);
    const series = pg
      ? `generate_series(${s}, ${last - 1})`
      : `(WITH RECURSIVE n(i) AS (SELECT ${s} UNION ALL SELECT i + 1 FROM n WHERE i < ${
          last - 1
        }) SELECT i FROM n)`;
    const minuteSeries = pg
      ? `generate_series(0, ${minutes - 1})`
      : `(WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${
          minutes - 1
        }) SELECT i FROM n)`;
    const seriesCol = pg ? 'sv.sv' : 'sv.i';
    const minuteCol = pg ? 'mv.mv' : 'mv.i';
    const total = `(100 + ((${minuteCol} + ${seriesCol}) % 13))`;
    const bad = `(CASE WHEN ${seriesCol} % 10 = 0 AND ${minuteCol} >= ${
      minutes - 120
    } THEN 30 WHEN (${minuteCol} + ${seriesCol}) % 97 = 0 THEN 5 ELSE 0 END)`;
    await knex.raw(
      `INSERT INTO reliability_sli_minutes (component_ref, slo, objective, start, good, total)
       SELECT 'component:default/slo-' || ${seriesCol}, 'slo-' || ${seriesCol}, 0,
              ${START} + CAST(${minuteCol} AS bigint) * ${MINUTE}, ${total} - ${bad}, ${total}
       FROM ${series} AS sv${pg ? '(sv)' : ''}, ${minuteSeries} AS mv${
        pg ? '(mv)' : ''
      }`,
    );
    await knex.raw(
      `INSERT INTO reliability_sli_hours (component_ref, slo, objective, start, good, total, minutes)
       SELECT component_ref, slo, objective, start - (start % ${HOUR}), sum(good), sum(total), count(*)
       FROM reliability_sli_minutes
       WHERE component_ref IN (${Array.from(
         { length: last - s },
         (_, i) => `'component:default/slo-${s + i}'`,
       ).join(',')})
       GROUP BY component_ref, slo, objective, start - (start % ${HOUR})`,
    );
  }
  if (pg) await knex.raw('ANALYZE');
}

/** The floor for a status: one scan of the raw minutes, a sum per window. */
async function statusFloor(knex: Knex, key: string, windows: number[][]) {
  const columns = windows
    .map(
      ([from, to], i) =>
        `sum(CASE WHEN start >= ${from} AND start < ${to} THEN good ELSE 0 END) AS g${i},
         sum(CASE WHEN start >= ${from} AND start < ${to} THEN total ELSE 0 END) AS t${i}`,
    )
    .join(',');
  const from = Math.min(...windows.map(w => w[0]));
  const rows = await knex.raw(
    `SELECT ${columns} FROM reliability_sli_minutes
     WHERE component_ref = ? AND slo = ? AND objective = 0 AND start >= ? AND start < ?`,
    [`component:default/${key}`, key, from, END],
  );
  const row = (rows.rows ?? rows)[0];
  return windows.map((_, i) => ({
    good: Number(row[`g${i}`]),
    total: Number(row[`t${i}`]),
  }));
}

/**
 * The floor for a rollup: every SLO's period sums in one grouped statement, the series joined on the
 * primary key of the hourly sums (and of the minutes, for a period that does not start on an hour).
 */
async function rollupFloor(knex: Knex, slos: number, from: number, to: number) {
  const hourFrom = Math.ceil(from / HOUR) * HOUR;
  const hourTo = Math.floor(to / HOUR) * HOUR;
  const keys = Array.from({ length: slos }, (_, i) => [
    `component:default/slo-${i}`,
    `slo-${i}`,
  ]);
  const values = keys.map(() => '(?, ?, CAST(0 AS integer))').join(', ');
  const edges = [
    [from, hourFrom],
    [hourTo, to],
  ].filter(([a, b]) => a < b);
  const join = (table: string) =>
    `FROM wanted w CROSS JOIN ${table} t WHERE t.component_ref = w.component_ref AND t.slo = w.slo AND t.objective = w.objective`;
  const rows = await knex.raw(
    `WITH wanted(component_ref, slo, objective) AS (VALUES ${values})
     SELECT slo, sum(good) AS good, sum(total) AS total FROM (
       SELECT t.slo, t.good, t.total ${join('reliability_sli_hours')}
         AND t.start >= ? AND t.start < ?
       ${edges
         .map(
           () =>
             `UNION ALL SELECT t.slo, t.good, t.total ${join(
               'reliability_sli_minutes',
             )} AND t.start >= ? AND t.start < ?`,
         )
         .join(' ')}
     ) AS s GROUP BY slo`,
    [...keys.flat(), hourFrom, hourTo, ...edges.flat()],
  );
  return (rows.rows ?? rows) as Array<{
    slo: string;
    good: number;
    total: number;
  }>;
}

export async function runSloBenchmark(
  engine: Engine,
  options: SloBenchmarkOptions,
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
        catalogServiceMock.factory({ entities: entities(options.slos) }),
      ],
    });
    const auth = mockCredentials.user.header('user:default/bench');
    const http = () => request(backend.server);
    for (let i = 0; i < options.slos; i++) {
      const res = await http()
        .put('/api/insights/v1/slos/documents')
        .set('Authorization', auth)
        .send({
          entity: `component:default/slo-${i}`,
          content: document(`slo-${i}`),
        });
      if (res.status !== 200) throw new Error(`documents: ${res.text}`);
    }

    // The floor's tables: the same shape, empty.
    await floorDb.knex.migrate.latest({
      directory: `${__dirname}/../migrations`,
    });

    // 1. Pushing minutes, interleaved with the floor inserting the same final rows.
    let pushMs = 0;
    let floorMs = 0;
    let pushed = 0;
    const pushedSeries = Math.min(options.pushed, options.slos);
    for (let s = 0; s < pushedSeries; s++) {
      const buckets = Array.from({ length: DAYS * 1440 }, (_, m) => ({
        start: new Date(START + m * MINUTE).toISOString(),
        ...minuteOf(s, m),
      }));
      for (let i = 0; i < buckets.length; i += PER_REQUEST) {
        const [took, res] = await time(() =>
          http()
            .post('/api/insights/v1/slos/sli')
            .set('Authorization', auth)
            .send({
              entity: `component:default/slo-${s}`,
              slo: `slo-${s}`,
              buckets: buckets.slice(i, i + PER_REQUEST),
            }),
        );
        if (res.status !== 200) throw new Error(`sli: ${res.text}`);
        pushMs += took;
        pushed += Math.min(PER_REQUEST, buckets.length - i);
      }
      // The floor: the rows Cairn stored for this series, bulk-inserted in as many statements.
      const where = { slo: `slo-${s}` };
      const minutes = await db.knex('reliability_sli_minutes').where(where);
      const hours = await db.knex('reliability_sli_hours').where(where);
      const batch = engine === 'postgres' ? 1500 : 400;
      const [took] = await time(async () => {
        await floorDb.knex.transaction(async tx => {
          for (let i = 0; i < minutes.length; i += batch)
            await tx('reliability_sli_minutes').insert(
              minutes.slice(i, i + batch),
            );
          for (let i = 0; i < hours.length; i += batch)
            await tx('reliability_sli_hours').insert(hours.slice(i, i + batch));
        });
      });
      floorMs += took;
    }
    for (const table of ['reliability_sli_minutes', 'reliability_sli_hours']) {
      const count = async (k: Knex) =>
        Number((await k(table).count({ n: '*' }))[0].n);
      const [a, b] = [await count(db.knex), await count(floorDb.knex)];
      if (a !== b) disagreements.push(`${table}: ${a} rows, floor ${b}`);
    }
    figures.pushPerSecond = pushed / (pushMs / 1000);
    figures.pushFloorPerSecond = pushed / (floorMs / 1000);
    out(
      `| ${engine}: pushing SLI minutes over HTTP (${int(pushed)}, ${int(
        PER_REQUEST,
      )} a request) | ${int(figures.pushPerSecond)} minutes/s (${(
        figures.pushPerSecond / figures.pushFloorPerSecond
      ).toFixed(
        2,
      )}× the floor) | bulk INSERT of the same minutes and hours: ${int(
        figures.pushFloorPerSecond,
      )} minutes/s |`,
    );

    // The rest of the group's minutes, generated in SQL (not timed).
    await loadMinutes(db.knex, pushedSeries, options.slos);

    // 2. One SLO's status at the end of its 30 days.
    const windows = [
      [START, END],
      [END - HOUR, END],
      ...[5, 30, 60, 120, 360, 1440, 4320].map(m => [END - m * MINUTE, END]),
    ];
    const status: number[] = [];
    const statusFloor_: number[] = [];
    for (let r = 0; r < options.runs; r++) {
      const [a, res] = await time(() =>
        http()
          .get('/api/insights/v1/slos/status')
          .query({
            entity: 'component:default/slo-0',
            at: new Date(END).toISOString(),
          })
          .set('Authorization', auth),
      );
      const [b, floor] = await time(() =>
        statusFloor(db.knex, 'slo-0', windows),
      );
      status.push(a);
      statusFloor_.push(b);
      if (r === 0) {
        const objective = res.body.slos[0].objectives[0];
        const lastHour = floor[1];
        if (
          !same(objective.events, floor[0]) ||
          !same(
            objective.burnRate1h,
            (lastHour.total - lastHour.good) / lastHour.total / (1 - 0.999),
          )
        )
          disagreements.push(
            `status: ${JSON.stringify(
              objective.events,
            )} vs floor ${JSON.stringify(floor[0])}`,
          );
      }
    }
    figures.statusP95 = percentile(status, 95);
    figures.statusFloorP95 = percentile(statusFloor_, 95);
    out(
      `| ${engine}: status of one SLO over HTTP (${int(
        DAYS * 1440,
      )} minutes, all alert windows) | ${p50p95(status)} (${ratio(
        status,
        statusFloor_,
      )}) | one scan of the minutes, a sum per window: ${p50p95(
        statusFloor_,
      )} |`,
    );

    // 3. The group's rollup.
    const rollup: number[] = [];
    const rollupFloor_: number[] = [];
    let bytes = 0;
    for (let r = 0; r < Math.max(2, Math.ceil(options.runs / 4)); r++) {
      const [a, res] = await time(() =>
        http()
          .get('/api/insights/v1/slos/rollup')
          .query({ entity: TEAM, at: new Date(END).toISOString() })
          .set('Authorization', auth),
      );
      const [b, floor] = await time(() =>
        rollupFloor(db.knex, options.slos, START, END),
      );
      rollup.push(a);
      rollupFloor_.push(b);
      if (r === 0) {
        bytes = res.text.length;
        const lowest = Math.min(
          ...floor.map(f => 1 - (f.total - f.good) / f.total / (1 - 0.999)),
        );
        if (
          res.body.objectives !== options.slos ||
          floor.length !== options.slos ||
          !same(res.body.lowestBudgets[0].remaining, lowest)
        )
          disagreements.push(
            `rollup: ${res.body.objectives} objectives, lowest ${res.body.lowestBudgets[0]?.remaining}; floor ${floor.length}, ${lowest}`,
          );
      }
    }
    figures.rollupP95 = percentile(rollup, 95);
    figures.rollupFloorP95 = percentile(rollupFloor_, 95);
    figures.rollupBytes = bytes;
    out(
      `| ${engine}: rollup of ${int(options.slos)} SLOs over HTTP (${int(
        bytes / 1024,
      )} KB) | ${p50p95(rollup)} (${ratio(
        rollup,
        rollupFloor_,
      )}) | one grouped SQL over the hourly sums (series joined on their key): ${ms(
        percentile(rollupFloor_, 95),
      )} at p95 |`,
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
    { slos: 'string', pushed: 'string' },
    (engine, { values, quick, databasePrefix }, out) =>
      runSloBenchmark(
        engine,
        {
          slos: Number(values.slos ?? (quick ? 100 : 1000)),
          pushed: Number(values.pushed ?? (quick ? 3 : 10)),
          runs: quick ? 10 : 40,
          databasePrefix,
        },
        out,
      ),
  );
