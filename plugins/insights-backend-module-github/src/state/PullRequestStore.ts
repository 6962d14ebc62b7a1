import { Knex } from 'knex';
import { bump, keepNewer, locked, num, numOrNull } from './rows';
import { PullRequestSnapshot, PullRequestState } from './types';

const lifecycle = (p: PullRequestSnapshot) => {
  if (p.mergedAt !== null) return 2;
  return p.closedAt !== null ? 1 : 0;
};

function toPullRequest(row: Record<string, any>): PullRequestState {
  return {
    repository: row.repository,
    snapshot: JSON.parse(row.snapshot),
    firstReviewAt: numOrNull(row.first_review_at),
    firstReviewer: row.first_reviewer ?? null,
    version: num(row.version),
  };
}

/** The latest snapshot of each pull request and its first review (`github_pull_requests`). */
export class PullRequestStore {
  constructor(private readonly db: Knex) {}

  async get(
    repository: string,
    number: number,
  ): Promise<PullRequestState | undefined> {
    const row = await this.db('github_pull_requests')
      .first()
      .where({ repository, number });
    return row ? toPullRequest(row) : undefined;
  }

  /**
   * Keeps the latest snapshot of a pull request (by its `updated_at`; an older one arriving late is
   * ignored) and the earliest review with its reviewer.
   */
  async save(
    repository: string,
    snapshot: PullRequestSnapshot,
    review: { submittedAt: number; reviewer: string | null } | undefined,
    now: number,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const row = await locked(
        tx,
        tx('github_pull_requests')
          .first()
          .where({ repository, number: snapshot.number }),
      );
      const stored = row ? toPullRequest(row) : undefined;
      const latest = stored
        ? keepNewer(stored.snapshot, snapshot, lifecycle)
        : snapshot;
      // The earliest review wins (a tie keeps the one stored first).
      let firstReviewAt = stored?.firstReviewAt ?? null;
      let firstReviewer = stored?.firstReviewer ?? null;
      if (
        review &&
        (firstReviewAt === null || review.submittedAt < firstReviewAt)
      ) {
        firstReviewAt = review.submittedAt;
        firstReviewer = review.reviewer?.slice(0, 255) ?? null;
      }
      const serialized = JSON.stringify(latest);
      if (
        row &&
        row.snapshot === serialized &&
        numOrNull(row.first_review_at) === firstReviewAt &&
        (row.first_reviewer ?? null) === firstReviewer
      ) {
        return;
      }
      const values = {
        head_ref: latest.headRef,
        snapshot: serialized,
        pr_updated_at: latest.updatedAt,
        first_review_at: firstReviewAt,
        first_reviewer: firstReviewer,
        version: bump(now, row?.version),
      };
      if (row) {
        await tx('github_pull_requests')
          .where({ repository, number: snapshot.number })
          .update(values);
      } else {
        await tx('github_pull_requests').insert({
          repository,
          number: snapshot.number,
          ...values,
        });
      }
    });
  }

  async withHead(
    repository: string,
    branch: string,
  ): Promise<PullRequestState[]> {
    const rows = await this.db('github_pull_requests')
      .select()
      .where({ repository, head_ref: branch });
    return rows.map(toPullRequest);
  }
}
