/*
 * CI health of a component (docs/DESIGN.md, "CI health"): its pipelines' durations, queue times and
 * success rates, the tests that flaked, and the time lost to reruns.
 */

/** What a pipeline run built: the default branch, a pull request, or another branch or tag. */
export type PipelineKind = 'defaultBranch' | 'pullRequest' | 'other';

/** The 50th and 95th percentiles of durations in seconds, over `count` runs. */
export type DurationPercentiles = {
  p50: number | null;
  p95: number | null;
  count: number;
};

/** One pipeline's numbers over a period. */
export type PipelinePeriod = {
  /** Runs that finished in the period (cancelled ones too). */
  runs: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  /** succeeded / (succeeded + failed); cancelled runs are left out. Null without either. */
  successRate: number | null;
  /** Started → finished. */
  duration: DurationPercentiles;
  /** Queued → started. */
  queue: DurationPercentiles;
};

export type PipelineHealth = PipelinePeriod & {
  pipeline: string;
  kind: PipelineKind;
  previous: PipelinePeriod;
  lastRun: {
    finishedAt: string;
    result: 'success' | 'failure' | 'cancelled';
    url: string | null;
  } | null;
};

/** A test that both failed and passed on the same commit in runs of the same pipeline. */
export type FlakyTest = {
  suite: string;
  name: string;
  /** The pipelines it flaked in. */
  pipelines: string[];
  /** Commits on which it both failed and passed. */
  flakyCommits: number;
  /** Runs that reported it failed. */
  failures: number;
  /** Runs of those pipelines that reported test results. */
  runs: number;
  /** failures / runs. */
  failureRate: number;
  /** Failed runs that listed it among their failures. */
  blockedRuns: number;
  lastFailure: { at: string; url: string | null; message: string | null };
};

export type CiSeriesPoint = {
  from: string;
  to: string;
  runs: number;
  successRate: number | null;
  duration: DurationPercentiles;
  queue: DurationPercentiles;
};

export type CiHealth = {
  entityRef: string;
  range: { from: string; to: string; timezone: string; days: number };
  previousRange: { from: string; to: string };
  pipelines: PipelineHealth[];
  /** Default-branch runs of every pipeline, per bucket of the range. */
  series: { bucket: 'day' | 'week' | 'month'; points: CiSeriesPoint[] };
  /** The most frequent flaky tests (by failures), at most 20. */
  flakyTests: FlakyTest[];
  reruns: {
    /** Failed runs that a later run of the same pipeline on the same commit turned green. */
    runs: number;
    /** Their durations added up. */
    secondsLost: number;
  };
  coverage: {
    runs: number;
    withTests: number;
    withQueueTime: number;
    /** Runs of the component's repository that no component claims. */
    unattributedInRepository: number;
    notes: Array<{ severity: 'info' | 'warning'; message: string }>;
  };
};

/** One component's CI in a group's rollup: its default-branch runs, its flaky tests and reruns. */
export type CiComponentRow = {
  entityRef: string;
  /** Default-branch runs that finished in the range. */
  runs: number;
  successRate: number | null;
  duration: DurationPercentiles;
  queue: DurationPercentiles;
  /** Flaky tests over every run of the component (all kinds). */
  flakyTests: number;
  /** Time lost to reruns over every run of the component. */
  rerunSecondsLost: number;
};

/** The median, best and worst of one number across a group's components with runs. */
export type CiSpread = {
  median: number | null;
  best: number | null;
  worst: number | null;
};

/** CI across a group's (whole sub-tree's) or a system's components (`GET /v1/ci/rollup`). */
export type CiRollup = {
  entityRef: string;
  range: { from: string; to: string; timezone: string; days: number };
  /** Components with runs in the range, the slowest default-branch build (p50) first. */
  components: CiComponentRow[];
  componentsWithoutRuns: string[];
  distribution: {
    durationP50: CiSpread;
    successRate: CiSpread;
    queueP50: CiSpread;
  };
  flakyTests: number;
  rerunSecondsLost: number;
};
