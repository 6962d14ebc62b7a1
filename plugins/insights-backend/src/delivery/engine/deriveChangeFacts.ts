import { ChangeFacts, ChangeTimestamps } from './types';
import {
  DeployPart,
  LEAD_TIME_STAGES,
  LeadTimeBottleneck,
  LeadTimeStage,
} from '@cairn/plugin-insights-common';

const span = (from: number | null, to: number | null) =>
  from === null || to === null ? null : Math.round((to - from) / 1000);

/** A stage's seconds: null without both timestamps, and null when they run backwards. */
const stage = (from: number | null, to: number | null) => {
  const s = span(from, to);
  return s === null || s < 0 ? null : s;
};

/**
 * A change's lead time and its stages, given when it was first deployed successfully
 * (docs/DESIGN.md, "Change lead time"): lead time from the first commit; coding (first commit →
 * opened), pickup (opened → first review), review (first review → merged), deploy (merged →
 * deployed). When CI data says when the merge commit was built, the deploy stage is also split into
 * build (merged → built) and release (built → deployed). A stage missing a timestamp is left out of
 * that stage only. A stage whose timestamps run
 * backwards (a commit date rewritten after the pull request opened, a review before it was opened, a
 * change merged after the deployment that shipped it) is left out of that stage too, and reported in
 * coverage (`outOfOrderStages`); the total lead time is kept (at least 0).
 */
export function deriveChangeFacts(
  change: ChangeTimestamps,
  deployedAt: number,
  builtAt: number | null = null,
): ChangeFacts {
  const lead = span(change.firstCommitAt, deployedAt);
  return {
    deployedAt,
    leadSeconds: lead === null ? null : Math.max(0, lead),
    codingSeconds: stage(change.firstCommitAt, change.openedAt),
    pickupSeconds: stage(change.openedAt, change.firstReviewAt),
    reviewSeconds: stage(change.firstReviewAt, change.mergedAt),
    deploySeconds: stage(change.mergedAt, deployedAt),
    buildSeconds: stage(change.mergedAt, builtAt),
    releaseSeconds: stage(builtAt, deployedAt),
  };
}

/** The stages whose timestamps run backwards, given when the change was deployed (if known). */
export function outOfOrderStages(
  change: ChangeTimestamps,
  deployedAt: number | null = null,
): LeadTimeStage[] {
  const spans: Record<LeadTimeStage, number | null> = {
    coding: span(change.firstCommitAt, change.openedAt),
    pickup: span(change.openedAt, change.firstReviewAt),
    review: span(change.firstReviewAt, change.mergedAt),
    deploy: span(change.mergedAt, deployedAt),
  };
  return LEAD_TIME_STAGES.filter(s => (spans[s] ?? 0) < 0);
}

/** Out-of-order stages as the bits stored with a change's facts: 1 coding, 2 pickup, 4 review, 8 deploy. */
export function outOfOrderBits(stages: LeadTimeStage[]): number {
  return stages.reduce(
    (bits, s) => bits | (1 << LEAD_TIME_STAGES.indexOf(s)),
    0,
  );
}

/**
 * The lead-time bottleneck: the stage with the largest median; a tie goes to the earlier stage in the
 * pipeline (coding, pickup, review, deploy), where the wait starts. The deploy stage is compared as its
 * two parts (build, release) when at least half of the changes with a deploy stage have them, so that
 * the finder can name the build or the release itself. Null when no stage has a median.
 */
export function bottleneckOf(
  stages: Record<LeadTimeStage, { median: number | null; count: number }>,
  deployParts?: Record<DeployPart, { median: number | null; count: number }>,
): LeadTimeBottleneck | null {
  const split =
    deployParts !== undefined &&
    Math.max(deployParts.build.count, deployParts.release.count) > 0 &&
    2 * Math.max(deployParts.build.count, deployParts.release.count) >=
      stages.deploy.count;
  const candidates: Array<[LeadTimeBottleneck, number | null]> = [
    ['coding', stages.coding.median],
    ['pickup', stages.pickup.median],
    ['review', stages.review.median],
    ...(split
      ? ([
          ['build', deployParts!.build.median],
          ['release', deployParts!.release.median],
        ] as Array<[LeadTimeBottleneck, number | null]>)
      : ([['deploy', stages.deploy.median]] as Array<
          [LeadTimeBottleneck, number | null]
        >)),
  ];
  let best: [LeadTimeBottleneck, number] | null = null;
  for (const [candidate, median] of candidates) {
    if (median !== null && (best === null || median > best[1]))
      best = [candidate, median];
  }
  return best?.[0] ?? null;
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
