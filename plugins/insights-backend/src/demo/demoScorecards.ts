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
