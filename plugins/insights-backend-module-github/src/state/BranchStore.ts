import { Knex } from 'knex';
import { bump, locked, num, numOrNull } from './rows';
import { BranchState } from './types';

/** Paths remembered per branch, for attributing pull requests in monorepos. */
const MAX_BRANCH_PATHS = 5000;

/** Each branch's earliest commit and the paths its commits touched (`github_branches`). */
export class BranchStore {
  constructor(private readonly db: Knex) {}

  async get(
    repository: string,
    branch: string,
  ): Promise<BranchState | undefined> {
    const row = await this.db('github_branches')
      .first()
      .where({ repository, branch });
    return row
      ? {
          firstCommitAt: numOrNull(row.first_commit_at),
          paths: JSON.parse(row.paths),
          version: num(row.version),
        }
      : undefined;
  }

  /**
   * Remembers a push to a branch: its earliest commit time and the paths its commits touched.
   * Returns whether anything changed. A deleted branch is forgotten, so that a later branch of the
   * same name starts afresh.
   */
  async push(
    repository: string,
    branch: string,
    push: {
      deleted: boolean;
      commits: Array<{ timestamp: number; paths: string[] }>;
    },
    now: number,
  ): Promise<boolean> {
    if (push.deleted) {
      return (
        (await this.db('github_branches')
          .where({ repository, branch })
          .delete()) > 0
      );
    }
    if (push.commits.length === 0) return false;
    return this.db.transaction(async tx => {
      const row = await locked(
        tx,
        tx('github_branches').first().where({ repository, branch }),
      );
      const times = [
        ...push.commits.map(c => c.timestamp),
        ...(row?.first_commit_at !== null && row?.first_commit_at !== undefined
          ? [num(row.first_commit_at)]
          : []),
      ];
      const firstCommitAt = Math.min(...times);
      const paths = [
        ...new Set([
          ...(row ? (JSON.parse(row.paths) as string[]) : []),
          ...push.commits.flatMap(c => c.paths),
        ]),
      ]
        .sort()
        .slice(0, MAX_BRANCH_PATHS);
      const serialized = JSON.stringify(paths);
      if (
        row &&
        numOrNull(row.first_commit_at) === firstCommitAt &&
        row.paths === serialized
      ) {
        return false;
      }
      const values = {
        first_commit_at: firstCommitAt,
        paths: serialized,
        version: bump(now, row?.version),
      };
      if (row) {
        await tx('github_branches')
          .where({ repository, branch })
          .update(values);
      } else {
        await tx('github_branches').insert({ repository, branch, ...values });
      }
      return true;
    });
  }
}
