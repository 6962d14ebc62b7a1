import { Explanation, ExplanationCode } from '../explanations/explain';
import { Tier, TierClassification } from '../benchmarks/types';

/*
 * The insights REST API's request and response types (src/schema/openapi.yaml in
 * @cairn/plugin-insights-backend is the written contract; a test keeps them in agreement).
 * Timestamps are ISO 8601 strings in UTC; durations are seconds; rates are 0..1.
 */

export type IngestCounts = {
  inserted: number;
  updated: number;
  /** Identical replays, and older updates that arrived after newer ones (also counted in `stale`). */
  unchanged: number;
  /** Of `unchanged`: updates older than what is stored, ignored. */
  stale: number;
  /** Deployments reported by a second source and merged into the first (never counted twice). */
  merged: number;
  /** Events stored without a component; see the coverage report. */
  unattributed: number;
  /**
   * Present when changes in the batch have stage timestamps that run backwards (a first commit after the
   * pull request opened, a review before it, a merge before the review): stored as sent, each such
   * stage leaves the change out (docs/DESIGN.md, "Change lead time"). At most 100 are listed.
   */
  outOfOrder?: OutOfOrderChange[];
};

/** A change whose stage timestamps run backwards, as the ingest answer lists it. */
export type OutOfOrderChange = {
  /** Position in the batch. */
  index: number;
  id: string;
  stages: LeadTimeStage[];
  message: string;
};

/** Counts of a batch that changed nothing yet, to add batches up. */
export function emptyIngestCounts(): IngestCounts {
  return {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    stale: 0,
    merged: 0,
    unattributed: 0,
  };
}

export type Bucket = 'day' | 'week' | 'month' | 'quarter';
export type LeadTimeStage = 'coding' | 'pickup' | 'review' | 'deploy';
/**
 * The deploy stage's two parts where CI data says when a change's merge commit was built: build
 * (merged → built) and release (built → deployed).
 */
export type DeployPart = 'build' | 'release';
export const DEPLOY_PARTS: DeployPart[] = ['build', 'release'];
/** What the bottleneck can name: a stage, or a part of the deploy stage. */
export type LeadTimeBottleneck = LeadTimeStage | DeployPart;
export const LEAD_TIME_STAGES: LeadTimeStage[] = [
  'coding',
  'pickup',
  'review',
  'deploy',
];

export type MetricId =
  | 'deploymentFrequency'
  | 'changeLeadTime'
  | 'changeFailRate'
  | 'recoveryTime'
  | 'reworkRate'
  | 'mttr';
export const METRIC_IDS: MetricId[] = [
  'deploymentFrequency',
  'changeLeadTime',
  'changeFailRate',
  'recoveryTime',
  'reworkRate',
  'mttr',
];

export type Percentiles = {
  median: number | null;
  p75: number | null;
  p90: number | null;
  count: number;
};

export type Trend = {
  previous: number | null;
  /** Relative change against the previous equal period (0.12 = +12%); null when either is missing. */
  change: number | null;
  direction: 'up' | 'down' | 'flat' | null;
  /** Whether the change is an improvement for this metric. */
  better: boolean | null;
};

export type MetricResult<TDetails> = {
  /** The headline number (see each metric for its unit). */
  value: number | null;
  unit: 'perDay' | 'seconds' | 'ratio';
  /** How many records the value is computed from. */
  sampleSize: number;
  /** Set when value is null: why there is no value, and what would give one. */
  /** Why the value is missing (the sentences of `missing`). */
  missingReason?: string;
  /** Why the value is missing, as data (see `explain`). */
  missing?: Explanation[];
  trend: Trend;
  tier: TierClassification;
  details: TDetails;
};

export type DoraMetrics = {
  /** value: successful deployments per day; the tier uses deployment days per week. */
  deploymentFrequency: MetricResult<{
    deployments: number;
    deploymentDays: number;
    deploymentsPerDay: number;
    deploymentDaysPerWeek: number;
  }>;
  /** value: median seconds from a change's first commit to its first successful deployment. */
  changeLeadTime: MetricResult<
    Percentiles & {
      stages: Record<LeadTimeStage, Percentiles>;
      /** The deploy stage's parts, over the changes whose merge commit has a build (CI data). */
      deployParts: Record<DeployPart, Percentiles>;
      /**
       * The stage with the largest median; a tie goes to the earlier stage. The deploy stage is compared
       * as its parts when at least half of its changes have them (docs/DESIGN.md, "Change lead time").
       */
      bottleneck: LeadTimeBottleneck | null;
    }
  >;
  /** value: failed deployments / all deployments. */
  changeFailRate: MetricResult<{
    failed: number;
    total: number;
    byReason: Record<FailureReasonKind, number>;
  }>;
  /** value: median seconds from a failed deployment's finish to restored. */
  recoveryTime: MetricResult<Percentiles & { unrecovered: number }>;
  /** value: rollback, hotfix, revert or incident-fixing deployments / all deployments. */
  reworkRate: MetricResult<{ rework: number; total: number }>;
  /** value: median seconds from detection to resolution (legacy MTTR). */
  mttr: MetricResult<Percentiles & { open: number }>;
};

export type CoverageNote = {
  code: ExplanationCode;
  /** The explanation's parameters (see `explain`). */
  params?: Record<string, string | number | null>;
  severity: 'info' | 'warning';
  message: string;
};

export type Coverage = {
  deployments: {
    finished: number;
    inProgress: number;
    unattributedInRepository: number;
  };
  changes: {
    shipped: number;
    withoutFirstCommit: number;
    withoutReview: number;
    /**
     * Shipped changes with a deploy stage whose merge commit has no successful default-branch pipeline
     * run before the deployment: their deploy stage is not split into build and release.
     */
    withoutBuild: number;
    mergedWithoutDeployment: number;
    /**
     * Per stage, shipped changes whose stage timestamps run backwards (a review before the pull request
     * was opened, a merge after the deployment that shipped it): left out of that stage, counted here;
     * their total lead time still counts.
     */
    outOfOrder: Record<LeadTimeStage, number>;
  };
  incidents: {
    total: number;
    explicit: number;
    inferred: number;
    unlinked: number;
    unresolvedReferences: number;
  };
  /** What the backend reads from the entity to attribute events. */
  attribution: { repository: string | null; pathPrefix: string | null };
  notes: CoverageNote[];
};

export type TimeRange = { from: string; to: string };

export type MetricsQuery = {
  entityRef: string;
  /** An environment name, or `production` for every environment configured as production. */
  environment?: string;
  from?: string;
  to?: string;
  /** IANA time zone, e.g. Europe/Berlin; defaults to the backend's configured zone. */
  timezone?: string;
  benchmark?: string;
};

export type DoraSummary = {
  entityRef: string;
  environment: string;
  range: TimeRange & { timezone: string; days: number };
  previousRange: TimeRange;
  /** The earliest instant the store can answer for (retention); earlier ranges are incomplete. */
  earliestAvailable: string | null;
  benchmark: { id: string; label: string; source: string };
  metrics: DoraMetrics;
  coverage: Coverage;
};

export type SeriesBucket = {
  start: string;
  end: string;
  /** Successful deployments. */
  deployments: number;
  deploymentDays: number;
  /** All finished deployments (the change fail rate's denominator). */
  total: number;
  failed: number;
  rework: number;
  changeFailRate: number | null;
  reworkRate: number | null;
  leadTime: Percentiles;
  stageMedians: Record<LeadTimeStage, number | null>;
  recovery: Percentiles;
  incidents: number;
  mttr: Percentiles;
};

export type DoraSeries = {
  entityRef: string;
  environment: string;
  bucket: Bucket;
  range: TimeRange & { timezone: string };
  buckets: SeriesBucket[];
};

export type ComponentRollupRow = {
  entityRef: string;
  /** Per metric: the value and the tiers it reaches under the chosen benchmark. */
  metrics: Record<MetricId, { value: number | null; tiers: Tier[] }>;
  deployments: number;
};

export type MetricDistribution = {
  componentsWithValue: number;
  median: number | null;
  best: { entityRef: string; value: number } | null;
  worst: { entityRef: string; value: number } | null;
  tierCounts: Record<Tier | 'none', number>;
};

export type DoraRollup = {
  entityRef: string;
  environment: string;
  range: TimeRange & { timezone: string; days: number };
  benchmark: { id: string; label: string; source: string };
  components: ComponentRollupRow[];
  /** Components of the group or system that have no delivery data in the range. */
  componentsWithoutData: string[];
  distribution: Record<MetricId, MetricDistribution>;
  /** Components most in need of attention, worst first, with the reasons. */
  attention: Array<{
    entityRef: string;
    /** The sentences of `why`. */
    reasons: string[];
    why: Explanation[];
  }>;
  toil: {
    deployments: number;
    manualDeploymentShare: number | null;
    reworkRate: number | null;
    incidents: number;
    /** Users named by the group tree's membership relations. */
    members: number;
    /** Set when the catalog's search disagrees with those relations (the count stays the relations'). */
    membersNote?: string;
    incidentsPerMember: number | null;
  };
};

export type FailureReasonKind = 'result' | 'fixed' | 'incident';

export type FailureReason =
  | { kind: 'result' }
  | { kind: 'fixed'; by: EventIdentity; trigger: string; explicit: boolean }
  | { kind: 'incident'; incident: EventIdentity; inferred: boolean };

export type EventIdentity = { source: string; id: string; url?: string };

export type DeploymentRecord = EventIdentity & {
  entityRef: string | null;
  environment: string;
  name?: string;
  version?: string;
  commit?: string;
  startedAt?: string;
  finishedAt?: string;
  result?: 'success' | 'failure';
  trigger: 'normal' | 'rollback' | 'hotfix' | 'revert';
  automated?: boolean;
  failed: boolean;
  failureReasons: FailureReason[];
  recoveredAt?: string;
  recoverySeconds?: number;
  rework: boolean;
  /** Other sources that reported the same deployment (merged into this one). */
  alsoReportedBy: EventIdentity[];
  changes: number;
};

export type ChangeRecord = EventIdentity & {
  entityRef: string;
  repository: string;
  number?: number;
  title?: string;
  author?: string;
  firstCommitAt?: string;
  openedAt?: string;
  firstReviewAt?: string;
  mergedAt?: string;
  deployedAt: string;
  deployment: EventIdentity;
  leadSeconds: number | null;
  stages: Record<LeadTimeStage, number | null>;
};

export type IncidentRecord = EventIdentity & {
  entityRef: string | null;
  environment: string;
  severity?: string;
  title?: string;
  detectedAt: string;
  resolvedAt?: string;
  durationSeconds: number | null;
  link:
    | { type: 'explicit' | 'inferred'; deployment: EventIdentity }
    | { type: 'none' }
    | { type: 'unresolved'; reference: string };
};

export type Page<T> = {
  items: T[];
  totalCount: number;
  limit: number;
  offset: number;
};

export type DrillDownQuery = MetricsQuery & {
  limit?: number;
  offset?: number;
};

export type DeploymentDrillDownQuery = DrillDownQuery & {
  /** Only failed deployments, only rework deployments. */
  filter?: 'failed' | 'rework';
};

export type EnvironmentSummary = {
  /** `production` for all production environments, otherwise the environment's name. */
  environment: string;
  production: boolean;
  names: string[];
  deployments: number;
  lastDeploymentAt: string | null;
};

/** What arrived in one bucket (or a whole range) for one ingestion source. */
export type IngestionOutcomeCounts = {
  /** New records stored. */
  accepted: number;
  /** Stored records that changed (a later state, a later updatedAt). */
  updated: number;
  /**
   * Received and changed nothing: replays, older updates arriving late, and input the source does
   * not use (a CDEvents type or GitHub event Cairn does not map).
   */
  ignored: number;
  /** Refused: invalid events (the whole batch), bad signatures, unreadable requests. */
  rejected: number;
  /** Of accepted and updated: stored without a component. */
  unattributed: number;
};

export type IngestionNote = {
  at: string;
  /** How many events the note covers (a rejected batch counts all its events). */
  count: number;
  reason: string;
};

export type IngestionSourceHealth = {
  /** `api` (POST /v1/events), `cdevents` (POST /v1/cdevents), a module's id (`github`), `demo`. */
  source: string;
  /** Whether the source is installed in this backend now (false for one seen before and removed). */
  registered: boolean;
  /** The last time anything arrived, accepted or not; null when nothing ever did. */
  lastReceivedAt: string | null;
  /** The last time events were stored or updated. */
  lastAcceptedAt: string | null;
  /** Over the whole range. */
  totals: IngestionOutcomeCounts;
  /** The range cut into hours or UTC days, zero-filled, oldest first. */
  buckets: Array<IngestionOutcomeCounts & { start: string; end: string }>;
  /** The latest rejections, newest first (at most 20 kept). */
  recentRejections: IngestionNote[];
  /** The latest ignored input with its reason, newest first (at most 20 kept). */
  recentIgnored: IngestionNote[];
};

/** Stored events without a component, grouped by type, source and repository. */
export type UnattributedEvents = {
  type: 'deployment' | 'change' | 'incident' | 'pipelineRun';
  /** The events' `source` field. */
  source: string;
  repository: string | null;
  count: number;
  lastReceivedAt: string;
  /** Up to three event ids, newest first. */
  examples: string[];
  /** Why they are unattributed. */
  reason: string;
  /** What would attribute them. */
  hint: string;
  /** The catalog annotation that would attribute them, when one would. */
  annotation?: { name: string; value: string };
  /** For a repository with several components: those components. */
  candidates?: string[];
};

export type IngestionHealth = {
  range: TimeRange & { bucket: 'hour' | 'day' };
  sources: IngestionSourceHealth[];
  /** All stored unattributed events (not limited to the range), largest groups first. */
  unattributed: UnattributedEvents[];
};

export type IngestionHealthQuery = {
  /** Default: 7 days before `to`. */
  from?: string;
  /** Default: now. */
  to?: string;
  /** Default: `hour` for ranges up to 2 days, otherwise `day`. */
  bucket?: 'hour' | 'day';
};

/** The answer of POST /v1/cdevents. Record counts are delivery records, not CloudEvents. */
export type CdeventsIngestCounts = IngestCounts & {
  /** CloudEvents in the request. */
  received: number;
  /** CloudEvents of types or versions Cairn does not map: acknowledged, counted, not stored. */
  ignored: number;
  /**
   * Records held until what they need arrives: an incident's resolution until its detection, a
   * pipeline or task run until its chain or customData says what it built.
   */
  pending: number;
};
