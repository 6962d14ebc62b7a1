import {
  DataService,
  EnvironmentEvent,
  EnvironmentResource,
  ResourceState,
} from '@cairn/plugin-intent-common';
import { Knex } from 'knex';

const RESOURCES = 'intent_environment_resources';

type Row = Record<string, any>;

/** A resource row as stored: the public view plus its encrypted login. */
export type StoredResource = EnvironmentResource & {
  environmentId: string;
  /** Encrypted (see CredentialCipher); undefined when there is no login (any more). */
  sealedCredentials?: string;
};

/** What finishing a piece of work changes on a resource; `undefined` leaves a column as it is. */
export type ResourcePatch = {
  state: ResourceState;
  provisioner?: string | null;
  detail?: string | null;
  host?: string | null;
  port?: number | null;
  database?: string | null;
  keyPrefix?: string | null;
  username?: string | null;
  sealedCredentials?: string | null;
  checkedAt?: string | null;
};

/** A claim on a resource row: only its holder may finish the work. */
export type Lease = { owner: string; until: number };

const toIso = (ms: unknown) =>
  ms === null || ms === undefined
    ? undefined
    : new Date(Number(ms)).toISOString();

function resourceOf(row: Row): StoredResource {
  return {
    environmentId: row.environment_id,
    service: row.service,
    provisioner: row.provisioner ?? undefined,
    state: row.state,
    detail: row.detail ?? undefined,
    host: row.host ?? undefined,
    port: row.port === null || row.port === undefined ? undefined : +row.port,
    database: row.database_name ?? undefined,
    keyPrefix: row.key_prefix ?? undefined,
    username: row.username ?? undefined,
    checkedAt: toIso(row.checked_at),
    updatedAt: toIso(row.updated_at)!,
    sealedCredentials: row.credentials ?? undefined,
  };
}

function patchRow(patch: ResourcePatch, now: number): Row {
  const row: Row = { state: patch.state, updated_at: now };
  const set = (column: string, value: unknown) => {
    if (value !== undefined) row[column] = value;
  };
  set('provisioner', patch.provisioner);
  set('detail', patch.detail);
  set('host', patch.host);
  set('port', patch.port);
  set('database_name', patch.database);
  set('key_prefix', patch.keyPrefix);
  set('username', patch.username);
  set('credentials', patch.sealedCredentials);
  if (patch.checkedAt !== undefined) {
    row.checked_at =
      patch.checkedAt === null ? null : new Date(patch.checkedAt).getTime();
  }
  return row;
}

/**
 * The environments' provisioned resources (migrations/20261222120000_resources.js). Work on a row
 * (apply, check, teardown) starts with `claim`, one conditional UPDATE, so that two backend instances
 * never work on the same resource at once; `finish` only lands for the lease's holder.
 */
/** What provisioning needs of the registry's store: its history and its live environments. */
export type EnvironmentHistory = {
  appendEvent(
    environmentId: string,
    event: EnvironmentEvent,
    tx?: Knex,
  ): Promise<void>;
  liveIds(): Knex.QueryBuilder;
};

export class DatabaseResourceStore {
  constructor(
    private readonly db: Knex,
    private readonly environments: EnvironmentHistory,
  ) {}

  async list(environmentId: string): Promise<StoredResource[]> {
    const rows = await this.db(RESOURCES)
      .where({ environment_id: environmentId })
      .orderBy('service');
    return rows.map(resourceOf);
  }

  async get(
    environmentId: string,
    service: DataService,
  ): Promise<StoredResource | undefined> {
    const row = await this.db(RESOURCES)
      .where({ environment_id: environmentId, service })
      .first();
    return row ? resourceOf(row) : undefined;
  }

  /** How many resources of each environment are in each state, in one grouped query. */
  async countStates(
    environmentIds: string[],
  ): Promise<Map<string, Partial<Record<ResourceState, number>>>> {
    const counts = new Map<string, Partial<Record<ResourceState, number>>>();
    if (environmentIds.length === 0) return counts;
    const rows = await this.db(RESOURCES)
      .whereIn('environment_id', environmentIds)
      .groupBy('environment_id', 'state')
      .select('environment_id', 'state')
      .count({ n: '*' });
    for (const row of rows as Row[]) {
      const entry = counts.get(row.environment_id) ?? {};
      entry[row.state as ResourceState] = Number(row.n);
      counts.set(row.environment_id, entry);
    }
    return counts;
  }

  /** Adds the row in `awaiting-provisioner` unless it exists. */
  async ensure(
    environmentId: string,
    service: DataService,
    provisioner: string | undefined,
    now: Date,
  ): Promise<void> {
    await this.db(RESOURCES)
      .insert({
        environment_id: environmentId,
        service,
        provisioner: provisioner ?? null,
        state: 'awaiting-provisioner',
        updated_at: now.getTime(),
      })
      .onConflict(['environment_id', 'service'])
      .ignore();
  }

  /**
   * Claims the row for `lease.owner` until `lease.until` when it is in one of `from` and nobody else
   * holds an unexpired lease; optionally moves it to `patch` at once (e.g. `tearing-down`, credentials
   * wiped). True when this caller won.
   */
  async claim(
    environmentId: string,
    service: DataService,
    from: ResourceState[],
    lease: Lease,
    now: Date,
    patch?: ResourcePatch,
  ): Promise<boolean> {
    const changed = await this.db(RESOURCES)
      .where({ environment_id: environmentId, service })
      .whereIn('state', from)
      .where(q =>
        q.whereNull('lease_until').orWhere('lease_until', '<', now.getTime()),
      )
      .update({
        ...(patch ? patchRow(patch, now.getTime()) : {}),
        lease_owner: lease.owner,
        lease_until: lease.until,
      });
    return changed === 1;
  }

  /**
   * Ends the holder's work: the patch, the lease released, and the history entry when there is one, in
   * one transaction. False (nothing changed) when the lease was lost to someone else.
   */
  async finish(
    environmentId: string,
    service: DataService,
    leaseOwner: string,
    patch: ResourcePatch,
    now: Date,
    event?: EnvironmentEvent,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const changed = await tx(RESOURCES)
        .where({
          environment_id: environmentId,
          service,
          lease_owner: leaseOwner,
        })
        .update({
          ...patchRow(patch, now.getTime()),
          lease_owner: null,
          lease_until: null,
        });
      if (changed !== 1) return false;
      if (event) await this.environments.appendEvent(environmentId, event, tx);
      return true;
    });
  }

  /**
   * Resources of live environments that a status check looks at, with no lease held. `provisioning`
   * with its lease run out is work a crashed instance left half-done: the check resumes it.
   */
  async dueForCheck(now: Date, limit: number): Promise<StoredResource[]> {
    const rows = await this.db(`${RESOURCES} as r`)
      .whereIn('r.environment_id', this.environments.liveIds())
      .whereIn('r.state', [
        'healthy',
        'unhealthy',
        'missing',
        'failed',
        'provisioning',
      ])
      .where(q =>
        q
          .whereNull('r.lease_until')
          .orWhere('r.lease_until', '<', now.getTime()),
      )
      .orderBy([{ column: 'r.checked_at' }, { column: 'r.environment_id' }])
      .limit(limit)
      .select('r.*');
    return rows.map(resourceOf);
  }

  /** Resources of environments that are no longer live and are not torn down yet. */
  async dueForTeardown(now: Date, limit: number): Promise<StoredResource[]> {
    const rows = await this.db(`${RESOURCES} as r`)
      .whereNotIn('r.environment_id', this.environments.liveIds())
      .whereNot('r.state', 'torn-down')
      .where(q =>
        q
          .whereNull('r.lease_until')
          .orWhere('r.lease_until', '<', now.getTime()),
      )
      .orderBy([{ column: 'r.updated_at' }, { column: 'r.environment_id' }])
      .limit(limit)
      .select('r.*');
    return rows.map(resourceOf);
  }

  /** Records a history entry for an environment (e.g. a failed teardown that keeps its state). */
  async addEvent(environmentId: string, event: EnvironmentEvent) {
    await this.environments.appendEvent(environmentId, event);
  }
}
