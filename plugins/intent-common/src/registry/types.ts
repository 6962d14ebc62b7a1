import { CostEstimate } from '../cost/estimateCost';
import { DataService, EnvironmentKind, Intent } from '../intent/intentSchema';
import { Plan } from '../plan/planTypes';
import { PlatformConfig } from '../platform/PlatformConfig';
import { PolicyReport } from '../policy/evaluatePolicies';
import { BundleManifest } from '../render/renderBundle';
import { PlanDiff } from './planDiff';

/**
 * Where an environment is in its life. Production starts `awaiting-approval`; other kinds start
 * `active`; an environment past its TTL (or torn down early by its owner) becomes `expired`, with a
 * teardown plan. Provisioners (later) add states between these; the history keeps every change.
 */
export const environmentStatuses = [
  'awaiting-approval',
  'active',
  'expired',
] as const;
export type EnvironmentStatus = (typeof environmentStatuses)[number];

/** Statuses of environments that exist (and are published to the catalog). */
export const liveEnvironmentStatuses: EnvironmentStatus[] = [
  'awaiting-approval',
  'active',
];

/** One entry of an environment's history. */
export type EnvironmentEvent = {
  /** What happened: `requested`, `approved`, `teardown-requested`, `expired`, ... */
  type: string;
  at: string;
  /** Entity ref of the user, or the service/plugin subject, that caused it. */
  actor: string;
  fromStatus?: EnvironmentStatus;
  toStatus: EnvironmentStatus;
  message?: string;
};

/** A link that records a review: a pull request, an approval. */
export type ReviewLink = {
  url: string;
  title: string;
};

/** What ending an environment means: what to destroy, in which order, and how. */
export type TeardownPlan = {
  reason: 'ttl' | 'requested';
  createdAt: string;
  /** Commands, run against the environment's bundle, that remove what was applied. */
  steps: string[];
  /** The resources the bundle declares, which the teardown removes. */
  resources: string[];
};

/** An environment as listed: who, what, status, cost, expiry, hashes. */
export type EnvironmentSummary = {
  id: string;
  /** The intent's `metadata.name`. */
  name: string;
  environment: EnvironmentKind;
  owner: string;
  requester: string;
  system?: string;
  description?: string;
  status: EnvironmentStatus;
  createdAt: string;
  updatedAt: string;
  expiresAt?: string;
  monthlyCostLowUsd: number;
  monthlyCostHighUsd: number;
  priceTableVersion: string;
  policyPackVersion: string;
  /** SHA-256 of the platform configuration (policies, sizes, prices, assumptions) the plan used. */
  platformVersion: string;
  intentSha256: string;
  /** The bundle manifest's SHA-256 (one hash over every generated file). */
  bundleSha256: string;
  policies: { passed: boolean; violations: number; warnings: number };
  reviewLinks: ReviewLink[];
  approvedBy?: string;
  approvedAt?: string;
  /** The scaffolder task that registered it, when one did. */
  taskId?: string;
  /** The version of its plan that is live (1 at registration; each applied day-2 change adds one). */
  revision?: number;
  /** A day-2 change of a production environment waiting for its approval. */
  pendingRevision?: number;
};

/**
 * Where one version of an environment's plan stands: `applied` (it was live; the environment's
 * `revision` says which one is), `awaiting-approval` (a production change), `superseded` (a newer
 * change replaced it before it was approved).
 */
export const revisionStatuses = [
  'applied',
  'awaiting-approval',
  'superseded',
] as const;
export type RevisionStatus = (typeof revisionStatuses)[number];

/** One version of an environment's plan, as its history lists it. */
export type EnvironmentRevision = {
  revision: number;
  status: RevisionStatus;
  requester: string;
  createdAt: string;
  appliedAt?: string;
  approvedBy?: string;
  intentSha256: string;
  bundleSha256: string;
  monthlyCostLowUsd: number;
  monthlyCostHighUsd: number;
  policies: { passed: boolean; violations: number; warnings: number };
  /** Against the version that was live when it was proposed; absent for the first. */
  diff?: PlanDiff;
  taskId?: string;
};

export type EnvironmentRevisionList = {
  environmentId: string;
  /** Newest first. */
  items: EnvironmentRevision[];
};

/** A file kept with an environment (the plan's outputs and the bundle), without its content. */
export type EnvironmentFileInfo = {
  path: string;
  sha256: string;
  bytes: number;
};

/** Everything the registry keeps about one environment. */
export type EnvironmentDetails = EnvironmentSummary & {
  intent: Intent;
  plan: Plan;
  cost: CostEstimate;
  policyReport: PolicyReport;
  planMarkdown: string;
  bundleManifest: BundleManifest;
  files: EnvironmentFileInfo[];
  teardownPlan?: TeardownPlan;
  history: EnvironmentEvent[];
  /**
   * The environment's data services and where each stands (no secrets). The intent backend always sends
   * it; optional in the type so that clients and fixtures written before provisioning keep compiling.
   */
  resources?: EnvironmentResource[];
};

/**
 * Where one data service of an environment stands. `awaiting-provisioner`: no provisioner is configured
 * for its kind and service (its reviewed pipeline provides it), or it has not been applied yet; `detail`
 * says which. `failed`: the last apply failed, `detail` says why; `tearing-down` with a `detail` is a
 * teardown that failed and is retried.
 */
export const resourceStates = [
  'awaiting-provisioner',
  'provisioning',
  'healthy',
  'unhealthy',
  'missing',
  'failed',
  'tearing-down',
  'torn-down',
] as const;
export type ResourceState = (typeof resourceStates)[number];

export type EnvironmentResource = {
  service: DataService;
  /** The id of the provisioner that applies it, e.g. `shared-postgres`. */
  provisioner?: string;
  state: ResourceState;
  /** What to configure when awaiting a provisioner, the failure reason, or what the last check found. */
  detail?: string;
  host?: string;
  port?: number;
  database?: string;
  keyPrefix?: string;
  username?: string;
  /** When a status check last connected with the resource's own credentials. */
  checkedAt?: string;
  updatedAt: string;
};

/** A login for one provisioned resource. Secret: fetched on demand by owners, never logged. */
export type ResourceCredentials = {
  service: DataService;
  username: string;
  password: string;
  host: string;
  port: number;
  database?: string;
  keyPrefix?: string;
  /** e.g. `postgresql://user:password@host:port/database` or `redis://user:password@host:port` */
  connectionString?: string;
};

export type EnvironmentCredentialsResponse = {
  credentials: ResourceCredentials[];
};

/** What `POST /v1/environments/{id}/provision` answers: every resource after applying and checking it. */
export type ProvisionEnvironmentResponse = {
  environmentId: string;
  resources: EnvironmentResource[];
};

export type EnvironmentListQuery = {
  owner?: string;
  status?: EnvironmentStatus[];
  environment?: EnvironmentKind;
  /** Only environments expiring before this time (ISO). */
  expiresBefore?: string;
  limit?: number;
  offset?: number;
};

/**
 * A list entry: the summary and, cheaply, how many of its stored resources are in each state (e.g.
 * `{ healthy: 1, 'awaiting-provisioner': 2 }`). Services never provisioned have no stored resource and
 * are not counted; the details' `resources` lists every service.
 */
export type EnvironmentListItem = EnvironmentSummary & {
  resourceStates?: Partial<Record<ResourceState, number>>;
};

export type EnvironmentList = {
  items: EnvironmentListItem[];
  totalCount: number;
};

/** What the scaffolder's register action sends. The requester is whoever the credentials name. */
export type RegisterEnvironmentRequest = {
  /** The intent as planned (YAML text or an object). */
  intent: unknown;
  /** The time the plan was made with (it fixes the expiry, hence the tags and the bundle hash). */
  plannedAt: string;
  /** The bundle hash the plan produced; registration is refused if the platform now plans otherwise. */
  bundleSha256: string;
  system?: string;
  reviewUrl?: string;
  taskId?: string;
  /** Makes registration idempotent: the same key returns the environment it registered first. */
  idempotencyKey?: string;
  /**
   * A day-2 change: when a live environment of this name and kind exists, the intent becomes its next
   * version (applied in place, or for production after approval) instead of a conflict.
   */
  change?: boolean;
  /**
   * For a change: the live version its diff was reviewed against (the plan step's `changesRevision`);
   * refused when the environment has moved on since.
   */
  basedOnRevision?: number;
};

export type RegisterEnvironmentResponse = {
  environment: EnvironmentSummary;
  /** False when the idempotency key had already registered this environment (or made this change). */
  created: boolean;
  /** For a day-2 change: the version it made, or the live one when the intent changes nothing. */
  revision?: EnvironmentRevision;
};

/** What `POST /v1/requests/check` answers: the registration's checks, and for a change its diff. */
export type CheckRequestResponse = {
  owner: string;
  /** The owning group a platform team member requests for (not a member of it). */
  actingFor?: string;
  /** With `change: true` and a live environment of the intent's name and kind: what the change does. */
  change?: {
    environmentId: string;
    /** The live version the diff is against. */
    revision: number;
    diff: PlanDiff;
  };
};

export type ApproveEnvironmentRequest = {
  /**
   * The version being approved; refused when another one waits by then (a newer change replaced it).
   * Without it, the environment's first version or the change that waits is approved.
   */
  revision?: number;
  /** The review that approved it, e.g. a merged pull request. */
  reviewUrl?: string;
  comment?: string;
};

/** The platform configuration served to the actions and the frontend. */
export type PlatformConfigResponse = {
  /** SHA-256 over the configuration; recorded with every environment planned with it. */
  version: string;
  config: PlatformConfig;
  /** Policies the portal turned off or added relative to Cairn's built-in pack. */
  overrides: {
    disabledPolicies: string[];
    addedPolicies: string[];
    changedParams: string[];
    /** Compliance profiles the portal replaced (absent from backends before profiles were configurable). */
    changedComplianceProfiles?: string[];
  };
};
