import { DeliveryEventInput, isoTime } from '@cairn/plugin-insights-common';
import { BranchState, PullRequestState } from '../state/GithubStateStore';

export const GITHUB_SOURCE = 'github';

/**
 * A pull request as a change (docs/DESIGN.md, "Delivery data"): opened when created, first review
 * from the earliest review by someone other than the author (and who gave it), merged with its merge commit; the first
 * commit is the earliest commit pushed to its head branch, and the paths those commits touched
 * attribute it in a monorepo. `updatedAt` is when Cairn last learned something about it, so the
 * latest knowledge wins whichever webhook brought it.
 */
export function mapPullRequest(
  pr: PullRequestState,
  branch: BranchState | undefined,
): DeliveryEventInput {
  const s = pr.snapshot;
  const useBranch = s.headInRepository && branch;
  const merged = s.mergedAt !== null;
  const title = s.title.trim().slice(0, 1024);
  return {
    type: 'change',
    source: GITHUB_SOURCE,
    id: s.id,
    repository: pr.repository,
    number: s.number,
    ...(title ? { title } : {}),
    url: s.url,
    ...(s.author ? { author: s.author.slice(0, 255) } : {}),
    ...(useBranch && branch.firstCommitAt !== null
      ? { firstCommitAt: isoTime(branch.firstCommitAt) }
      : {}),
    openedAt: isoTime(s.createdAt),
    ...(pr.firstReviewAt !== null
      ? { firstReviewAt: isoTime(pr.firstReviewAt) }
      : {}),
    ...(pr.firstReviewAt !== null && pr.firstReviewer
      ? { firstReviewer: pr.firstReviewer }
      : {}),
    ...(merged ? { mergedAt: isoTime(s.mergedAt!) } : {}),
    ...(merged && s.mergeCommit ? { mergeCommit: s.mergeCommit } : {}),
    ...(!merged && s.closedAt !== null
      ? { closedAt: isoTime(s.closedAt) }
      : {}),
    ...(useBranch && branch.paths.length ? { changedPaths: branch.paths } : {}),
    updatedAt: isoTime(Math.max(pr.version, useBranch ? branch.version : 0)),
  };
}
