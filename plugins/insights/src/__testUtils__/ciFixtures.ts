import {
  CiHealth,
  CiRollup,
  PipelinePeriod,
} from '@cairn/plugin-insights-common';

const period = (
  runs: number,
  successRate: number | null,
  p50: number | null,
  p95: number | null,
): PipelinePeriod => ({
  runs,
  succeeded: successRate === null ? 0 : Math.round(runs * successRate),
  failed: successRate === null ? 0 : runs - Math.round(runs * successRate),
  cancelled: 0,
  successRate,
  duration: { p50, p95, count: runs },
  queue: {
    p50: p50 === null ? null : 120,
    p95: p95 === null ? null : 540,
    count: runs,
  },
});

/** A struggling component: 40-minute builds on the default branch, two flaky tests, reruns. */
export const strugglingCi: CiHealth = {
  entityRef: 'component:default/checkout-service',
  range: {
    from: '2026-03-01T00:00:00.000Z',
    to: '2026-03-31T00:00:00.000Z',
    timezone: 'UTC',
    days: 30,
  },
  previousRange: {
    from: '2026-01-30T00:00:00.000Z',
    to: '2026-03-01T00:00:00.000Z',
  },
  pipelines: [
    {
      pipeline: 'build',
      kind: 'defaultBranch',
      ...period(40, 0.8, 2400, 3300),
      previous: period(36, 0.9, 2100, 2900),
      lastRun: {
        finishedAt: '2026-03-30T10:40:00.000Z',
        result: 'failure',
        url: 'https://ci.example/runs/991',
      },
    },
    {
      pipeline: 'build',
      kind: 'pullRequest',
      ...period(120, 0.7, 2280, 3000),
      previous: period(0, null, null, null),
      lastRun: null,
    },
  ],
  series: {
    bucket: 'week',
    points: [
      {
        from: '2026-03-02T00:00:00.000Z',
        to: '2026-03-09T00:00:00.000Z',
        runs: 10,
        successRate: 0.8,
        duration: { p50: 2300, p95: 3100, count: 10 },
        queue: { p50: 100, p95: 400, count: 10 },
      },
      {
        from: '2026-03-09T00:00:00.000Z',
        to: '2026-03-16T00:00:00.000Z',
        runs: 0,
        successRate: null,
        duration: { p50: null, p95: null, count: 0 },
        queue: { p50: null, p95: null, count: 0 },
      },
    ],
  },
  flakyTests: [
    {
      suite: 'CheckoutFlowIT',
      name: 'pays with a saved card',
      pipelines: ['build'],
      flakyCommits: 6,
      failures: 9,
      runs: 160,
      failureRate: 9 / 160,
      blockedRuns: 8,
      lastFailure: {
        at: '2026-03-28T09:12:00.000Z',
        url: 'https://ci.example/runs/977',
        message: 'Timed out after 30 s waiting for the payment frame',
      },
    },
    {
      suite: 'CartTest',
      name: 'merges guest cart on login',
      pipelines: ['build'],
      flakyCommits: 3,
      failures: 4,
      runs: 160,
      failureRate: 4 / 160,
      blockedRuns: 4,
      lastFailure: { at: '2026-03-21T14:03:00.000Z', url: null, message: null },
    },
  ],
  reruns: { runs: 12, secondsLost: 12 * 2400 },
  coverage: {
    runs: 160,
    withTests: 160,
    withQueueTime: 160,
    unattributedInRepository: 0,
    notes: [],
  },
};

/** A component no pipeline run names. */
export const noCi: CiHealth = {
  ...strugglingCi,
  pipelines: [],
  series: { bucket: 'week', points: [] },
  flakyTests: [],
  reruns: { runs: 0, secondsLost: 0 },
  coverage: {
    runs: 0,
    withTests: 0,
    withQueueTime: 0,
    unattributedInRepository: 0,
    notes: [
      {
        severity: 'info',
        message:
          'No pipeline run of this component finished in the range. Send pipelineRun events (POST /v1/events), CDEvents pipelineRun events, or GitHub workflow_run webhooks through the GitHub module.',
      },
    ],
  },
};

/** The Logistics team's CI: slow builds and flaky tests on two components, none on the third. */
export const logisticsCiRollup: CiRollup = {
  entityRef: 'group:default/logistics',
  range: strugglingCi.range,
  components: [
    {
      entityRef: 'component:default/shipping-service',
      runs: 40,
      successRate: 0.9,
      duration: { p50: 2400, p95: 2700, count: 40 },
      queue: { p50: 420, p95: 840, count: 40 },
      flakyTests: 2,
      rerunSecondsLost: 9000,
    },
    {
      entityRef: 'component:default/inventory-service',
      runs: 35,
      successRate: 0.94,
      duration: { p50: 2340, p95: 2650, count: 35 },
      queue: { p50: 400, p95: 800, count: 35 },
      flakyTests: 2,
      rerunSecondsLost: 6000,
    },
  ],
  componentsWithoutRuns: ['component:default/warehouse-worker'],
  distribution: {
    durationP50: { median: 2370, best: 2340, worst: 2400 },
    successRate: { median: 0.92, best: 0.94, worst: 0.9 },
    queueP50: { median: 410, best: 400, worst: 420 },
  },
  flakyTests: 4,
  rerunSecondsLost: 15000,
};
