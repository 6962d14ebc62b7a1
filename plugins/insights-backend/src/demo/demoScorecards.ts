import { LoggerService } from '@backstage/backend-plugin-api';
import { ScorecardService } from '../scorecards/ScorecardService';

const DAY = 86_400_000;

/** The demo's one exemption: the Inventory service has no SLO yet, and the platform team agreed. */
export const DEMO_EXEMPTION = {
  entityRef: 'component:default/inventory-service',
  scorecard: 'production-readiness',
  checkId: 'slo-defined',
  reason:
    'Its first SLO comes with the warehouse migration; the shipping SLOs cover the customer path until then.',
  grantedBy: 'user:default/priya.raman',
};

/**
 * What the demo's security scanner last reported for the vulnerability-scan check: most pass, one
 * fails, one warns, one is stale (older than the check's two weeks, so not reported).
 */
export const DEMO_SCANS: Array<{
  component: string;
  state: 'pass' | 'warn' | 'fail';
  message: string;
  daysAgo: number;
}> = [
  {
    component: 'checkout-service',
    state: 'pass',
    message: 'No known vulnerabilities',
    daysAgo: 2,
  },
  {
    component: 'cart-service',
    state: 'pass',
    message: 'No known vulnerabilities',
    daysAgo: 2,
  },
  {
    component: 'payment-gateway',
    state: 'fail',
    message: '1 critical vulnerability (XML parser dependency)',
    daysAgo: 3,
  },
  {
    component: 'checkout-web',
    state: 'pass',
    message: 'No known vulnerabilities',
    daysAgo: 1,
  },
  {
    component: 'storefront-web',
    state: 'pass',
    message: 'No known vulnerabilities',
    daysAgo: 4,
  },
  {
    component: 'product-catalog',
    state: 'warn',
    message: '2 high vulnerabilities, none critical',
    daysAgo: 5,
  },
  {
    component: 'search-service',
    state: 'pass',
    message: 'No known vulnerabilities',
    daysAgo: 6,
  },
  {
    component: 'shipping-service',
    state: 'pass',
    message: 'No known vulnerabilities',
    daysAgo: 2,
  },
  {
    component: 'inventory-service',
    state: 'pass',
    message: 'No known vulnerabilities',
    daysAgo: 20,
  },
  {
    component: 'warehouse-worker',
    state: 'fail',
    message: '3 critical vulnerabilities in the base image',
    daysAgo: 9,
  },
];

/**
 * The demo's scorecards: the scanner's results, the history rebuilt week by week over the demo's
 * months (only when the demo has just started), and the exemption.
 */
export async function seedDemoScorecards(options: {
  scorecards: ScorecardService;
  logger: LoggerService;
  rebuildHistory: boolean;
  now?: number;
}) {
  const now = options.now ?? Date.now();
  const { scorecards, logger } = options;
  try {
    await scorecards.reportExternal(
      {
        results: DEMO_SCANS.map(scan => ({
          entity: `component:default/${scan.component}`,
          scorecard: 'production-readiness',
          check: 'vulnerability-scan',
          state: scan.state,
          message: scan.message,
          reportedAt: new Date(now - scan.daysAgo * DAY).toISOString(),
        })),
      },
      'demo security scanner',
    );
  } catch (error) {
    // The catalog may not know the components yet; the next run pushes again.
    logger.info(
      `Demo scorecards: scanner results not pushed (${
        (error as Error).message
      })`,
    );
  }
  const evaluations = options.rebuildHistory
    ? await scorecards.rebuildHistory({ from: now - 180 * DAY, stepDays: 7 })
    : 0;
  if (evaluations)
    logger.info(
      `Demo scorecards: history rebuilt from ${evaluations} weekly evaluations`,
    );
  await seedDemoExemption(options);
}

/** Grants the demo's exemption (45 days) unless one is active. */
export async function seedDemoExemption(options: {
  scorecards: ScorecardService;
  logger: LoggerService;
}) {
  const { scorecards } = options;
  const results = await scorecards
    .results(DEMO_EXEMPTION.entityRef)
    .catch(() => undefined);
  const check = results?.scorecards
    .find(s => s.name === DEMO_EXEMPTION.scorecard)
    ?.checks.find(c => c.id === DEMO_EXEMPTION.checkId);
  if (!check || check.exemption) return;
  await scorecards.exempt({
    ...DEMO_EXEMPTION,
    expiresAt: new Date(Date.now() + 45 * DAY).toISOString(),
  });
  options.logger.info(
    `Demo scorecards: ${DEMO_EXEMPTION.checkId} exempted for ${DEMO_EXEMPTION.entityRef}`,
  );
}
