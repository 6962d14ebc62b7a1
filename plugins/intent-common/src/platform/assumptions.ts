import { EnvironmentKind, Growth, SizeClass } from '../intent/intentSchema';

/**
 * The numbers the planner assumes when an intent does not say. Platform teams replace them (through
 * `PlatformConfig.assumptions`); every plan names the version it used and each explanation the ids it read.
 */
export type Assumptions = {
  version: string;
  /** Hours in a billing month: 8,760 h / 12, the convention of the AWS, Azure and GCP price pages. */
  hoursPerMonth: number;
  /** Share of expected users active in the peak hour. */
  peakActiveUserRatio: number;
  /** Requests per second one active user causes. */
  requestsPerActiveUserPerSecond: number;
  /** Peak-to-average ratio, to turn peak rates into monthly volumes. */
  peakToAverageRatio: number;
  /** Mean time one request occupies a worker slot, at the application. */
  serviceTimeMs: number;
  /** Concurrent requests one vCPU serves (I/O-bound web workloads overlap waits). */
  concurrencyPerVcpu: number;
  /** Utilisation never planned above this, whatever the latency target allows. */
  maxUtilisation: number;
  /** When more instances than this are needed, the planner steps up the size class instead. */
  maxInstancesPerClass: number;
  defaultComputeSize: Record<EnvironmentKind, SizeClass>;
  growthHeadroom: Record<Growth, number>;
  defaultAvailability: Record<EnvironmentKind, number>;
  /** Database queries per application request. */
  queriesPerRequest: number;
  /** Smallest database class used when the database is multi-zone (burstable classes are excluded). */
  highlyAvailableDatabaseMinimum: SizeClass;
  databaseMinStorageGb: number;
  /** Data per thousand expected users when the intent gives no dataGb. */
  dataGbPerThousandUsers: number;
  backupRetentionDays: Record<EnvironmentKind, number>;
  /** How long an environment of each kind lives when its intent names no TTL (none: until ended). */
  defaultTtlHours: Partial<Record<EnvironmentKind, number>>;
  /** Share of the database changed per day, for incremental backup storage. */
  backupDailyChangeRatio: number;
  /** Cache operations per application request. */
  cacheOpsPerRequest: number;
  /** Queue messages per application request (web) or per unit of work (worker). */
  messagesPerRequest: number;
  objectStorageGbPerThousandUsers: number;
  objectStorageMinGb: number;
  /** Mean response size served through the CDN or load balancer. */
  responseKb: number;
  /** Share of egress served from the CDN's cache. */
  cdnCacheHitRatio: number;
  /** AWS ALB capacity units per request per second (1 LCU = 25 new connections/s, one per request). */
  lcuPerRps: number;
  /** Minutes one scheduled-job run takes when the intent does not say. */
  jobRunMinutes: number;
  /** Low/high spread applied to usage-driven lines (requests, egress, messages). */
  usageSpread: { low: number; high: number };
};

export const defaultAssumptions: Assumptions = {
  version: '2026-11-22.1',
  hoursPerMonth: 730,
  peakActiveUserRatio: 0.1,
  requestsPerActiveUserPerSecond: 0.2,
  peakToAverageRatio: 3,
  serviceTimeMs: 50,
  concurrencyPerVcpu: 4,
  maxUtilisation: 0.75,
  maxInstancesPerClass: 10,
  defaultComputeSize: {
    preview: 'small',
    dev: 'small',
    staging: 'medium',
    prod: 'medium',
  },
  growthHeadroom: { fast: 3, stable: 1.5 },
  defaultAvailability: { preview: 99, dev: 99, staging: 99.5, prod: 99.9 },
  queriesPerRequest: 3,
  highlyAvailableDatabaseMinimum: 'medium',
  databaseMinStorageGb: 20,
  dataGbPerThousandUsers: 2,
  backupRetentionDays: { preview: 1, dev: 1, staging: 7, prod: 14 },
  defaultTtlHours: { preview: 72, dev: 168 },
  backupDailyChangeRatio: 0.05,
  cacheOpsPerRequest: 2,
  messagesPerRequest: 0.5,
  objectStorageGbPerThousandUsers: 5,
  objectStorageMinGb: 10,
  responseKb: 40,
  cdnCacheHitRatio: 0.8,
  lcuPerRps: 0.04,
  jobRunMinutes: 15,
  usageSpread: { low: 0.5, high: 1.5 },
};
