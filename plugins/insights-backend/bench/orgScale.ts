/*
 * An organisation on one PostgreSQL: many components with long histories, loaded through the HTTP API
 * in 1,000-event batches, then the figures an operator asks for: load time and rate as the database
 * grows, database size, a component's summary, the organisation's rollup over 90 days and the
 * retention purge.
 *
 *   yarn workspace @cairn/plugin-insights-backend bench:org [--components 100] [--deployments 10000]
 *     [--days 900] [--retention-days 730] [--engine postgres] [--database-prefix cairn_bench] [--keep]
 *     [--reuse <database kept by --keep>]
 *
 * Each component gets --deployments over --days (10,000 over 900 days is about 11 a day), 5 changes
 * each and an incident per 20 deployments. Components are sent one after the other (each in time order);
 * ingest cost does not depend on other components' histories. PostgreSQL by default (--engine sqlite
 * for the laptop's engine). The database is dropped at the end unless --keep (PostgreSQL).
 */
import { parseArgs } from 'node:util';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory from 'knex';
import request from 'supertest';
import { insightsPlugin } from '../src/plugin';
import { DatabaseDeliveryStore } from '../src/delivery/store/DatabaseDeliveryStore';
import { rows } from '../src/delivery/store/doraAggregates';
import { syntheticHistory } from './syntheticHistory';
import {
  headlineDisagreement,
  int,
  ms,
  openDatabase,
  p50p95,
  percentile,
  postgresUrl,
  ratio,
  time,
  WARM_UP_ROUNDS,
} from './benchmark';
import { doraFloor, Engine } from './floors';
import { offsetSegments } from '../src/shared/timeZones';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-30T00:00:00Z');
const ZONE = 'Europe/Berlin';
const GROUP = 'group:default/org';

function catalog(components: number): Entity[] {
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'org', namespace: 'default' },
      spec: { type: 'organization', children: [] },
    },
    ...Array.from({ length: components }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `svc-${i}`, namespace: 'default' },
      spec: { type: 'service', owner: 'org', lifecycle: 'production' },
      relations: [{ type: 'ownedBy', targetRef: GROUP }],
    })),
  ];
}

function reuseDatabase(name: string) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error('--reuse: a database name');
  const knex = knexFactory({
    client: 'pg',
    connection: `${postgresUrl()}/${name}`,
    pool: { min: 1, max: 5 },
  });
  return { knex, close: () => knex.destroy() };
}

async function main() {
  const { values } = parseArgs({
    options: {
      components: { type: 'string', default: '100' },
      deployments: { type: 'string', default: '10000' },
      days: { type: 'string', default: '900' },
      'retention-days': { type: 'string', default: '730' },
      'database-prefix': { type: 'string', default: 'cairn_bench' },
      engine: { type: 'string', default: 'postgres' },
      keep: { type: 'boolean', default: false },
      // Measure a database a previous --keep run loaded, without loading again.
      reuse: { type: 'string' },
    },
  });
  const components = Number(values.components);
  const deployments = Number(values.deployments);
  const days = Number(values.days);
  const retentionDays = Number(values['retention-days']);
  const prefix = values['database-prefix']!;
  if (!/^[a-z_][a-z0-9_]{0,38}$/.test(prefix))
    throw new Error(
      '--database-prefix: lower-case letters, digits and underscores, at most 39',
    );
  const out = (line: string) => console.log(line);
  out(`Node ${process.version}, ${new Date().toISOString()}`);
  out(
    `${int(components)} component${components === 1 ? '' : 's'} × ${int(
      deployments,
    )} deployments over ${days} days (5 changes each, an incident per 20 deployments), ${
      values.engine
    }`,
  );
  const disagreements: string[] = [];
  const engine = values.engine as Engine;
  if (engine !== 'postgres' && engine !== 'sqlite')
    throw new Error('--engine: postgres or sqlite');
  if ((values.reuse || values.keep) && engine !== 'postgres')
    throw new Error('--reuse and --keep: PostgreSQL only');
  const pg = engine === 'postgres';
  const db = values.reuse
    ? reuseDatabase(values.reuse)
    : await openDatabase(engine, prefix);
  const { knex } = db;
  const backend = await startTestBackend({
    features: [
      insightsPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: catalog(components) }),
      mockServices.rootConfig.factory({
        data: { insights: { defaultTimezone: ZONE } },
      }),
    ],
  });
  const auth = mockCredentials.user.header('user:default/bench');
  const size = async () =>
    Number(
      rows(
        await knex.raw(
          pg
            ? 'SELECT pg_database_size(current_database()) AS bytes'
            : 'SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()',
        ),
      )[0].bytes,
    );
  const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  try {
    // 1. Load, ANALYZE when a tenth of the rows are new (as autovacuum would; off on this machine).
    let events = 0;
    let sinceAnalyze = 0;
    let loading = 0;
    let analyzing = 0;
    let windowEvents = 0;
    let windowTime = 0;
    out('');
    out(
      '| components loaded | events | load time | events/s (this tenth) | database |',
    );
    out('|---|---|---|---|---|');
    for (let c = 0; c < (values.reuse ? 0 : components); c++) {
      const history = syntheticHistory({
        component: `component:default/svc-${c}`,
        to: NOW,
        days,
        deployments,
        changesPerDeployment: 5,
        incidents: Math.max(5, Math.round(deployments / 20)),
      });
      for (let i = 0; i < history.length; i += 1000) {
        const batch = history.slice(i, i + 1000);
        const [elapsed, res] = await time(() =>
          request(backend.server)
            .post('/api/insights/v1/events')
            .set('Authorization', auth)
            .send({ events: batch }),
        );
        if (res.status !== 200)
          throw new Error(`ingest failed: ${JSON.stringify(res.body)}`);
        loading += elapsed;
        windowTime += elapsed;
        events += batch.length;
        windowEvents += batch.length;
        sinceAnalyze += batch.length;
        if (pg && sinceAnalyze > 0.1 * events + 50) {
          analyzing += (await time(() => knex.raw('ANALYZE')))[0];
          sinceAnalyze = 0;
        }
      }
      if ((c + 1) % Math.max(1, Math.round(components / 10)) === 0) {
        out(
          `| ${int(c + 1)} | ${int(events)} | ${(loading / 60_000).toFixed(
            1,
          )} min | ${int(windowEvents / (windowTime / 1000))} | ${gb(
            await size(),
          )} |`,
        );
        windowEvents = 0;
        windowTime = 0;
      }
    }
    await knex.raw(pg ? 'VACUUM ANALYZE' : 'ANALYZE');
    const bytes = await size();
    const tableRows = pg
      ? rows(
          await knex.raw(
            `SELECT relname AS name, n_live_tup AS n FROM pg_stat_user_tables
             WHERE relname LIKE 'delivery_%' ORDER BY relname`,
          ),
        )
      : await Promise.all(
          rows(
            await knex.raw(
              `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'delivery_%'`,
            ),
          ).map(async r => ({
            name: r.name,
            n: (await knex(r.name).count({ n: '*' }))[0].n,
          })),
        );
    const totalRows = tableRows.reduce((n, r) => n + Number(r.n), 0);
    out('');
    out('| what | measured | floor, measured interleaved |');
    out('|---|---|---|');
    if (!values.reuse)
      out(
        `| load through HTTP | ${int(events)} events in ${(
          loading / 60_000
        ).toFixed(1)} min: ${int(events / (loading / 1000))} events/s (plus ${(
          analyzing / 1000
        ).toFixed(0)} s of ANALYZE) | |`,
      );
    out(
      `| database | ${gb(bytes)}, ${int(
        totalRows,
      )} rows in the delivery tables | |`,
    );

    // 2. One component's summary over 90 days, and the organisation's rollup over 90 days.
    const range = {
      from: new Date(NOW - 90 * DAY).toISOString(),
      to: new Date(NOW).toISOString(),
      timezone: ZONE,
    };
    const get = (path: string, query: Record<string, string>) =>
      request(backend.server)
        .get(`/api/insights/v1${path}`)
        .query(query)
        .set('Authorization', auth);
    // Interleaved with the cheapest SQL for the same numbers of both periods; the headline values
    // must agree.
    const summaries: number[] = [];
    const floors: number[] = [];
    const window = (from: number, to: number, componentRef: string) => ({
      componentRef,
      envKey: 'production',
      from,
      to,
      offsets: offsetSegments(from, to, ZONE),
    });
    const from = NOW - 90 * DAY;
    let inSummary = 0;
    for (let i = -WARM_UP_ROUNDS; i < 200; i++) {
      const ref = `component:default/svc-${(i + WARM_UP_ROUNDS) % components}`;
      const [elapsed, res] = await time(() =>
        get('/metrics/summary', { entity: ref, ...range }),
      );
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      const [floorTime, [floor]] = await time(() =>
        Promise.all([
          doraFloor(engine, knex, window(from, NOW, ref)),
          doraFloor(engine, knex, window(from - 90 * DAY, from, ref)),
        ]),
      );
      const differs = headlineDisagreement(res.body, floor, 90);
      if (differs) disagreements.push(differs);
      if (i < 0) continue;
      summaries.push(elapsed);
      floors.push(floorTime);
      inSummary = floor.total;
    }
    out(
      `| summary of one component, 90 days (${int(
        inSummary,
      )} deployments in range, both periods) | ${p50p95(
        summaries,
      )} | the cheapest SQL for both periods: ${p50p95(floors)} (Cairn ${ratio(
        summaries,
        floors,
      )}) |`,
    );
    const rollups: number[] = [];
    let rollupBytes = 0;
    let inRange = 0;
    for (let i = 0; i < 5; i++) {
      const [elapsed, res] = await time(() =>
        get('/metrics/rollup', { entity: GROUP, ...range }),
      );
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      rollups.push(elapsed);
      rollupBytes = Buffer.byteLength(res.text);
      inRange = res.body.toil.deployments;
    }
    out(
      `| rollup of all ${int(components)} component${
        components === 1 ? '' : 's'
      }, 90 days (${int(inRange)} deployments in range, ${int(
        rollupBytes / 1024,
      )} KB) | ${p50p95(rollups)} (max ${ms(
        percentile(rollups, 100),
      )}) | target: p95 under 300 ms |`,
    );

    // 3. Retention: purge what is older than the retention period, re-derive at the edge.
    const store = new DatabaseDeliveryStore(knex);
    const [purgeTime, purged] = await time(async () => {
      const cutoff = NOW - retentionDays * DAY;
      const { pairs, deleted, changeIds } = await store.purgeBefore(cutoff);
      await store.rederiveAfterPurge(pairs, cutoff, changeIds, {
        now: NOW,
        linkWindowMs: 24 * 3600_000,
      });
      return deleted;
    });
    out(
      `| retention purge, ${retentionDays} days (${int(
        purged,
      )} events deleted, facts re-derived) | ${(purgeTime / 1000).toFixed(
        1,
      )} s | |`,
    );
    if (disagreements.length) {
      disagreements.forEach(d => out(d));
      throw new Error('a floor and Cairn disagree (see above)');
    }
  } finally {
    await backend.stop();
    if (values.keep || values.reuse) {
      out(
        `kept the database ${
          values.reuse ??
          (await knex
            .raw('SELECT current_database() AS name')
            .then(r => rows(r)[0].name))
        }`,
      );
      await knex.destroy();
    } else await db.close();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
