import { OwnershipReportResponse } from '@cairn/plugin-insights-common';

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
};

export const checkoutOwnershipRollup = {
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
};
