import { Provider, SizeClass } from '../intent/intentSchema';

export type ComputeClass = {
  vcpu: number;
  memoryGb: number;
};

export type DatabaseClass = {
  vcpu: number;
  memoryGb: number;
  /** Queries per second the class sustains for a typical OLTP mix (illustrative planning figure). */
  maxQps: number;
  /**
   * Connections an environment's login may hold when its database of this class is a share of the
   * platform's server (previews, dev); 20 when absent.
   */
  sharedConnectionLimit?: number;
};

export type CacheClass = {
  memoryGb: number;
  /** Operations per second one primary node sustains (illustrative planning figure). */
  maxOpsPerSecond: number;
};

export type RegionInfo = {
  geography: 'eu' | 'us';
  zones: string[];
  /** The region a multi-region plan pairs with this one (same geography, for data residency). */
  pair: string;
};

export type ProviderCatalog = {
  regions: Record<string, RegionInfo>;
  /** Where a provider cannot run a neutral compute class as is, the shape it runs instead, and why. */
  computeOverrides: Partial<
    Record<SizeClass, ComputeClass & { reason: string }>
  >;
  /** Database instance class (tier) per neutral class; also the price table SKU. */
  database: Record<SizeClass, string>;
  /** Cache SKU per neutral class, without and with a replica. */
  cache: Record<SizeClass, { single: string; replicated: string }>;
  /** Whether each cache replica is billed as one more node (AWS) or the replicated SKU already includes it. */
  cacheReplicaBilledPerNode: boolean;
  /** The Redis major version the provider's managed cache runs (Azure Cache for Redis stops at 6). */
  cacheVersion: string;
  /** Memory of cache SKUs whose memory differs from their neutral class's (GB), so the plan says what runs. */
  cacheMemoryGb?: Record<string, number>;
  /** The most read replicas the managed PostgreSQL service lets one primary have, and the service's name. */
  databaseReplicaLimit: { replicas: number; service: string };
};

export type SizeCatalog = {
  version: string;
  compute: Record<SizeClass, ComputeClass>;
  database: Record<SizeClass, DatabaseClass>;
  cache: Record<SizeClass, CacheClass>;
  providers: Record<Provider, ProviderCatalog>;
};

/**
 * Neutral classes and the SKU each maps to per provider. Shapes were chosen so that every class is a valid
 * Fargate task size (0.5/1, 1/2, 2/4, 4/8 vCPU/GB) and Container Apps consumption size (1 vCPU : 2 GiB).
 */
export const defaultSizeCatalog: SizeCatalog = {
  version: '2026-11-22.1',
  compute: {
    small: { vcpu: 0.5, memoryGb: 1 },
    medium: { vcpu: 1, memoryGb: 2 },
    large: { vcpu: 2, memoryGb: 4 },
    xlarge: { vcpu: 4, memoryGb: 8 },
  },
  database: {
    small: { vcpu: 2, memoryGb: 4, maxQps: 600, sharedConnectionLimit: 20 },
    medium: { vcpu: 2, memoryGb: 8, maxQps: 1500, sharedConnectionLimit: 40 },
    large: { vcpu: 4, memoryGb: 16, maxQps: 4000, sharedConnectionLimit: 80 },
    xlarge: {
      vcpu: 8,
      memoryGb: 32,
      maxQps: 10000,
      sharedConnectionLimit: 160,
    },
  },
  cache: {
    small: { memoryGb: 1, maxOpsPerSecond: 20000 },
    medium: { memoryGb: 5, maxOpsPerSecond: 60000 },
    large: { memoryGb: 12, maxOpsPerSecond: 120000 },
    xlarge: { memoryGb: 24, maxOpsPerSecond: 240000 },
  },
  providers: {
    aws: {
      regions: {
        'us-east-1': {
          geography: 'us',
          zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
          pair: 'us-west-2',
        },
        'us-west-2': {
          geography: 'us',
          zones: ['us-west-2a', 'us-west-2b', 'us-west-2c'],
          pair: 'us-east-1',
        },
        'eu-west-1': {
          geography: 'eu',
          zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
          pair: 'eu-central-1',
        },
        'eu-central-1': {
          geography: 'eu',
          zones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
          pair: 'eu-west-1',
        },
      },
      computeOverrides: {},
      database: {
        small: 'db.t4g.medium',
        medium: 'db.m6g.large',
        large: 'db.m6g.xlarge',
        xlarge: 'db.m6g.2xlarge',
      },
      cache: {
        small: { single: 'cache.t4g.small', replicated: 'cache.t4g.small' },
        medium: { single: 'cache.m6g.large', replicated: 'cache.m6g.large' },
        large: { single: 'cache.m6g.xlarge', replicated: 'cache.m6g.xlarge' },
        xlarge: {
          single: 'cache.m6g.2xlarge',
          replicated: 'cache.m6g.2xlarge',
        },
      },
      cacheVersion: '7',
      databaseReplicaLimit: {
        replicas: 15,
        service: 'Amazon RDS for PostgreSQL',
      },
      cacheReplicaBilledPerNode: true,
    },
    gcp: {
      regions: {
        'us-central1': {
          geography: 'us',
          zones: ['us-central1-a', 'us-central1-b', 'us-central1-c'],
          pair: 'us-east1',
        },
        'us-east1': {
          geography: 'us',
          zones: ['us-east1-b', 'us-east1-c', 'us-east1-d'],
          pair: 'us-central1',
        },
        'europe-west1': {
          geography: 'eu',
          zones: ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'],
          pair: 'europe-west4',
        },
        'europe-west4': {
          geography: 'eu',
          zones: ['europe-west4-a', 'europe-west4-b', 'europe-west4-c'],
          pair: 'europe-west1',
        },
      },
      computeOverrides: {
        small: {
          vcpu: 1,
          memoryGb: 1,
          reason:
            'Cloud Run services need at least 1 vCPU per instance with instance-based billing (Cloud Run docs, "Configure CPU limits for instances")',
        },
      },
      database: {
        small: 'db-custom-2-4096',
        medium: 'db-custom-2-8192',
        large: 'db-custom-4-16384',
        xlarge: 'db-custom-8-32768',
      },
      cache: {
        small: { single: 'BASIC-1', replicated: 'STANDARD_HA-1' },
        medium: { single: 'BASIC-5', replicated: 'STANDARD_HA-5' },
        large: { single: 'BASIC-12', replicated: 'STANDARD_HA-12' },
        xlarge: { single: 'BASIC-24', replicated: 'STANDARD_HA-24' },
      },
      cacheVersion: '7',
      databaseReplicaLimit: {
        replicas: 10,
        service: 'Cloud SQL for PostgreSQL',
      },
      cacheReplicaBilledPerNode: false,
    },
    azure: {
      regions: {
        eastus: { geography: 'us', zones: ['1', '2', '3'], pair: 'westus2' },
        westus2: { geography: 'us', zones: ['1', '2', '3'], pair: 'eastus' },
        westeurope: {
          geography: 'eu',
          zones: ['1', '2', '3'],
          pair: 'northeurope',
        },
        northeurope: {
          geography: 'eu',
          zones: ['1', '2', '3'],
          pair: 'westeurope',
        },
      },
      computeOverrides: {},
      database: {
        small: 'B_Standard_B2s',
        medium: 'GP_Standard_D2ds_v5',
        large: 'GP_Standard_D4ds_v5',
        xlarge: 'GP_Standard_D8ds_v5',
      },
      // Replicated Azure caches use Premium, the tier with zone redundancy and replicas.
      cache: {
        small: { single: 'Basic-C1', replicated: 'Premium-P1' },
        medium: { single: 'Basic-C3', replicated: 'Premium-P1' },
        large: { single: 'Basic-C4', replicated: 'Premium-P2' },
        xlarge: { single: 'Basic-C5', replicated: 'Premium-P3' },
      },
      cacheVersion: '6',
      // Basic C1/C3/C4/C5 and Premium P1/P2/P3 (Premium is what replicas need).
      cacheMemoryGb: {
        'Basic-C3': 6,
        'Basic-C4': 13,
        'Basic-C5': 26,
        'Premium-P1': 6,
        'Premium-P2': 13,
        'Premium-P3': 26,
      },
      databaseReplicaLimit: {
        replicas: 5,
        service: 'Azure Database for PostgreSQL flexible server',
      },
      cacheReplicaBilledPerNode: false,
    },
  },
};
