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
  // A key prefix on the platform's shared Redis: the server's replicas and zones are the platform's.
  const shared = ctx.shared.includes('redis');
  const multiZone =
    !shared &&
    (explicit ? explicit.multiZone : bandAtLeast(band, 'multi-zone'));
  let replicas: number;
  if (shared)
    replicas = trail.record(
      'cache.replicas',
      0,
      "a key prefix on the platform's shared Redis: none of its own",
    );
  else if (explicit)
    replicas = trail.record(
      'cache.replicas',
      explicit.replicas,
      'explicit: the replicas the intent names',
      { inputs: {}, assumptions: [] },
    );
  else
    replicas = trail.record(
      'cache.replicas',
      multiZone ? 1 : 0,
      'one replica in another zone from the 99.5 % band up',
      { inputs: { band }, assumptions: [] },
    );
  // What runs: the provider's SKU for the class, whose memory may exceed the class's (Azure's
  // replicated caches are Premium, 6 GB at the least).
  const provider = catalog.providers[intent.spec.target.provider];
  const sku = provider.cache[size][replicas > 0 ? 'replicated' : 'single'];
  const skuMemory = provider.cacheMemoryGb?.[sku];
  const memoryGb = trail.record(
    'cache.memoryGb',
    skuMemory ?? catalog.cache[size].memoryGb,
    `${rule}; ${size} class from the size catalog${
      skuMemory === undefined
        ? ''
        : `, which runs as ${intent.spec.target.provider} ${sku} (${skuMemory} GB)`
    }`,
    {
      formula: explicit
        ? undefined
        : 'peakRps × cacheOpsPerRequest × headroom ≤ maxOpsPerSecond(class)',
      inputs: { sizeClass: size, opsPerSecond: ops },
      assumptions: [`sizeCatalog.cache.${size}`, 'cacheOpsPerRequest'],
    },
  );
  return {
    engine: 'redis',
    ...(shared ? { placement: 'shared' as const } : {}),
    version: provider.cacheVersion,
    sizeClass: size,
    memoryGb,
    replicas,
    multiZone,
    publicAccess: explicit ? explicit.publicAccess : false,
    encryption: { atRest: true, inTransit: true },
  };
}
