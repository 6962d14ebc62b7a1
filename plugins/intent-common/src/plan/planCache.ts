import { SizeClass, sizeClasses } from '../intent/intentSchema';
import { bandAtLeast } from './availabilityBand';
import { CachePlan } from './planTypes';
import { PlanningContext } from './PlanningContext';

/** Redis: class from operations per second; a replica in another zone from the multi-zone band up. */
export function planCache(ctx: PlanningContext): CachePlan | undefined {
  const { intent, assumptions: a, catalog, trail, band } = ctx;
  if (!intent.spec.services.includes('redis')) return undefined;
  const sizing = intent.spec.sizing;
  const explicit =
    sizing.level === 'explicit' && ctx.loadFactor === 1
      ? sizing.redis
      : undefined;
  let size: SizeClass;
  let rule: string;
  const ops = Math.round(ctx.peakRps * a.cacheOpsPerRequest * ctx.headroom);
  if (explicit) {
    size = explicit.size;
    rule = 'explicit: the size the intent names';
  } else if (
    sizing.level === 'directional' &&
    sizing.cache &&
    ctx.loadFactor === 1
  ) {
    size = sizing.cache;
    rule = 'directional: the size the intent names';
  } else {
    size =
      sizeClasses.find(s => catalog.cache[s].maxOpsPerSecond >= ops) ??
      'xlarge';
    rule =
      'smallest class whose maxOpsPerSecond covers peak cache operations × headroom';
  }
  const memoryGb = trail.record(
    'cache.memoryGb',
    catalog.cache[size].memoryGb,
    `${rule}; ${size} class from the size catalog`,
    {
      formula: explicit
        ? undefined
        : 'peakRps × cacheOpsPerRequest × headroom ≤ maxOpsPerSecond(class)',
      inputs: { sizeClass: size, opsPerSecond: ops },
      assumptions: [`sizeCatalog.cache.${size}`, 'cacheOpsPerRequest'],
    },
  );
  const multiZone = explicit
    ? explicit.multiZone
    : bandAtLeast(band, 'multi-zone');
  const replicas = explicit
    ? trail.record(
        'cache.replicas',
        explicit.replicas,
        'explicit: the replicas the intent names',
        { inputs: {}, assumptions: [] },
      )
    : trail.record(
        'cache.replicas',
        multiZone ? 1 : 0,
        'one replica in another zone from the 99.5 % band up',
        { inputs: { band }, assumptions: [] },
      );
  return {
    engine: 'redis',
    version: '7',
    sizeClass: size,
    memoryGb,
    replicas,
    multiZone,
    publicAccess: explicit ? explicit.publicAccess : false,
    encryption: { atRest: true, inTransit: true },
  };
}
