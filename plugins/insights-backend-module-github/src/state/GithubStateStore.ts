import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@cairn/plugin-insights-backend-module-github',
  'migrations',
);
/** Apart from the insights plugin's own migrations, which share the database. */
export const MIGRATIONS_TABLE = 'insights_github_knex_migrations';

/** Paths remembered per branch, for attributing pull requests in monorepos. */
const MAX_BRANCH_PATHS = 5000;
/** How far back a commit range is followed before giving up (pushes). */
const MAX_PUSHES_WALKED = 500;
const ZERO_SHA = /^0+$/;

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
const numOrNull = (v: unknown) =>
  v === null || v === undefined ? null : num(v);
const bump = (now: number, previous?: unknown) =>
  Math.max(now, previous === undefined ? 0 : num(previous) + 1);

/** Row locks where the engine has them (PostgreSQL); SQLite serialises writers anyway. */
const locked = (tx: Knex.Transaction, q: Knex.QueryBuilder) =>
  String(tx.client.config.client).includes('pg') ? q.forUpdate() : q;

/**
 * Which of two reports of the same thing to keep: the later `updated_at`; for equal times, a fixed
 * order (the further lifecycle state, then the content), so that replays in any order settle on the
 * same one.
 */
function prefer<T extends { updatedAt: number }>(
  a: T,
  b: T,
  rank: (x: T) => number = () => 0,
): T {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  if (rank(a) !== rank(b)) return rank(a) > rank(b) ? a : b;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

const pullRequestRank = (p: PullRequestSnapshot) => {
  if (p.mergedAt !== null) return 2;
  return p.closedAt !== null ? 1 : 0;
};

/** A pull request as the mapping needs it. */
export type PullRequestSnapshot = {
  id: string;
  number: number;
  title: string;
  url: string;
  author: string | null;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  mergedAt: number | null;
  mergeCommit: string | null;
  headRef: string;
  /** False for a pull request from a fork: pushes to its branch never reach this repository's hook. */
  headInRepository: boolean;
};

export type PullRequestState = {
  repository: string;
  snapshot: PullRequestSnapshot;
  firstReviewAt: number | null;
  version: number;
};

export type BranchState = {
  firstCommitAt: number | null;
  paths: string[];
  version: number;
};

export type DeploymentSnapshot = {
  id: string;
  environment: string;
  sha: string;
  createdAt: number;
  updatedAt: number;
  component: string | null;
  trigger: 'normal' | 'rollback' | 'hotfix' | 'revert';
};

export type DeploymentStatus = {
  id: number;
  state: string;
  createdAt: number;
  url: string | null;
};

export type DeploymentState = {
  repository: string;
  deploymentId: number;
  envKey: string;
  snapshot: DeploymentSnapshot;
  statuses: DeploymentStatus[];
  finishedAt: number | null;
  result: 'success' | 'failure' | null;
  version: number;
};

/** A deployment's finish: its first terminal status (a later `inactive` changes nothing). */
export function terminalStatus(statuses: DeploymentStatus[]) {
  const first = [...statuses]
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)
    .find(s => ['success', 'failure', 'error'].includes(s.state));
  return first
    ? {
        finishedAt: first.createdAt,
        result: (first.state === 'success' ? 'success' : 'failure') as
          | 'success'
          | 'failure',
        url: first.url,
      }
    : undefined;
}

/**
 * What the GitHub module remembers between webhooks (see migrations/). Each write bumps the row's
 * version only when something changed, so that a replay maps to the identical record.
 */
export class GithubStateStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<GithubStateStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await db.migrate.latest({
        directory: migrationsDir,
        tableName: MIGRATIONS_TABLE,
      });
    }
    return new GithubStateStore(db);
  }

  constructor(readonly db: Knex) {}

  async hasDelivery(deliveryId: string): Promise<boolean> {
    return !!(await this.db('github_deliveries')
      .first('delivery_id')
      .where('delivery_id', deliveryId));
  }

  async recordDelivery(deliveryId: string, event: string, now: number) {
    await this.db('github_deliveries')
      .insert({ delivery_id: deliveryId, event, received_at: now })
      .onConflict('delivery_id')
      .ignore();
  }

  async purgeDeliveries(before: number): Promise<number> {
    return this.db('github_deliveries')
      .where('received_at', '<', before)
      .delete();
  }

  // Pull requests

  private toPullRequest(row: Record<string, any>): PullRequestState {
    return {
      repository: row.repository,
      snapshot: JSON.parse(row.snapshot),
      firstReviewAt: numOrNull(row.first_review_at),
      version: num(row.version),
    };
  }

  async pullRequest(
    repository: string,
    number: number,
  ): Promise<PullRequestState | undefined> {
    const row = await this.db('github_pull_requests')
      .first()
      .where({ repository, number });
    return row ? this.toPullRequest(row) : undefined;
  }

  /**
   * Keeps the latest snapshot of a pull request (by its `updated_at`; an older one arriving late is
   * ignored) and the earliest review time.
   */
  async savePullRequest(
    repository: string,
    snapshot: PullRequestSnapshot,
    review: { submittedAt: number } | undefined,
    now: number,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const row = await locked(
        tx,
        tx('github_pull_requests')
          .first()
          .where({ repository, number: snapshot.number }),
      );
      const stored = row ? this.toPullRequest(row) : undefined;
      const latest = stored
        ? prefer(stored.snapshot, snapshot, pullRequestRank)
        : snapshot;
      const reviews = [stored?.firstReviewAt, review?.submittedAt].filter(
        (t): t is number => typeof t === 'number',
      );
      const firstReviewAt = reviews.length ? Math.min(...reviews) : null;
      const serialized = JSON.stringify(latest);
      if (
        row &&
        row.snapshot === serialized &&
        numOrNull(row.first_review_at) === firstReviewAt
      ) {
        return;
      }
      const values = {
        head_ref: latest.headRef,
        snapshot: serialized,
        pr_updated_at: latest.updatedAt,
        first_review_at: firstReviewAt,
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

  async pullRequestsWithHead(
    repository: string,
    branch: string,
  ): Promise<PullRequestState[]> {
    const rows = await this.db('github_pull_requests')
      .select()
      .where({ repository, head_ref: branch });
    return rows.map(r => this.toPullRequest(r));
  }

  // Branches

  async branch(
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
  async pushBranch(
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

  // Default-branch history

  /** Remembers a push to the default branch and the order of its commits. Returns whether it is new. */
  async recordDefaultBranchPush(
    repository: string,
    push: { before: string; after: string; forced: boolean; commits: string[] },
    now: number,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const existing = await tx('github_pushes').first('id').where({
        repository,
        before_sha: push.before,
        after_sha: push.after,
      });
      if (existing) return false;
      const [inserted] = await tx('github_pushes').insert(
        {
          repository,
          before_sha: push.before,
          after_sha: push.after,
          forced: push.forced,
          commits: JSON.stringify(push.commits),
          version: now,
        },
        ['id'],
      );
      const pushId = num(inserted.id ?? inserted);
      const rows = push.commits.map((sha, position) => ({
        repository,
        sha,
        push_id: pushId,
        position,
      }));
      for (let i = 0; i < rows.length; i += 200) {
        await tx('github_push_commits')
          .insert(rows.slice(i, i + 200))
          .onConflict(['repository', 'sha'])
          .ignore();
      }
      return true;
    });
  }

  /**
   * The commits on the default branch after `from` up to and including `to`, newest first, from the
   * pushes GitHub reported; with the versions of the pushes read. Undefined when the pushes do not
   * connect the two (a push was missed, a force push rewrote history): then nothing is guessed.
   */
  async commitsBetween(
    repository: string,
    from: string,
    to: string,
  ): Promise<{ commits: string[]; version: number } | undefined> {
    const commits: string[] = [];
    let version = 0;
    let current = to;
    for (let walked = 0; walked < MAX_PUSHES_WALKED; walked++) {
      const at = await this.db('github_push_commits')
        .first('push_id', 'position')
        .where({ repository, sha: current });
      if (!at) return undefined;
      const push = await this.db('github_pushes')
        .first()
        .where('id', at.push_id);
      version = Math.max(version, num(push.version));
      const shas = (JSON.parse(push.commits) as string[]).slice(
        0,
        num(at.position) + 1,
      );
      for (const sha of shas.reverse()) {
        if (sha === from) return { commits, version };
        commits.push(sha);
      }
      if (push.before_sha === from) return { commits, version };
      // Before a force push or a branch creation, the history is not this push's `before`.
      if (push.forced || ZERO_SHA.test(push.before_sha)) return undefined;
      current = push.before_sha;
    }
    return undefined;
  }

  // Deployments

  private toDeployment(row: Record<string, any>): DeploymentState {
    return {
      repository: row.repository,
      deploymentId: num(row.deployment_id),
      envKey: row.env_key,
      snapshot: JSON.parse(row.snapshot),
      statuses: JSON.parse(row.statuses),
      finishedAt: numOrNull(row.finished_at),
      result: row.result,
      version: num(row.version),
    };
  }

  /** Remembers a deployment and, when given, one of its statuses. Returns the state. */
  async saveDeployment(
    repository: string,
    deploymentId: number,
    snapshot: DeploymentSnapshot,
    envKey: string,
    status: DeploymentStatus | undefined,
    now: number,
  ): Promise<DeploymentState> {
    return this.db.transaction(async tx => {
      const key = { repository, deployment_id: deploymentId };
      const row = await locked(tx, tx('github_deployments').first().where(key));
      const statuses: DeploymentStatus[] = row ? JSON.parse(row.statuses) : [];
      const latest: DeploymentSnapshot = row
        ? prefer(JSON.parse(row.snapshot), snapshot)
        : snapshot;
      if (status && !statuses.some(s => s.id === status.id)) {
        statuses.push(status);
        statuses.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
      }
      const terminal = terminalStatus(statuses);
      const values = {
        environment: latest.environment,
        env_key: latest === snapshot ? envKey : row.env_key,
        sha: latest.sha,
        snapshot: JSON.stringify(latest),
        statuses: JSON.stringify(statuses),
        finished_at: terminal?.finishedAt ?? null,
        result: terminal?.result ?? null,
      };
      // The version moves only with what the mapping uses: a later `inactive` status changes nothing.
      const relevant = (v: typeof values) =>
        JSON.stringify([
          { ...JSON.parse(v.snapshot), updatedAt: undefined },
          v.env_key,
          v.finished_at,
          v.result,
          JSON.parse(v.statuses)
            .filter((s: DeploymentStatus) => s.state !== 'inactive')
            .map((s: DeploymentStatus) => [s.id, s.state, s.createdAt, s.url]),
        ]);
      if (row) {
        const before = relevant({
          ...values,
          snapshot: row.snapshot,
          env_key: row.env_key,
          finished_at: numOrNull(row.finished_at),
          result: row.result,
          statuses: row.statuses,
        });
        const changed = before !== relevant(values);
        await tx('github_deployments')
          .where(key)
          .update({
            ...values,
            version: changed ? bump(now, row.version) : num(row.version),
          });
        return this.toDeployment({
          ...row,
          ...values,
          version: changed ? bump(now, row.version) : num(row.version),
        });
      }
      const inserted = { ...key, ...values, version: now };
      await tx('github_deployments').insert(inserted);
      return this.toDeployment(inserted);
    });
  }

  async deployment(
    repository: string,
    deploymentId: number,
  ): Promise<DeploymentState | undefined> {
    const row = await this.db('github_deployments')
      .first()
      .where({ repository, deployment_id: deploymentId });
    return row ? this.toDeployment(row) : undefined;
  }

  /** The successful deployment of the repository to the environment right before or after one. */
  async adjacentSuccessful(
    d: DeploymentState,
    direction: 'previous' | 'next',
  ): Promise<DeploymentState | undefined> {
    if (d.finishedAt === null) return undefined;
    const previous = direction === 'previous';
    const row = await this.db('github_deployments')
      .first()
      .where({ repository: d.repository, env_key: d.envKey, result: 'success' })
      .whereNot('deployment_id', d.deploymentId)
      .where(q =>
        q
          .where('finished_at', previous ? '<' : '>', d.finishedAt!)
          .orWhere(inner =>
            inner
              .where('finished_at', d.finishedAt!)
              .where('deployment_id', previous ? '<' : '>', d.deploymentId),
          ),
      )
      .orderBy([
        { column: 'finished_at', order: previous ? 'desc' : 'asc' },
        { column: 'deployment_id', order: previous ? 'desc' : 'asc' },
      ]);
    return row ? this.toDeployment(row) : undefined;
  }

  async setRangeResolved(d: DeploymentState, resolved: boolean) {
    await this.db('github_deployments')
      .where({ repository: d.repository, deployment_id: d.deploymentId })
      .update({ range_resolved: resolved });
  }

  /** The latest successful deployments of a repository whose shipped commits are not known yet. */
  async unresolvedDeployments(
    repository: string,
    limit = 50,
  ): Promise<DeploymentState[]> {
    const rows = await this.db('github_deployments')
      .select()
      .where({ repository, result: 'success', range_resolved: false })
      .orderBy('finished_at', 'desc')
      .limit(limit);
    return rows.map(r => this.toDeployment(r));
  }
}
