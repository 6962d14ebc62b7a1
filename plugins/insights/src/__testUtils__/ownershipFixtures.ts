import {
  OwnershipReportResponse,
  OwnershipRollup,
} from '@cairn/plugin-insights-common';

/* Ownership reports as the insights backend gives them (its ownership/openapi.yaml). */

export const billingOwnership: OwnershipReportResponse = {
  entityRef: 'component:default/checkout-service',
  computedAt: '2026-12-03T06:00:00.000Z',
  namesVisible: true,
  ownerHealth: {
    owner: 'group:default/checkout',
    ownerKind: 'group',
    members: 5,
    confirmedOn: '2026-11-01',
    confirmationAgeDays: 32,
    onCall: { provider: 'PagerDuty', on: 'group' },
    problems: [],
    healthy: true,
  },
  knowledge: {
    files: 120,
    truckFactor: 1,
    keyPeople: ['user:default/alice'],
    uncoveredFiles: 7,
    singleKnowerAreas: [
      { area: 'services/billing/', member: 'user:default/alice', files: 41 },
    ],
    departedAuthors: [{ author: 'carol@example.com', files: 7 }],
    commits: 2_340,
    unmatchedAuthors: 2,
  },
  knowledgeProblem: null,
  source: 'github.com/northwind/commerce-checkout@0123456789ab',
  reviews: {
    reviewed: 40,
    withReviewer: 36,
    distinctReviewers: 3,
    reviewers: [
      { reviewer: 'user:default/bob', reviews: 27, share: 0.75 },
      { reviewer: 'user:default/alice', reviews: 6, share: 6 / 36 },
      { reviewer: 'user:default/dan', reviews: 3, share: 3 / 36 },
    ],
    topShare: 0.75,
    topTwoShare: 33 / 36,
    pickup: {
      presentMedianSeconds: 3 * 3600,
      presentChanges: 30,
      awayMedianSeconds: 38 * 3600,
      awayChanges: 10,
    },
    concentrated: true,
    windowDays: 90,
    leadTimeBottleneck: 'pickup',
    bottleneck: true,
  },
};

export const redactedOwnership: OwnershipReportResponse = {
  ...billingOwnership,
  namesVisible: false,
  knowledge: {
    ...billingOwnership.knowledge!,
    keyPeople: [null],
    singleKnowerAreas: [{ area: 'services/billing/', member: null, files: 41 }],
    departedAuthors: [{ author: null, files: 7 }],
  },
  reviews: {
    ...billingOwnership.reviews!,
    reviewers: billingOwnership.reviews!.reviewers.map(r => ({
      ...r,
      reviewer: null,
    })),
  },
};

export const orphanOwnership: OwnershipReportResponse = {
  ...billingOwnership,
  ownerHealth: {
    owner: 'group:default/ghosts',
    ownerKind: null,
    members: 0,
    confirmedOn: null,
    confirmationAgeDays: null,
    onCall: null,
    problems: ['owner-missing', 'never-confirmed', 'no-on-call'],
    healthy: false,
  },
  knowledge: null,
  knowledgeProblem:
    'no repository: add backstage.io/source-location, github.com/project-slug or cairn.dev/repository',
  source: null,
  reviews: null,
};

/** Reviews spread over several people, read for a component whose bottleneck is elsewhere. */
export const spreadReviews: OwnershipReportResponse['reviews'] = {
  ...billingOwnership.reviews!,
  topShare: 0.3,
  topTwoShare: 0.55,
  distinctReviewers: 6,
  concentrated: false,
  leadTimeBottleneck: 'deploy',
  bottleneck: false,
};

export const checkoutOwnershipRollup: OwnershipRollup = {
  entityRef: 'group:default/logistics',
  components: 4,
  withReports: 4,
  withoutHistory: 1,
  truckFactors: { '0': 0, '1': 2, '2': 1, '3+': 0 },
  atRisk: [
    {
      entityRef: 'component:default/shipping-service',
      truckFactor: 1,
      files: 30,
      uncoveredFiles: 0,
    },
    {
      entityRef: 'component:default/inventory-service',
      truckFactor: 1,
      files: 32,
      uncoveredFiles: 8,
    },
  ],
  ownerProblems: { 'never-confirmed': 4, 'no-on-call': 1 },
  reviews: {
    withReviews: 3,
    concentrated: 1,
    components: [
      {
        entityRef: 'component:default/shipping-service',
        topShare: 0.8,
        topTwoShare: 0.95,
        distinctReviewers: 2,
        bottleneck: true,
      },
    ],
  },
  teams: [
    {
      entityRef: 'group:default/logistics',
      members: 18,
      components: 4,
      componentsPerMember: 4 / 18,
      size: 'forming',
    },
  ],
  team: {
    namesVisible: true,
    computedAt: '2026-12-03T06:00:00.000Z',
    members: ['user:default/dan', 'user:default/eve'],
    whoKnowsWhat: [
      {
        component: 'component:default/shipping-service',
        commits: 120,
        shares: [
          { member: 'user:default/dan', share: 0.9 },
          { member: 'user:default/eve', share: 0.1 },
        ],
      },
      {
        component: 'component:default/inventory-service',
        commits: 40,
        shares: [{ member: 'user:default/eve', share: 0.5 }],
      },
    ],
    reviewLoad: [
      { member: 'user:default/dan', reviews: 31 },
      { member: 'user:default/eve', reviews: 4 },
    ],
    reviewsByOthers: 2,
  },
};
