/*
 * Review concentration, the decision bottleneck (../shared/DESIGN.md, "Ownership"): of a component's
 * changes first reviewed in the range, the share whose first review came from the top reviewer and
 * from the top two, the distinct reviewers, and how long changes wait for pickup (opened → first
 * review) when the top reviewer is away versus not. Pure; the oracle for the ownership domain.
 */

export type ReviewInput = {
  /** The reviewer's identity (resolved to a catalog user where one matches), null when not reported. */
  reviewer: string | null;
  openedAt: number | null;
  firstReviewAt: number;
};

export type ReviewConcentration = {
  /** Changes first reviewed in the range. */
  reviewed: number;
  /** Of those, the changes whose first reviewer is known. */
  withReviewer: number;
  distinctReviewers: number;
  /** Reviewers by first reviews, most first (at most 20). */
  reviewers: Array<{ reviewer: string; reviews: number; share: number }>;
  /** Share of known first reviews by the top reviewer, and by the top two (null without any). */
  topShare: number | null;
  topTwoShare: number | null;
  /**
   * Median pickup in seconds while the top reviewer was present (gave a first review within a day of
   * the change being opened) and while away (gave none), with how many changes each median has.
   */
  pickup: {
    presentMedianSeconds: number | null;
    presentChanges: number;
    awayMedianSeconds: number | null;
    awayChanges: number;
  };
  /**
   * The top reviewer is a bottleneck: at least MIN_CHANGES known reviews, and they give half or more
   * of them or changes wait at least twice as long for pickup while they are away.
   */
  concentrated: boolean;
};

const DAY_MS = 86_400_000;
/** Fewer known reviews than this say nothing about concentration. */
export const MIN_CHANGES = 5;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function reviewConcentration(
  changes: ReviewInput[],
): ReviewConcentration {
  const counts = new Map<string, number>();
  for (const c of changes)
    if (c.reviewer) counts.set(c.reviewer, (counts.get(c.reviewer) ?? 0) + 1);
  const withReviewer = [...counts.values()].reduce((a, b) => a + b, 0);
  const ranked = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([reviewer, reviews]) => ({
      reviewer,
      reviews,
      share: reviews / withReviewer,
    }));
  const top = ranked[0]?.reviewer;

  // When was the top reviewer present: the times of their first reviews, sorted.
  const topTimes = changes
    .filter(c => c.reviewer === top)
    .map(c => c.firstReviewAt)
    .sort((a, b) => a - b);
  const presentWithin = (from: number) => {
    // Binary search for the first review at or after `from`.
    let lo = 0;
    let hi = topTimes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (topTimes[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < topTimes.length && topTimes[lo] < from + DAY_MS;
  };
  const present: number[] = [];
  const away: number[] = [];
  if (top)
    for (const c of changes) {
      if (c.openedAt === null || c.firstReviewAt < c.openedAt) continue;
      const wait = (c.firstReviewAt - c.openedAt) / 1000;
      if (presentWithin(c.openedAt)) present.push(wait);
      else away.push(wait);
    }
  const presentMedianSeconds = median(present);
  const awayMedianSeconds = median(away);
  const topShare = ranked.length ? ranked[0].share : null;
  const topTwoShare = ranked.length
    ? ranked.slice(0, 2).reduce((a, r) => a + r.share, 0)
    : null;
  const slowerWhenAway =
    presentMedianSeconds !== null &&
    awayMedianSeconds !== null &&
    awayMedianSeconds >= 2 * presentMedianSeconds;
  return {
    reviewed: changes.length,
    withReviewer,
    distinctReviewers: ranked.length,
    reviewers: ranked.slice(0, 20),
    topShare,
    topTwoShare,
    pickup: {
      presentMedianSeconds,
      presentChanges: present.length,
      awayMedianSeconds,
      awayChanges: away.length,
    },
    concentrated:
      withReviewer >= MIN_CHANGES && ((topShare ?? 0) >= 0.5 || slowerWhenAway),
  };
}
