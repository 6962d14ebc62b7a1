import { CdnPlan } from './planTypes';
import { PlanningContext } from './PlanningContext';

/** A CDN in front of the load balancer, or of the bucket for a static site. */
export function planCdn(
  ctx: PlanningContext,
  egressGbPerMonth: number,
): CdnPlan | undefined {
  const { intent, trail } = ctx;
  const needed =
    intent.spec.services.includes('cdn') ||
    intent.spec.workload.type === 'static-site';
  if (!needed) return undefined;
  const sizing = intent.spec.sizing;
  const explicit =
    sizing.level === 'explicit' && ctx.loadFactor === 1
      ? sizing.cdn
      : undefined;
  const egress = explicit
    ? trail.record(
        'cdn.egressGbPerMonth',
        explicit.egressGbPerMonth,
        'explicit: the egress the intent names',
        { inputs: {}, assumptions: [] },
      )
    : trail.record(
        'cdn.egressGbPerMonth',
        egressGbPerMonth,
        'all responses leave through the CDN',
        { inputs: { egressGbPerMonth }, assumptions: ['responseKb'] },
      );
  return {
    origin:
      intent.spec.workload.type === 'static-site'
        ? 'object-storage'
        : 'load-balancer',
    egressGbPerMonth: egress,
  };
}
