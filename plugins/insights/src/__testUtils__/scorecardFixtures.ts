import {
  ScorecardResultsResponse,
  ScorecardRollupResponse,
} from '@cairn/plugin-insights-common';

/* Scorecard results as the insights backend gives them (its scorecards/openapi.yaml). */

const check = (
  id: string,
  state: ScorecardResultsResponse['scorecards'][number]['checks'][number]['state'],
  extra: Partial<
    ScorecardResultsResponse['scorecards'][number]['checks'][number]
  > = {},
) => ({
  id,
  title: id,
  level: 'silver',
  state,
  message: null,
  dueBy: null,
  fix: null,
  since: '2026-12-01T10:00:00.000Z',
  exemption: null,
  ...extra,
});

export const checkoutScorecards: ScorecardResultsResponse = {
  entityRef: 'component:default/checkout-service',
  stage: { id: '100plus', label: '100+' },
  scorecards: [
    {
      name: 'production-readiness',
      title: 'Production readiness',
      levels: ['bronze', 'silver', 'gold'],
      level: 'bronze',
      levelSince: '2026-11-20T10:00:00.000Z',
      checks: [
        check('Has a runbook', 'pass', { level: 'bronze' }),
        check('Few deployments fail', 'fail', {
          message: '22% of deployments failed; target 15%',
          fix: 'Look at the failed deployments on the Delivery tab.',
        }),
        check('Lead time within the stage’s target', 'warn', {
          level: 'gold',
          message: 'lead time p50 1.6 days; target 1 days',
        }),
        check('Ownership confirmed this half-year', 'fail', {
          level: 'bronze',
          dueBy: '2027-03-31',
          fix: 'Add cairn.dev/owner-verified.',
        }),
        check('SLOs within budget', 'not-reported', {
          level: 'gold',
          message: 'no data yet: slo.healthy',
        }),
        check('Has an SLO', 'exempt', {
          exemption: {
            id: 7,
            reason: 'SLOs come with the migration',
            expiresAt: '2027-01-15T00:00:00.000Z',
            grantedBy: 'user:default/priya.raman',
          },
        }),
        check('Broken check', 'error', {
          level: 'gold',
          message:
            "failed to evaluate: no such key: 'pagerduty.com/service-id'",
        }),
        check('Deploys often enough', 'not-applicable'),
      ],
    },
  ],
};

export const allPassing: ScorecardResultsResponse = {
  ...checkoutScorecards,
  scorecards: [
    {
      ...checkoutScorecards.scorecards[0],
      level: 'gold',
      checks: checkoutScorecards.scorecards[0].checks.map(c => ({
        ...c,
        state: 'pass' as const,
        dueBy: null,
        exemption: null,
      })),
    },
  ],
};

export const logisticsScorecardRollup: ScorecardRollupResponse = {
  entityRef: 'group:default/logistics',
  components: 4,
  scorecards: [
    {
      name: 'production-readiness',
      title: 'Production readiness',
      levels: ['bronze', 'silver', 'gold'],
      evaluated: 4,
      levelsNow: { none: 1, bronze: 2, silver: 1, gold: 0 },
      levelsMonthAgo: { none: 3, bronze: 1, silver: 0, gold: 0 },
      checks: [
        {
          id: 'on-call',
          title: 'Someone is paged',
          level: 'silver',
          states: { fail: 2, pass: 2 },
          failing: [
            'component:default/inventory-service',
            'component:default/warehouse-worker',
          ],
        },
        {
          id: 'runbook',
          title: 'Has a runbook',
          level: 'bronze',
          states: { fail: 1, pass: 3 },
          failing: ['component:default/warehouse-worker'],
        },
      ],
      topFailing: [
        { id: 'on-call', title: 'Someone is paged', failing: 2 },
        { id: 'runbook', title: 'Has a runbook', failing: 1 },
      ],
    },
  ],
};
