import { startTestBackend, mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory from 'knex';
import request from 'supertest';
import { insightsPlugin } from '../src/plugin';
import { syntheticHistory } from './syntheticHistory';
import { doraAggregates, countAggregates } from '../src/delivery/store/doraAggregates';
import { coverageCounts } from '../src/delivery/store/drillDown';
import { offsetSegments } from '../src/shared/timeZones';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-30T00:00:00Z');
const BIG = 'component:default/big';
async function main() {
  const deployments = Number(process.argv[2]);
  const name = process.argv[3];
  const load = process.argv[4] === 'load';
  const engine = process.argv[5] ?? 'pg';
  if (load && engine === 'pg') {
    const admin = knexFactory({ client: 'pg', connection: 'postgresql://postgres@127.0.0.1:5432/postgres' });
    await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
    await admin.raw(`CREATE DATABASE ${name}`);
    await admin.destroy();
  }
  const knex = engine === 'pg' ? knexFactory({ client: 'pg', connection: `postgresql://postgres@127.0.0.1:5432/${name}`, pool: { min: 0, max: 10 } })
    : knexFactory({ client: 'better-sqlite3', connection: { filename: `/tmp/prof/${name}.sqlite` }, useNullAsDefault: true });
  const backend = await startTestBackend({
    features: [insightsPlugin, mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [{ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'big', namespace: 'default' }, spec: { type: 'service', owner: 'other', lifecycle: 'production' } }] }),
      mockServices.rootConfig.factory({ data: { insights: { defaultTimezone: 'Europe/Berlin' } } })],
  });
  const auth = mockCredentials.user.header('user:default/bench');
  const started = new Map<string, [number, string]>(); const per = new Map<string, [number, number]>();
  if (process.env.SQLSTATS) {
    knex.on('query', (q: any) => started.set(q.__knexQueryUid, [performance.now(), String(q.sql).replace(/\s+/g, ' ').replace(/\?(, \?)+/g, '?..').replace(/\(\?\.\.\)(, \(\?\.\.\))+/g, '(..)..').slice(0, 160)]));
    knex.on('query-response', (_r: any, q: any) => { const x = started.get(q.__knexQueryUid); if (!x) return; started.delete(q.__knexQueryUid); const e = per.get(x[1]) ?? [0, 0]; e[0] += performance.now() - x[0]; e[1]++; per.set(x[1], e); });
  }
  process.on('exit', () => { [...per.entries()].sort((a, b) => b[1][0] - a[1][0]).slice(0, 30).forEach(([k, v]) => console.log(v[0].toFixed(0).padStart(7), String(v[1]).padStart(7), k)); });
  if (load) {
    const history = syntheticHistory({ component: BIG, to: NOW, days: Math.max(90, Math.ceil((deployments * 90) / 10_000)), deployments, changesPerDeployment: 5, incidents: Math.max(5, Math.round(deployments / 20)) });
    const t0 = Date.now();
    for (let i = 0; i < history.length; i += 1000) {
      const res = await request(backend.server).post('/api/insights/v1/events').set('Authorization', auth).send({ events: history.slice(i, i + 1000) });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      if (engine === 'pg' && (i / 1000) % 50 === 0) await knex.raw('ANALYZE');
    }
    if (engine === 'pg') await knex.raw('ANALYZE');
    console.log('loaded', history.length, (Date.now() - t0) / 1000, 's');
  }
  const from = NOW - 90 * DAY;
  const time = async (label: string, fn: () => Promise<unknown>) => {
    const t: number[] = [];
    for (let i = 0; i < 30; i++) { const s = performance.now(); await fn(); t.push(performance.now() - s); }
    t.sort((a, b) => a - b);
    console.log(label.padEnd(20), 'p50', t[15].toFixed(1), 'p95', t[28].toFixed(1));
  };
  for (let k = 0; k < (process.env.ONLY_SUMMARY ? 0 : 2); k++) {
  await time('summary http', () => request(backend.server).get('/api/insights/v1/metrics/summary').query({ entity: BIG, timezone: "Europe/Berlin", from: new Date(from).toISOString(), to: new Date(NOW).toISOString() }).set('Authorization', auth).then(r => { if (r.status !== 200) throw new Error(JSON.stringify(r.body)); }));
  await time('aggregates 2 periods', () => doraAggregates(knex, { componentRefs: [BIG], envKey: 'production', from: from - 90 * DAY, to: NOW, offsets: offsetSegments(from - 90 * DAY, NOW, 'Europe/Berlin'), grouping: { by: 'bucket', bucketEnds: [from, NOW] } }));
  await time('aggregates 1 period', () => doraAggregates(knex, { componentRefs: [BIG], envKey: 'production', from, to: NOW, offsets: offsetSegments(from, NOW, 'Europe/Berlin'), grouping: { by: 'bucket', bucketEnds: [NOW] } }));
  await time('digest rows', () => knex('delivery_change_digests').select().where('component_ref', BIG).where('env_key','production').where('day','>=',Math.ceil((from-90*DAY)/DAY)).where('day','<',NOW/DAY));
  await time('counts 2 periods', () => countAggregates(knex, { componentRefs: [BIG], envKey: 'production', from: from - 90 * DAY, to: NOW, offsets: offsetSegments(from - 90 * DAY, NOW, 'Europe/Berlin'), grouping: { by: 'bucket', bucketEnds: [from, NOW] } }, () => ({} as any)));
  await time('digest count', () => knex('delivery_change_digests').count().where('component_ref', BIG).where('env_key','production').where('day','>=',Math.ceil((from-90*DAY)/DAY)).where('day','<',NOW/DAY));
  await time('coverage', () => coverageCounts(knex, { componentRef: BIG, envKey: 'production', from, to: NOW, repository: null }));
  }
  if (process.env.ONLY_SUMMARY) for (let k = 0; k < 5; k++) await time('summary http', () => request(backend.server).get('/api/insights/v1/metrics/summary').query({ entity: BIG, timezone: 'Europe/Berlin', from: new Date(from).toISOString(), to: new Date(NOW).toISOString() }).set('Authorization', auth).then(r => { if (r.status !== 200) throw new Error(JSON.stringify(r.body)); }));
  await backend.stop();
  await knex.destroy();
}
main().catch(e => { console.error(e); process.exit(1); });
