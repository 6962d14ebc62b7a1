import { Knex } from 'knex';
import { bump, keepNewer, locked, num, numOrNull } from './rows';
import {
  DeploymentSnapshot,
  DeploymentState,
  DeploymentStatus,
  terminalStatus,
} from './types';

function toDeployment(row: Record<string, any>): DeploymentState {
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

/** Each deployment, its statuses and whether its shipped commits are known (`github_deployments`). */
export class DeploymentStore {
  constructor(private readonly db: Knex) {}

  /** Remembers a deployment and, when given, one of its statuses. Returns the state. */
  async save(
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
        ? keepNewer(JSON.parse(row.snapshot), snapshot)
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
        return toDeployment({
          ...row,
          ...values,
          version: changed ? bump(now, row.version) : num(row.version),
        });
      }
      const inserted = { ...key, ...values, version: now };
      await tx('github_deployments').insert(inserted);
      return toDeployment(inserted);
    });
  }

  async get(
    repository: string,
    deploymentId: number,
  ): Promise<DeploymentState | undefined> {
    const row = await this.db('github_deployments')
      .first()
      .where({ repository, deployment_id: deploymentId });
    return row ? toDeployment(row) : undefined;
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
    return row ? toDeployment(row) : undefined;
  }

  async setRangeResolved(d: DeploymentState, resolved: boolean) {
    await this.db('github_deployments')
      .where({ repository: d.repository, deployment_id: d.deploymentId })
      .update({ range_resolved: resolved });
  }

  /** The latest successful deployments of a repository whose shipped commits are not known yet. */
  async unresolved(repository: string, limit = 50): Promise<DeploymentState[]> {
    const rows = await this.db('github_deployments')
      .select()
      .where({ repository, result: 'success', range_resolved: false })
      .orderBy('finished_at', 'desc')
      .limit(limit);
    return rows.map(r => toDeployment(r));
  }
}
