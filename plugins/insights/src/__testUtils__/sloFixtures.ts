import {
  SloDocuments,
  SloHistory,
  SloRollup,
  SloStatus,
  SloStatusResponse,
} from '@cairn/plugin-insights-common';

/* SLO answers as the insights backend gives them (its reliability/openapi.yaml). */

const pairs = (firing: boolean) => [
  {
    severity: 'page' as const,
    factor: 14.4,
    long: '1h',
    short: '5m',
    longBurnRate: firing ? 24.3 : 0.4,
    shortBurnRate: firing ? 25.1 : 0.2,
    firing,
    tooLittleTraffic: false,
  },
];

const base = {
  service: 'checkout-service',
  origin: 'api',
  version: 1,
  dataSource: {
    type: 'push',
    module: null,
    readTo: null,
    lastAttemptAt: null,
    lastError: null,
  },
  budgetingMethod: 'Occurrences' as const,
  period: { kind: 'rolling' as const, durationMs: 30 * 86_400_000 },
};

const window = {
  from: '2026-11-03T10:00:00.000Z',
  to: '2026-12-03T10:00:00.000Z',
};

export const availability: SloStatus = {
  ...base,
  name: 'checkout-availability',
  displayName: 'Checkout availability',
  indicator: { kind: 'ratio' },
  objectives: [
    {
      name: null,
      target: 0.999,
      op: null,
      value: null,
      window,
      sli: 0.99955,
      events: { good: 38_862_510, total: 38_880_000 },
      coverage: 1,
      budget: {
        consumed: 0.45,
        remaining: 0.55,
        badEventsLeft: 21_390,
        outageMinutesLeft: 23.76,
      },
      burnRate1h: 0.4,
      timeToExhaustionHours: 990,
      budgetAtWindowEnd: null,
      alert: { status: 'ok', pairs: pairs(false) },
    },
  ],
};

export const latency: SloStatus = {
  ...base,
  name: 'checkout-latency',
  displayName: null,
  indicator: { kind: 'threshold' },
  objectives: [
    {
      name: 'p95 under 400 ms',
      target: 0.95,
      op: 'lte',
      value: 0.4,
      window,
      sli: 0.9712,
      events: { good: 37_760_256, total: 38_880_000 },
      coverage: 0.962,
      budget: {
        consumed: 0.576,
        remaining: 0.424,
        badEventsLeft: 824_256,
        outageMinutesLeft: 915.8,
      },
      burnRate1h: 0.5,
      timeToExhaustionHours: null,
      budgetAtWindowEnd: null,
      alert: { status: 'ok', pairs: pairs(false) },
    },
  ],
};

export const burning: SloStatus = {
  ...base,
  service: 'shipping-service',
  name: 'shipping-availability',
  displayName: 'shipping-service availability',
  dataSource: {
    type: 'Prometheus',
    module: 'not-installed',
    readTo: null,
    lastAttemptAt: null,
    lastError: null,
  },
  indicator: { kind: 'ratio' },
  objectives: [
    {
      ...availability.objectives[0],
      target: 0.995,
      sli: 0.9905,
      budget: {
        consumed: 1.9,
        remaining: -0.9,
        badEventsLeft: -5_130,
        outageMinutesLeft: -388.8,
      },
      burnRate1h: 24.3,
      timeToExhaustionHours: 0,
      alert: { status: 'page', pairs: pairs(true) },
    },
  ],
};

export const quiet: SloStatus = {
  ...base,
  name: 'warehouse-jobs',
  displayName: null,
  indicator: { kind: 'ratio' },
  objectives: [
    {
      ...availability.objectives[0],
      target: 0.99,
      sli: 0.9953,
      events: { good: 2_150, total: 2_160 },
      alert: { status: 'too-little-traffic', pairs: pairs(false) },
    },
  ],
};

export const statusOf = (...slos: SloStatus[]): SloStatusResponse => ({
  entityRef: 'component:default/checkout-service',
  at: '2026-12-03T10:00:00.000Z',
  slos,
});

export const noDocuments: SloDocuments = {
  entityRef: 'component:default/checkout-service',
  documents: [],
};

export const invalidFile: SloDocuments = {
  entityRef: 'component:default/checkout-service',
  documents: [
    {
      componentRef: 'component:default/checkout-service',
      origin:
        'https://github.com/northwind/checkout/blob/main/slo/availability.yaml',
      version: 3,
      state: 'invalid',
      problems: [
        {
          document: 'SLO checkout-availability',
          path: 'spec.objectives[0].targetPercent',
          message: 'must be below 100',
        },
      ],
      unsupported: [],
      receivedBy: 'catalog',
      receivedAt: '2026-12-03T09:50:00.000Z',
      content: 'apiVersion: openslo/v1\nkind: SLO\n',
    },
  ],
};

export const logisticsSlos: SloRollup = {
  entityRef: 'group:default/logistics',
  at: '2026-12-03T10:00:00.000Z',
  components: 4,
  componentsWithSlos: 2,
  objectives: 2,
  byState: { healthy: 0, burning: 0, exhausted: 1, noData: 0 },
  tooLittleTraffic: 1,
  budgetDistribution: [
    { band: 'spent', atMost: 0, objectives: 1 },
    { band: '0-25', above: 0, atMost: 0.25, objectives: 0 },
    { band: '25-50', above: 0.25, atMost: 0.5, objectives: 0 },
    { band: '50-75', above: 0.5, atMost: 0.75, objectives: 1 },
    { band: '75-100', above: 0.75, objectives: 0 },
  ],
  lowestBudgets: [
    {
      entityRef: 'component:default/shipping-service',
      slo: 'shipping-availability',
      objective: 0,
      name: null,
      state: 'exhausted',
      remaining: -0.9,
      burnRate1h: 24.3,
      alert: 'page',
    },
    {
      entityRef: 'component:default/warehouse-worker',
      slo: 'warehouse-jobs',
      objective: 0,
      name: null,
      state: 'healthy',
      remaining: 0.55,
      burnRate1h: 0.3,
      alert: 'too-little-traffic',
    },
  ],
  fastestBurning: [
    {
      entityRef: 'component:default/shipping-service',
      slo: 'shipping-availability',
      objective: 0,
      name: null,
      state: 'exhausted',
      remaining: -0.9,
      burnRate1h: 24.3,
      alert: 'page',
    },
  ],
  firing: [
    {
      entityRef: 'component:default/shipping-service',
      slo: 'shipping-availability',
      objective: 0,
      name: null,
      state: 'exhausted',
      remaining: -0.9,
      burnRate1h: 24.3,
      alert: 'page',
    },
  ],
};

const release = {
  id: 'shipping-service-bad-release',
  source: 'demo',
  finishedAt: '2026-12-03T07:50:00.000Z',
  result: 'success',
  version: '4.18.0',
  commit: 'b4d5e1ea5e0418',
  url: null,
};

export const shippingHistory: SloHistory = {
  entityRef: 'component:default/shipping-service',
  slo: 'shipping-availability',
  objective: 0,
  from: '2026-12-01T00:00:00.000Z',
  to: '2026-12-03T10:00:00.000Z',
  timeZone: 'UTC',
  days: [
    {
      day: '2026-12-01',
      at: '2026-12-02T00:00:00.000Z',
      sli: 0.999,
      events: { good: 287_712, total: 288_000 },
      coverage: 1,
      burnRate: 0.2,
      budgetRemaining: 0.62,
      alert: 'ok',
      unusualBurn: false,
    },
    {
      day: '2026-12-02',
      at: '2026-12-03T00:00:00.000Z',
      sli: 0.999,
      events: { good: 287_712, total: 288_000 },
      coverage: 1,
      burnRate: 0.2,
      budgetRemaining: 0.61,
      alert: 'ok',
      unusualBurn: false,
    },
    {
      day: '2026-12-03',
      at: '2026-12-03T10:00:00.000Z',
      sli: 0.97,
      events: { good: 116_400, total: 120_000 },
      coverage: 1,
      burnRate: 6,
      budgetRemaining: -0.9,
      alert: 'page',
      unusualBurn: true,
      burnOnset: '2026-12-03T08:01:00.000Z',
      deploymentsBefore: [release],
    },
  ],
  alerts: [
    {
      at: '2026-12-01T00:00:00.000Z',
      from: null,
      to: 'ok',
      windows: [],
    },
    {
      at: '2026-12-03T08:03:00.000Z',
      from: 'ok',
      to: 'page',
      windows: [
        {
          severity: 'page',
          factor: 14.4,
          long: '1h',
          short: '5m',
          longBurnRate: 16.2,
          shortBurnRate: 24,
          firing: true,
          tooLittleTraffic: false,
        },
      ],
      deploymentsBefore: [release],
    },
  ],
};

export const shippingDeployments = {
  items: [
    {
      ...release,
      entityRef: 'component:default/shipping-service',
      environment: 'production',
      trigger: 'normal',
      failed: false,
      failureReasons: [],
      rework: false,
      alsoReportedBy: [],
      changes: 0,
    },
  ],
  totalCount: 1,
  limit: 100,
  offset: 0,
};
