/*
 * The scorecards benchmark of the insights backend on SQLite and PostgreSQL, each figure beside a
 * floor measured interleaved with it in the same run, the floor's numbers checked against Cairn's:
 *
 * - A full evaluation of N entities (5,000 by default) × 30 checks through the real plugin (the
 *   scheduled task: catalog, facts of every domain, CEL, stored state changes), against
 *   bulk-inserting the same final rows into empty tables of the same shape. Target: under 10 s.
 *   Then the same evaluation again with nothing new (it writes nothing), against reading every
 *   current result (what it has to compare with).
 * - One entity's card over HTTP (GET /v1/scorecards/results) against the cheapest SQL for the same
 *   states (its current results and levels by primary key). Target: p95 under 50 ms.
 * - The rollup of a group of 1,000 components over HTTP against two grouped SQL statements over the
 *   same components (levels per scorecard, states per check). Target: under 1 s.
 * - The history at a year of daily evaluations: 365 evaluations of a sample of the entities with
 *   facts that drift week by week (the store and engine of the plugin, synthetic facts), reporting
 *   the history's rows and bytes beside what keeping every evaluation would store.
 *
 *   yarn workspace @cairn/plugin-insights-backend bench:scorecards [--engines sqlite,postgres]
 *     [--quick] [--entities 5000] [--history-entities 500] [--database-prefix cairn_bench]
 */
import {
  LoggerService,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insightsPlugin } from '../src/plugin';
import { mulberry32 } from '../src/shared/seededRandom';
import { FactDefinitions } from '../src/scorecards/engine/scorecardRules';
import { ScorecardService } from '../src/scorecards/ScorecardService';
import { DatabaseScorecardStore } from '../src/scorecards/store/ScorecardStore';
import { insightsDatabase } from '../src/shared/database';
import {
  int,
  ms,
  openDatabase,
  p50p95,
  percentile,
  ratio,
  time,
  benchmarkCommand,
} from './benchmark';
import { Engine } from './floors';

const DAY = 86_400_000;
const TEAM = 'group:default/big-team';
const TEAM_SIZE = 1000;
const SCORECARD_TABLES = [
  'scorecard_results',
  'scorecard_result_changes',
  'scorecard_levels',
  'scorecard_level_changes',
];

/** 30 checks over the entity, DORA, SLO and ownership facts, as a platform team would write them. */
export const BENCHMARK_RULES = `apiVersion: cairn.dev/v1alpha1
kind: Scorecard
metadata: { name: readiness, title: Production readiness }
spec:
  appliesTo: { kinds: [Component] }
  levels: [bronze, silver, gold]
  checks:
    - { id: owned, title: Owned, level: bronze, expression: 'entity.owner != ""' }
    - { id: runbook, title: Runbook, level: bronze, expression: 'entity.links.exists(l, l == "Runbook")' }
    - { id: docs, title: Docs, level: bronze, expression: 'entity.links.exists(l, l == "Docs")' }
    - { id: tagged, title: Tagged, level: bronze, expression: 'size(entity.tags) > 0' }
    - { id: lifecycle, title: Lifecycle, level: bronze, expression: 'entity.lifecycle in ["production", "experimental"]' }
    - { id: paged, title: Paged, level: silver, stages: ['10-100', '100plus'], expression: '"pagerduty.com/service-id" in entity.annotations' }
    - { id: source, title: Source, level: bronze, expression: '"backstage.io/source-location" in entity.annotations' }
    - { id: system, title: In a system, level: silver, expression: 'has(entity.system)' }
    - { id: tier, title: Tier label, level: silver, expression: '"tier" in entity.labels' }
    - { id: described, title: Described, level: bronze, expression: 'has(entity.description) && entity.description != ""' }
    - { id: deploys, title: Deploys, level: silver, expression: 'dora.deployments > 0' }
    - id: deploy-days
      title: Deploys often
      level: silver
      targets: { '1-10': 1, '10-100': 2, '100plus': 3 }
      expression: dora.deploymentDaysPerWeek >= double(target)
      value: '{{ dora.deploymentDaysPerWeek }} deployment days a week; target {{ target }}'
    - id: lead-time
      title: Lead time
      level: gold
      targets: { '1-10': 604800, '10-100': 172800, '100plus': 86400 }
      expression: dora.leadTimeP50Seconds <= double(target)
      value: 'lead time p50 {{ dora.leadTimeP50Seconds / 3600.0 }} h'
    - { id: cfr, title: Change failure rate, level: silver, expression: 'dora.changeFailRate <= 0.15', warn: 'dora.changeFailRate <= 0.3' }
    - { id: unrecovered, title: Recovered, level: silver, expression: 'dora.unrecoveredFailures == 0' }
    - { id: rework, title: Rework, level: gold, expression: 'dora.reworkRate <= 0.1' }
    - { id: incidents, title: No open incidents, level: silver, expression: 'dora.openIncidents == 0' }
    - { id: bottleneck, title: Review not the bottleneck, level: gold, expression: 'dora.bottleneck != "review"' }
    - { id: lead-time-day, title: Lead time under a day, level: gold, expression: 'dora.leadTimeP50Seconds <= 86400.0' }
    - { id: per-day, title: Deploys daily, level: gold, expression: 'dora.deploymentsPerDay >= 0.2' }
    - { id: mttr, title: Restores within an hour, level: gold, expression: 'dora.mttrP50Seconds <= 3600.0' }
    - { id: cfr-strict, title: Change failure rate under 5%, level: gold, expression: 'dora.changeFailRate <= 0.05' }
    - { id: slo-defined, title: SLO defined, level: silver, stages: ['10-100', '100plus'], expression: 'slo.slos > 0' }
    - { id: slo-healthy, title: SLOs healthy, level: gold, expression: 'slo.healthy' }
    - { id: slo-budget, title: Budget left, level: gold, expression: 'slo.minBudgetRemaining > 0.0' }
    - { id: slo-alerts, title: No alert firing, level: gold, expression: 'slo.alertsFiring == 0' }
    - { id: owner-healthy, title: Owner healthy, level: bronze, expression: 'ownership.ownerHealthy' }
    - { id: on-call, title: On call, level: silver, expression: 'ownership.onCall' }
    - { id: truck-factor, title: Known by two, level: gold, expression: 'ownership.truckFactor >= 2' }
    - { id: reviews, title: Reviews spread, level: gold, expression: '!ownership.reviewBottleneck' }
`;
const CHECKS = 30;

const STAGES = ['0-1', '1-10', '10-100', '100plus'];

const silent: LoggerService = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  child: () => silent,
};

/** N components (the first 1,000 owned by big-team, the rest by four other teams), links and labels drawn from a seed. */
function catalog(n: number): Entity[] {
  const random = mulberry32(21);
  const groups = ['big-team', 'team-a', 'team-b', 'team-c', 'team-d'];
  const list: Entity[] = groups.map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  }));
  for (let i = 0; i < n; i++) {
    const owner =
      i < TEAM_SIZE ? 'big-team' : groups[1 + ((i - TEAM_SIZE) % 4)];
    const links = [
      ...(random() < 0.7
        ? [{ url: `https://runbooks.example/${i}`, title: 'Runbook' }]
        : []),
      ...(random() < 0.5
        ? [{ url: `https://docs.example/${i}`, title: 'Docs' }]
        : []),
    ];
    list.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${i}`,
        namespace: 'default',
        ...(random() < 0.6 ? { description: `Service ${i}` } : {}),
        tags: random() < 0.5 ? ['java'] : [],
        labels: {
          'cairn.dev/stage': STAGES[Math.floor(random() * 4)],
          ...(random() < 0.4 ? { tier: '1' } : {}),
        },
        annotations: {
          ...(random() < 0.8
            ? {
                'backstage.io/source-location': `url:https://example.com/svc-${i}`,
              }
            : {}),
          ...(random() < 0.5 ? { 'pagerduty.com/service-id': `P${i}` } : {}),
        },
        links,
      },
      spec: {
        type: 'service',
        owner: `group:default/${owner}`,
        lifecycle: random() < 0.9 ? 'production' : 'deprecated',
        ...(random() < 0.7 ? { system: `system-${i % 50}` } : {}),
      },
      relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
    });
  }
  return list;
}

/** Deliveries for a tenth of the components in the last 30 days: changes and deployments, some failing. */
function deliveries(n: number, now: number) {
  const random = mulberry32(7);
  const events: Array<Record<string, unknown>> = [];
  for (let i = 0; i < n; i += 10) {
    for (let k = 0; k < 4; k++) {
      const at = now - (1 + k * 6 + random() * 5) * DAY;
      events.push(
        {
          type: 'change',
          source: 'bench',
          id: `c-${i}-${k}`,
          repository: `example.com/acme/svc-${i}`,
          component: `svc-${i}`,
          firstCommitAt: new Date(at - random() * 4 * DAY).toISOString(),
          mergedAt: new Date(at - 3_600_000).toISOString(),
        },
        {
          type: 'deployment',
          source: 'bench',
          id: `d-${i}-${k}`,
          component: `svc-${i}`,
          environment: 'production',
          finishedAt: new Date(at).toISOString(),
          result: random() < 0.1 ? 'failure' : 'success',
          changes: [`c-${i}-${k}`],
        },
      );
    }
  }
  return events;
}

const tableBytes = async (knex: Knex, engine: Engine, table: string) => {
  if (engine === 'postgres') {
    const r = await knex.raw('select pg_total_relation_size(?) as bytes', [
      table,
    ]);
    return Number(r.rows[0].bytes);
  }
  // SQLite's page statistics, the table and its indexes.
  const r = await knex.raw(
    "select sum(pgsize) as bytes from dbstat where name = ? or name in (select name from sqlite_master where type = 'index' and tbl_name = ?)",
    [table, table],
  );
  return Number(r[0].bytes);
};

export type ScorecardBenchmarkOptions = {
  entities: number;
  historyEntities: number;
  historyDays: number;
  runs: number;
  databasePrefix: string;
};

export async function runScorecardBenchmark(
  engine: Engine,
  options: ScorecardBenchmarkOptions,
  out: (line: string) => void,
) {
  const disagreements: string[] = [];
  const figures: Record<string, number> = {};
  const db = await openDatabase(engine, options.databasePrefix);
  const floorDb = await openDatabase(engine, `${options.databasePrefix}_f`);
  const historyDb = await openDatabase(engine, `${options.databasePrefix}_h`);
  const dir = mkdtempSync(join(tmpdir(), 'cairn-scorecard-bench-'));
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(o: { skipTaskRunOnStartup: boolean }): ServiceFactory;
  };
  try {
    writeFileSync(join(dir, 'rules.yaml'), BENCHMARK_RULES);
    const backend = await startTestBackend({
      features: [
        insightsPlugin,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex: db.knex }),
        mockServices.rootConfig.factory({
          data: {
            insights: { scorecards: { rules: [join(dir, 'rules.yaml')] } },
          },
        }),
        catalogServiceMock.factory({ entities: catalog(options.entities) }),
      ],
    });
    const auth = mockCredentials.user.header('user:default/bench');
    const http = () => request(backend.server);
    const events = deliveries(options.entities, Date.now());
    for (let i = 0; i < events.length; i += 1000) {
      const res = await http()
        .post('/api/insights/v1/events')
        .set('Authorization', mockCredentials.service.header())
        .send({ events: events.slice(i, i + 1000) });
      if (res.status !== 200) throw new Error(`events: ${res.text}`);
    }
    await floorDb.knex.migrate.latest({
      directory: `${__dirname}/../migrations`,
    });

    // 1. The full evaluation, then the floor writing the same final rows.
    const [evaluateMs] = await time(() =>
      scheduler.triggerTask('insights-scorecards'),
    );
    const stored: Record<string, Array<Record<string, unknown>>> = {};
    for (const table of SCORECARD_TABLES)
      stored[table] = await db.knex(table).select();
    const batch = engine === 'postgres' ? 1500 : 400;
    const [floorWriteMs] = await time(() =>
      floorDb.knex.transaction(async tx => {
        for (const table of SCORECARD_TABLES) {
          const rows = stored[table].map(({ id, ...rest }) => rest);
          for (let i = 0; i < rows.length; i += batch)
            await tx(table).insert(rows.slice(i, i + batch));
        }
      }),
    );
    for (const table of SCORECARD_TABLES) {
      const count = async (k: Knex) =>
        Number((await k(table).count({ n: '*' }))[0].n);
      const [a, b] = [await count(db.knex), await count(floorDb.knex)];
      if (a !== b) disagreements.push(`${table}: ${a} rows, floor ${b}`);
    }
    const results = stored.scorecard_results.length;
    if (results !== options.entities * CHECKS)
      disagreements.push(
        `${results} results stored for ${options.entities} entities × ${CHECKS} checks`,
      );
    figures.evaluateMs = evaluateMs;
    figures.evaluateFloorMs = floorWriteMs;
    out(
      `| ${engine}: full evaluation, ${int(
        options.entities,
      )} entities × ${CHECKS} checks (catalog, facts, CEL, ${int(
        results,
      )} results and their history stored) | ${ms(evaluateMs)} (${(
        evaluateMs / floorWriteMs
      ).toFixed(1)}× the floor) | bulk INSERT of the same final rows: ${ms(
        floorWriteMs,
      )} |`,
    );

    // Again, nothing new: nothing is written; the floor reads every current result.
    const changesBefore = stored.scorecard_result_changes.length;
    const [againMs] = await time(() =>
      scheduler.triggerTask('insights-scorecards'),
    );
    const [readFloorMs] = await time(() =>
      db.knex('scorecard_results').select(),
    );
    const changesAfter = Number(
      (await db.knex('scorecard_result_changes').count({ n: '*' }))[0].n,
    );
    if (changesAfter !== changesBefore)
      disagreements.push(
        `evaluating again wrote ${changesAfter - changesBefore} history rows`,
      );
    figures.reevaluateMs = againMs;
    out(
      `| ${engine}: the same evaluation again, nothing new (0 rows written) | ${ms(
        againMs,
      )} | reading every current result: ${ms(readFloorMs)} |`,
    );

    // 2. One entity's card.
    const card: number[] = [];
    const cardFloor: number[] = [];
    for (let r = 0; r < options.runs; r++) {
      const entity = `component:default/svc-${(r * 37) % options.entities}`;
      const [a, res] = await time(() =>
        http()
          .get('/api/insights/v1/scorecards/results')
          .query({ entity })
          .set('Authorization', auth),
      );
      const [b, floor] = await time(async () => ({
        checks: await db
          .knex('scorecard_results')
          .where({ entity_ref: entity })
          .select('check_id', 'state'),
        levels: await db
          .knex('scorecard_levels')
          .where({ entity_ref: entity })
          .select('level'),
      }));
      card.push(a);
      cardFloor.push(b);
      if (r < 3) {
        const got = Object.fromEntries(
          res.body.scorecards[0].checks.map(
            (c: { id: string; state: string }) => [c.id, c.state],
          ),
        );
        const want = Object.fromEntries(
          floor.checks.map(c => [c.check_id, c.state]),
        );
        if (
          JSON.stringify(got, Object.keys(got).sort()) !==
            JSON.stringify(want, Object.keys(got).sort()) ||
          Object.keys(want).length !== CHECKS ||
          (res.body.scorecards[0].level ?? null) !==
            (floor.levels[0]?.level ?? null)
        )
          disagreements.push(
            `card of ${entity}: ${JSON.stringify(
              got,
            )} vs floor ${JSON.stringify(want)}`,
          );
      }
    }
    figures.cardP95 = percentile(card, 95);
    figures.cardFloorP95 = percentile(cardFloor, 95);
    out(
      `| ${engine}: one entity's card over HTTP (${CHECKS} checks, levels, exemptions, catalog lookup) | ${p50p95(
        card,
      )} (${ratio(
        card,
        cardFloor,
      )}) | its results and level by primary key: ${p50p95(cardFloor)} |`,
    );

    // 3. The rollup of the big team's 1,000 components.
    const members = Array.from(
      { length: Math.min(TEAM_SIZE, options.entities) },
      (_, i) => `component:default/svc-${i}`,
    );
    const rollup: number[] = [];
    const rollupFloor: number[] = [];
    let bytes = 0;
    for (let r = 0; r < Math.max(3, Math.ceil(options.runs / 4)); r++) {
      const [a, res] = await time(() =>
        http()
          .get('/api/insights/v1/scorecards/rollup')
          .query({ entity: TEAM })
          .set('Authorization', auth),
      );
      const [b, floor] = await time(async () => {
        const levels: Array<Record<string, unknown>> = [];
        const states: Array<Record<string, unknown>> = [];
        for (let i = 0; i < members.length; i += 500) {
          const part = members.slice(i, i + 500);
          levels.push(
            ...(await db
              .knex('scorecard_levels')
              .whereIn('entity_ref', part)
              .select('level')
              .count({ n: '*' })
              .groupBy('level')),
          );
          states.push(
            ...(await db
              .knex('scorecard_results')
              .whereIn('entity_ref', part)
              .select('check_id', 'state')
              .count({ n: '*' })
              .groupBy('check_id', 'state')),
          );
        }
        return { levels, states };
      });
      rollup.push(a);
      rollupFloor.push(b);
      if (r === 0) {
        bytes = res.text.length;
        const want: Record<string, number> = {};
        for (const l of floor.levels) {
          const k = String(l.level ?? 'none');
          want[k] = (want[k] ?? 0) + Number(l.n);
        }
        const got = Object.fromEntries(
          Object.entries(
            res.body.scorecards[0].levelsNow as Record<string, number>,
          ).filter(([, n]) => n > 0),
        );
        const wantStates: Record<string, number> = {};
        for (const s of floor.states) {
          const k = `${s.check_id}/${s.state}`;
          wantStates[k] = (wantStates[k] ?? 0) + Number(s.n);
        }
        const gotStates: Record<string, number> = {};
        for (const c of res.body.scorecards[0].checks as Array<{
          id: string;
          states: Record<string, number>;
        }>)
          for (const [state, n] of Object.entries(c.states))
            gotStates[`${c.id}/${state}`] = n;
        const sorted = (o: Record<string, number>) =>
          JSON.stringify(Object.entries(o).sort());
        if (
          res.body.components !== members.length ||
          sorted(got) !== sorted(want) ||
          sorted(gotStates) !== sorted(wantStates)
        )
          disagreements.push(`rollup: ${sorted(got)} vs floor ${sorted(want)}`);
      }
    }
    figures.rollupP95 = percentile(rollup, 95);
    figures.rollupFloorP95 = percentile(rollupFloor, 95);
    figures.rollupBytes = bytes;
    out(
      `| ${engine}: rollup of a team of ${int(
        members.length,
      )} components over HTTP (${int(
        bytes / 1024,
      )} KB, catalog lookup, levels a month ago) | ${p50p95(rollup)} (${ratio(
        rollup,
        rollupFloor,
      )}) | two grouped SQL statements over the same components: ${p50p95(
        rollupFloor,
      )} |`,
    );
    await backend.stop();

    // 4. A year of daily evaluations of a sample, with facts drifting week by week.
    const historyKnex = await insightsDatabase({
      getClient: async () => historyDb.knex,
    });
    const sample = catalog(options.historyEntities).filter(
      e => e.kind === 'Component',
    );
    const definitions: FactDefinitions = {
      dora: {
        facts: {
          deployments: { type: 'int', description: '' },
          deploymentDaysPerWeek: { type: 'double', description: '' },
          leadTimeP50Seconds: { type: 'double', description: '' },
          changeFailRate: { type: 'double', description: '' },
        },
      },
    };
    const rules = `apiVersion: cairn.dev/v1alpha1
kind: Scorecard
metadata: { name: readiness }
spec:
  levels: [bronze, silver, gold]
  checks:
${Array.from({ length: CHECKS }, (_, i) => {
  const fact = [
    'deployments > 0',
    'deploymentDaysPerWeek >= 1.0',
    `leadTimeP50Seconds <= ${(1 + (i % 5)) * 86400}.0`,
    'changeFailRate <= 0.15',
  ][i % 4];
  return `    - { id: c${i}, title: Check ${i}, level: ${
    ['bronze', 'silver', 'gold'][i % 3]
  }, expression: 'dora.${fact}' }`;
}).join('\n')}
`;
    const start = Date.parse('2026-01-01T00:00:00Z');
    const historyStore = new DatabaseScorecardStore(historyKnex);
    const service = new ScorecardService({
      store: historyStore,
      definitions: () => definitions,
      factsFor: async (refs, now) => {
        const week = Math.floor((now.getTime() - start) / (7 * DAY));
        return new Map(
          refs.map(ref => {
            const random = mulberry32(
              Number(ref.split('-').pop()) * 1000 + week,
            );
            return [
              ref,
              {
                dora: {
                  deployments: Math.floor(random() * 12),
                  deploymentDaysPerWeek: random() * 4,
                  leadTimeP50Seconds: random() * 6 * 86400,
                  changeFailRate: random() * 0.3,
                },
              },
            ];
          }),
        );
      },
      entities: async () =>
        sample.map(e => ({
          entityRef: `component:default/${e.metadata.name}`,
          kind: 'Component',
          tags: [],
          stage: '1-10' as const,
        })),
      sources: async () => [
        { source: 'history.yaml', read: async () => rules },
      ],
      logger: silent,
      now: () => start + options.historyDays * DAY,
    });
    const [yearMs] = await time(async () => {
      for (let d = 0; d < options.historyDays; d++)
        await service.evaluate(undefined, { at: start + d * DAY });
    });
    const rows = Number(
      (await historyKnex('scorecard_result_changes').count({ n: '*' }))[0].n,
    );
    const historyBytes = await tableBytes(
      historyKnex,
      engine,
      'scorecard_result_changes',
    );
    const everyEvaluation = options.historyDays * sample.length * CHECKS;
    figures.historyRows = rows;
    figures.historyBytes = historyBytes;
    figures.historyMsPerEvaluation = yearMs / options.historyDays;
    out(
      `| ${engine}: history after ${
        options.historyDays
      } daily evaluations of ${int(
        sample.length,
      )} entities × ${CHECKS} checks (facts change weekly) | ${int(
        rows,
      )} rows, ${int(historyBytes / 1024)} KB (${int(
        rows / sample.length,
      )} rows, ${int(historyBytes / sample.length)} bytes an entity-year; ${ms(
        yearMs / options.historyDays,
      )} an evaluation) | keeping every evaluation: ${int(
        everyEvaluation,
      )} rows (${(everyEvaluation / rows).toFixed(1)}× as many) |`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
    await floorDb.close();
    await historyDb.close();
  }
  if (disagreements.length)
    out(`| **disagreements** | ${disagreements.join('; ')} | |`);
  return { disagreements, figures };
}

if (require.main === module)
  benchmarkCommand(
    { entities: 'string', 'history-entities': 'string' },
    (engine, { values, quick, databasePrefix }, out) =>
      runScorecardBenchmark(
        engine,
        {
          entities: Number(values.entities ?? (quick ? 1000 : 5000)),
          historyEntities: Number(
            values['history-entities'] ?? (quick ? 100 : 500),
          ),
          historyDays: 365,
          runs: quick ? 10 : 40,
          databasePrefix,
        },
        out,
      ),
  );
