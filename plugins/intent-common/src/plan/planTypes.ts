import { PlanControls } from '../platform/complianceProfiles';
import {
  EnvironmentKind,
  Provider,
  Runtime,
  SizeClass,
  WorkloadType,
} from '../intent/intentSchema';

/** Why a number in a plan is what it is: the rule, what it read, and the assumptions it relied on. */
export type Explanation = {
  /** Dotted path of the number in the plan, e.g. `compute.maxInstances`. */
  path: string;
  value: number;
  rule: string;
  /** The formula as text, when there is one. */
  formula?: string;
  inputs: Record<string, number | string | boolean>;
  /** Ids of the assumptions (keys of `Assumptions`) or catalog entries the rule read. */
  assumptions: string[];
};

export type AvailabilityBand =
  | 'single-zone'
  | 'multi-zone'
  | 'multi-zone-replica'
  | 'multi-region';

export type Encryption = {
  atRest: boolean;
  inTransit: boolean;
};

export type ComputePlan = {
  kind: 'service' | 'worker' | 'job';
  sizeClass: SizeClass;
  vcpu: number;
  memoryGb: number;
  minInstances: number;
  maxInstances: number;
  /** Per-instance requests (or messages) per second at the latency target. */
  perInstanceRps: number;
  port: number;
  /** Container image the intent names; renderers fall back to a variable the platform fills. */
  image?: string;
  /** Cron schedule, for jobs. */
  schedule?: string;
  /** Hours per month a job runs (jobs are billed only while they run). */
  jobHoursPerMonth?: number;
};

export type LoadBalancerPlan = {
  public: boolean;
  /** Capacity units per hour (AWS ALB LCUs); providers with built-in ingress ignore it. */
  capacityUnits: number;
};

/**
 * Where a data service runs: its own instance (`dedicated`, rendered as Terraform), or a share of a
 * server the platform runs for this kind of environment (`shared`: a database or key prefix the
 * platform's provisioner creates; not rendered, costed as its own price-table line).
 */
export type Placement = 'dedicated' | 'shared';

export type DatabasePlan = {
  engine: 'postgres';
  /** Absent in plans made before shared placement: dedicated. */
  placement?: Placement;
  version: string;
  sizeClass: SizeClass;
  vcpu: number;
  memoryGb: number;
  storageGb: number;
  replicas: number;
  multiZone: boolean;
  backupRetentionDays: number;
  pointInTimeRecovery: boolean;
  publicAccess: boolean;
  encryption: Encryption;
  /** Backup storage beyond the live data, GB per month. */
  backupGb: number;
  /** On shared placement: the connections the environment's login may hold (its class's share). */
  connectionLimit?: number;
};

export type CachePlan = {
  engine: 'redis';
  /** Absent in plans made before shared placement: dedicated. */
  placement?: Placement;
  /** Major version; renderers use the newest minor each provider offers. */
  version: string;
  sizeClass: SizeClass;
  memoryGb: number;
  replicas: number;
  multiZone: boolean;
  publicAccess: boolean;
  encryption: Encryption;
};

export type QueuePlan = {
  deadLetterQueue: boolean;
  messagesPerMonth: number;
  /** Days an unprocessed message is kept. */
  retentionDays: number;
  encryption: Encryption;
};

export type ObjectStoragePlan = {
  storageGb: number;
  versioning: boolean;
  publicAccess: boolean;
  encryption: Encryption;
};

export type CdnPlan = {
  origin: 'load-balancer' | 'object-storage';
  egressGbPerMonth: number;
};

export type NetworkPlan = {
  /** `dedicated`: the plan creates its network; `cluster`: data services join the cluster's network. */
  mode: 'dedicated' | 'cluster';
  cidr: string;
  zones: string[];
  publicSubnets: string[];
  privateSubnets: string[];
  /** Data services live here only, never in public subnets. */
  dataSubnets: string[];
  natGateways: number;
};

export type Usage = {
  peakRps: number;
  requestsPerMonth: number;
  egressGbPerMonth: number;
};

/** A provider limit the load would need to exceed: what was planned instead, and what to do. */
export type ProviderLimit = {
  /** The plan field held at the limit (`database.replicas`). */
  field: string;
  limit: number;
  needed: number;
  message: string;
};

/** A provider-neutral plan for one load factor. */
export type PlanCore = {
  loadFactor: number;
  compute?: ComputePlan;
  loadBalancer?: LoadBalancerPlan;
  database?: DatabasePlan;
  cache?: CachePlan;
  queue?: QueuePlan;
  objectStorage?: ObjectStoragePlan;
  cdn?: CdnPlan;
  usage: Usage;
  explanations: Explanation[];
  /** Limits of the provider this load runs into (absent in plans made before limits were checked). */
  limits?: ProviderLimit[];
};

export type Plan = PlanCore & {
  planVersion: 1;
  name: string;
  owner: string;
  environment: EnvironmentKind;
  level: 'explicit' | 'directional' | 'outcome';
  workload: WorkloadType;
  target: {
    provider: Provider;
    runtime: Runtime;
    regions: string[];
    zones: number;
  };
  availability: {
    /** The target the plan meets; absent for explicit intents, whose choices imply the band. */
    targetPercent?: number;
    band: AvailabilityBand;
  };
  network: NetworkPlan;
  /** Tags (AWS, Azure) or labels (GCP) put on every resource that takes them. */
  tags: Record<string, string>;
  /** ISO time the environment expires, from the intent's TTL or the kind's default lifetime. */
  expiresAt?: string;
  /** The lifetime in hours that `expiresAt` was computed from. */
  ttlHours?: number;
  /** Versions of the data the plan was made with. */
  dataVersions: { assumptions: string; sizeCatalog: string };
  /** The same intent planned at 10× and 100× the load ("build for 10×, design for 100×"). */
  scales: PlanCore[];
  /**
   * What the intent's compliance profiles ask of generation (absent in plans made before profiles
   * changed what is generated: they render as production protection and TLS only).
   */
  controls?: PlanControls;
};
