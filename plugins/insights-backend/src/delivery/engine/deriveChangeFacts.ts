import { ChangeFacts, ChangeTimestamps } from './types';

const seconds = (from: number | null, to: number | null) =>
  from === null || to === null
    ? null
    : Math.max(0, Math.round((to - from) / 1000));

/**
 * A change's lead time and its stages, given when it was first deployed successfully
 * (docs/DESIGN.md, "Change lead time"): lead time from the first commit; coding (first commit →
 * opened), pickup (opened → first review), review (first review → merged), deploy (merged →
 * deployed). A stage missing a timestamp is left out of that stage only. Negative spans (commit dates
 * rewritten after the pull request opened) count as zero.
 */
export function deriveChangeFacts(
  change: ChangeTimestamps,
  deployedAt: number,
): ChangeFacts {
  return {
    deployedAt,
    leadSeconds: seconds(change.firstCommitAt, deployedAt),
    codingSeconds: seconds(change.firstCommitAt, change.openedAt),
    pickupSeconds: seconds(change.openedAt, change.firstReviewAt),
    reviewSeconds: seconds(change.firstReviewAt, change.mergedAt),
    deploySeconds: seconds(change.mergedAt, deployedAt),
  };
}

/**
 * The deployment whose finish a change's lead time runs to: among the deployments of one component
 * and environment that shipped it, the first to finish with result success, even if it later counts
 * as failed.
 */
export function firstSuccessfulDeployment<
  T extends { finishedAt: number; result: string | null },
>(shippedBy: T[]): T | undefined {
  let first: T | undefined;
  for (const d of shippedBy) {
    if (d.result === 'success' && (!first || d.finishedAt < first.finishedAt))
      first = d;
  }
  return first;
}
