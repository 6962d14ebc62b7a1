import { IngestCounts } from '@cairn/plugin-insights-common';
import { DeploymentTrigger } from '../engine/types';

/** An event reference resolved to an explicit source. */
export type Identity = { source: string; id: string };

/*
 * Events after validation and attribution, ready to store. Times are epoch ms. `contentHash` covers
 * everything but `receivedAt`, so replaying an event is recognised as unchanged.
 */

export type StoredDeployment = {
  type: 'deployment';
  source: string;
  externalId: string;
  componentRef: string | null;
  repository: string | null;
  environment: string;
  envKey: string;
  name: string | null;
  version: string | null;
  commit: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  result: 'success' | 'failure' | null;
  trigger: DeploymentTrigger;
  fixes: Identity | null;
  fixesIncident: Identity | null;
  automated: boolean | null;
  url: string | null;
  changes: Identity[];
  commits: string[];
  updatedAt: number | null;
  lifecycle: number;
  contentHash: string;
};

export type StoredChange = {
  type: 'change';
  source: string;
  externalId: string;
  repository: string;
  componentRef: string | null;
  number: number | null;
  title: string | null;
  url: string | null;
  author: string | null;
  firstCommitAt: number | null;
  openedAt: number | null;
  firstReviewAt: number | null;
  firstReviewer: string | null;
  mergedAt: number | null;
  mergeCommit: string | null;
  closedAt: number | null;
  changedPaths: string[] | null;
  updatedAt: number | null;
  lifecycle: number;
  contentHash: string;
};

export type StoredIncident = {
  type: 'incident';
  source: string;
  externalId: string;
  componentRef: string | null;
  repository: string | null;
  environment: string;
  envKey: string;
  severity: string | null;
  title: string | null;
  url: string | null;
  detectedAt: number;
  resolvedAt: number | null;
  causedBy: {
    deployment: Identity | null;
    version: string | null;
    commit: string | null;
  } | null;
  updatedAt: number | null;
  lifecycle: number;
  contentHash: string;
};

export type StoredPipelineRun = {
  type: 'pipelineRun';
  source: string;
  externalId: string;
  componentRef: string | null;
  repository: string | null;
  pipeline: string;
  commit: string;
  branch: string | null;
  kind: 'defaultBranch' | 'pullRequest' | 'other';
  attempt: number | null;
  queuedAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  result: 'success' | 'failure' | 'cancelled' | null;
  url: string | null;
  tests: { passed: number; failed: number; skipped: number } | null;
  /** Each failed test once (suite '' when the report names none). */
  failures: Array<{ suite: string; name: string; message: string | null }>;
  updatedAt: number | null;
  lifecycle: number;
  contentHash: string;
};

export type StoredEvent =
  | StoredDeployment
  | StoredChange
  | StoredIncident
  | StoredPipelineRun;

export type ApplyOptions = {
  /** When the batch arrived (epoch ms). */
  now: number;
  /** How far before an incident's detection a deployment may have finished to be linked by inference. */
  linkWindowMs: number;
};

export type ApplyResult = IngestCounts & {
  /** What happened to each event, in batch order. */
  outcomes: Array<'inserted' | 'updated' | 'unchanged' | 'stale'>;
};

/** One component in one environment key: the unit facts are derived for. */
export type Pair = { componentRef: string; envKey: string };
