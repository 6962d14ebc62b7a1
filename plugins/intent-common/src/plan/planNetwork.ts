import { NetworkPlan } from './planTypes';
import { PlanningContext } from './PlanningContext';

const CIDR = '10.0.0.0/16';

/**
 * Network layout: public subnets for the load balancer only, private subnets for compute, data subnets for
 * databases and caches. The network spans at least two zones even for a single-zone plan, because AWS ALBs
 * and RDS DB subnet groups require subnets in two zones.
 */
function natCount(needsNat: boolean, zones: number, subnets: number): number {
  if (!needsNat) return 0;
  return zones > 1 ? subnets : 1;
}

export function planNetwork(ctx: PlanningContext, region: string): NetworkPlan {
  const { intent, catalog, trail } = ctx;
  const { provider, runtime } = intent.spec.target;
  const zoneNames = catalog.providers[provider].regions[region].zones;
  const zones = zoneNames.slice(0, Math.max(2, ctx.zones));
  const mode = runtime === 'kubernetes' ? 'cluster' : 'dedicated';
  // Only Fargate tasks in private subnets need NAT for egress; Cloud Run and Container Apps egress directly.
  const needsNat =
    mode === 'dedicated' &&
    provider === 'aws' &&
    intent.spec.workload.type !== 'static-site';
  const natGateways = trail.record(
    'network.natGateways',
    natCount(needsNat, ctx.zones, zones.length),
    needsNat
      ? 'one NAT gateway per zone when multi-zone (a zone failure must not cut egress), otherwise one'
      : 'no NAT: the runtime egresses directly or joins the cluster network',
    {
      inputs: { provider, runtime, zones: ctx.zones },
      assumptions: [],
    },
  );
  return {
    mode,
    cidr: CIDR,
    zones,
    publicSubnets: zones.map((_, i) => `10.0.${i}.0/24`),
    privateSubnets: zones.map((_, i) => `10.0.${10 + i}.0/24`),
    dataSubnets: zones.map((_, i) => `10.0.${20 + i}.0/24`),
    natGateways,
  };
}
