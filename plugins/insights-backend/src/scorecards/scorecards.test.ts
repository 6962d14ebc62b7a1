import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@cairn/test-utils';
import request from 'supertest';
import { insightsPlugin } from '../plugin';

/*
 * Scorecards through the real plugin on SQLite and PostgreSQL: a rule file over the catalog, DORA
 * (events sent through the REST batch), SLO and ownership facts; the scheduled evaluation stores
 * state changes once; a refused rule file keeps the last good version running; dry runs name the
 * line of each problem; exemptions need the platform team's permission and end.
 */

jest.setTimeout(120_000);
const databases = createTestDatabases();
const DAY = 86_400_000;
const NOW = Date.now();
const iso = (t: number) => new Date(t).toISOString();

const component = (
  name: string,
  extra: { stage?: string; system?: string; runbook?: boolean } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    ...(extra.stage ? { labels: { 'cairn.dev/stage': extra.stage } } : {}),
    ...(extra.runbook
      ? {
          links: [
            { url: `https://runbooks.example/${name}`, title: 'Runbook' },
          ],
        }
      : {}),
  },
  spec: {
    type: 'service',
    owner: 'group:default/team',
    lifecycle: 'production',
    ...(extra.system ? { system: extra.system } : {}),
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/team' },
    ...(extra.system
      ? [{ type: 'partOf', targetRef: `system:default/${extra.system}` }]
      : []),
  ],
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'shop',
      namespace: 'default',
      labels: { 'cairn.dev/stage': '100plus' },
    },
    spec: { owner: 'group:default/team' },
  },
  // Fast and documented; in the enterprise-ready system (stage from its system).
  component('fast', { system: 'shop', runbook: true }),
  // An MVP: no lead-time target applies.
  component('mvp', { stage: '0-1' }),
  // No delivery data at all.
  component('quiet', { runbook: true }),
];

const RULES = `apiVersion: cairn.dev/v1alpha1
kind: Scorecard
metadata:
  name: readiness
  title: Production readiness
spec:
  appliesTo: { kinds: [Component] }
  levels: [bronze, silver]
  checks:
    - id: runbook
      title: Has a runbook
      level: bronze
      expression: entity.links.exists(l, l == "Runbook")
      fix: Add a link titled Runbook.
    - id: lead-time
      title: Lead time within the stage's target
      level: silver
      targets: { '1-10': 604800, '10-100': 172800, '100plus': 86400 }
      expression: dora.leadTimeP50Seconds <= target
      value: 'lead time p50 {{ dora.leadTimeP50Seconds / 3600.0 }} h'
    - id: slo
      title: Has an SLO
      level: silver
      stages: ['10-100', '100plus']
      expression: slo.slos > 0
`;

// Computed elsewhere: a scanner pushes its results.
const SECURITY = `apiVersion: cairn.dev/v1alpha1
kind: Scorecard
metadata: { name: security }
spec:
  appliesTo: { kinds: [Component] }
  levels: [baseline]
  checks:
    - id: scan
      title: No critical vulnerabilities
      level: baseline
      external: true
      maxAgeDays: 7
    - id: owned
      title: Owned
      level: baseline
      expression: entity.owner != ""
`;

describe.each(databases.eachSupportedId())('scorecards on %p', databaseId => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let knex: Awaited<ReturnType<typeof databases.init>>;
  let dir: string;
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
  };
  const as = (user: string) => mockCredentials.user.header(user);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-scorecards-'));
    writeFileSync(join(dir, 'rules.yaml'), RULES);
    writeFileSync(join(dir, 'security.yaml'), SECURITY);
    knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        insightsPlugin,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            insights: {
              scorecards: {
                rules: [join(dir, 'rules.yaml'), join(dir, 'security.yaml')],
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities }),
        // The platform team (user:default/platform) may manage scorecards; nobody else. Other users
        // may not push external results (services may).
        mockServices.permissions.mock({
          authorize: async (requests, options) =>
            requests.map(r => {
              const user = (
                options?.credentials?.principal as { userEntityRef?: string }
              )?.userEntityRef;
              const name = 'permission' in r ? r.permission.name : '';
              const denied =
                (name === 'insights.scorecards.manage' &&
                  user !== 'user:default/platform') ||
                (name === 'insights.scorecards.report' &&
                  user !== undefined &&
                  user !== 'user:default/platform');
              return {
                result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
              };
            }),
        }).factory,
      ],
    }));
    // 'fast' ships changes in 2 hours; nothing for the others.
    const events = [0, 1, 2].flatMap(i => [
      {
        type: 'change',
        source: 'ci',
        id: `c${i}`,
        repository: 'example.com/acme/fast',
        component: 'fast',
        firstCommitAt: iso(NOW - (i + 2) * DAY),
        mergedAt: iso(NOW - (i + 2) * DAY + 3_600_000),
      },
      {
        type: 'deployment',
        source: 'ci',
        id: `d${i}`,
        component: 'fast',
        environment: 'production',
        finishedAt: iso(NOW - (i + 2) * DAY + 7_200_000),
        result: 'success',
        changes: [`c${i}`],
      },
    ]);
    const res = await request(server)
      .post('/api/insights/v1/events')
      .set('Authorization', mockCredentials.service.header())
      .send({ events });
    if (res.status !== 200)
      throw new Error(`events refused: ${JSON.stringify(res.body)}`);
    await scheduler.triggerTask('insights-scorecards');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const results = async (name: string) => {
    const res = await request(server)
      .get('/api/insights/v1/scorecards/results')
      .query({ entity: `component:default/${name}` })
      .set('Authorization', as('user:default/dev'));
    expect(res.status).toBe(200);
    return res.body;
  };
  const states = (body: any, card = 'readiness') =>
    Object.fromEntries(
      body.scorecards
        .find((s: any) => s.name === card)
        .checks.map((c: any) => [c.id, c.state]),
    );

  it('evaluates each entity at its stage over every domain’s facts', async () => {
    const fast = await results('fast');
    expect(fast.stage).toEqual({ id: '100plus', label: '100+' });
    expect(states(fast)).toEqual({
      runbook: 'pass',
      'lead-time': 'pass',
      slo: 'fail',
    });
    expect(fast.scorecards[0]).toMatchObject({ level: 'bronze' });
    expect(
      fast.scorecards[0].checks.find((c: any) => c.id === 'lead-time').message,
    ).toBe('lead time p50 2 h');

    const mvp = await results('mvp');
    expect(states(mvp)).toEqual({
      runbook: 'fail',
      'lead-time': 'not-applicable',
      slo: 'not-applicable',
    });
    expect(mvp.scorecards[0].level).toBeNull();

    // No delivery data yet: not reported, never a failure; stage 1-10 (the default).
    const quiet = await results('quiet');
    expect(quiet.stage.id).toBe('1-10');
    expect(states(quiet)).toEqual({
      runbook: 'pass',
      'lead-time': 'not-reported',
      slo: 'not-applicable',
    });
    // Nothing pushed yet for the scanner's check.
    expect(states(quiet, 'security')).toEqual({
      scan: 'not-reported',
      owned: 'pass',
    });
  });

  it('stores state changes once: evaluating again without news writes nothing', async () => {
    const count = async () =>
      Number(
        (await knex('scorecard_result_changes').count({ n: '*' }).first())!.n,
      );
    const before = await count();
    // 3 components × (3 readiness checks + 2 security checks).
    expect(before).toBe(15);
    await scheduler.triggerTask('insights-scorecards');
    expect(await count()).toBe(before);
    const history = await request(server)
      .get('/api/insights/v1/scorecards/history')
      .query({ entity: 'component:default/fast' })
      .set('Authorization', as('user:default/dev'));
    expect(history.body.changes).toHaveLength(5);
  });

  it('refuses a broken rule file and keeps the last good version running', async () => {
    writeFileSync(
      join(dir, 'rules.yaml'),
      RULES.replace('slo.slos > 0', 'slo.sloCount > 0'),
    );
    await scheduler.triggerTask('insights-scorecards');
    const defs = await request(server)
      .get('/api/insights/v1/scorecards')
      .set('Authorization', as('user:default/dev'));
    expect(defs.body.scorecards[0].checks.map((c: any) => c.id)).toEqual([
      'runbook',
      'lead-time',
      'slo',
    ]);
    // Entities per state across everything evaluated.
    expect(defs.body.scorecards[0].checks[0].states).toEqual({
      pass: 2,
      fail: 1,
    });
    expect(defs.body.sources[0].refused.problems).toEqual([
      {
        line: 25,
        message: expect.stringContaining('slo.sloCount is not a fact'),
      },
    ]);
    expect(states(await results('fast')).slo).toBe('fail');
    writeFileSync(join(dir, 'rules.yaml'), RULES);
  });

  it('dry-runs a draft against every entity, storing nothing, naming the lines of its problems', async () => {
    const dry = (rules: string, user = 'user:default/platform') =>
      request(server)
        .post('/api/insights/v1/scorecards/dry-run')
        .set('Authorization', as(user))
        .send({ rules });
    const changes = async () =>
      Number(
        (await knex('scorecard_result_changes').count({ n: '*' }).first())!.n,
      );
    const before = await changes();
    const ok = await dry(
      RULES.replace("'100plus': 86400", "'100plus': 3600"),
      'user:default/dev',
    );
    expect(ok.status).toBe(200);
    expect(ok.body.scorecards[0].checks[1]).toMatchObject({
      id: 'lead-time',
      states: { fail: 1, 'not-applicable': 1, 'not-reported': 1 },
    });
    expect(await changes()).toBe(before);
    const bad = await dry(RULES.replace('level: silver\n', 'level: gold\n'));
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([
      {
        line: 17,
        message:
          "spec.checks[1].level: 'gold' is not one of the levels (bronze, silver)",
      },
    ]);
  });

  it('exempts a check for the platform team until revoked, audited with who granted it', async () => {
    const body = {
      entity: 'component:default/fast',
      scorecard: 'readiness',
      check: 'slo',
      reason: 'SLOs come with the next quarter’s migration',
      expiresAt: iso(NOW + 30 * DAY),
    };
    const denied = await request(server)
      .post('/api/insights/v1/scorecards/exemptions')
      .set('Authorization', as('user:default/dev'))
      .send(body);
    expect(denied.status).toBe(403);
    const granted = await request(server)
      .post('/api/insights/v1/scorecards/exemptions')
      .set('Authorization', as('user:default/platform'))
      .send(body);
    expect(granted.status).toBe(201);
    expect(granted.body.grantedBy).toBe('user:default/platform');
    let fast = await results('fast');
    expect(states(fast).slo).toBe('exempt');
    expect(fast.scorecards[0].level).toBe('silver');
    expect(
      fast.scorecards[0].checks.find((c: any) => c.id === 'slo').exemption,
    ).toMatchObject({
      reason: body.reason,
      grantedBy: 'user:default/platform',
    });

    const badDate = await request(server)
      .post('/api/insights/v1/scorecards/exemptions')
      .set('Authorization', as('user:default/platform'))
      .send({ ...body, expiresAt: iso(NOW - DAY) });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toMatch(/^expiresAt: /);

    const revoked = await request(server)
      .delete(`/api/insights/v1/scorecards/exemptions/${granted.body.id}`)
      .set('Authorization', as('user:default/platform'));
    expect(revoked.status).toBe(204);
    fast = await results('fast');
    expect(states(fast).slo).toBe('fail');
    expect(fast.scorecards[0].level).toBe('bronze');
  });

  it('rolls a team’s and a system’s components up as distributions', async () => {
    const rollup = async (entity: string) => {
      const res = await request(server)
        .get('/api/insights/v1/scorecards/rollup')
        .query({ entity })
        .set('Authorization', as('user:default/dev'));
      expect(res.status).toBe(200);
      return res.body;
    };
    const team = await rollup('group:default/team');
    expect(team.components).toBe(3);
    expect(team.scorecards[0]).toMatchObject({
      name: 'readiness',
      evaluated: 3,
      levelsNow: { none: 1, bronze: 2, silver: 0 },
      // Nothing was evaluated a month ago.
      levelsMonthAgo: { none: 0, bronze: 0, silver: 0 },
      topFailing: [
        { id: 'runbook', failing: 1 },
        { id: 'slo', failing: 1 },
      ],
    });
    expect(
      team.scorecards[0].checks.find((c: any) => c.id === 'lead-time').states,
    ).toEqual({ pass: 1, 'not-applicable': 1, 'not-reported': 1 });
    const system = await rollup('system:default/shop');
    expect(system.components).toBe(1);
    expect(system.scorecards[0].levelsNow).toMatchObject({ bronze: 1 });
    const wrong = await request(server)
      .get('/api/insights/v1/scorecards/rollup')
      .query({ entity: 'component:default/fast' })
      .set('Authorization', as('user:default/dev'));
    expect(wrong.status).toBe(400);
  });

  it('takes external results from scanners: the newest counts, replays change nothing, stale ones are not reported', async () => {
    const push = (
      pushed: object[],
      header = mockCredentials.service.header(),
    ) =>
      request(server)
        .post('/api/insights/v1/scorecards/external-results')
        .set('Authorization', header)
        .send({ results: pushed });
    const changes = async () =>
      Number(
        (await knex('scorecard_result_changes').count({ n: '*' }).first())!.n,
      );
    const result = {
      entity: 'component:default/fast',
      scorecard: 'security',
      check: 'scan',
      state: 'fail',
      message: '2 critical CVEs in openssl',
      reportedAt: iso(NOW - 3_600_000),
    };
    expect((await push([result], as('user:default/dev'))).status).toBe(403);
    for (const [bad, field] of [
      [{ ...result, state: 'broken' }, 'results[0].state'],
      [{ ...result, check: 'owned' }, 'results[0].check'],
      [{ ...result, scorecard: 'nope' }, 'results[0].scorecard'],
      [{ ...result, entity: 'component:default/ghost' }, 'results[0].entity'],
      [{ ...result, reportedAt: iso(NOW + DAY) }, 'results[0].reportedAt'],
    ] as const) {
      const res = await push([bad]);
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.body.error.message).toMatch(
        // The request validator prefixes body., the service does not.
        new RegExp(`^(body\\.)?${field.replace(/[[\]]/g, '\\$&')}: `),
      );
    }

    const before = await changes();
    // Sent twice at the same moment (two replicas, a retry): one change.
    const [first, second] = await Promise.all([push([result]), push([result])]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.newer + second.body.newer).toBe(1);
    expect(await changes()).toBe(before + 1);
    let fast = await results('fast');
    const scan = () =>
      fast.scorecards
        .find((s: any) => s.name === 'security')
        .checks.find((c: any) => c.id === 'scan');
    expect(scan()).toMatchObject({
      state: 'fail',
      message: '2 critical CVEs in openssl',
    });
    // An older result arriving late changes nothing.
    const late = await push([
      { ...result, state: 'pass', message: null, reportedAt: iso(NOW - DAY) },
    ]);
    expect(late.body).toEqual({ accepted: 1, newer: 0, changed: 0 });
    // A newer one does, into the same history as every check.
    await push([
      { ...result, state: 'pass', message: null, reportedAt: iso(NOW) },
    ]);
    fast = await results('fast');
    expect(scan().state).toBe('pass');
    const history = await request(server)
      .get('/api/insights/v1/scorecards/history')
      .query({ entity: 'component:default/fast', limit: 2 })
      .set('Authorization', as('user:default/dev'));
    expect(history.body.changes.map((c: any) => [c.check, c.state])).toEqual([
      ['scan', 'pass'],
      ['scan', 'fail'],
    ]);
    // Older than the check's maxAgeDays: stale, so not reported (never a pass kept forever).
    await push([
      {
        ...result,
        entity: 'component:default/quiet',
        state: 'pass',
        reportedAt: iso(NOW - 10 * DAY),
      },
    ]);
    const quiet = await results('quiet');
    expect(
      quiet.scorecards
        .find((s: any) => s.name === 'security')
        .checks.find((c: any) => c.id === 'scan'),
    ).toMatchObject({
      state: 'not-reported',
      message: expect.stringMatching(/is older than 7 days/),
    });
  });
});
