import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
 * The ownership domain through the real plugin on SQLite and PostgreSQL: the scheduled task reads the
 * catalog and a real git repository (cloned by the plugin), and the report names people only for the
 * owning team and holders of insights.ownership.people.read; everyone else sees counts.
 */

jest.setTimeout(120_000);
const databases = createTestDatabases();
const NOW = Date.now();
const DAY = 86_400_000;
const HOUR = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();

const user = (
  name: string,
  email: string,
  groups: string[],
  annotations?: Record<string, string>,
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name,
    namespace: 'default',
    ...(annotations ? { annotations } : {}),
  },
  spec: { profile: { email }, memberOf: groups },
  relations: groups.map(g => ({
    type: 'memberOf',
    targetRef: `group:default/${g}`,
  })),
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: { 'pagerduty.com/service-id': 'PCHECKOUT' },
    },
    spec: { type: 'team', children: [] },
  },
  user('alice', 'alice@example.com', ['checkout']),
  // Bob commits with an old address too, and reviews on GitHub as bob-gh.
  user('bob', 'bob@example.com', ['checkout'], {
    'cairn.dev/emails': 'bob@old.example.com',
    'github.com/user-login': 'bob-gh',
  }),
  user('zoe', 'zoe@example.com', []),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'billing',
      namespace: 'default',
      annotations: {
        'cairn.dev/repository': 'example.com/acme/mono',
        'cairn.dev/path-prefix': 'services/',
        'cairn.dev/owner-verified': iso(NOW - 10 * DAY).slice(0, 10),
      },
    },
    spec: {
      type: 'service',
      owner: 'group:default/checkout',
      lifecycle: 'production',
    },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/checkout' },
      { type: 'partOf', targetRef: 'system:default/payments' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'lost',
      namespace: 'default',
      annotations: { 'cairn.dev/repository': 'example.com/acme/gone' },
    },
    spec: {
      type: 'service',
      owner: 'group:default/checkout',
      lifecycle: 'production',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/checkout' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'group:default/checkout' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orphan', namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'group:default/ghosts',
      lifecycle: 'production',
    },
  },
];

describe.each(databases.eachSupportedId())('ownership on %p', databaseId => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let repos: string;
  let work: string;
  let knex: Awaited<ReturnType<typeof databases.init>>;
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
  };

  beforeAll(async () => {
    repos = mkdtempSync(join(tmpdir(), 'cairn-repos-'));
    work = mkdtempSync(join(tmpdir(), 'cairn-clones-'));
    const dir = join(repos, 'example.com/acme/mono');
    mkdirSync(dir, { recursive: true });
    // A month ago (who knows what counts the year before the newest commit).
    let time = Math.floor((NOW - 30 * DAY) / 1000);
    const git = (args: string[], email = 'alice@example.com') =>
      execFileSync('git', args, {
        cwd: dir,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'dev',
          GIT_AUTHOR_EMAIL: email,
          GIT_COMMITTER_NAME: 'ci',
          GIT_COMMITTER_EMAIL: 'ci@example.com',
          GIT_AUTHOR_DATE: `${time} +0000`,
          GIT_COMMITTER_DATE: `${time++} +0000`,
        },
      });
    const commit = (email: string, files: string[]) => {
      for (const f of files) {
        mkdirSync(dirname(join(dir, f)), { recursive: true });
        writeFileSync(join(dir, f), `${f} by ${email}\n`);
      }
      git(['add', '-A'], email);
      git(['commit', '-q', '-m', files.join(' ')], email);
    };
    git(['init', '-q', '-b', 'main']);
    commit('alice@example.com', [
      'services/billing/a.ts',
      'services/billing/b.ts',
    ]);
    // Bob commits with his old address, which his catalog user lists.
    commit('bob@old.example.com', ['services/shipping/c.ts', 'web/index.ts']);
    // Carol left: no catalog user.
    commit('carol@example.com', ['services/legacy.ts']);

    knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        insightsPlugin,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            insights: {
              ownership: {
                history: { workDir: work, cloneUrl: `${repos}/{repository}` },
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities }),
        // Alice belongs to the owning team; nobody holds insights.ownership.people.read.
        mockServices.userInfo.mock({
          getUserInfo: async credentials => {
            const ref = (credentials.principal as { userEntityRef: string })
              .userEntityRef;
            return {
              userEntityRef: ref,
              ownershipEntityRefs:
                ref === 'user:default/alice'
                  ? [ref, 'group:default/checkout']
                  : [ref],
            };
          },
        }).factory,
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result:
                'permission' in r &&
                r.permission.name === 'insights.ownership.people.read'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
        }).factory,
      ],
    }));
    await deliver();
    await scheduler.triggerTask('insights-ownership');
  });
  afterAll(() => {
    rmSync(repos, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  /**
   * Billing's last weeks of pull requests through the REST batch: Bob (by GitHub login) gives five
   * first reviews within 3 hours; while he gives none (days 10 and 5 ago) Alice picks up after 40
   * hours. Each change ships to production half an hour after its merge, so pickup is the lead
   * time's bottleneck (coding 1 h, pickup 3 h median, review 1 h, deploy 0.5 h).
   */
  async function deliver() {
    const plan: Array<[number, string, number]> = [
      [20, 'bob-gh', 3],
      [19, 'bob-gh', 3],
      [18, 'BOB-GH', 3],
      [17, 'bob-gh', 3],
      [16, 'bob@example.com', 3],
      [10, 'alice@example.com', 40],
      [5, 'alice@example.com', 40],
    ];
    const events = plan.flatMap(([daysAgo, reviewer, pickupHours], i) => {
      const opened = NOW - daysAgo * DAY;
      const reviewed = opened + pickupHours * HOUR;
      const merged = reviewed + HOUR;
      return [
        {
          type: 'change',
          source: 'ci',
          id: `pr-${i}`,
          repository: 'example.com/acme/mono',
          component: 'billing',
          author: 'carol',
          firstCommitAt: iso(opened - HOUR),
          openedAt: iso(opened),
          firstReviewAt: iso(reviewed),
          firstReviewer: reviewer,
          mergedAt: iso(merged),
        },
        {
          type: 'deployment',
          source: 'ci',
          id: `deploy-${i}`,
          component: 'billing',
          environment: 'production',
          finishedAt: iso(merged + HOUR / 2),
          result: 'success',
          changes: [{ source: 'ci', id: `pr-${i}` }],
        },
      ];
    });
    const res = await request(server)
      .post('/api/insights/v1/events')
      .set('Authorization', mockCredentials.service.header())
      .send({ events });
    expect([res.status, res.body.error]).toEqual([200, undefined]);
  }

  const report = (entity: string, as: string) =>
    request(server)
      .get('/api/insights/v1/ownership')
      .query({ entity })
      .set('Authorization', mockCredentials.user.header(as));

  it('shows the owning team who alone knows what and who left', async () => {
    const res = await report('component:default/billing', 'user:default/alice');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/billing',
      namesVisible: true,
      ownerHealth: {
        owner: 'group:default/checkout',
        ownerKind: 'group',
        members: 2,
        onCall: { provider: 'PagerDuty', on: 'group' },
        problems: [],
        healthy: true,
      },
      knowledgeProblem: null,
      source: expect.stringMatching(/^example\.com\/acme\/mono@[0-9a-f]{12}$/),
    });
    // a, b (Alice), c (Bob, through his old address), legacy (Carol, gone); web/ is outside the prefix.
    expect(res.body.knowledge).toEqual({
      files: 4,
      truckFactor: 1,
      keyPeople: ['user:default/alice'],
      uncoveredFiles: 1,
      singleKnowerAreas: [
        { area: 'services/billing/', member: 'user:default/alice', files: 2 },
        { area: 'services/shipping/', member: 'user:default/bob', files: 1 },
      ],
      departedAuthors: [{ author: 'carol@example.com', files: 1 }],
      commits: 3,
      unmatchedAuthors: 1,
    });
  });

  it('names the review bottleneck: one reviewer, slow pickups while away, pickup the lead time’s bottleneck', async () => {
    const res = await report('component:default/billing', 'user:default/alice');
    expect(res.body.reviews).toEqual({
      reviewed: 7,
      withReviewer: 7,
      distinctReviewers: 2,
      // Bob by login (any case) and by e-mail is one person.
      reviewers: [
        { reviewer: 'user:default/bob', reviews: 5, share: 5 / 7 },
        { reviewer: 'user:default/alice', reviews: 2, share: 2 / 7 },
      ],
      topShare: 5 / 7,
      topTwoShare: 1,
      pickup: {
        presentMedianSeconds: 3 * 3600,
        presentChanges: 5,
        awayMedianSeconds: 40 * 3600,
        awayChanges: 2,
      },
      concentrated: true,
      windowDays: 90,
      leadTimeBottleneck: 'pickup',
      bottleneck: true,
    });
  });

  it('shows everyone else counts and shares, without names', async () => {
    const res = await report('component:default/billing', 'user:default/zoe');
    expect(res.status).toBe(200);
    expect(res.body.namesVisible).toBe(false);
    expect(res.body.knowledge).toMatchObject({
      truckFactor: 1,
      keyPeople: [null],
      singleKnowerAreas: [
        { area: 'services/billing/', member: null, files: 2 },
        { area: 'services/shipping/', member: null, files: 1 },
      ],
      departedAuthors: [{ author: null, files: 1 }],
    });
    expect(res.body.reviews.reviewers).toEqual([
      { reviewer: null, reviews: 5, share: 5 / 7 },
      { reviewer: null, reviews: 2, share: 2 / 7 },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/alice|bob|carol/);
  });

  it('names what is missing for a component without a repository or an existing owner', async () => {
    const res = await report('component:default/orphan', 'user:default/zoe');
    expect(res.body.ownerHealth.problems).toEqual([
      'owner-missing',
      'never-confirmed',
      'no-on-call',
    ]);
    expect(res.body.knowledge).toBeNull();
    expect(res.body.knowledgeProblem).toMatch(/^no repository/);
    expect(
      (await report('component:default/nowhere', 'user:default/zoe')).status,
    ).toBe(404);
  });

  it('says why a repository could not be read, without the machine’s folders', async () => {
    const res = await report('component:default/lost', 'user:default/alice');
    expect(res.body.knowledge).toBeNull();
    expect(res.body.knowledgeProblem).toMatch(
      /^the history could not be read: git clone failed: fatal: /,
    );
    expect(res.body.knowledgeProblem).not.toContain(repos);
    expect(res.body.knowledgeProblem).not.toContain(work);
  });

  const rollup = (entity: string, as: string) =>
    request(server)
      .get('/api/insights/v1/ownership/rollup')
      .query({ entity })
      .set('Authorization', mockCredentials.user.header(as));

  it('rolls a team’s risks up as counts, with its size and review load but no names for outsiders', async () => {
    const res = await rollup('group:default/checkout', 'user:default/zoe');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'group:default/checkout',
      components: 2,
      withReports: 2,
      withoutHistory: 1,
      truckFactors: { '0': 0, '1': 1, '2': 0, '3+': 0 },
      atRisk: [
        {
          entityRef: 'component:default/billing',
          truckFactor: 1,
          files: 4,
          uncoveredFiles: 1,
        },
      ],
      ownerProblems: { 'never-confirmed': 1 },
      reviews: {
        withReviews: 1,
        concentrated: 1,
        components: [
          {
            entityRef: 'component:default/billing',
            topShare: 5 / 7,
            topTwoShare: 1,
            distinctReviewers: 2,
            bottleneck: true,
          },
        ],
      },
      teams: [
        {
          entityRef: 'group:default/checkout',
          members: 2,
          components: 2,
          componentsPerMember: 1,
          size: 'small',
        },
      ],
      team: {
        namesVisible: false,
        computedAt: expect.any(String),
        members: [null, null],
        // Billing's history under services/: Alice 1 commit, Bob 1 (old address), Carol 1 (gone).
        whoKnowsWhat: [
          {
            component: 'component:default/billing',
            commits: 3,
            shares: [
              { member: null, share: 1 / 3 },
              { member: null, share: 1 / 3 },
            ],
          },
        ],
        reviewLoad: [
          { member: null, reviews: 5 },
          { member: null, reviews: 2 },
        ],
        reviewsByOthers: 0,
      },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/alice|bob|carol/);
  });

  it('shows the team itself who knows what and who reviews', async () => {
    const res = await rollup('group:default/checkout', 'user:default/alice');
    expect(res.body.team).toMatchObject({
      namesVisible: true,
      members: ['user:default/alice', 'user:default/bob'],
      whoKnowsWhat: [
        {
          component: 'component:default/billing',
          shares: [
            { member: 'user:default/alice', share: 1 / 3 },
            { member: 'user:default/bob', share: 1 / 3 },
          ],
        },
      ],
      reviewLoad: [
        { member: 'user:default/bob', reviews: 5 },
        { member: 'user:default/alice', reviews: 2 },
      ],
    });
  });

  it('rolls a system up across its components, without team parts', async () => {
    const res = await rollup('system:default/payments', 'user:default/zoe');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'system:default/payments',
      components: 1,
      truckFactors: { '0': 0, '1': 1, '2': 0, '3+': 0 },
      reviews: { withReviews: 1, concentrated: 1 },
      teams: [],
      team: null,
    });
    expect(
      (await rollup('component:default/billing', 'user:default/zoe')).status,
    ).toBe(400);
  });

  it('writes a report again only when it changed', async () => {
    const rows = () =>
      knex('ownership_reports')
        .where({ component_ref: 'component:default/billing' })
        .count({ n: '*' })
        .first()
        .then(r => Number(r!.n));
    expect(await rows()).toBe(1);
    await scheduler.triggerTask('insights-ownership');
    expect(await rows()).toBe(1);
    const res = await report('component:default/billing', 'user:default/alice');
    expect(res.body.knowledge.truckFactor).toBe(1);
  });
});
