/*
 * Answers of the insights API, captured from the demo portal's backend (generated demo history) and
 * trimmed. Tests change copies of them to build the partial and error cases.
 */
import {
  ChangeRecord,
  DeploymentRecord,
  DoraRollup,
  DoraSeries,
  DoraSummary,
  EnvironmentSummary,
  IncidentRecord,
  Page,
} from '@cairn/plugin-insights-common';

/** checkout-service, production, last 30 days: every metric has a value. */
export const fullSummary: DoraSummary = {
  entityRef: 'component:default/checkout-service',
  environment: 'production',
  range: {
    from: '2026-10-23T13:08:16.438Z',
    to: '2026-11-22T13:08:16.438Z',
    timezone: 'Europe/Berlin',
    days: 30,
  },
  previousRange: {
    from: '2026-09-23T13:08:16.438Z',
    to: '2026-10-23T13:08:16.438Z',
  },
  earliestAvailable: '2024-11-22T13:08:16.448Z',
  benchmark: {
    id: '2024',
    label: 'DORA 2024',
    source: 'Accelerate State of DevOps Report 2024 (DORA / Google Cloud)',
  },
  metrics: {
    deploymentFrequency: {
      value: 4.333333333333333,
      sampleSize: 130,
      trend: {
        previous: 4.566666666666666,
        change: -0.05109489051094892,
        direction: 'down',
        better: false,
      },
      tier: {
        benchmarkId: '2024',
        tiers: ['elite'],
        reportText: ['on demand'],
      },
      unit: 'perDay',
      details: {
        deployments: 130,
        deploymentDays: 29,
        deploymentsPerDay: 4.333333333333333,
        deploymentDaysPerWeek: 6.766666666666667,
      },
    },
    changeLeadTime: {
      value: 22411,
      sampleSize: 184,
      trend: {
        previous: 20854,
        change: 0.07466193536012276,
        direction: 'up',
        better: false,
      },
      tier: {
        benchmarkId: '2024',
        tiers: ['elite'],
        reportText: ['less than one day'],
      },
      unit: 'seconds',
      details: {
        median: 22411,
        p75: 26320.75,
        p90: 29342.3,
        count: 184,
        stages: {
          coding: {
            median: 13619,
            p75: 17879.5,
            p90: 19623.2,
            count: 184,
          },
          pickup: {
            median: 2902,
            p75: 4177,
            p90: 4777.2,
            count: 183,
          },
          review: {
            median: 4403,
            p75: 6024,
            p90: 6725.4,
            count: 183,
          },
          deploy: {
            median: 1258,
            p75: 1702.75,
            p90: 1947.2,
            count: 184,
          },
        },
        deployParts: {
          build: { median: null, p75: null, p90: null, count: 0 },
          release: { median: null, p75: null, p90: null, count: 0 },
        },
        bottleneck: 'coding',
      },
    },
    changeFailRate: {
      value: 0.03787878787878788,
      sampleSize: 132,
      trend: {
        previous: 0.04316546762589928,
        change: -0.1224747474747475,
        direction: 'down',
        better: true,
      },
      tier: {
        benchmarkId: '2024',
        tiers: [],
        reportText: [],
        reason:
          "The 2024 report gives a typical change fail rate per cluster (elite 5%, high 20%, medium 10%, low 40%), not ranges; its 'high' cluster fails more often than 'medium', so the clusters are not ordered on this metric and cannot place a value.",
      },
      unit: 'ratio',
      details: {
        failed: 5,
        total: 132,
        byReason: {
          result: 2,
          fixed: 4,
          incident: 1,
        },
      },
    },
    recoveryTime: {
      value: 9804,
      sampleSize: 5,
      trend: {
        previous: 3972.5,
        change: 1.467967275015733,
        direction: 'up',
        better: false,
      },
      tier: {
        benchmarkId: '2024',
        tiers: ['high', 'medium'],
        reportText: ['less than one day'],
      },
      unit: 'seconds',
      details: {
        median: 9804,
        p75: 10167,
        p90: 44771.4,
        count: 5,
        unrecovered: 0,
      },
    },
    reworkRate: {
      value: 0.030303030303030304,
      sampleSize: 132,
      trend: {
        previous: 0.02877697841726619,
        change: 0.053030303030303004,
        direction: 'up',
        better: false,
      },
      tier: {
        benchmarkId: '2024',
        tiers: [],
        reportText: [],
        reason: 'No DORA report gives performance clusters for rework rate.',
      },
      unit: 'ratio',
      details: {
        rework: 4,
        total: 132,
      },
    },
    mttr: {
      value: 1512,
      sampleSize: 1,
      trend: {
        previous: 929.5,
        change: 0.6266810112963959,
        direction: 'up',
        better: false,
      },
      tier: {
        benchmarkId: '2024',
        tiers: [],
        reportText: [],
        reason: 'No DORA report gives performance clusters for MTTR.',
      },
      unit: 'seconds',
      details: {
        median: 1512,
        p75: 1512,
        p90: 1512,
        count: 1,
        open: 0,
      },
    },
  },
  coverage: {
    deployments: {
      finished: 132,
      inProgress: 0,
      unattributedInRepository: 0,
    },
    changes: {
      shipped: 184,
      withoutFirstCommit: 0,
      withoutReview: 1,
      withoutBuild: 0,
      mergedWithoutDeployment: 3,
      outOfOrder: { coding: 0, pickup: 0, review: 0, deploy: 0 },
    },
    incidents: {
      total: 1,
      explicit: 0,
      inferred: 1,
      unlinked: 0,
      unresolvedReferences: 0,
    },
    attribution: {
      repository: 'github.com/northwind/commerce-checkout',
      pathPrefix: 'services/checkout/',
    },
    notes: [
      {
        code: 'changes-without-deployment',
        severity: 'info',
        message:
          '3 changes merged in the range have not been shipped to production by any reported deployment (deployments must list their changes or commits).',
      },
      {
        code: 'inferred-incident-links',
        severity: 'info',
        message:
          '1 incident was linked to the latest deployment before detection by inference (no causedBy).',
      },
    ],
  },
};

/** shipping-service: slow, failing, with inferred incident links. */
export const strugglingSummary: DoraSummary = {
  entityRef: 'component:default/shipping-service',
  environment: 'production',
  range: {
    from: '2026-10-23T13:08:16.465Z',
    to: '2026-11-22T13:08:16.465Z',
    timezone: 'Europe/Berlin',
    days: 30,
  },
  previousRange: {
    from: '2026-09-23T13:08:16.465Z',
    to: '2026-10-23T13:08:16.465Z',
  },
  earliestAvailable: '2024-11-22T13:08:16.469Z',
  benchmark: {
    id: '2024',
    label: 'DORA 2024',
    source: 'Accelerate State of DevOps Report 2024 (DORA / Google Cloud)',
  },
  metrics: {
    deploymentFrequency: {
      value: 0.13333333333333333,
      sampleSize: 4,
      trend: {
        previous: 0.16666666666666666,
        change: -0.19999999999999996,
        direction: 'down',
        better: false,
      },
      tier: {
        benchmarkId: '2024',
        tiers: ['medium'],
        reportText: ['once per week – once per month'],
      },
      unit: 'perDay',
      details: {
        deployments: 4,
        deploymentDays: 4,
        deploymentsPerDay: 0.13333333333333333,
        deploymentDaysPerWeek: 0.9333333333333333,
      },
    },
    changeLeadTime: {
      value: 906782,
      sampleSize: 35,
      trend: {
        previous: 825957,
        change: 0.09785618379649304,
        direction: 'up',
        better: false,
      },
      tier: {
        benchmarkId: '2024',
        tiers: ['medium'],
        reportText: ['1 week – 1 month'],
      },
      unit: 'seconds',
      details: {
        median: 906782,
        p75: 1084152,
        p90: 1234746.2,
        count: 35,
        stages: {
          coding: {
            median: 264328,
            p75: 325492,
            p90: 383129.8,
            count: 35,
          },
          pickup: {
            median: 255101.5,
            p75: 299182.25,
            p90: 331411.9,
            count: 32,
          },
          review: {
            median: 170418,
            p75: 200337.25,
            p90: 241517.6,
            count: 32,
          },
          deploy: {
            median: 305505,
            p75: 406188,
            p90: 500993.4,
            count: 35,
          },
        },
        deployParts: {
          build: { median: null, p75: null, p90: null, count: 0 },
          release: { median: null, p75: null, p90: null, count: 0 },
        },
        bottleneck: 'deploy',
      },
    },
    changeFailRate: {
      value: 0.5,
      sampleSize: 4,
      trend: {
        previous: 0.42857142857142855,
        change: 0.16666666666666674,
        direction: 'up',
        better: false,
      },
      tier: {
        benchmarkId: '2024',
        tiers: [],
        reportText: [],
        reason:
          "The 2024 report gives a typical change fail rate per cluster (elite 5%, high 20%, medium 10%, low 40%), not ranges; its 'high' cluster fails more often than 'medium', so the clusters are not ordered on this metric and cannot place a value.",
      },
      unit: 'ratio',
      details: {
        failed: 2,
        total: 4,
        byReason: {
          result: 0,
          fixed: 0,
          incident: 2,
        },
      },
    },
    recoveryTime: {
      value: 213175.5,
      sampleSize: 2,
      trend: {
        previous: 6889,
        change: 29.944331543039628,
        direction: 'up',
        better: false,
      },
      tier: {
        benchmarkId: '2024',
        tiers: [],
        reportText: [],
        reason:
          "The value falls outside every cluster of DORA 2024 for failed deployment recovery time (the report's clusters leave gaps).",
      },
      unit: 'seconds',
      details: {
        median: 213175.5,
        p75: 275601.75,
        p90: 313057.5,
        count: 2,
        unrecovered: 0,
      },
    },
    reworkRate: {
      value: 0,
      sampleSize: 4,
      trend: {
        previous: 0.2857142857142857,
        change: -1,
        direction: 'down',
        better: true,
      },
      tier: {
        benchmarkId: '2024',
        tiers: [],
        reportText: [],
        reason: 'No DORA report gives performance clusters for rework rate.',
      },
      unit: 'ratio',
      details: {
        rework: 0,
        total: 4,
      },
    },
    mttr: {
      value: 62064.5,
      sampleSize: 4,
      trend: {
        previous: 152954,
        change: -0.5942276762948338,
        direction: 'down',
        better: true,
      },
      tier: {
        benchmarkId: '2024',
        tiers: [],
        reportText: [],
        reason: 'No DORA report gives performance clusters for MTTR.',
      },
      unit: 'seconds',
      details: {
        median: 62064.5,
        p75: 115156.75,
        p90: 200577.1,
        count: 4,
        open: 0,
      },
    },
  },
  coverage: {
    deployments: {
      finished: 4,
      inProgress: 0,
      unattributedInRepository: 0,
    },
    changes: {
      shipped: 35,
      withoutFirstCommit: 0,
      withoutReview: 3,
      withoutBuild: 0,
      mergedWithoutDeployment: 0,
      outOfOrder: { coding: 0, pickup: 0, review: 0, deploy: 0 },
    },
    incidents: {
      total: 4,
      explicit: 0,
      inferred: 2,
      unlinked: 2,
      unresolvedReferences: 0,
    },
    attribution: {
      repository: 'github.com/northwind/logistics',
      pathPrefix: 'shipping/',
    },
    notes: [
      {
        code: 'inferred-incident-links',
        severity: 'info',
        message:
          '2 incidents were linked to the latest deployment before detection by inference (no causedBy).',
      },
    ],
  },
};

/** recommendations: deploys to staging only, so production has no data. */
export const emptySummary: DoraSummary = {
  entityRef: 'component:default/recommendations',
  environment: 'production',
  range: {
    from: '2026-10-23T13:08:16.484Z',
    to: '2026-11-22T13:08:16.484Z',
    timezone: 'Europe/Berlin',
    days: 30,
  },
  previousRange: {
    from: '2026-09-23T13:08:16.484Z',
    to: '2026-10-23T13:08:16.484Z',
  },
  earliestAvailable: '2024-11-22T13:08:16.486Z',
  benchmark: {
    id: '2024',
    label: 'DORA 2024',
    source: 'Accelerate State of DevOps Report 2024 (DORA / Google Cloud)',
  },
  metrics: {
    deploymentFrequency: {
      value: null,
      sampleSize: 0,
      missingReason:
        "No deployments of this component to production have been reported. Send deployment events (POST /api/insights/v1/events, CDEvents or the GitHub module) or check the component's annotations.",
      trend: {
        previous: 0,
        change: null,
        direction: 'flat',
        better: null,
      },
      tier: {
        benchmarkId: '2024',
        tiers: [],
        reportText: [],
        reason:
          "The value falls outside every cluster of DORA 2024 for deployment frequency (the report's clusters leave gaps).",
      },
      unit: 'perDay',
      details: {
        deployments: 0,
        deploymentDays: 0,
        deploymentsPerDay: 0,
        deploymentDaysPerWeek: 0,
      },
    },
    changeLeadTime: {
      value: null,
      sampleSize: 0,
      missingReason:
        "No deployments of this component to production have been reported. Send deployment events (POST /api/insights/v1/events, CDEvents or the GitHub module) or check the component's annotations. Lead time runs to a successful deployment.",
      trend: {
        previous: null,
        change: null,
        direction: null,
        better: null,
      },
      tier: {
        benchmarkId: '2024',
        tiers: [],
        reportText: [],
        reason: 'There is no value to place.',
      },
      unit: 'seconds',
      details: {
        median: null,
        p75: null,
        p90: null,
        count: 0,
        stages: {
          coding: {
            median: null,
            p75: null,
            p90: null,
            count: 0,
          },
          pickup: {
            median: null,
            p75: null,
            p90: null,
            count: 0,
          },
          review: {
            median: null,
            p75: null,
            p90: null,
            count: 0,
          },
          deploy: {
            median: null,
            p75: null,
            p90: null,
            count: 0,
          },
        },
        deployParts: {
          build: { median: null, p75: null, p90: null, count: 0 },
          release: { median: null, p75: null, p90: null, count: 0 },
        },
        bottleneck: null,
      },
    },
    changeFailRate: {
      value: null,
      sampleSize: 0,
      missingReason:
        "No deployments of this component to production have been reported. Send deployment events (POST /api/insights/v1/events, CDEvents or the GitHub module) or check the component's annotations.",
      trend: {
        previous: null,
        change: null,
        direction: null,
        better: null,
      },
      tier: {
        benchmarkId: '2024',
        tiers: [],
        reportText: [],
        reason:
          "The 2024 report gives a typical change fail rate per cluster (elite 5%, high 20%, medium 10%, low 40%), not ranges; its 'high' cluster fails more often than 'medium', so the clusters are not ordered on this metric and cannot place a value.",
      },
      unit: 'ratio',
      details: {
        failed: 0,
        total: 0,
        byReason: {
          result: 0,
          fixed: 0,
          incident: 0,
        },
      },
    },
    recoveryTime: {
      value: null,
      sampleSize: 0,
      missingReason:
        "No deployments of this component to production have been reported. Send deployment events (POST /api/insights/v1/events, CDEvents or the GitHub module) or check the component's annotations.",
      trend: {
        previous: null,
        change: null,
        direction: null,
        better: null,
      },
      tier: {
        benchmarkId: '2024',
        tiers: [],
        reportText: [],
        reason: 'There is no value to place.',
      },
      unit: 'seconds',
      details: {
        median: null,
        p75: null,
        p90: null,
        count: 0,
        unrecovered: 0,
      },
    },
    reworkRate: {
      value: null,
      sampleSize: 0,
      missingReason:
        "No deployments of this component to production have been reported. Send deployment events (POST /api/insights/v1/events, CDEvents or the GitHub module) or check the component's annotations.",
      trend: {
        previous: null,
        change: null,
        direction: null,
        better: null,
      },
      tier: {
        benchmarkId: '2024',
        tiers: [],
        reportText: [],
        reason: 'No DORA report gives performance clusters for rework rate.',
      },
      unit: 'ratio',
      details: {
        rework: 0,
        total: 0,
      },
    },
    mttr: {
      value: null,
      sampleSize: 0,
      missingReason: 'No incident was detected in the range.',
      trend: {
        previous: null,
        change: null,
        direction: null,
        better: null,
      },
      tier: {
        benchmarkId: '2024',
        tiers: [],
        reportText: [],
        reason: 'No DORA report gives performance clusters for MTTR.',
      },
      unit: 'seconds',
      details: {
        median: null,
        p75: null,
        p90: null,
        count: 0,
        open: 0,
      },
    },
  },
  coverage: {
    deployments: {
      finished: 0,
      inProgress: 0,
      unattributedInRepository: 0,
    },
    changes: {
      shipped: 0,
      withoutFirstCommit: 0,
      withoutReview: 0,
      withoutBuild: 0,
      mergedWithoutDeployment: 0,
      outOfOrder: { coding: 0, pickup: 0, review: 0, deploy: 0 },
    },
    incidents: {
      total: 0,
      explicit: 0,
      inferred: 0,
      unlinked: 0,
      unresolvedReferences: 0,
    },
    attribution: {
      repository: 'github.com/northwind/recommendations',
      pathPrefix: null,
    },
    notes: [
      {
        code: 'no-deployments',
        severity: 'warning',
        message:
          'No deployments to production have been reported for this component.',
      },
    ],
  },
};

export const weeklySeries: DoraSeries = {
  entityRef: 'component:default/checkout-service',
  environment: 'production',
  bucket: 'week',
  range: {
    from: '2026-10-23T13:08:16.526Z',
    to: '2026-11-22T13:08:16.526Z',
    timezone: 'Europe/Berlin',
  },
  buckets: [
    {
      start: '2026-10-23T13:08:16.526Z',
      end: '2026-10-25T23:00:00.000Z',
      deployments: 5,
      deploymentDays: 3,
      total: 5,
      failed: 1,
      rework: 0,
      changeFailRate: 0.2,
      reworkRate: 0,
      leadTime: {
        median: 20029.5,
        p75: 26499.25,
        p90: 28763.5,
        count: 6,
      },
      stageMedians: {
        coding: 13898.5,
        pickup: 1650.5,
        review: 4654,
        deploy: 989,
      },
      recovery: {
        median: 67841,
        p75: 67841,
        p90: 67841,
        count: 1,
      },
      incidents: 1,
      mttr: {
        median: 1512,
        p75: 1512,
        p90: 1512,
        count: 1,
      },
    },
    {
      start: '2026-10-25T23:00:00.000Z',
      end: '2026-11-01T23:00:00.000Z',
      deployments: 31,
      deploymentDays: 6,
      total: 31,
      failed: 0,
      rework: 0,
      changeFailRate: 0,
      reworkRate: 0,
      leadTime: {
        median: 23303,
        p75: 25978.5,
        p90: 28302,
        count: 47,
      },
      stageMedians: {
        coding: 14615,
        pickup: 3476,
        review: 4771,
        deploy: 1098,
      },
      recovery: {
        median: null,
        p75: null,
        p90: null,
        count: 0,
      },
      incidents: 0,
      mttr: {
        median: null,
        p75: null,
        p90: null,
        count: 0,
      },
    },
    {
      start: '2026-11-01T23:00:00.000Z',
      end: '2026-11-08T23:00:00.000Z',
      deployments: 32,
      deploymentDays: 7,
      total: 33,
      failed: 2,
      rework: 2,
      changeFailRate: 0.06060606060606061,
      reworkRate: 0.06060606060606061,
      leadTime: {
        median: 22079.5,
        p75: 25527.5,
        p90: 29046.5,
        count: 46,
      },
      stageMedians: {
        coding: 12565,
        pickup: 2893,
        review: 4494.5,
        deploy: 1192,
      },
      recovery: {
        median: 7455.5,
        p75: 7646.75,
        p90: 7761.5,
        count: 2,
      },
      incidents: 0,
      mttr: {
        median: null,
        p75: null,
        p90: null,
        count: 0,
      },
    },
    {
      start: '2026-11-08T23:00:00.000Z',
      end: '2026-11-15T23:00:00.000Z',
      deployments: 31,
      deploymentDays: 7,
      total: 32,
      failed: 1,
      rework: 1,
      changeFailRate: 0.03125,
      reworkRate: 0.03125,
      leadTime: {
        median: 20432,
        p75: 25176,
        p90: 29741.6,
        count: 43,
      },
      stageMedians: {
        coding: 12659,
        pickup: 3052.5,
        review: 4102,
        deploy: 1122,
      },
      recovery: {
        median: 10167,
        p75: 10167,
        p90: 10167,
        count: 1,
      },
      incidents: 0,
      mttr: {
        median: null,
        p75: null,
        p90: null,
        count: 0,
      },
    },
  ],
};

export const logisticsRollup: DoraRollup = {
  entityRef: 'group:default/logistics',
  environment: 'production',
  range: {
    from: '2026-10-23T13:08:16.611Z',
    to: '2026-11-22T13:08:16.611Z',
    timezone: 'Europe/Berlin',
    days: 30,
  },
  benchmark: {
    id: '2024',
    label: 'DORA 2024',
    source: 'Accelerate State of DevOps Report 2024 (DORA / Google Cloud)',
  },
  components: [
    {
      entityRef: 'component:default/shipping-service',
      deployments: 4,
      metrics: {
        deploymentFrequency: {
          value: 0.13333333333333333,
          tiers: ['medium'],
        },
        changeLeadTime: {
          value: 906782,
          tiers: ['medium'],
        },
        changeFailRate: {
          value: 0.5,
          tiers: [],
        },
        recoveryTime: {
          value: 213175.5,
          tiers: [],
        },
        reworkRate: {
          value: 0,
          tiers: [],
        },
        mttr: {
          value: 62064.5,
          tiers: [],
        },
      },
    },
    {
      entityRef: 'component:default/inventory-service',
      deployments: 5,
      metrics: {
        deploymentFrequency: {
          value: 0.16666666666666666,
          tiers: ['medium'],
        },
        changeLeadTime: {
          value: 928506.5,
          tiers: ['medium'],
        },
        changeFailRate: {
          value: 0.5,
          tiers: [],
        },
        recoveryTime: {
          value: 6990,
          tiers: ['high', 'medium'],
        },
        reworkRate: {
          value: 0.3333333333333333,
          tiers: [],
        },
        mttr: {
          value: 187512,
          tiers: [],
        },
      },
    },
    {
      entityRef: 'component:default/warehouse-worker',
      deployments: 5,
      metrics: {
        deploymentFrequency: {
          value: 0.16666666666666666,
          tiers: ['medium'],
        },
        changeLeadTime: {
          value: 900299.5,
          tiers: ['medium'],
        },
        changeFailRate: {
          value: 0.42857142857142855,
          tiers: [],
        },
        recoveryTime: {
          value: 2480,
          tiers: ['elite'],
        },
        reworkRate: {
          value: 0.42857142857142855,
          tiers: [],
        },
        mttr: {
          value: 141798,
          tiers: [],
        },
      },
    },
  ],
  componentsWithoutData: ['component:default/label-printer'],
  distribution: {
    deploymentFrequency: {
      componentsWithValue: 3,
      median: 0.16666666666666666,
      best: {
        entityRef: 'component:default/warehouse-worker',
        value: 0.16666666666666666,
      },
      worst: {
        entityRef: 'component:default/shipping-service',
        value: 0.13333333333333333,
      },
      tierCounts: {
        elite: 0,
        high: 0,
        medium: 3,
        low: 0,
        none: 0,
      },
    },
    changeLeadTime: {
      componentsWithValue: 3,
      median: 906782,
      best: {
        entityRef: 'component:default/warehouse-worker',
        value: 900299.5,
      },
      worst: {
        entityRef: 'component:default/inventory-service',
        value: 928506.5,
      },
      tierCounts: {
        elite: 0,
        high: 0,
        medium: 3,
        low: 0,
        none: 0,
      },
    },
    changeFailRate: {
      componentsWithValue: 3,
      median: 0.5,
      best: {
        entityRef: 'component:default/warehouse-worker',
        value: 0.42857142857142855,
      },
      worst: {
        entityRef: 'component:default/inventory-service',
        value: 0.5,
      },
      tierCounts: {
        elite: 0,
        high: 0,
        medium: 0,
        low: 0,
        none: 3,
      },
    },
    recoveryTime: {
      componentsWithValue: 3,
      median: 6990,
      best: {
        entityRef: 'component:default/warehouse-worker',
        value: 2480,
      },
      worst: {
        entityRef: 'component:default/shipping-service',
        value: 213175.5,
      },
      tierCounts: {
        elite: 1,
        high: 1,
        medium: 0,
        low: 0,
        none: 1,
      },
    },
    reworkRate: {
      componentsWithValue: 3,
      median: 0.3333333333333333,
      best: {
        entityRef: 'component:default/shipping-service',
        value: 0,
      },
      worst: {
        entityRef: 'component:default/warehouse-worker',
        value: 0.42857142857142855,
      },
      tierCounts: {
        elite: 0,
        high: 0,
        medium: 0,
        low: 0,
        none: 3,
      },
    },
    mttr: {
      componentsWithValue: 3,
      median: 141798,
      best: {
        entityRef: 'component:default/shipping-service',
        value: 62064.5,
      },
      worst: {
        entityRef: 'component:default/inventory-service',
        value: 187512,
      },
      tierCounts: {
        elite: 0,
        high: 0,
        medium: 0,
        low: 0,
        none: 3,
      },
    },
  },
  attention: [
    {
      entityRef: 'component:default/inventory-service',
      reasons: [
        '1 incident open',
        'highest change fail rate in the group',
        'slowest change lead time in the group',
      ],
      why: [
        { code: 'open-incidents', params: { count: 1 } },
        { code: 'worst-in-group', params: { metric: 'changeFailRate' } },
        { code: 'worst-in-group', params: { metric: 'changeLeadTime' } },
      ],
    },
    {
      entityRef: 'component:default/shipping-service',
      reasons: [
        'slowest recovery in the group',
        'least frequent deployments in the group',
      ],
      why: [
        { code: 'worst-in-group', params: { metric: 'recoveryTime' } },
        { code: 'worst-in-group', params: { metric: 'deploymentFrequency' } },
      ],
    },
  ],
  toil: {
    deployments: 17,
    manualDeploymentShare: 0.7647058823529411,
    reworkRate: 0.29411764705882354,
    incidents: 9,
    members: 2,
    incidentsPerMember: 4.5,
  },
};

export const failedDeployments: Page<DeploymentRecord> = {
  totalCount: 3,
  limit: 6,
  offset: 0,
  items: [
    {
      source: 'demo',
      id: 'inventory-service-production-2026-11-12-0',
      entityRef: 'component:default/inventory-service',
      environment: 'production',
      version: '2026.11.12.0',
      commit: '5efcf453a8021095b30d89db53781c447fa809bb',
      startedAt: '2026-11-12T12:03:04.862Z',
      finishedAt: '2026-11-12T12:16:34.932Z',
      result: 'success',
      trigger: 'normal',
      automated: false,
      failed: true,
      failureReasons: [
        {
          kind: 'incident',
          incident: {
            source: 'demo',
            id: 'inventory-service-incident-2026-11-12',
          },
          inferred: false,
        },
      ],
      recoveredAt: '2026-11-14T19:38:30.196Z',
      recoverySeconds: 199315,
      rework: false,
      alsoReportedBy: [],
      changes: 11,
    },
    {
      source: 'demo',
      id: 'inventory-service-production-2026-11-05-0',
      entityRef: 'component:default/inventory-service',
      environment: 'production',
      version: '2026.11.05.0',
      commit: '7b025bd89a08bb77ea9f3f2c3a30c1a0b4190cbf',
      startedAt: '2026-11-05T13:13:01.080Z',
      finishedAt: '2026-11-05T13:24:59.556Z',
      result: 'failure',
      trigger: 'normal',
      automated: false,
      failed: true,
      failureReasons: [
        {
          kind: 'result',
        },
        {
          kind: 'fixed',
          by: {
            source: 'demo',
            id: 'inventory-service-production-2026-11-05-0-repair',
          },
          trigger: 'hotfix',
          explicit: true,
        },
      ],
      recoveredAt: '2026-11-05T15:21:29.868Z',
      recoverySeconds: 6990,
      rework: false,
      alsoReportedBy: [],
      changes: 0,
    },
    {
      source: 'demo',
      id: 'inventory-service-production-2026-10-29-0',
      entityRef: 'component:default/inventory-service',
      environment: 'production',
      version: '2026.10.29.0',
      commit: '6708b18a6f2bbacf4c078ae9ba2d13895a353849',
      startedAt: '2026-10-29T11:46:15.506Z',
      finishedAt: '2026-10-29T11:59:14.855Z',
      result: 'success',
      trigger: 'normal',
      automated: false,
      failed: true,
      failureReasons: [
        {
          kind: 'fixed',
          by: {
            source: 'demo',
            id: 'inventory-service-production-2026-10-29-0-repair',
          },
          trigger: 'rollback',
          explicit: false,
        },
      ],
      recoveredAt: '2026-10-29T12:29:13.994Z',
      recoverySeconds: 1799,
      rework: false,
      alsoReportedBy: [],
      changes: 10,
    },
  ],
};

export const reworkDeployments: Page<DeploymentRecord> = {
  totalCount: 2,
  limit: 4,
  offset: 0,
  items: [
    {
      source: 'demo',
      id: 'inventory-service-production-2026-11-05-0-repair',
      entityRef: 'component:default/inventory-service',
      environment: 'production',
      commit: '791f7fc49f39f534a9a348c17a064322c7010702',
      finishedAt: '2026-11-05T15:21:29.868Z',
      result: 'success',
      trigger: 'hotfix',
      automated: false,
      failed: false,
      failureReasons: [],
      rework: true,
      alsoReportedBy: [],
      changes: 0,
    },
    {
      source: 'demo',
      id: 'inventory-service-production-2026-10-29-0-repair',
      entityRef: 'component:default/inventory-service',
      environment: 'production',
      commit: 'a7f89627fe1d54b727c8cc2763fc751f11a029b3',
      finishedAt: '2026-10-29T12:29:13.994Z',
      result: 'success',
      trigger: 'rollback',
      automated: false,
      failed: false,
      failureReasons: [],
      rework: true,
      alsoReportedBy: [],
      changes: 0,
    },
  ],
};

export const changesPage: Page<ChangeRecord> = {
  totalCount: 35,
  limit: 3,
  offset: 0,
  items: [
    {
      source: 'demo',
      id: 'shipping-service-2026-11-19-0-10',
      entityRef: 'component:default/shipping-service',
      repository: 'github.com/northwind/logistics',
      number: 415530,
      title: 'shipping-service: change 11 of 2026-11-19',
      firstCommitAt: '2026-11-06T16:41:45.449Z',
      openedAt: '2026-11-11T03:12:30.304Z',
      firstReviewAt: '2026-11-14T05:14:02.432Z',
      mergedAt: '2026-11-15T06:13:12.322Z',
      deployedAt: '2026-11-19T15:37:03.764Z',
      deployment: {
        source: 'demo',
        id: 'shipping-service-production-2026-11-19-0',
      },
      leadSeconds: 1119318,
      stages: {
        coding: 383445,
        pickup: 266492,
        review: 89950,
        deploy: 379431,
      },
    },
    {
      source: 'demo',
      id: 'shipping-service-2026-11-19-0-9',
      entityRef: 'component:default/shipping-service',
      repository: 'github.com/northwind/logistics',
      number: 415529,
      title: 'shipping-service: change 10 of 2026-11-19',
      firstCommitAt: '2026-11-08T14:16:01.207Z',
      openedAt: '2026-11-11T11:41:52.004Z',
      firstReviewAt: '2026-11-12T20:28:27.303Z',
      mergedAt: '2026-11-14T21:32:06.475Z',
      deployedAt: '2026-11-19T15:37:03.764Z',
      deployment: {
        source: 'demo',
        id: 'shipping-service-production-2026-11-19-0',
      },
      leadSeconds: 955263,
      stages: {
        coding: 249951,
        pickup: 117995,
        review: 176619,
        deploy: 410697,
      },
    },
    {
      source: 'demo',
      id: 'shipping-service-2026-11-19-0-8',
      entityRef: 'component:default/shipping-service',
      repository: 'github.com/northwind/logistics',
      number: 415528,
      title: 'shipping-service: change 9 of 2026-11-19',
      firstCommitAt: '2026-11-07T23:01:00.976Z',
      openedAt: '2026-11-12T20:44:08.931Z',
      firstReviewAt: '2026-11-15T23:36:31.383Z',
      mergedAt: '2026-11-17T11:17:04.923Z',
      deployedAt: '2026-11-19T15:37:03.764Z',
      deployment: {
        source: 'demo',
        id: 'shipping-service-production-2026-11-19-0',
      },
      leadSeconds: 1010163,
      stages: {
        coding: 423788,
        pickup: 269542,
        review: 128434,
        deploy: 188399,
      },
    },
  ],
};

export const incidentsPage: Page<IncidentRecord> = {
  totalCount: 3,
  limit: 6,
  offset: 0,
  items: [
    {
      source: 'demo',
      id: 'inventory-service-incident-2026-11-21',
      entityRef: 'component:default/inventory-service',
      environment: 'production',
      severity: 'SEV1',
      title: 'inventory-service degraded',
      detectedAt: '2026-11-21T12:51:45.795Z',
      durationSeconds: null,
      link: {
        type: 'none',
      },
    },
    {
      source: 'demo',
      id: 'inventory-service-incident-2026-11-12',
      entityRef: 'component:default/inventory-service',
      environment: 'production',
      severity: 'SEV2',
      title: 'inventory-service degraded',
      detectedAt: '2026-11-12T16:16:43.696Z',
      resolvedAt: '2026-11-14T19:38:30.196Z',
      durationSeconds: 184906,
      link: {
        type: 'explicit',
        deployment: {
          source: 'demo',
          id: 'inventory-service-production-2026-11-12-0',
        },
      },
    },
    {
      source: 'demo',
      id: 'inventory-service-incident-2026-10-26',
      entityRef: 'component:default/inventory-service',
      environment: 'production',
      severity: 'SEV2',
      title: 'inventory-service degraded',
      detectedAt: '2026-10-26T16:40:52.241Z',
      resolvedAt: '2026-10-28T21:29:31.066Z',
      durationSeconds: 190118,
      link: {
        type: 'none',
      },
    },
  ],
};

export const productionAndStaging: { items: EnvironmentSummary[] } = {
  items: [
    {
      environment: 'production',
      production: true,
      names: ['production'],
      deployments: 815,
      lastDeploymentAt: '2026-11-21T14:27:56.069Z',
    },
    {
      environment: 'staging',
      production: false,
      names: ['staging'],
      deployments: 821,
      lastDeploymentAt: '2026-11-20T16:54:01.157Z',
    },
  ],
};
