import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested on the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import insightsPlugin from '@cairn/plugin-insights-backend';
import { CiHealth, DoraSummary } from '@cairn/plugin-insights-common';
import { createTestDatabases } from '@cairn/test-utils';
import request from 'supertest';
import { deliver, template } from './__testUtils__/github';
import insightsModuleGithub from './index';

/*
 * A month of one service driven only by GitHub webhooks, with the DORA numbers worked out by hand
 * (docs/DESIGN.md, "Metric definitions"). Some deliveries arrive out of order, as they do.
 */

jest.setTimeout(120_000);

const databases = createTestDatabases();

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'api',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'acme/api' },
    },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  },
];

const sha = (s: string) => s.repeat(40 / s.length);
const ZERO = '0'.repeat(40);
const BASE = sha('b0');
const [M1, M2, M3] = [sha('a1'), sha('a2'), sha('a3')];

const repository = {
  ...template('push').repository,
  name: 'api',
  full_name: 'acme/api',
  html_url: 'https://github.com/acme/api',
  default_branch: 'main',
};

const push = (
  branch: string,
  before: string,
  after: string,
  commits: Array<[id: string, timestamp: string]>,
) => {
  const p = template('push');
  return {
    ...p,
    ref: `refs/heads/${branch}`,
    before,
    after,
    created: before === ZERO,
    deleted: false,
    forced: false,
    commits: commits.map(([id, timestamp]) => ({
      ...(p.commits[0] ?? {}),
      id,
      timestamp,
      added: [`services/api/${id.slice(0, 6)}.ts`],
      modified: [],
      removed: [],
    })),
    head_commit: null,
    repository,
  };
};

type Pr = {
  number: number;
  author: string;
  head: string;
  createdAt: string;
  mergedAt?: string;
  mergeCommit?: string;
};

const pullRequestObject = (pr: Pr, updatedAt: string) => {
  const base = template('pull_request', 'opened').pull_request;
  return {
    ...base,
    number: pr.number,
    html_url: `https://github.com/acme/api/pull/${pr.number}`,
    title: `Change ${pr.number}`,
    user: { ...base.user, login: pr.author },
    created_at: pr.createdAt,
    updated_at: updatedAt,
    closed_at: pr.mergedAt ?? null,
    merged_at: pr.mergedAt ?? null,
    merged: !!pr.mergedAt,
    state: pr.mergedAt ? 'closed' : 'open',
    merge_commit_sha: pr.mergeCommit ?? null,
    head: { ...base.head, ref: pr.head, repo: repository },
    base: { ...base.base, ref: 'main', repo: repository },
  };
};

const pullRequest = (action: string, pr: Pr, updatedAt: string) => ({
  ...template('pull_request', 'opened'),
  action,
  number: pr.number,
  pull_request: pullRequestObject(pr, updatedAt),
  repository,
});

const review = (
  pr: Pr,
  reviewer: string,
  submittedAt: string,
  state: string,
) => {
  const t = template('pull_request_review', 'submitted');
  return {
    ...t,
    action: 'submitted',
    review: {
      ...t.review,
      user: { ...t.review.user, login: reviewer },
      submitted_at: submittedAt,
      state,
    },
    pull_request: pullRequestObject(pr, submittedAt),
    repository,
  };
};

const deploymentStatus = (
  id: number,
  commit: string,
  environment: string,
  state: string,
  at: string,
  createdAt: string,
) => {
  const t = template('deployment_status');
  return {
    ...t,
    deployment_status: {
      ...t.deployment_status,
      id:
        id * 10 +
        ['queued', 'in_progress', 'success', 'failure', 'inactive'].indexOf(
          state,
        ),
      state,
      environment,
      created_at: at,
      updated_at: at,
      target_url: `https://ci.example/deploy/${id}`,
      log_url: `https://ci.example/deploy/${id}/log`,
    },
    deployment: {
      ...t.deployment,
      id,
      sha: commit,
      ref: 'main',
      environment,
      created_at: createdAt,
      updated_at: at,
      payload: {},
    },
    repository,
  };
};

const issue = (action: string, state: 'open' | 'closed', updatedAt: string) => {
  const t = template('issues', 'opened');
  return {
    ...t,
    action,
    issue: {
      ...t.issue,
      number: 50,
      title: 'Checkout returns 500s',
      html_url: 'https://github.com/acme/api/issues/50',
      state,
      created_at: '2026-03-04T09:00:00Z',
      updated_at: updatedAt,
      closed_at: state === 'closed' ? '2026-03-04T10:30:00Z' : null,
      labels: [{ ...t.issue.labels[0], name: 'incident' }],
    },
    repository,
  };
};

const PR1: Pr = {
  number: 1,
  author: 'ana',
  head: 'feat-1',
  createdAt: '2026-03-02T10:00:00Z',
};
const PR2: Pr = {
  number: 2,
  author: 'cy',
  head: 'feat-2',
  createdAt: '2026-03-03T07:00:00Z',
};
const PR3: Pr = {
  number: 3,
  author: 'dee',
  head: 'feat-3',
  createdAt: '2026-03-04T16:00:00Z',
};

/** In the order GitHub delivers them, including some late ones. */
const DELIVERIES: Array<[event: string, payload: unknown]> = [
  ['push', push('main', ZERO, BASE, [[BASE, '2026-02-28T12:00:00Z']])],
  // D0: the first deployment Cairn sees; it ships no history.
  [
    'deployment_status',
    deploymentStatus(
      1000,
      BASE,
      'Production',
      'success',
      '2026-03-01T12:00:00Z',
      '2026-03-01T11:55:00Z',
    ),
  ],
  [
    'push',
    push('feat-1', ZERO, sha('c1'), [
      [sha('c0'), '2026-03-02T08:00:00Z'],
      [sha('c1'), '2026-03-02T09:00:00Z'],
    ]),
  ],
  ['pull_request', pullRequest('opened', PR1, PR1.createdAt)],
  // The author's own comment is not a review.
  [
    'pull_request_review',
    review(PR1, 'ana', '2026-03-02T11:00:00Z', 'commented'),
  ],
  [
    'pull_request_review',
    review(PR1, 'bo', '2026-03-02T14:00:00Z', 'approved'),
  ],
  [
    'pull_request',
    pullRequest(
      'closed',
      { ...PR1, mergedAt: '2026-03-03T09:00:00Z', mergeCommit: M1 },
      '2026-03-03T09:00:00Z',
    ),
  ],
  ['push', push('main', BASE, M1, [[M1, '2026-03-03T09:00:00Z']])],
  [
    'push',
    push('feat-2', ZERO, sha('c2'), [[sha('c2'), '2026-03-03T06:00:00Z']]),
  ],
  ['pull_request', pullRequest('opened', PR2, PR2.createdAt)],
  [
    'pull_request',
    pullRequest(
      'closed',
      { ...PR2, mergedAt: '2026-03-03T10:00:00Z', mergeCommit: M2 },
      '2026-03-03T10:00:00Z',
    ),
  ],
  ['push', push('main', M1, M2, [[M2, '2026-03-03T10:00:00Z']])],
  // D1 ships PR 1 and PR 2; its success arrives before its in-progress status.
  [
    'deployment_status',
    deploymentStatus(
      1001,
      M2,
      'Production',
      'success',
      '2026-03-03T12:00:00Z',
      '2026-03-03T11:50:00Z',
    ),
  ],
  [
    'deployment_status',
    deploymentStatus(
      1001,
      M2,
      'Production',
      'in_progress',
      '2026-03-03T11:55:00Z',
      '2026-03-03T11:50:00Z',
    ),
  ],
  ['issues', issue('labeled', 'open', '2026-03-04T09:00:00Z')],
  ['issues', issue('closed', 'closed', '2026-03-04T10:30:00Z')],
  [
    'push',
    push('feat-3', ZERO, sha('c3'), [[sha('c3'), '2026-03-04T15:00:00Z']]),
  ],
  ['pull_request', pullRequest('opened', PR3, PR3.createdAt)],
  [
    'pull_request',
    pullRequest('review_requested', PR3, '2026-03-04T16:05:00Z'),
  ],
  [
    'pull_request_review',
    review(PR3, 'ana', '2026-03-05T08:00:00Z', 'approved'),
  ],
  [
    'pull_request',
    pullRequest(
      'closed',
      { ...PR3, mergedAt: '2026-03-05T09:30:00Z', mergeCommit: M3 },
      '2026-03-05T09:30:00Z',
    ),
  ],
  ['push', push('main', M2, M3, [[M3, '2026-03-05T09:30:00Z']])],
  // D2 fails; D1 becomes inactive later, which must not move its finish.
  [
    'deployment_status',
    deploymentStatus(
      1002,
      M3,
      'Production',
      'failure',
      '2026-03-05T10:00:00Z',
      '2026-03-05T09:50:00Z',
    ),
  ],
  [
    'deployment_status',
    deploymentStatus(
      1001,
      M2,
      'Production',
      'inactive',
      '2026-03-05T10:00:00Z',
      '2026-03-03T11:50:00Z',
    ),
  ],
  // A staging deployment is not a production one.
  [
    'deployment_status',
    deploymentStatus(
      1004,
      M3,
      'staging',
      'success',
      '2026-03-05T10:30:00Z',
      '2026-03-05T10:20:00Z',
    ),
  ],
  // D3 retries and ships PR 3.
  [
    'deployment_status',
    deploymentStatus(
      1003,
      M3,
      'Production',
      'success',
      '2026-03-05T11:00:00Z',
      '2026-03-05T10:50:00Z',
    ),
  ],
];

const workflowRun = (
  id: number,
  attempt: number,
  commit: string,
  event: string,
  branch: string,
  times: { started: string; updated: string },
  conclusion: string | null,
) => {
  const t = template('workflow_run', 'completed');
  return {
    ...t,
    action: conclusion ? 'completed' : 'in_progress',
    workflow_run: {
      ...t.workflow_run,
      id,
      name: 'CI',
      run_attempt: attempt,
      head_sha: commit,
      head_branch: branch,
      event,
      status: conclusion ? 'completed' : 'in_progress',
      conclusion,
      created_at: '2026-03-03T09:05:00Z',
      run_started_at: times.started,
      updated_at: times.updated,
      html_url: `https://github.com/acme/api/actions/runs/${id}`,
      pull_requests: [],
    },
    repository,
  };
};

const workflowJob = (
  id: number,
  commit: string,
  times: { created: string; started: string; completed: string },
  conclusion: string,
) => {
  const t = template('workflow_job', 'completed');
  return {
    ...t,
    workflow_job: {
      ...t.workflow_job,
      id,
      name: 'test',
      workflow_name: 'CI',
      head_sha: commit,
      head_branch: 'main',
      run_attempt: 2,
      status: 'completed',
      conclusion,
      created_at: times.created,
      started_at: times.started,
      completed_at: times.completed,
      html_url: `https://github.com/acme/api/actions/runs/77/job/${id}`,
    },
    repository,
  };
};

const checkRun = (app: string, commit: string, completed: string) => {
  const t = template('check_run', 'completed');
  return {
    ...t,
    check_run: {
      ...t.check_run,
      id: 555,
      name: 'ci/circleci: e2e',
      head_sha: commit,
      status: 'completed',
      conclusion: 'success',
      started_at: '2026-03-03T09:10:00Z',
      completed_at: completed,
      app: { ...t.check_run.app, slug: app },
      check_suite: { ...t.check_run.check_suite, head_branch: 'main' },
      pull_requests: [],
    },
    repository,
  };
};

const RANGE = 'from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z';

async function startBackend(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      insightsPlugin,
      insightsModuleGithub,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: { insights: { github: { webhook: { secret: 'test-secret' } } } },
      }),
    ],
  });
  const get = async (path: string) => {
    const res = await request(server)
      .get(`/api/insights/v1/${path}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    return res.body;
  };
  return { server, get, knex };
}

describe.each(databases.eachSupportedId())(
  'a month of GitHub webhooks on %p',
  databaseId => {
    it('yields the DORA numbers computed by hand', async () => {
      const { server, get, knex } = await startBackend(databaseId);
      for (const [event, payload] of DELIVERIES) {
        const res = await deliver(server, event, payload);
        expect([event, res.status, res.body.error]).toEqual([
          event,
          200,
          undefined,
        ]);
      }
      const summary: DoraSummary = await get(
        `metrics/summary?entity=component:default/api&${RANGE}`,
      );
      const m = summary.metrics;
      // D0, D1 and D3 succeeded, on three days; D2 failed.
      expect(m.deploymentFrequency.details).toMatchObject({
        deployments: 3,
        deploymentDays: 3,
      });
      // Failed: D2 by its result, D1 by the incident detected 21 hours after it (inferred).
      expect(m.changeFailRate).toMatchObject({
        value: 0.5,
        details: { failed: 2, total: 4 },
      });
      // D1 restored when the incident was resolved (22.5 h); D2 by D3 an hour later.
      expect(m.recoveryTime.details).toMatchObject({
        median: (81000 + 3600) / 2,
        count: 2,
        unrecovered: 0,
      });
      expect(m.mttr.details).toMatchObject({ median: 5400, count: 1 });
      expect(m.reworkRate.value).toBe(0);
      // First commit to first successful production deployment: PR 2 6 h, PR 3 20 h, PR 1 28 h.
      expect(m.changeLeadTime.details).toMatchObject({
        median: 72000,
        p75: 86400,
        p90: 95040,
        count: 3,
        stages: {
          coding: { median: 3600, count: 3 },
          pickup: { median: 36000, count: 2 },
          review: { median: 36900, count: 2 },
          deploy: { median: 7200, count: 3 },
        },
        bottleneck: 'review',
      });
      expect(summary.coverage.changes).toMatchObject({
        withoutFirstCommit: 0,
        mergedWithoutDeployment: 0,
      });
      // Who gave each pull request its first review (review concentration): the author's own
      // comment on PR 1 is not a review; PR 2 was never reviewed.
      expect(
        await knex('delivery_changes')
          .orderBy('number')
          .select('number', 'author', 'first_reviewer'),
      ).toEqual([
        expect.objectContaining({ number: 1, first_reviewer: 'bo' }),
        expect.objectContaining({ number: 2, first_reviewer: null }),
        expect.objectContaining({ number: 3, first_reviewer: 'ana' }),
      ]);

      const deployments = await get(
        `deployments?entity=component:default/api&${RANGE}&limit=10`,
      );
      const d1 = deployments.items.find(
        (d: { id: string }) => d.id === 'acme/api/deployments/1001',
      );
      // Finished at its first success; started at its in-progress status, which came late.
      expect(d1).toMatchObject({
        environment: 'Production',
        commit: M2,
        startedAt: '2026-03-03T11:55:00.000Z',
        finishedAt: '2026-03-03T12:00:00.000Z',
        result: 'success',
        changes: 2,
        url: 'https://ci.example/deploy/1001/log',
      });
      const changes = await get(
        `changes?entity=component:default/api&${RANGE}`,
      );
      expect(
        Object.fromEntries(
          changes.items.map((c: { id: string; deployment: { id: string } }) => [
            c.id,
            c.deployment.id,
          ]),
        ),
      ).toEqual({
        'acme/api#1': 'acme/api/deployments/1001',
        'acme/api#2': 'acme/api/deployments/1001',
        'acme/api#3': 'acme/api/deployments/1003',
      });
      const staging = await get(
        `metrics/summary?entity=component:default/api&${RANGE}&environment=staging`,
      );
      expect(staging.metrics.deploymentFrequency.details.deployments).toBe(1);

      // The whole month again, as redeliveries under new ids: nothing changes.
      const changed: unknown[] = [];
      for (const [event, payload] of DELIVERIES) {
        const res = await deliver(server, event, payload);
        expect(res.status).toBe(200);
        if (res.body.counts?.inserted || res.body.counts?.updated) {
          changed.push([event, res.body.counts]);
        }
      }
      expect(changed).toEqual([]);
      expect(
        (await get(`metrics/summary?entity=component:default/api&${RANGE}`))
          .metrics,
      ).toEqual(m);
    });

    it("reads CI from workflow runs, jobs and other apps' check runs, and splits the deploy stage with it", async () => {
      const { server, get } = await startBackend(databaseId);
      const merged = {
        ...PR1,
        mergedAt: '2026-03-03T09:00:00Z',
        mergeCommit: M1,
      };
      const deliveries: Array<[string, unknown]> = [
        ['push', push('main', ZERO, BASE, [[BASE, '2026-02-28T12:00:00Z']])],
        [
          'push',
          push('feat-1', ZERO, sha('c1'), [
            [sha('c1'), '2026-03-02T08:00:00Z'],
          ]),
        ],
        ['pull_request', pullRequest('closed', merged, merged.mergedAt)],
        ['push', push('main', BASE, M1, [[M1, '2026-03-03T09:00:00Z']])],
        // The pull request's run, on its head: not the merge commit's build.
        [
          'workflow_run',
          workflowRun(
            70,
            1,
            sha('c1'),
            'pull_request',
            'feat-1',
            {
              started: '2026-03-02T08:05:00Z',
              updated: '2026-03-02T08:25:00Z',
            },
            'success',
          ),
        ],
        // The merge commit's run goes red (15 min), then green on its second attempt (20 min).
        [
          'workflow_run',
          workflowRun(
            77,
            1,
            M1,
            'push',
            'main',
            {
              started: '2026-03-03T09:05:00Z',
              updated: '2026-03-03T09:20:00Z',
            },
            'failure',
          ),
        ],
        [
          'workflow_run',
          workflowRun(
            77,
            2,
            M1,
            'push',
            'main',
            {
              started: '2026-03-03T09:25:00Z',
              updated: '2026-03-03T09:30:00Z',
            },
            null,
          ),
        ],
        [
          'workflow_run',
          workflowRun(
            77,
            2,
            M1,
            'push',
            'main',
            {
              started: '2026-03-03T09:25:00Z',
              updated: '2026-03-03T09:45:00Z',
            },
            'success',
          ),
        ],
        // Its job waited 5 minutes for a runner.
        [
          'workflow_job',
          workflowJob(
            9001,
            M1,
            {
              created: '2026-03-03T09:25:00Z',
              started: '2026-03-03T09:30:00Z',
              completed: '2026-03-03T09:44:00Z',
            },
            'success',
          ),
        ],
        // Another CI app's check, green at 10:00; GitHub Actions' own check runs are its jobs.
        ['check_run', checkRun('circleci-checks', M1, '2026-03-03T10:00:00Z')],
        ['check_run', checkRun('github-actions', M1, '2026-03-03T11:00:00Z')],
        [
          'deployment_status',
          deploymentStatus(
            1001,
            M1,
            'production',
            'success',
            '2026-03-03T12:00:00Z',
            '2026-03-03T11:50:00Z',
          ),
        ],
      ];
      for (const [event, payload] of deliveries) {
        const res = await deliver(server, event, payload);
        expect([event, res.status, res.body.error]).toEqual([
          event,
          200,
          undefined,
        ]);
      }
      const health: CiHealth = await get(
        `ci/health?entity=component:default/api&${RANGE}&timezone=UTC`,
      );
      expect(
        health.pipelines.map(p => [
          p.pipeline,
          p.kind,
          p.runs,
          p.successRate,
          p.duration.p50,
          p.queue.p50,
        ]),
      ).toEqual([
        // Attempts 1 (900 s) and 2 (1,200 s); the workflow says nothing of queues.
        ['CI', 'defaultBranch', 2, 0.5, 1050, null],
        ['CI / test', 'defaultBranch', 1, 1, 840, 300],
        ['ci/circleci: e2e', 'defaultBranch', 1, 1, 3000, null],
        ['CI', 'pullRequest', 1, 1, 1200, null],
      ]);
      expect(health.reruns).toEqual({ runs: 1, secondsLost: 900 });
      const summary: DoraSummary = await get(
        `metrics/summary?entity=component:default/api&${RANGE}`,
      );
      // Merged 09:00, built 10:00 (the last pipeline's first green run), deployed 12:00.
      expect(summary.metrics.changeLeadTime.details).toMatchObject({
        stages: { deploy: { median: 3 * 3600, count: 1 } },
        deployParts: {
          build: { median: 3600, count: 1 },
          release: { median: 2 * 3600, count: 1 },
        },
      });
      // Redelivered under new ids: nothing changes.
      for (const [event, payload] of deliveries) {
        const res = await deliver(server, event, payload);
        expect(res.body.counts?.inserted ?? 0).toBe(0);
        expect(res.body.counts?.updated ?? 0).toBe(0);
      }
    });

    it('learns what a deployment shipped when the push arrives after it', async () => {
      const { server, get } = await startBackend(databaseId);
      const merged = {
        ...PR1,
        mergedAt: '2026-03-03T09:00:00Z',
        mergeCommit: M1,
      };
      for (const [event, payload] of [
        ['push', push('main', ZERO, BASE, [[BASE, '2026-02-28T12:00:00Z']])],
        [
          'deployment_status',
          deploymentStatus(
            1000,
            BASE,
            'production',
            'success',
            '2026-03-01T12:00:00Z',
            '2026-03-01T11:55:00Z',
          ),
        ],
        ['pull_request', pullRequest('closed', merged, merged.mergedAt)],
        // A direct commit after the merge is deployed before GitHub delivers the push.
        [
          'deployment_status',
          deploymentStatus(
            1001,
            M2,
            'production',
            'success',
            '2026-03-03T12:00:00Z',
            '2026-03-03T11:50:00Z',
          ),
        ],
      ] as Array<[string, unknown]>) {
        expect((await deliver(server, event, payload)).status).toBe(200);
      }
      const shipped = async () =>
        (await get(`changes?entity=component:default/api&${RANGE}`)).items.map(
          (c: { id: string; deployment: { id: string } }) => [
            c.id,
            c.deployment.id,
          ],
        );
      expect(await shipped()).toEqual([]);
      const late = await deliver(
        server,
        'push',
        push('main', BASE, M2, [
          [M1, '2026-03-03T09:00:00Z'],
          [M2, '2026-03-03T11:00:00Z'],
        ]),
      );
      expect(late.body.counts).toMatchObject({ updated: 1 });
      expect(await shipped()).toEqual([
        ['acme/api#1', 'acme/api/deployments/1001'],
      ]);
    });
  },
);
