/*
 * Plain data the delivery engines work on. Times are epoch milliseconds, durations seconds.
 */

export type DeploymentTrigger = 'normal' | 'rollback' | 'hotfix' | 'revert';

/** A finished, canonical deployment of one component and environment, as the engines see it. */
export type TimelineDeployment = {
  id: number;
  /** Identity, used to order deployments that finish at the same instant deterministically. */
  source: string;
  externalId: string;
  finishedAt: number;
  result: 'success' | 'failure';
  trigger: DeploymentTrigger;
  version: string | null;
  commit: string | null;
  /** `fixes` named a deployment: its id when stored, null when it names one Cairn has not seen. */
  fixes: { deploymentId: number | null } | null;
  fixesIncident: boolean;
};

export type TimelineIncident = {
  id: number;
  detectedAt: number;
  resolvedAt: number | null;
  /** `causedBy` as reported; a named deployment is resolved to its id (null when unknown). */
  causedBy: {
    deploymentId?: number | null;
    version?: string | null;
    commit?: string | null;
  } | null;
};

export type FailureReasonFact =
  | { kind: 'result' }
  | {
      kind: 'fixed';
      byDeploymentId: number;
      trigger: DeploymentTrigger;
      explicit: boolean;
    }
  | { kind: 'incident'; incidentId: number; inferred: boolean };

export type DeploymentFacts = {
  failed: boolean;
  reasons: FailureReasonFact[];
  /** When the failure was restored; null while it is not (or the deployment did not fail). */
  recoveredAt: number | null;
  recoverySeconds: number | null;
  rework: boolean;
};

export type IncidentLinkFact =
  | { type: 'explicit' | 'inferred'; deploymentId: number }
  | { type: 'unresolved' }
  | { type: 'none' };

export type ChangeTimestamps = {
  firstCommitAt: number | null;
  openedAt: number | null;
  firstReviewAt: number | null;
  mergedAt: number | null;
};

export type ChangeFacts = {
  deployedAt: number;
  leadSeconds: number | null;
  codingSeconds: number | null;
  pickupSeconds: number | null;
  reviewSeconds: number | null;
  deploySeconds: number | null;
  /** The deploy stage's parts where CI data says when the merge commit was built; null otherwise. */
  buildSeconds: number | null;
  releaseSeconds: number | null;
};
