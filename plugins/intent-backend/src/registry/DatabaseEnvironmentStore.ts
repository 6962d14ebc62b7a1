import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  EnvironmentDetails,
  EnvironmentEvent,
  EnvironmentFile,
  EnvironmentFileInfo,
  EnvironmentList,
  EnvironmentListQuery,
  EnvironmentRevision,
  EnvironmentStatus,
  EnvironmentSummary,
  liveEnvironmentStatuses,
  PlanDiff,
  TeardownPlan,
} from '@cairn/plugin-intent-common';
import { Knex } from 'knex';
import { DatabaseResourceStore } from '../provisioning/DatabaseResourceStore';

const migrationsDir = resolvePackagePath(
  '@cairn/plugin-intent-backend',
  'migrations',
);

const ENVIRONMENTS = 'intent_environments';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Environment ids are UUIDs; anything else is simply not found, before a query sees it (a NUL in a
 * URL's id would otherwise reach PostgreSQL, which refuses it with an error).
 */
function isEnvironmentId(id: string): boolean {
  return UUID.test(id);
}
const FILES = 'intent_environment_files';
const EVENTS = 'intent_environment_events';
const REVISIONS = 'intent_environment_revisions';

/** What a registration stores: the summary's facts plus the documents the environment pages show. */
export type NewEnvironment = Omit<
  EnvironmentDetails,
  'files' | 'history' | 'teardownPlan' | 'updatedAt' | 'resources'
> & { idempotencyKey?: string };

/** What one version of an environment's plan consists of: its documents, figures and files. */
export type RevisionDocuments = Pick<
  NewEnvironment,
  | 'intent'
  | 'plan'
  | 'cost'
  | 'policyReport'
  | 'planMarkdown'
  | 'bundleManifest'
  | 'monthlyCostLowUsd'
  | 'monthlyCostHighUsd'
  | 'priceTableVersion'
  | 'policyPackVersion'
  | 'platformVersion'
  | 'intentSha256'
  | 'bundleSha256'
  | 'policies'
> & { files: EnvironmentFile[] };

/** A day-2 change as proposed: the new version and its diff against the live one it was planned on. */
export type NewRevision = {
  /** The live version the diff is against; a change made on another one meanwhile is refused. */
  basedOn: number;
  requester: string;
  createdAt: string;
  taskId?: string;
  idempotencyKey?: string;
  diff: PlanDiff;
  documents: RevisionDocuments;
  /** Applied at once, or (production) kept waiting for an approval. */
  apply: boolean;
  event: EnvironmentEvent;
};

/** Thrown when the live version moved on between planning a change and storing it. */
export class RevisionMovedError extends Error {
  constructor(readonly live: number) {
    super(`the environment is at version ${live} now`);
  }
}

/** A status change with the history entry that explains it. */
export type Transition = {
  from: EnvironmentStatus[];
  event: EnvironmentEvent;
  patch?: {
    approvedBy?: string;
    approvedAt?: string;
    reviewLinks?: EnvironmentSummary['reviewLinks'];
    teardownPlan?: TeardownPlan;
  };
};

type Row = Record<string, any>;

const toMs = (iso: string) => new Date(iso).getTime();
const toIso = (ms: unknown) =>
  ms === null || ms === undefined
    ? undefined
    : new Date(Number(ms)).toISOString();
const isLive = (status: EnvironmentStatus) =>
  liveEnvironmentStatuses.includes(status);
const liveKey = (name: string, environment: string) => `${name}/${environment}`;

function summaryOf(row: Row): EnvironmentSummary {
  return {
    id: row.id,
    name: row.name,
    environment: row.environment,
    owner: row.owner,
    requester: row.requester,
    system: row.system ?? undefined,
    description: row.description ?? undefined,
    status: row.status,
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
    expiresAt: toIso(row.expires_at),
    monthlyCostLowUsd: Number(row.monthly_cost_low_usd),
    monthlyCostHighUsd: Number(row.monthly_cost_high_usd),
    priceTableVersion: row.price_table_version,
    policyPackVersion: row.policy_pack_version,
    platformVersion: row.platform_version,
    intentSha256: row.intent_sha256,
    bundleSha256: row.bundle_sha256,
    policies: {
      passed: Boolean(row.policies_passed),
      violations: Number(row.policy_violations),
      warnings: Number(row.policy_warnings),
    },
    reviewLinks: JSON.parse(row.review_links),
    approvedBy: row.approved_by ?? undefined,
    approvedAt: toIso(row.approved_at),
    taskId: row.task_id ?? undefined,
    revision: Number(row.revision ?? 1),
    pendingRevision:
      row.pending_revision === null || row.pending_revision === undefined
        ? undefined
        : Number(row.pending_revision),
  };
}

function revisionOf(row: Row): EnvironmentRevision {
  return {
    revision: Number(row.revision),
    status: row.status,
    requester: row.requester,
    createdAt: toIso(row.created_at)!,
    appliedAt: toIso(row.applied_at),
    approvedBy: row.approved_by ?? undefined,
    intentSha256: row.intent_sha256,
    bundleSha256: row.bundle_sha256,
    monthlyCostLowUsd: Number(row.monthly_cost_low_usd),
    monthlyCostHighUsd: Number(row.monthly_cost_high_usd),
    policies: {
      passed: Boolean(row.policies_passed),
      violations: Number(row.policy_violations),
      warnings: Number(row.policy_warnings),
    },
    diff: row.diff ? JSON.parse(row.diff) : undefined,
    taskId: row.task_id ?? undefined,
  };
}

/** The environment row's columns that hold one version's documents and figures. */
function documentColumns(d: RevisionDocuments): Row {
  return {
    monthly_cost_low_usd: d.monthlyCostLowUsd,
    monthly_cost_high_usd: d.monthlyCostHighUsd,
    price_table_version: d.priceTableVersion,
    policy_pack_version: d.policyPackVersion,
    platform_version: d.platformVersion,
    intent_sha256: d.intentSha256,
    bundle_sha256: d.bundleSha256,
    policies_passed: d.policies.passed,
    policy_violations: d.policies.violations,
    policy_warnings: d.policies.warnings,
    intent: JSON.stringify(d.intent),
    plan: JSON.stringify(d.plan),
    cost: JSON.stringify(d.cost),
    policy_report: JSON.stringify(d.policyReport),
    plan_markdown: d.planMarkdown,
    bundle_manifest: JSON.stringify(d.bundleManifest),
  };
}

/**
 * A version's lifetime: its plan's expiry (the same the files and tags carry, within the kind's
 * maximum as the guardrail checked), the owner to be warned again before it.
 */
function lifetimeColumns(d: RevisionDocuments): Row {
  return {
    expires_at: d.plan.expiresAt ? toMs(d.plan.expiresAt) : null,
    expiry_warned_at: null,
  };
}

/** A version's row: who, when, hashes, cost and guardrail counts. */
function revisionRow(
  environmentId: string,
  revision: number,
  status: EnvironmentRevision['status'],
  d: RevisionDocuments,
  fields: { requester: string; createdAt: string; taskId?: string },
): Row {
  return {
    environment_id: environmentId,
    revision,
    status,
    requester: fields.requester,
    created_at: toMs(fields.createdAt),
    task_id: fields.taskId ?? null,
    intent_sha256: d.intentSha256,
    bundle_sha256: d.bundleSha256,
    monthly_cost_low_usd: d.monthlyCostLowUsd,
    monthly_cost_high_usd: d.monthlyCostHighUsd,
    policies_passed: d.policies.passed,
    policy_violations: d.policies.violations,
    policy_warnings: d.policies.warnings,
  };
}

function eventOf(row: Row): EnvironmentEvent {
  return {
    type: row.type,
    at: toIso(row.at)!,
    actor: row.actor,
    fromStatus: row.from_status ?? undefined,
    toStatus: row.to_status,
    message: row.message ?? undefined,
  };
}

function eventRow(environmentId: string, event: EnvironmentEvent): Row {
  return {
    environment_id: environmentId,
    type: event.type,
    at: toMs(event.at),
    actor: event.actor,
    from_status: event.fromStatus ?? null,
    to_status: event.toStatus,
    message: event.message ?? null,
  };
}

/** Thrown when a live environment of the same name and kind exists. */
export class LiveEnvironmentExistsError extends Error {
  constructor(readonly existingId: string) {
    super(`live environment ${existingId} exists`);
  }
}

/** The environment registry's tables (migrations/), on SQLite or PostgreSQL. */
export class DatabaseEnvironmentStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseEnvironmentStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({
        directory: migrationsDir,
        tableName: 'intent_knex_migrations',
      });
    }
    return new DatabaseEnvironmentStore(client);
  }

  constructor(private readonly db: Knex) {}

  /** Resolves when the database answers (the health check). */
  async ping(): Promise<void> {
    await this.db.raw('select 1');
  }

  /**
   * Appends an entry to an environment's history, in the caller's transaction when given: the one way
   * anything (the registry, provisioning) records what happened to an environment.
   */
  async appendEvent(
    environmentId: string,
    event: EnvironmentEvent,
    tx: Knex = this.db,
  ): Promise<void> {
    await tx(EVENTS).insert(eventRow(environmentId, event));
  }

  /**
   * The ids of live environments as a subquery, for stores that select by them in one statement
   * without reading this store's tables themselves.
   */
  liveIds(): Knex.QueryBuilder {
    return this.db(ENVIRONMENTS)
      .select('id')
      .whereIn('status', liveEnvironmentStatuses);
  }

  /** The provisioned resources' rows, in the same database; their history goes through this store. */
  resources(): DatabaseResourceStore {
    return new DatabaseResourceStore(this.db, this);
  }

  /**
   * Stores a new environment, its files and its first history entry in one transaction. With an
   * idempotency key already used, stores nothing and returns the environment that key registered.
   */
  async insert(
    environment: NewEnvironment,
    files: EnvironmentFile[],
    event: EnvironmentEvent,
  ): Promise<{ summary: EnvironmentSummary; created: boolean }> {
    return this.db.transaction(async tx => {
      if (environment.idempotencyKey) {
        const existing = await tx(ENVIRONMENTS)
          .where({ idempotency_key: environment.idempotencyKey })
          .first();
        if (existing) return { summary: summaryOf(existing), created: false };
      }
      const key = liveKey(environment.name, environment.environment);
      if (isLive(environment.status)) {
        const live = await tx(ENVIRONMENTS).where({ live_key: key }).first();
        if (live) throw new LiveEnvironmentExistsError(live.id);
      }
      const now = toMs(event.at);
      await tx(ENVIRONMENTS).insert({
        id: environment.id,
        name: environment.name,
        environment: environment.environment,
        owner: environment.owner,
        requester: environment.requester,
        system: environment.system ?? null,
        description: environment.description ?? null,
        status: environment.status,
        created_at: toMs(environment.createdAt),
        updated_at: now,
        expires_at: environment.expiresAt ? toMs(environment.expiresAt) : null,
        monthly_cost_low_usd: environment.monthlyCostLowUsd,
        monthly_cost_high_usd: environment.monthlyCostHighUsd,
        price_table_version: environment.priceTableVersion,
        policy_pack_version: environment.policyPackVersion,
        platform_version: environment.platformVersion,
        intent_sha256: environment.intentSha256,
        bundle_sha256: environment.bundleSha256,
        policies_passed: environment.policies.passed,
        policy_violations: environment.policies.violations,
        policy_warnings: environment.policies.warnings,
        review_links: JSON.stringify(environment.reviewLinks),
        approved_by: environment.approvedBy ?? null,
        approved_at: environment.approvedAt
          ? toMs(environment.approvedAt)
          : null,
        task_id: environment.taskId ?? null,
        idempotency_key: environment.idempotencyKey ?? null,
        live_key: isLive(environment.status) ? key : null,
        intent: JSON.stringify(environment.intent),
        plan: JSON.stringify(environment.plan),
        cost: JSON.stringify(environment.cost),
        policy_report: JSON.stringify(environment.policyReport),
        plan_markdown: environment.planMarkdown,
        bundle_manifest: JSON.stringify(environment.bundleManifest),
      });
      await this.writeFiles(tx, environment.id, files);
      await tx(REVISIONS).insert({
        ...revisionRow(
          environment.id,
          1,
          environment.status === 'awaiting-approval'
            ? 'awaiting-approval'
            : 'applied',
          { ...environment, files },
          environment,
        ),
        applied_at: environment.status === 'awaiting-approval' ? null : now,
      });
      await this.appendEvent(environment.id, event, tx);
      const row = await tx(ENVIRONMENTS).where({ id: environment.id }).first();
      return { summary: summaryOf(row), created: true };
    });
  }

  private async writeFiles(tx: Knex, id: string, files: EnvironmentFile[]) {
    for (const f of files) {
      await tx(FILES).insert({
        environment_id: id,
        path: f.path,
        sha256: f.sha256,
        bytes: f.bytes,
        content: f.content,
      });
    }
  }

  /** The live environment of a name and kind, if there is one. */
  async findLive(
    name: string,
    environment: string,
  ): Promise<EnvironmentSummary | undefined> {
    const row = await this.db(ENVIRONMENTS)
      .where({ live_key: liveKey(name, environment) })
      .first();
    return row ? summaryOf(row) : undefined;
  }

  /** Every version of an environment's plan, newest first. */
  async listRevisions(environmentId: string): Promise<EnvironmentRevision[]> {
    if (!isEnvironmentId(environmentId)) return [];
    const rows = await this.db(REVISIONS)
      .where({ environment_id: environmentId })
      .orderBy('revision', 'desc');
    return rows.map(revisionOf);
  }

  /** One version, with its documents while it waits for approval. */
  async getRevision(
    environmentId: string,
    revision: number,
  ): Promise<
    (EnvironmentRevision & { pending?: RevisionDocuments }) | undefined
  > {
    const row = await this.db(REVISIONS)
      .where({ environment_id: environmentId, revision })
      .first();
    if (!row) return undefined;
    return {
      ...revisionOf(row),
      pending: row.pending ? JSON.parse(row.pending) : undefined,
    };
  }

  /** The version a scaffolder task's key proposed, if any. */
  async revisionByKey(
    idempotencyKey: string,
  ): Promise<(EnvironmentRevision & { environmentId: string }) | undefined> {
    const row = await this.db(REVISIONS)
      .where({ idempotency_key: idempotencyKey })
      .first();
    return row
      ? { ...revisionOf(row), environmentId: row.environment_id }
      : undefined;
  }

  /**
   * Stores a day-2 change as the environment's next version, in one transaction: applied at once (the
   * environment's documents and files become the new version's, its number moves on) or kept waiting
   * for approval with its documents (a waiting one it replaces is superseded). Refused with
   * RevisionMovedError when the live version is no longer `basedOn`, so two changes planned on the same
   * version cannot both land; undefined when the environment is no longer active.
   */
  async proposeRevision(
    environmentId: string,
    change: NewRevision,
  ): Promise<
    { summary: EnvironmentSummary; revision: EnvironmentRevision } | undefined
  > {
    return this.db.transaction(async tx => {
      const row = await tx(ENVIRONMENTS)
        .where({ id: environmentId, status: 'active' })
        .whereNull('teardown_requested_by')
        .first();
      if (!row) return undefined;
      if (Number(row.revision) !== change.basedOn) {
        throw new RevisionMovedError(Number(row.revision));
      }
      const [{ latest }] = await tx(REVISIONS)
        .where({ environment_id: environmentId })
        .max({ latest: 'revision' });
      const next = Number(latest ?? row.revision) + 1;
      const at = toMs(change.createdAt);
      // The conditional update is the lock: a concurrent change of the same version updates nothing.
      const moved = await tx(ENVIRONMENTS)
        .where({
          id: environmentId,
          revision: change.basedOn,
          status: 'active',
        })
        .update({
          updated_at: at,
          pending_revision: change.apply ? null : next,
          ...(change.apply
            ? {
                ...documentColumns(change.documents),
                ...lifetimeColumns(change.documents),
                revision: next,
              }
            : {}),
        });
      if (moved !== 1) {
        const now = await tx(ENVIRONMENTS)
          .where({ id: environmentId })
          .first('revision');
        throw new RevisionMovedError(Number(now?.revision ?? row.revision));
      }
      if (row.pending_revision !== null && row.pending_revision !== undefined) {
        await tx(REVISIONS)
          .where({
            environment_id: environmentId,
            revision: row.pending_revision,
            status: 'awaiting-approval',
          })
          .update({ status: 'superseded', pending: null });
      }
      await tx(REVISIONS).insert({
        ...revisionRow(
          environmentId,
          next,
          change.apply ? 'applied' : 'awaiting-approval',
          change.documents,
          change,
        ),
        applied_at: change.apply ? at : null,
        idempotency_key: change.idempotencyKey ?? null,
        diff: JSON.stringify(change.diff),
        pending: change.apply ? null : JSON.stringify(change.documents),
      });
      if (change.apply) {
        await tx(FILES).where({ environment_id: environmentId }).delete();
        await this.writeFiles(tx, environmentId, change.documents.files);
      }
      await this.appendEvent(
        environmentId,
        {
          ...change.event,
          message: `version ${next}${
            change.event.message ? `: ${change.event.message}` : ''
          }`,
        },
        tx,
      );
      return {
        summary: summaryOf(
          await tx(ENVIRONMENTS).where({ id: environmentId }).first(),
        ),
        revision: revisionOf(
          await tx(REVISIONS)
            .where({ environment_id: environmentId, revision: next })
            .first(),
        ),
      };
    });
  }

  /**
   * Applies the version waiting for approval: the environment's documents and files become its, in one
   * transaction with its history entry. Undefined (nothing changed) when that version no longer waits.
   */
  async approveRevision(
    environmentId: string,
    revision: number,
    approval: { approvedBy: string; event: EnvironmentEvent },
  ): Promise<EnvironmentSummary | undefined> {
    return this.db.transaction(async tx => {
      const pending = await tx(REVISIONS)
        .where({
          environment_id: environmentId,
          revision,
          status: 'awaiting-approval',
        })
        .first();
      if (!pending?.pending) return undefined;
      const documents = JSON.parse(pending.pending) as RevisionDocuments;
      const at = toMs(approval.event.at);
      const moved = await tx(ENVIRONMENTS)
        .where({
          id: environmentId,
          status: 'active',
          pending_revision: revision,
        })
        .update({
          ...documentColumns(documents),
          ...lifetimeColumns(documents),
          revision,
          pending_revision: null,
          updated_at: at,
        });
      if (moved !== 1) return undefined;
      await tx(REVISIONS)
        .where({ environment_id: environmentId, revision })
        .update({
          status: 'applied',
          applied_at: at,
          approved_by: approval.approvedBy,
          pending: null,
        });
      await tx(FILES).where({ environment_id: environmentId }).delete();
      await this.writeFiles(tx, environmentId, documents.files);
      await this.appendEvent(environmentId, approval.event, tx);
      return summaryOf(
        await tx(ENVIRONMENTS).where({ id: environmentId }).first(),
      );
    });
  }

  async getSummary(id: string): Promise<EnvironmentSummary | undefined> {
    if (!isEnvironmentId(id)) return undefined;
    const row = await this.db(ENVIRONMENTS).where({ id }).first();
    return row ? summaryOf(row) : undefined;
  }

  /** Everything but the resources, which the provisioning service adds (it knows the configuration). */
  async getDetails(
    id: string,
  ): Promise<Omit<EnvironmentDetails, 'resources'> | undefined> {
    if (!isEnvironmentId(id)) return undefined;
    const row = await this.db(ENVIRONMENTS).where({ id }).first();
    if (!row) return undefined;
    const files: EnvironmentFileInfo[] = (
      await this.db(FILES)
        .where({ environment_id: id })
        .select('path', 'sha256', 'bytes')
        .orderBy('path')
    ).map((f: Row) => ({
      path: f.path,
      sha256: f.sha256,
      bytes: Number(f.bytes),
    }));
    const history = (
      await this.db(EVENTS).where({ environment_id: id }).orderBy('id')
    ).map(eventOf);
    return {
      ...summaryOf(row),
      intent: JSON.parse(row.intent),
      plan: JSON.parse(row.plan),
      cost: JSON.parse(row.cost),
      policyReport: JSON.parse(row.policy_report),
      planMarkdown: row.plan_markdown,
      bundleManifest: JSON.parse(row.bundle_manifest),
      teardownPlan: row.teardown_plan
        ? JSON.parse(row.teardown_plan)
        : undefined,
      files,
      history,
    };
  }

  async getFile(
    id: string,
    path: string,
  ): Promise<EnvironmentFile | undefined> {
    if (!isEnvironmentId(id) || path.includes('\u0000')) return undefined;
    const row = await this.db(FILES)
      .where({ environment_id: id, path })
      .first();
    return row
      ? {
          path: row.path,
          content: row.content,
          sha256: row.sha256,
          bytes: Number(row.bytes),
        }
      : undefined;
  }

  /** Newest first, filtered by owner, status, kind and expiry. */
  async list(query: EnvironmentListQuery): Promise<EnvironmentList> {
    const filtered = () => {
      const q = this.db(ENVIRONMENTS);
      if (query.owner) q.where({ owner: query.owner });
      if (query.status?.length) q.whereIn('status', query.status);
      if (query.environment) q.where({ environment: query.environment });
      if (query.expiresBefore) {
        q.whereNotNull('expires_at').where(
          'expires_at',
          '<',
          toMs(query.expiresBefore),
        );
      }
      return q;
    };
    const [{ count }] = await filtered().count({ count: '*' });
    const rows = await filtered()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(query.limit ?? 100)
      .offset(query.offset ?? 0);
    return { items: rows.map(summaryOf), totalCount: Number(count) };
  }

  /** Live environments whose expiry has passed, oldest expiry first. */
  async dueForExpiry(now: Date, limit: number): Promise<EnvironmentSummary[]> {
    const rows = await this.db(ENVIRONMENTS)
      .whereIn('status', liveEnvironmentStatuses)
      .whereNotNull('expires_at')
      .where('expires_at', '<=', now.getTime())
      .orderBy('expires_at')
      .limit(limit);
    return rows.map(summaryOf);
  }

  /**
   * Changes an environment's status when it is in one of `from`, and records the history entry, in one
   * transaction. Returns undefined (changing nothing) when the environment is in another status, so two
   * replicas racing on the same change cannot both apply it.
   */
  async transition(
    id: string,
    transition: Transition,
  ): Promise<EnvironmentSummary | undefined> {
    const { event, patch } = transition;
    return this.db.transaction(async tx => {
      const row = await tx(ENVIRONMENTS).where({ id }).first();
      if (!row) return undefined;
      const update: Row = {
        status: event.toStatus,
        updated_at: toMs(event.at),
        live_key: isLive(event.toStatus)
          ? liveKey(row.name, row.environment)
          : null,
      };
      if (patch?.approvedBy) update.approved_by = patch.approvedBy;
      if (patch?.approvedAt) update.approved_at = toMs(patch.approvedAt);
      if (patch?.reviewLinks) {
        update.review_links = JSON.stringify(patch.reviewLinks);
      }
      if (patch?.teardownPlan) {
        update.teardown_plan = JSON.stringify(patch.teardownPlan);
      }
      const changed = await tx(ENVIRONMENTS)
        .where({ id })
        .whereIn('status', transition.from)
        .update(update);
      if (changed === 0) return undefined;
      if (patch?.approvedBy) {
        // The first version of a production environment is applied when it is approved.
        await tx(REVISIONS)
          .where({
            environment_id: id,
            revision: row.revision ?? 1,
            status: 'awaiting-approval',
          })
          .update({
            status: 'applied',
            applied_at: toMs(event.at),
            approved_by: patch.approvedBy,
          });
      }
      await this.appendEvent(id, event, tx);
      return summaryOf(await tx(ENVIRONMENTS).where({ id }).first());
    });
  }

  /**
   * Moves a live environment's expiry to `event.at` (an owner ending it early) and records who asked.
   * Returns undefined when the environment is no longer live.
   */
  async requestTeardown(
    id: string,
    event: EnvironmentEvent,
  ): Promise<EnvironmentSummary | undefined> {
    return this.changeLive(id, event, q => q, {
      expires_at: toMs(event.at),
      teardown_requested_by: event.actor,
    });
  }

  /**
   * Updates a live environment (narrowed further by `where`) and records the history entry, in one
   * transaction; undefined, changing nothing, when no live environment matched.
   */
  private async changeLive(
    id: string,
    event: EnvironmentEvent,
    where: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
    patch: Record<string, unknown>,
  ): Promise<EnvironmentSummary | undefined> {
    return this.db.transaction(async tx => {
      const changed = await where(
        tx(ENVIRONMENTS)
          .where({ id })
          .whereIn('status', liveEnvironmentStatuses),
      ).update({ ...patch, updated_at: toMs(event.at) });
      if (changed === 0) return undefined;
      await this.appendEvent(id, event, tx);
      return summaryOf(await tx(ENVIRONMENTS).where({ id }).first());
    });
  }

  /**
   * Moves a live environment's expiry to `expiresAt` (its owner extending it) and records who asked; the
   * owner will be warned again before the new expiry. Undefined when it is no longer live, or its
   * teardown was requested.
   */
  async extend(
    id: string,
    expiresAt: string,
    event: EnvironmentEvent,
  ): Promise<EnvironmentSummary | undefined> {
    return this.changeLive(
      id,
      event,
      q => q.whereNotNull('expires_at').whereNull('teardown_requested_by'),
      { expires_at: toMs(expiresAt), expiry_warned_at: null },
    );
  }

  /**
   * Live environments that expire before `before` and whose owner was not warned yet; each is marked
   * warned in the same statement that claims it, so two replicas never warn twice.
   */
  async claimExpiryWarnings(
    now: Date,
    before: Date,
    limit: number,
  ): Promise<EnvironmentSummary[]> {
    const due = await this.db(ENVIRONMENTS)
      .whereIn('status', liveEnvironmentStatuses)
      .whereNull('expiry_warned_at')
      .whereNull('teardown_requested_by')
      .whereNotNull('expires_at')
      .where('expires_at', '>', now.getTime())
      .where('expires_at', '<=', before.getTime())
      .orderBy('expires_at')
      .limit(limit)
      .select('id');
    const claimed: EnvironmentSummary[] = [];
    for (const { id } of due) {
      const changed = await this.db(ENVIRONMENTS)
        .where({ id })
        .whereNull('expiry_warned_at')
        .update({ expiry_warned_at: now.getTime() });
      if (changed === 1)
        claimed.push(
          summaryOf(await this.db(ENVIRONMENTS).where({ id }).first()),
        );
    }
    return claimed;
  }

  /** Who asked to end an environment early, if anyone. */
  async teardownRequestedBy(id: string): Promise<string | undefined> {
    const row = await this.db(ENVIRONMENTS)
      .where({ id })
      .select('teardown_requested_by')
      .first();
    return row?.teardown_requested_by ?? undefined;
  }

  /** The file content of `terraform/main.tf.json`, when kept. */
  async terraformOf(id: string): Promise<string | undefined> {
    return (await this.getFile(id, 'terraform/main.tf.json'))?.content;
  }
}
