import { SizeClass, sizeClasses } from '../intent/intentSchema';
import { bandAtLeast } from './availabilityBand';
import { DatabasePlan } from './planTypes';
import { maxSizeClass, PlanningContext } from './PlanningContext';

const POSTGRES_VERSION = '16';
const SHARED = "a database on the platform's shared PostgreSQL server";

function roundUpTo(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}

/**
 * Replicas from the band and the read load, held at the provider's limit: beyond it the plan says so and
 * what to do, rather than planning replicas that cannot be created.
 */
function plannedReplicas(ctx: PlanningContext, needed: number): number {
  const { replicas: limit, service } =
    ctx.catalog.providers[ctx.intent.spec.target.provider].databaseReplicaLimit;
  const rule =
    'one replica from the 99.95 % band up, plus read replicas beyond the largest class';
  if (needed <= limit)
    return ctx.trail.record('database.replicas', needed, rule, {
      inputs: { band: ctx.band, needed },
      assumptions: [],
    });
  ctx.limits.push({
    field: 'database.replicas',
    limit,
    needed,
    message: `${needed} replicas of the largest class would carry this load; ${service} allows ${limit} per primary. Shard the data over several databases, cache more of the reads, or move to a distributed PostgreSQL service; this plan stops at ${limit}.`,
  });
  return ctx.trail.record(
    'database.replicas',
    limit,
    `${rule}; held at ${service}'s limit of ${limit} (${needed} needed)`,
    {
      inputs: { band: ctx.band, needed, limit },
      assumptions: [],
    },
  );
}

/** Backup retention: as the intent names it, else the environment's, raised to the profiles' minimum. */
function planBackupRetention(
  ctx: PlanningContext,
  explicit: { backupRetentionDays: number } | undefined,
): number {
  const { trail, assumptions: a } = ctx;
  const env = ctx.intent.spec.environment;
  if (explicit)
    return trail.record(
      'database.backupRetentionDays',
      explicit.backupRetentionDays,
      'explicit: the retention the intent names',
      { inputs: {}, assumptions: [] },
    );
  const minimum = ctx.minBackupRetentionDays;
  if (minimum !== undefined && minimum > a.backupRetentionDays[env])
    return trail.record(
      'database.backupRetentionDays',
      minimum,
      `backup retention for ${env}, raised to the compliance profiles' minimum`,
      {
        inputs: { environment: env, profileMinimum: minimum },
        assumptions: [`backupRetentionDays.${env}`],
      },
    );
  return trail.record(
    'database.backupRetentionDays',
    a.backupRetentionDays[env],
    `backup retention for ${env}`,
    {
      inputs: { environment: env },
      assumptions: [`backupRetentionDays.${env}`],
    },
  );
}

/** PostgreSQL: class from query load, storage from data size, and protection from the availability band. */
export function planDatabase(ctx: PlanningContext): DatabasePlan | undefined {
  const { intent, assumptions: a, catalog, trail, band } = ctx;
  if (!intent.spec.services.includes('postgres')) return undefined;
  const sizing = intent.spec.sizing;
  const explicit =
    sizing.level === 'explicit' && ctx.loadFactor === 1
      ? sizing.postgres
      : undefined;

  // On the platform's shared server the server's zones, replicas and backups are the platform's.
  const shared = ctx.shared.includes('postgres');
  const multiZone =
    !shared &&
    (explicit ? explicit.multiZone : bandAtLeast(band, 'multi-zone'));
  const bandReplica = !shared && bandAtLeast(band, 'multi-zone-replica');

  let size: SizeClass;
  let sizeRule: string;
  let readReplicas = 0;
  const qps = Math.round(ctx.peakRps * a.queriesPerRequest * 100) / 100;
  if (explicit) {
    size = explicit.size;
    sizeRule = 'explicit: the size the intent names';
  } else if (
    sizing.level === 'directional' &&
    sizing.database &&
    ctx.loadFactor === 1
  ) {
    size = sizing.database;
    sizeRule = 'directional: the size the intent names';
  } else {
    const required = qps * ctx.headroom;
    const fits = sizeClasses.find(s => catalog.database[s].maxQps >= required);
    size = fits ?? 'xlarge';
    sizeRule = `smallest class whose maxQps covers peak queries × headroom (${required} qps)`;
    if (!fits) {
      // Beyond the largest class, reads spread over replicas (writes stay on the primary).
      readReplicas = Math.ceil(required / catalog.database.xlarge.maxQps) - 1;
      sizeRule += `; beyond the largest class, ${readReplicas} read replica(s)`;
    }
  }
  if (multiZone && !explicit) {
    const floor = maxSizeClass(size, a.highlyAvailableDatabaseMinimum);
    if (floor !== size)
      sizeRule += `; raised to ${floor}, the smallest class used multi-zone`;
    size = floor;
  }
  const shape = catalog.database[size];
  const vcpu = trail.record(
    'database.vcpu',
    shape.vcpu,
    `${sizeRule}; ${size} class from the size catalog`,
    {
      formula: explicit
        ? undefined
        : 'peakRps × queriesPerRequest × headroom ≤ maxQps(class)',
      inputs: { sizeClass: size, peakQps: qps, headroom: ctx.headroom },
      assumptions: [
        `sizeCatalog.database.${size}`,
        'queriesPerRequest',
        'highlyAvailableDatabaseMinimum',
      ],
    },
  );
  const memoryGb = trail.record(
    'database.memoryGb',
    shape.memoryGb,
    `${size} class from the size catalog`,
    {
      inputs: { sizeClass: size },
      assumptions: [`sizeCatalog.database.${size}`],
    },
  );

  let storageGb: number;
  if (explicit) {
    storageGb = trail.record(
      'database.storageGb',
      explicit.storageGb,
      'explicit: the storage the intent names',
      { inputs: {}, assumptions: [] },
    );
  } else {
    // Data grows with load: the stated data size, else users × data per user, else the minimum, × load factor.
    let dataGb: number;
    let source: string;
    if (sizing.level === 'outcome' && sizing.dataGb !== undefined) {
      dataGb = sizing.dataGb * ctx.loadFactor;
      source = 'dataGb stated in the intent';
    } else if (ctx.users !== undefined) {
      dataGb = (ctx.users / 1000) * a.dataGbPerThousandUsers;
      source = 'expected users × dataGbPerThousandUsers';
    } else if (sizing.level === 'explicit' && sizing.postgres) {
      dataGb = (sizing.postgres.storageGb * ctx.loadFactor) / ctx.headroom;
      source = 'the explicit storage, scaled with the load';
    } else {
      dataGb = (a.databaseMinStorageGb * ctx.loadFactor) / ctx.headroom;
      source = 'no data size known: the minimum, scaled with the load';
    }
    storageGb = trail.record(
      'database.storageGb',
      Math.max(a.databaseMinStorageGb, roundUpTo(dataGb * ctx.headroom, 10)),
      `expected data × growth headroom, rounded up to 10 GB, at least the minimum (${source})`,
      {
        formula: 'max(databaseMinStorageGb, roundUp10(dataGb × headroom))',
        inputs: {
          dataGb: Math.round(dataGb * 100) / 100,
          headroom: ctx.headroom,
          loadFactor: ctx.loadFactor,
        },
        assumptions: ['databaseMinStorageGb', 'dataGbPerThousandUsers'],
      },
    );
  }

  let replicas: number;
  if (shared)
    replicas = trail.record(
      'database.replicas',
      0,
      `${SHARED}: none of its own`,
    );
  else if (explicit)
    replicas = trail.record(
      'database.replicas',
      explicit.replicas,
      'explicit: the replicas the intent names',
      { inputs: {}, assumptions: [] },
    );
  else replicas = plannedReplicas(ctx, (bandReplica ? 1 : 0) + readReplicas);
  const backupRetentionDays = planBackupRetention(ctx, explicit);
  const backupGb = shared
    ? trail.record(
        'database.backupGb',
        0,
        `${SHARED}: the server's backups are the platform's`,
      )
    : trail.record(
        'database.backupGb',
        Math.ceil(storageGb * a.backupDailyChangeRatio * backupRetentionDays),
        'incremental backups: daily changed share of the data kept for the retention period',
        {
          formula:
            'ceil(storageGb × backupDailyChangeRatio × backupRetentionDays)',
          inputs: { storageGb, backupRetentionDays },
          assumptions: ['backupDailyChangeRatio'],
        },
      );
  return {
    ...(shared ? { placement: 'shared' as const } : {}),
    engine: 'postgres',
    version: POSTGRES_VERSION,
    sizeClass: size,
    vcpu,
    memoryGb,
    storageGb,
    replicas,
    multiZone,
    backupRetentionDays,
    pointInTimeRecovery: explicit ? explicit.pointInTimeRecovery : bandReplica,
    publicAccess: explicit ? explicit.publicAccess : false,
    encryption: { atRest: true, inTransit: true },
    backupGb,
    ...(shared
      ? {
          connectionLimit: trail.record(
            'database.connectionLimit',
            shape.sharedConnectionLimit ?? 20,
            `${SHARED}: the connections a ${size} class's share allows the environment's login`,
            {
              inputs: { sizeClass: size },
              assumptions: [`sizeCatalog.database.${size}`],
            },
          ),
        }
      : {}),
  };
}
