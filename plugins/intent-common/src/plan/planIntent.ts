import { InputError } from '@backstage/errors';
import { EnvironmentKind, Intent, Provider } from '../intent/intentSchema';
import { Assumptions } from '../platform/assumptions';
import {
  ComplianceProfiles,
  controlsFor,
  defaultComplianceProfiles,
  PlanControls,
} from '../platform/complianceProfiles';
import { SharedService } from '../platform/PlatformConfig';
import { SizeCatalog } from '../platform/sizeCatalog';
import { availabilityBand, zonesForBand } from './availabilityBand';
import { estimateLoad } from './estimateLoad';
import { ExplanationTrail } from './ExplanationTrail';
import { planCache } from './planCache';
import { planCdn } from './planCdn';
import { planCompute } from './planCompute';
import { planDatabase } from './planDatabase';
import { planNetwork } from './planNetwork';
import { planObjectStorage } from './planObjectStorage';
import { planQueue } from './planQueue';
import { AvailabilityBand, Plan, PlanCore } from './planTypes';
import { PlanningContext } from './PlanningContext';

/** "Build for 10×, design for 100×": every plan carries its siblings at these load factors. */
export const SCALE_FACTORS = [10, 100] as const;

export type PlanOptions = {
  /** The time the plan is made, for the expiry of environments with a TTL. */
  now: Date;
};

function decideAvailability(
  intent: Intent,
  a: Assumptions,
  trail: ExplanationTrail,
): { band: AvailabilityBand; targetPercent?: number } {
  const { sizing, environment } = intent.spec;
  if (sizing.level === 'explicit') {
    // Explicit intents choose zones and replicas themselves; the band only describes what they chose.
    const pg = sizing.postgres;
    let band: AvailabilityBand = 'single-zone';
    if (sizing.zones > 1) {
      band =
        pg && pg.replicas > 0 && pg.pointInTimeRecovery
          ? 'multi-zone-replica'
          : 'multi-zone';
    }
    return { band };
  }
  const stated = sizing.availability;
  const targetPercent = trail.record(
    'availability.targetPercent',
    stated ?? a.defaultAvailability[environment],
    stated !== undefined
      ? 'the availability the intent states'
      : `default availability for ${environment}`,
    {
      inputs: { environment },
      assumptions:
        stated !== undefined ? [] : [`defaultAvailability.${environment}`],
    },
  );
  return { band: availabilityBand(targetPercent), targetPercent };
}

function planAtLoad(
  intent: Intent,
  a: Assumptions,
  catalog: SizeCatalog,
  band: AvailabilityBand,
  zones: number,
  loadFactor: number,
  trail: ExplanationTrail,
  { controls, shared }: { controls: PlanControls; shared: SharedService[] },
): PlanCore {
  const sizing = intent.spec.sizing;
  const headroom =
    sizing.level === 'outcome'
      ? a.growthHeadroom[sizing.growth]
      : a.growthHeadroom.stable;
  const load = estimateLoad(intent, a, catalog, loadFactor, trail);
  const ctx: PlanningContext = {
    intent,
    assumptions: a,
    catalog,
    band,
    zones,
    loadFactor,
    headroom,
    peakRps: load.peakRps,
    users: load.users,
    trail,
    limits: [],
    minBackupRetentionDays: controls.minBackupRetentionDays,
    shared,
  };
  const workload = intent.spec.workload.type;
  const requestsPerMonth = trail.record(
    'usage.requestsPerMonth',
    Math.round((load.peakRps * 3600 * a.hoursPerMonth) / a.peakToAverageRatio),
    'peak rate averaged over the month',
    {
      formula: 'peakRps × 3600 × hoursPerMonth / peakToAverageRatio',
      inputs: { peakRps: load.peakRps },
      assumptions: ['hoursPerMonth', 'peakToAverageRatio'],
    },
  );
  const servesHttp = workload === 'web-service' || workload === 'static-site';
  const egressGbPerMonth = trail.record(
    'usage.egressGbPerMonth',
    servesHttp ? Math.ceil((requestsPerMonth * a.responseKb) / 1e6) : 0,
    servesHttp
      ? 'requests per month × mean response size'
      : 'no public responses from a worker or job',
    {
      formula: servesHttp ? 'requestsPerMonth × responseKb / 1e6' : undefined,
      inputs: { requestsPerMonth },
      assumptions: servesHttp ? ['responseKb'] : [],
    },
  );
  const compute = planCompute(ctx);
  const loadBalancer =
    workload === 'web-service'
      ? {
          public: true,
          capacityUnits: trail.record(
            'loadBalancer.capacityUnits',
            Math.max(1, Math.ceil(load.peakRps * a.lcuPerRps)),
            'load balancer capacity units at peak (at least one)',
            {
              formula: 'max(1, ceil(peakRps × lcuPerRps))',
              inputs: { peakRps: load.peakRps },
              assumptions: ['lcuPerRps'],
            },
          ),
        }
      : undefined;
  return {
    loadFactor,
    ...(compute ? { compute } : {}),
    ...(loadBalancer ? { loadBalancer } : {}),
    ...optional('database', planDatabase(ctx)),
    ...optional('cache', planCache(ctx)),
    ...optional('queue', planQueue(ctx, requestsPerMonth)),
    ...optional('objectStorage', planObjectStorage(ctx)),
    ...optional('cdn', planCdn(ctx, egressGbPerMonth)),
    usage: { peakRps: load.peakRps, requestsPerMonth, egressGbPerMonth },
    explanations: trail.explanations,
    ...(ctx.limits.length ? { limits: ctx.limits } : {}),
  };
}

// Absent sections are left out rather than set to undefined, so a plan round-trips through JSON unchanged.
function optional<K extends string, V>(
  key: K,
  value: V | undefined,
): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * Turns a validated intent into a provider-neutral plan, deterministically: the same intent, data and `now`
 * give the same plan. Every number in it has an explanation (rule, inputs, assumptions).
 */
export function planIntent(
  intent: Intent,
  config: {
    assumptions: Assumptions;
    sizeCatalog: SizeCatalog;
    complianceProfiles?: ComplianceProfiles;
    sharedServices?: Partial<Record<EnvironmentKind, SharedService[]>>;
  },
  options: PlanOptions,
): Plan {
  const shared = config.sharedServices?.[intent.spec.environment] ?? [];
  const { assumptions: a, sizeCatalog: catalog } = config;
  const { provider, runtime, region } = intent.spec.target;
  const controls = controlsFor(
    intent.spec.constraints.compliance,
    config.complianceProfiles ?? defaultComplianceProfiles,
    intent.spec.environment,
    provider,
  );
  const regions = catalog.providers[provider].regions;
  if (!regions[region]) {
    throw new InputError(
      `spec.target.region: must be one of ${Object.keys(regions).join(
        ', ',
      )} for ${provider} (got "${region}")`,
    );
  }
  const trail = new ExplanationTrail();
  for (const [field, control] of [
    ['auditLogRetentionDays', 'audit-logging'],
    ['minBackupRetentionDays', 'backup-retention'],
  ] as const) {
    const value = controls[field];
    if (value === undefined) continue;
    const from = controls.applied
      .filter(c => c.control === control)
      .map(c => c.profile);
    trail.record(
      `controls.${field}`,
      value,
      `the ${control} control of ${from.join(', ')} (the strictest value)`,
      { inputs: { profiles: from.join(', ') }, assumptions: [] },
    );
  }
  const { band, targetPercent } = decideAvailability(intent, a, trail);
  const sizing = intent.spec.sizing;
  const zones = trail.record(
    'target.zones',
    sizing.level === 'explicit' ? sizing.zones : zonesForBand(band),
    sizing.level === 'explicit'
      ? 'explicit: the zones the intent names'
      : `zones per region for the ${band} band`,
    {
      inputs: { band },
      assumptions: [],
    },
  );
  const network = planNetwork(
    {
      intent,
      assumptions: a,
      catalog,
      band,
      zones,
      loadFactor: 1,
      headroom: 1,
      peakRps: 0,
      trail,
      limits: [],
      shared: [],
    },
    region,
  );
  const core = planAtLoad(intent, a, catalog, band, zones, 1, trail, {
    controls,
    shared,
  });
  const scales = SCALE_FACTORS.map(f =>
    planAtLoad(intent, a, catalog, band, zones, f, new ExplanationTrail(), {
      controls,
      shared,
    }),
  );
  const planRegions =
    band === 'multi-region' ? [region, regions[region].pair] : [region];
  checkControls(controls, core, planRegions, regions);
  const ttl = planTtl(intent, a, trail);
  const expiresAt =
    ttl !== undefined
      ? new Date(options.now.getTime() + ttl * 3_600_000).toISOString()
      : undefined;
  return {
    planVersion: 1,
    name: intent.metadata.name,
    owner: intent.metadata.owner,
    environment: intent.spec.environment,
    level: sizing.level,
    workload: intent.spec.workload.type,
    target: {
      provider,
      runtime,
      regions: planRegions,
      zones,
    },
    availability: {
      band,
      ...(targetPercent !== undefined ? { targetPercent } : {}),
    },
    network,
    tags: {
      owner: intent.metadata.owner,
      environment: intent.spec.environment,
      'cost-centre': intent.metadata.costCentre,
      'managed-by': 'cairn',
      'cairn-intent': intent.metadata.name,
      'expires-at': expiresAt ?? 'never',
      ...(controls.applied.some(c => c.control === 'tags')
        ? { compliance: controls.profiles.join('+') }
        : {}),
    },
    ...(expiresAt ? { expiresAt, ttlHours: ttl } : {}),
    dataVersions: { assumptions: a.version, sizeCatalog: catalog.version },
    ...core,
    scales,
    controls,
  };
}

/** The controls a sized plan does not meet (an explicit choice below a minimum, a region elsewhere). */
function checkControls(
  controls: PlanControls,
  core: PlanCore,
  planRegions: string[],
  regions: SizeCatalog['providers'][Provider]['regions'],
) {
  const by = (control: string) =>
    controls.applied.find(c => c.control === control)!.profile;
  if (
    controls.minBackupRetentionDays !== undefined &&
    core.database &&
    core.database.backupRetentionDays < controls.minBackupRetentionDays
  )
    controls.unmet.push({
      profile: by('backup-retention'),
      control: 'backup-retention',
      reason: `database backups are kept ${
        core.database.backupRetentionDays
      } days; ${by('backup-retention')} asks for at least ${
        controls.minBackupRetentionDays
      } (raise spec.sizing.postgres.backupRetentionDays)`,
    });
  if (controls.geography) {
    const outside = planRegions.filter(
      r => regions[r]?.geography !== controls.geography,
    );
    if (outside.length)
      controls.unmet.push({
        profile: by('data-residency'),
        control: 'data-residency',
        reason: `region(s) ${outside.join(
          ', ',
        )} are outside the ${controls.geography.toUpperCase()}, where ${by(
          'data-residency',
        )} keeps data (choose an ${controls.geography.toUpperCase()} region)`,
      });
  }
  if (controls.tlsOnly) {
    const plain = (
      [
        ['database', core.database?.encryption],
        ['cache', core.cache?.encryption],
        ['queue', core.queue?.encryption],
        ['objectStorage', core.objectStorage?.encryption],
      ] as const
    ).filter(([, e]) => e && !e.inTransit);
    if (plain.length)
      controls.unmet.push({
        profile: by('tls-only'),
        control: 'tls-only',
        reason: `${plain
          .map(([n]) => n)
          .join(', ')} would accept unencrypted connections`,
      });
  }
}

/** The environment's lifetime: as the intent names it, else its kind's default, else none. */
function planTtl(
  intent: Intent,
  a: Assumptions,
  trail: ExplanationTrail,
): number | undefined {
  const env = intent.spec.environment;
  const stated = intent.spec.constraints.ttlHours;
  if (stated !== undefined)
    return trail.record('ttlHours', stated, 'the TTL the intent names', {
      inputs: {},
      assumptions: [],
    });
  const fallback = a.defaultTtlHours[env];
  if (fallback === undefined) return undefined;
  return trail.record(
    'ttlHours',
    fallback,
    `the default lifetime of a ${env} environment`,
    { inputs: { environment: env }, assumptions: [`defaultTtlHours.${env}`] },
  );
}
