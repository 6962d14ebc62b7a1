import { Provider } from '../intent/intentSchema';
import { Assumptions } from '../platform/assumptions';
import { SizeCatalog } from '../platform/sizeCatalog';
import { Plan, PlanCore } from '../plan/planTypes';

/** A billable quantity of one SKU for one month, before prices: low and high ends of the range. */
export type Meter = {
  resource: string;
  description: string;
  region: string;
  sku: string;
  quantityLow: number;
  quantityHigh: number;
};

const computeSkus: Record<Provider, string> = {
  aws: 'fargate',
  gcp: 'cloud-run',
  azure: 'container-apps',
};
const databaseService: Record<Provider, string> = {
  aws: 'rds-postgres',
  gcp: 'cloud-sql-postgres',
  azure: 'postgres-flexible',
};
const databaseStorage: Record<Provider, [string, string]> = {
  aws: ['rds:gp3-gb-month', 'rds:backup-gb-month'],
  gcp: ['cloud-sql:ssd-gb-month', 'cloud-sql:backup-gb-month'],
  azure: [
    'postgres-flexible:storage-gb-month',
    'postgres-flexible:backup-gb-month',
  ],
};
const cacheService: Record<Provider, string> = {
  aws: 'elasticache',
  gcp: 'memorystore',
  azure: 'redis-cache',
};
const cdnEgressSku: Record<Provider, string> = {
  aws: 'cloudfront:egress-gb',
  gcp: 'cloud-cdn:egress-gb',
  azure: 'front-door:egress-gb',
};
const objectStorageSku: Record<Provider, string> = {
  aws: 's3:standard-gb-month',
  gcp: 'gcs:standard-gb-month',
  azure: 'blob:hot-lrs-gb-month',
};

/** Statements of the usage assumptions the meters make, printed with every estimate. */
export function meterAssumptions(a: Assumptions): string[] {
  return [
    `${a.hoursPerMonth} hours per month`,
    'compute: low = minimum instances all month, high = maximum instances all month; jobs bill only while they run',
    `usage-driven lines (requests, messages, egress, load balancer capacity) range from ${a.usageSpread.low}× to ${a.usageSpread.high}× the planned usage`,
    'multi-zone databases bill the standby as a second instance with its own storage (RDS Multi-AZ, Cloud SQL HA, Azure zone-redundant HA)',
    'SQS and Service Bus: three operations per message (send, receive, delete); Pub/Sub: 1 KB per message, published and delivered once',
    'multi-region plans keep a warm standby: minimum instances and one database replica in the paired region',
    'Kubernetes runtime: compute billed at the platform cluster rates per vCPU-hour and GB-hour; ingress is the shared cluster ingress',
  ];
}

/** The billable meters of one plan (at one load factor) on its target. */
export function costMeters(
  core: PlanCore,
  plan: Pick<Plan, 'target' | 'network'>,
  catalog: SizeCatalog,
  a: Assumptions,
): Meter[] {
  const { provider, runtime, regions } = plan.target;
  const [region, standbyRegion] = regions;
  const H = a.hoursPerMonth;
  const spread = (q: number): [number, number] => [
    q * a.usageSpread.low,
    q * a.usageSpread.high,
  ];
  const meters: Meter[] = [];
  const add = (
    resource: string,
    description: string,
    sku: string,
    low: number,
    high = low,
    r = region,
  ) =>
    meters.push({
      resource,
      description,
      region: r,
      sku,
      quantityLow: low,
      quantityHigh: high,
    });

  const c = core.compute;
  if (c) {
    const prefix =
      runtime === 'kubernetes' ? 'kubernetes' : computeSkus[provider];
    const [low, high] =
      c.kind === 'job'
        ? [c.jobHoursPerMonth ?? 0, c.jobHoursPerMonth ?? 0]
        : [c.minInstances * H, c.maxInstances * H];
    add(
      'compute',
      `${c.kind} vCPU (${c.vcpu} × instance-hours)`,
      `${prefix}:vcpu-hour`,
      low * c.vcpu,
      high * c.vcpu,
    );
    add(
      'compute',
      `${c.kind} memory (${c.memoryGb} GB × instance-hours)`,
      `${prefix}:memory-gb-hour`,
      low * c.memoryGb,
      high * c.memoryGb,
    );
    if (standbyRegion && c.kind !== 'job') {
      add(
        'compute',
        'warm standby vCPU in the paired region',
        `${prefix}:vcpu-hour`,
        c.minInstances * H * c.vcpu,
        c.minInstances * H * c.vcpu,
        standbyRegion,
      );
      add(
        'compute',
        'warm standby memory in the paired region',
        `${prefix}:memory-gb-hour`,
        c.minInstances * H * c.memoryGb,
        c.minInstances * H * c.memoryGb,
        standbyRegion,
      );
    }
  }
  if (core.loadBalancer && runtime === 'managed') {
    if (provider === 'aws') {
      add('loadBalancer', 'application load balancer hours', 'alb:hour', H);
      const [low, high] = spread(core.loadBalancer.capacityUnits * H);
      add(
        'loadBalancer',
        'load balancer capacity units',
        'alb:lcu-hour',
        low,
        high,
      );
    } else if (provider === 'gcp' && core.cdn) {
      // Cloud Run serves HTTPS itself; only Cloud CDN needs an external load balancer in front.
      add(
        'loadBalancer',
        'external HTTPS load balancer forwarding rule',
        'cloud-lb:forwarding-rule-hour',
        H,
      );
      const [low, high] = spread(
        core.usage.egressGbPerMonth * (1 - a.cdnCacheHitRatio),
      );
      add(
        'loadBalancer',
        'load balancer data processed (CDN cache misses)',
        'cloud-lb:data-gb',
        low,
        high,
      );
    }
  }
  if (plan.network.natGateways > 0) {
    add(
      'network',
      `NAT gateways (${plan.network.natGateways})`,
      'nat-gateway:hour',
      plan.network.natGateways * H,
    );
  }
  const db = core.database;
  if (db?.placement === 'shared') {
    add(
      'database',
      "a database on the platform's shared PostgreSQL server",
      'shared:postgres-database-month',
      1,
    );
  } else if (db) {
    const tier = catalog.providers[provider].database[db.sizeClass];
    const instances = (db.multiZone ? 2 : 1) + db.replicas;
    add(
      'database',
      `PostgreSQL ${tier} × ${instances} (primary${
        db.multiZone ? ', standby' : ''
      }${db.replicas ? `, ${db.replicas} replica(s)` : ''})`,
      `${databaseService[provider]}:${tier}`,
      instances * H,
    );
    const [storageSku, backupSku] = databaseStorage[provider];
    add(
      'database',
      `storage ${db.storageGb} GB × ${instances}`,
      storageSku,
      db.storageGb * instances,
    );
    add(
      'database',
      'backup storage beyond the live data',
      backupSku,
      db.backupGb,
    );
    if (standbyRegion) {
      add(
        'database',
        `cross-region replica ${tier}`,
        `${databaseService[provider]}:${tier}`,
        H,
        H,
        standbyRegion,
      );
      add(
        'database',
        `cross-region replica storage ${db.storageGb} GB`,
        storageSku,
        db.storageGb,
        db.storageGb,
        standbyRegion,
      );
    }
  }
  const cache = core.cache;
  if (cache?.placement === 'shared') {
    add(
      'cache',
      "a key prefix on the platform's shared Redis",
      'shared:redis-prefix-month',
      1,
    );
  } else if (cache) {
    const entry = catalog.providers[provider].cache[cache.sizeClass];
    const perNode = catalog.providers[provider].cacheReplicaBilledPerNode;
    const sku = cache.replicas > 0 ? entry.replicated : entry.single;
    const nodes = perNode ? 1 + cache.replicas : 1;
    add(
      'cache',
      `Redis ${sku}${perNode ? ` × ${nodes} node(s)` : ''}`,
      `${cacheService[provider]}:${sku}`,
      nodes * H,
    );
  }
  const q = core.queue;
  if (q) {
    if (provider === 'gcp') {
      const [low, high] = spread((q.messagesPerMonth * 2) / 1024 ** 3);
      add(
        'queue',
        'Pub/Sub throughput (1 KB × publish + deliver)',
        'pubsub:tib',
        low,
        high,
      );
    } else {
      const [low, high] = spread((q.messagesPerMonth * 3) / 1e6);
      if (provider === 'azure')
        add(
          'queue',
          'Service Bus Standard namespace',
          'service-bus:standard-base-hour',
          H,
        );
      add(
        'queue',
        'queue operations (3 per message)',
        provider === 'aws'
          ? 'sqs:million-requests'
          : 'service-bus:million-operations',
        low,
        high,
      );
    }
  }
  if (core.objectStorage) {
    add(
      'objectStorage',
      `object storage ${core.objectStorage.storageGb} GB`,
      objectStorageSku[provider],
      core.objectStorage.storageGb,
    );
  }
  if (core.cdn) {
    const [low, high] = spread(core.cdn.egressGbPerMonth);
    if (provider === 'azure')
      add(
        'cdn',
        'Front Door Standard profile',
        'front-door:standard-base-month',
        1,
      );
    add('cdn', 'CDN egress', cdnEgressSku[provider], low, high);
  }
  return meters;
}
