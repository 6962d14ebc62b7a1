import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { emptyIngestCounts } from '@cairn/plugin-insights-common';
import { Knex } from 'knex';
import { deriveDeploymentFacts } from '../engine/deriveDeploymentFacts';
import {
  deriveChangeFacts,
  firstSuccessfulDeployment,
} from '../engine/deriveChangeFacts';
import {
  DeploymentFacts,
  IncidentLinkFact,
  TimelineDeployment,
  TimelineIncident,
} from '../engine/types';
import {
  ApplyOptions,
  ApplyResult,
  Identity,
  Pair,
  StoredChange,
  StoredDeployment,
  StoredEvent,
  StoredIncident,
} from './types';
import { dayOf, refreshDigests } from './changeDigests';
import {
  chunk,
  insertBatchRows,
  toBool,
  toNumber,
  toNumberOrNull,
} from './sql';

const migrationsDir = resolvePackagePath(
  '@cairn/plugin-insights-backend',
  'migrations',
);

/** DESIGN: the same deployment from two sources finishing within 10 minutes is one deployment. */
const MERGE_WINDOW_MS = 10 * 60 * 1000;

type Outcome = ApplyResult['outcomes'][number];
type Version = {
  id: number;
  updatedAt: number | null;
  lifecycle: number;
  contentHash: string;
};

const TABLES = {
  deployment: 'delivery_deployments',
  change: 'delivery_changes',
  incident: 'delivery_incidents',
} as const;

const key = (source: string, id: string) => `${source}\u0000${id}`;
const pairKey = (p: Pair) => `${p.componentRef}\u0000${p.envKey}`;

/**
 * Whether an incoming version of a record replaces the stored one (docs/DESIGN.md, "Identity"):
 * a later `updatedAt` wins and an earlier one is ignored; without both timestamps, the later lifecycle
 * state wins; for equal states a content-hash order breaks the tie, so the result does not depend on
 * the order events arrive in.
 */
export function supersedes(
  incoming: Omit<Version, 'id'>,
  stored: Omit<Version, 'id'>,
): boolean {
  if (
    incoming.updatedAt !== null &&
    stored.updatedAt !== null &&
    incoming.updatedAt !== stored.updatedAt
  ) {
    return incoming.updatedAt > stored.updatedAt;
  }
  if (incoming.lifecycle !== stored.lifecycle) {
    return incoming.lifecycle > stored.lifecycle;
  }
  return incoming.contentHash > stored.contentHash;
}

/**
 * The delivery store: events as reported plus the per-record facts derived from them, on SQLite or
 * PostgreSQL. Ingestion commits a whole batch, with its derived facts, in one transaction.
 */
export class DatabaseDeliveryStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseDeliveryStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseDeliveryStore(client);
  }

  constructor(readonly db: Knex) {}

  /**
   * Stores a validated, attributed batch and re-derives every fact it affects, atomically: in its own
   * transaction, or in the caller's when one is given (the caller then commits).
   */
  async applyEvents(
    events: StoredEvent[],
    options: ApplyOptions,
    transaction?: Knex.Transaction,
  ): Promise<ApplyResult> {
    if (transaction) return applyInTransaction(transaction, events, options);
    return this.db.transaction(tx => applyInTransaction(tx, events, options));
  }

  /** Re-derives the facts of the given component/environment pairs (after a configuration change). */
  async rederive(pairs: Pair[], options: ApplyOptions): Promise<void> {
    await this.db.transaction(async tx => {
      for (const pair of pairs) {
        const deployments = await derivePair(tx, pair, options.linkWindowMs);
        await deriveChangeFacts_(
          tx,
          await changesShippedBy(tx, new Set(deployments)),
        );
      }
    });
  }

  /** Every pair that has deployments or incidents. */
  async listPairs(): Promise<Pair[]> {
    const rows = await this.db
      .select('component_ref', 'env_key')
      .from('delivery_deployments')
      .whereNotNull('component_ref')
      .union(q =>
        q
          .select('component_ref', 'env_key')
          .from('delivery_incidents')
          .whereNotNull('component_ref'),
      );
    return rows.map(r => ({
      componentRef: r.component_ref,
      envKey: r.env_key,
    }));
  }
}

async function applyInTransaction(
  tx: Knex.Transaction,
  events: StoredEvent[],
  options: ApplyOptions,
): Promise<ApplyResult> {
  const outcomes: Outcome[] = new Array(events.length);
  const counts = emptyIngestCounts();
  const affectedPairs = new Map<string, Pair>();
  const touchedDeploymentIds = new Set<number>();
  const touchedChangeIds = new Set<number>();
  const addPair = (componentRef: string | null, envKey: string) => {
    if (componentRef)
      affectedPairs.set(pairKey({ componentRef, envKey }), {
        componentRef,
        envKey,
      });
  };

  // Deployments first, so that changes and incidents in the same batch can refer to them.
  for (const type of ['deployment', 'change', 'incident'] as const) {
    const indexes = events.flatMap((e, i) => (e.type === type ? [i] : []));
    if (indexes.length === 0) continue;
    const table = TABLES[type];
    const existing = await loadVersions(
      tx,
      table,
      indexes.map(i => events[i]),
    );

    const toInsert = new Map<string, StoredEvent>();
    const toUpdate = new Map<string, { id: number; event: StoredEvent }>();
    for (const i of indexes) {
      const event = events[i];
      const k = key(event.source, event.externalId);
      const pending = toInsert.get(k) ?? toUpdate.get(k)?.event;
      const current: Omit<Version, 'id'> | undefined = pending
        ? {
            updatedAt: pending.updatedAt,
            lifecycle: pending.lifecycle,
            contentHash: pending.contentHash,
          }
        : existing.get(k);
      if (current && current.contentHash === event.contentHash) {
        outcomes[i] = 'unchanged';
      } else if (current && !supersedes(event, current)) {
        outcomes[i] = 'stale';
      } else if (toInsert.has(k) || !current) {
        toInsert.set(k, event);
        outcomes[i] = 'inserted';
      } else {
        const id = existing.get(k)!.id;
        toUpdate.set(k, { id, event });
        outcomes[i] = 'updated';
      }
    }

    if (type === 'deployment') {
      await writeDeployments(
        tx,
        toInsert,
        toUpdate,
        options,
        touchedDeploymentIds,
        addPair,
      );
    } else if (type === 'change') {
      await writeChanges(tx, toInsert, toUpdate, options, touchedChangeIds);
    } else {
      await writeIncidents(tx, toInsert, toUpdate, options, addPair);
    }
  }

  for (let i = 0; i < events.length; i++) {
    const outcome = outcomes[i];
    if (outcome === 'stale') {
      counts.stale++;
      counts.unchanged++;
    } else {
      counts[outcome]++;
    }
    if (
      (outcome === 'inserted' || outcome === 'updated') &&
      events[i].componentRef === null
    ) {
      counts.unattributed++;
    }
  }

  counts.merged = await mergeDuplicateDeployments(
    tx,
    touchedDeploymentIds,
    addPair,
  );

  // Failure facts change with later events (a hotfix, an incident); lead times change only when what
  // a deployment shipped, its result or its finish changed: the deployments touched by this batch.
  for (const pair of affectedPairs.values()) {
    await derivePair(tx, pair, options.linkWindowMs);
  }
  const changeIds = await changesShippedBy(tx, touchedDeploymentIds);
  for (const id of touchedChangeIds) changeIds.add(id);
  await deriveChangeFacts_(tx, changeIds);

  return { ...counts, outcomes };
}

async function loadVersions(
  tx: Knex.Transaction,
  table: string,
  events: StoredEvent[],
): Promise<Map<string, Version>> {
  const bySource = new Map<string, string[]>();
  for (const e of events) {
    const ids = bySource.get(e.source) ?? [];
    ids.push(e.externalId);
    bySource.set(e.source, ids);
  }
  const versions = new Map<string, Version>();
  for (const [source, ids] of bySource) {
    for (const part of chunk([...new Set(ids)], 500)) {
      const rows = await tx(table)
        .select('id', 'external_id', 'updated_at', 'lifecycle', 'content_hash')
        .where('source', source)
        .whereIn('external_id', part);
      for (const r of rows) {
        versions.set(key(source, r.external_id), {
          id: toNumber(r.id),
          updatedAt: toNumberOrNull(r.updated_at),
          lifecycle: toNumber(r.lifecycle),
          contentHash: r.content_hash,
        });
      }
    }
  }
  return versions;
}

/** What identifies the stored version of an event (see supersedes). */
function versionColumns(e: StoredEvent, receivedAt: number) {
  return {
    updated_at: e.updatedAt,
    lifecycle: e.lifecycle,
    content_hash: e.contentHash,
    received_at: receivedAt,
  };
}

function deploymentRow(e: StoredDeployment, receivedAt: number) {
  return {
    source: e.source,
    external_id: e.externalId,
    component_ref: e.componentRef,
    repository: e.repository,
    environment: e.environment,
    env_key: e.envKey,
    name: e.name,
    version: e.version,
    commit_sha: e.commit,
    started_at: e.startedAt,
    finished_at: e.finishedAt,
    result: e.result,
    trigger_type: e.trigger,
    fixes_source: e.fixes?.source ?? null,
    fixes_id: e.fixes?.id ?? null,
    fixes_incident_source: e.fixesIncident?.source ?? null,
    fixes_incident_id: e.fixesIncident?.id ?? null,
    automated: e.automated,
    url: e.url,
    ...versionColumns(e, receivedAt),
    is_rework: e.trigger !== 'normal' || e.fixesIncident !== null,
  };
}

async function insertReturningIds(
  tx: Knex.Transaction,
  table: string,
  rows: Array<
    Record<string, unknown> & { source: string; external_id: string }
  >,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const part of chunk(rows, insertBatchRows(tx))) {
    const inserted = await tx(table).insert(part, [
      'id',
      'source',
      'external_id',
    ]);
    for (const r of inserted as Array<{
      id: number;
      source: string;
      external_id: string;
    }>) {
      ids.set(key(r.source, r.external_id), toNumber(r.id));
    }
  }
  return ids;
}

async function writeDeployments(
  tx: Knex.Transaction,
  toInsert: Map<string, StoredEvent>,
  toUpdate: Map<string, { id: number; event: StoredEvent }>,
  options: ApplyOptions,
  touched: Set<number>,
  addPair: (componentRef: string | null, envKey: string) => void,
) {
  const inserts = [...toInsert.values()] as StoredDeployment[];
  const ids = await insertReturningIds(
    tx,
    TABLES.deployment,
    inserts.map(e => deploymentRow(e, options.now)),
  );
  const shipped: Array<{ id: number; event: StoredDeployment }> = inserts.map(
    e => ({
      id: ids.get(key(e.source, e.externalId))!,
      event: e,
    }),
  );

  for (const { id, event } of toUpdate.values()) {
    const e = event as StoredDeployment;
    const before = await tx(TABLES.deployment)
      .first('component_ref', 'env_key', 'merged_into')
      .where('id', id);
    addPair(before.component_ref, before.env_key);
    await tx(TABLES.deployment)
      .where('id', id)
      .update(deploymentRow(e, options.now));
    await tx('delivery_deployment_commits').where('deployment_id', id).delete();
    await tx('delivery_deployment_change_refs')
      .where('deployment_id', id)
      .delete();
    // A deployment merged into another stays merged only if it still matches; re-checked below.
    if (before.merged_into !== null) {
      await tx(TABLES.deployment).where('id', id).update({ merged_into: null });
    }
    shipped.push({ id, event: e });
  }

  const commitRows = shipped.flatMap(({ id, event }) =>
    [
      ...new Set([...event.commits, ...(event.commit ? [event.commit] : [])]),
    ].map(sha => ({
      deployment_id: id,
      commit_sha: sha,
    })),
  );
  for (const part of chunk(commitRows, insertBatchRows(tx)))
    await tx('delivery_deployment_commits').insert(part);
  const refRows = shipped.flatMap(({ id, event }) =>
    uniqueIdentities(event.changes).map(ref => ({
      deployment_id: id,
      change_source: ref.source,
      change_id: ref.id,
    })),
  );
  for (const part of chunk(refRows, insertBatchRows(tx)))
    await tx('delivery_deployment_change_refs').insert(part);

  for (const { id, event } of shipped) {
    touched.add(id);
    addPair(event.componentRef, event.envKey);
  }
}

function uniqueIdentities(refs: Identity[]): Identity[] {
  const seen = new Map<string, Identity>();
  for (const r of refs) seen.set(key(r.source, r.id), r);
  return [...seen.values()];
}

function changeRow(e: StoredChange, receivedAt: number) {
  return {
    source: e.source,
    external_id: e.externalId,
    repository: e.repository,
    component_ref: e.componentRef,
    number: e.number,
    title: e.title,
    url: e.url,
    author: e.author,
    first_commit_at: e.firstCommitAt,
    opened_at: e.openedAt,
    first_review_at: e.firstReviewAt,
    merged_at: e.mergedAt,
    merge_commit_sha: e.mergeCommit,
    closed_at: e.closedAt,
    changed_paths: e.changedPaths ? JSON.stringify(e.changedPaths) : null,
    ...versionColumns(e, receivedAt),
  };
}

async function writeChanges(
  tx: Knex.Transaction,
  toInsert: Map<string, StoredEvent>,
  toUpdate: Map<string, { id: number; event: StoredEvent }>,
  options: ApplyOptions,
  touched: Set<number>,
) {
  const inserts = [...toInsert.values()] as StoredChange[];
  const ids = await insertReturningIds(
    tx,
    TABLES.change,
    inserts.map(e => changeRow(e, options.now)),
  );
  for (const id of ids.values()) touched.add(id);
  for (const { id, event } of toUpdate.values()) {
    await tx(TABLES.change)
      .where('id', id)
      .update(changeRow(event as StoredChange, options.now));
    touched.add(id);
  }
}

function incidentRow(e: StoredIncident, receivedAt: number) {
  return {
    source: e.source,
    external_id: e.externalId,
    component_ref: e.componentRef,
    repository: e.repository,
    environment: e.environment,
    env_key: e.envKey,
    severity: e.severity,
    title: e.title,
    url: e.url,
    detected_at: e.detectedAt,
    resolved_at: e.resolvedAt,
    caused_by_source: e.causedBy?.deployment?.source ?? null,
    caused_by_id: e.causedBy?.deployment?.id ?? null,
    caused_by_version: e.causedBy?.version ?? null,
    caused_by_commit: e.causedBy?.commit ?? null,
    ...versionColumns(e, receivedAt),
  };
}

async function writeIncidents(
  tx: Knex.Transaction,
  toInsert: Map<string, StoredEvent>,
  toUpdate: Map<string, { id: number; event: StoredEvent }>,
  options: ApplyOptions,
  addPair: (componentRef: string | null, envKey: string) => void,
) {
  const rows: Array<{ id?: number; event: StoredIncident }> = [
    ...([...toInsert.values()] as StoredIncident[]).map(event => ({ event })),
    ...[...toUpdate.values()].map(u => ({
      id: u.id,
      event: u.event as StoredIncident,
    })),
  ];
  for (const row of rows) {
    // An incident naming the deployment that caused it belongs to that deployment's component and
    // environment, whatever else it says.
    const cause = row.event.causedBy?.deployment;
    if (cause) {
      const deployment = await tx(TABLES.deployment)
        .first('component_ref', 'env_key')
        .where({ source: cause.source, external_id: cause.id });
      if (deployment?.component_ref) {
        // In place, so the batch's counts see the attribution too.
        row.event.componentRef = deployment.component_ref;
        row.event.envKey = deployment.env_key;
      }
    }
  }
  const inserts = rows.filter(r => r.id === undefined).map(r => r.event);
  await insertReturningIds(
    tx,
    TABLES.incident,
    inserts.map(e => incidentRow(e, options.now)),
  );
  for (const e of inserts) addPair(e.componentRef, e.envKey);
  for (const { id, event } of rows.filter(r => r.id !== undefined)) {
    const before = await tx(TABLES.incident)
      .first('component_ref', 'env_key')
      .where('id', id!);
    addPair(before.component_ref, before.env_key);
    await tx(TABLES.incident)
      .where('id', id!)
      .update(incidentRow(event, options.now));
    addPair(event.componentRef, event.envKey);
  }
}

type MergeCandidate = {
  id: number;
  source: string;
  componentRef: string;
  envKey: string;
  finishedAt: number;
  commit: string | null;
  version: string | null;
};

function sameRelease(a: MergeCandidate, b: MergeCandidate) {
  if (a.commit && b.commit) return a.commit === b.commit;
  return !!a.version && a.version === b.version;
}

/**
 * DESIGN: the same real deployment reported by two sources (same component, environment and deployed
 * commit or version, finishing within 10 minutes) is merged into the one stored first.
 */
async function mergeDuplicateDeployments(
  tx: Knex.Transaction,
  touched: Set<number>,
  addPair: (componentRef: string | null, envKey: string) => void,
): Promise<number> {
  if (touched.size === 0) return 0;
  const columns = [
    'id',
    'source',
    'component_ref',
    'env_key',
    'finished_at',
    'commit_sha',
    'version',
    'merged_into',
  ];
  const toCandidate = (r: Record<string, any>): MergeCandidate => ({
    id: toNumber(r.id),
    source: r.source,
    componentRef: r.component_ref,
    envKey: r.env_key,
    finishedAt: toNumber(r.finished_at),
    commit: r.commit_sha,
    version: r.version,
  });
  const fresh: MergeCandidate[] = [];
  for (const part of chunk([...touched], 500)) {
    const rows = await tx(TABLES.deployment)
      .select(columns)
      .whereIn('id', part)
      .whereNotNull('component_ref')
      .whereNotNull('finished_at')
      .whereNull('merged_into');
    fresh.push(...rows.map(toCandidate));
  }
  const byPair = new Map<string, MergeCandidate[]>();
  for (const d of fresh) {
    const k = pairKey(d);
    byPair.set(k, [...(byPair.get(k) ?? []), d]);
  }
  let merged = 0;
  for (const group of byPair.values()) {
    const { componentRef, envKey } = group[0];
    const from = Math.min(...group.map(d => d.finishedAt)) - MERGE_WINDOW_MS;
    const to = Math.max(...group.map(d => d.finishedAt)) + MERGE_WINDOW_MS;
    const others = await tx(TABLES.deployment)
      .select(columns)
      .where({ component_ref: componentRef, env_key: envKey })
      .whereNull('merged_into')
      .whereBetween('finished_at', [from, to]);
    // Merging needs a second source in the window; most batches come from one.
    if (new Set(others.map(r => r.source)).size < 2) continue;
    const pool = others.map(toCandidate).sort((a, b) => a.id - b.id);
    const mergedIds = new Set<number>();
    // The one stored first stays canonical; each later one merges into the first earlier match.
    for (const d of pool) {
      if (!touched.has(d.id) || mergedIds.has(d.id)) continue;
      const canonical = pool.find(
        c =>
          c.id < d.id &&
          !mergedIds.has(c.id) &&
          c.source !== d.source &&
          Math.abs(c.finishedAt - d.finishedAt) <= MERGE_WINDOW_MS &&
          sameRelease(c, d),
      );
      if (canonical) {
        await tx(TABLES.deployment)
          .where('id', d.id)
          .update({ merged_into: canonical.id });
        mergedIds.add(d.id);
        touched.add(canonical.id);
        merged++;
      }
    }
    addPair(componentRef, envKey);
  }
  return merged;
}

/**
 * Derives deployment facts and incident links for one component and environment from its whole
 * timeline, writing only what changed. Returns the ids of the pair's canonical deployments.
 */
async function derivePair(
  tx: Knex.Transaction,
  pair: Pair,
  linkWindowMs: number,
): Promise<number[]> {
  const rows = await tx(TABLES.deployment)
    .select(
      'id',
      'source',
      'external_id',
      'finished_at',
      'result',
      'trigger_type',
      'version',
      'commit_sha',
      'fixes_source',
      'fixes_id',
      'fixes_incident_id',
      'merged_into',
      'is_failed',
      'failure_reasons',
      'recovered_at',
      'recovery_seconds',
    )
    .where({ component_ref: pair.componentRef, env_key: pair.envKey })
    .whereNotNull('finished_at')
    .whereNotNull('result');
  const canonicalOf = new Map<string, number>();
  for (const r of rows) {
    canonicalOf.set(
      key(r.source, r.external_id),
      toNumber(r.merged_into ?? r.id),
    );
  }
  const timeline: TimelineDeployment[] = rows
    .filter(r => r.merged_into === null)
    .map(r => ({
      id: toNumber(r.id),
      source: r.source,
      externalId: r.external_id,
      finishedAt: toNumber(r.finished_at),
      result: r.result,
      trigger: r.trigger_type,
      version: r.version,
      commit: r.commit_sha,
      fixes:
        r.fixes_id === null
          ? null
          : {
              deploymentId:
                canonicalOf.get(key(r.fixes_source, r.fixes_id)) ?? null,
            },
      fixesIncident: r.fixes_incident_id !== null,
    }));

  const incidentRows = await tx(TABLES.incident)
    .select(
      'id',
      'detected_at',
      'resolved_at',
      'caused_by_source',
      'caused_by_id',
      'caused_by_version',
      'caused_by_commit',
      'linked_deployment_id',
      'link_type',
    )
    .where({ component_ref: pair.componentRef, env_key: pair.envKey });
  const incidents: TimelineIncident[] = incidentRows.map(r => ({
    id: toNumber(r.id),
    detectedAt: toNumber(r.detected_at),
    resolvedAt: toNumberOrNull(r.resolved_at),
    causedBy: causeOf(r, canonicalOf),
  }));

  const derived = deriveDeploymentFacts(timeline, incidents, { linkWindowMs });
  for (const r of rows) {
    if (r.merged_into !== null) continue;
    const id = toNumber(r.id);
    const facts = derived.deployments.get(id)!;
    const reasons = JSON.stringify(facts.reasons);
    if (
      toBool(r.is_failed) !== facts.failed ||
      (r.failure_reasons ?? '[]') !== reasons ||
      toNumberOrNull(r.recovered_at) !== facts.recoveredAt
    ) {
      await tx(TABLES.deployment).where('id', id).update(factColumns(facts));
    }
  }
  for (const r of incidentRows) {
    const link: IncidentLinkFact = derived.incidents.get(toNumber(r.id))!;
    const linkedId =
      link.type === 'explicit' || link.type === 'inferred'
        ? link.deploymentId
        : null;
    if (
      r.link_type !== link.type ||
      toNumberOrNull(r.linked_deployment_id) !== linkedId
    ) {
      await tx(TABLES.incident)
        .where('id', r.id)
        .update({ link_type: link.type, linked_deployment_id: linkedId });
    }
  }
  return timeline.map(d => d.id);
}

/** An incident's reported cause, with a named deployment resolved to its canonical id. */
function causeOf(
  r: Record<string, any>,
  canonicalOf: Map<string, number>,
): TimelineIncident['causedBy'] {
  if (r.caused_by_id !== null) {
    return {
      deploymentId:
        canonicalOf.get(key(r.caused_by_source, r.caused_by_id)) ?? null,
    };
  }
  if (r.caused_by_version !== null || r.caused_by_commit !== null) {
    return { version: r.caused_by_version, commit: r.caused_by_commit };
  }
  return null;
}

function factColumns(facts: DeploymentFacts) {
  return {
    is_failed: facts.failed,
    failed_by_result: facts.reasons.some(r => r.kind === 'result'),
    failed_by_fix: facts.reasons.some(r => r.kind === 'fixed'),
    failed_by_incident: facts.reasons.some(r => r.kind === 'incident'),
    failure_reasons: JSON.stringify(facts.reasons),
    recovered_at: facts.recoveredAt,
    recovery_seconds: facts.recoverySeconds,
  };
}

/** Ids of the changes that the given deployments (or deployments merged into them) shipped. */
/**
 * A condition matching any of the given identities: per source, `source = ? AND id IN (...)`, which
 * both engines answer from the identity index (a row-value IN list is not, on PostgreSQL).
 */
function identityIn(
  sourceColumn: string,
  idColumn: string,
  identities: Identity[],
) {
  const bySource = new Map<string, string[]>();
  for (const { source, id } of identities)
    bySource.set(source, [...(bySource.get(source) ?? []), id]);
  return (q: Knex.QueryBuilder) => {
    if (bySource.size === 0) q.whereRaw('1 = 0');
    for (const [source, ids] of bySource) {
      q.orWhere(inner =>
        inner.where(sourceColumn, source).whereIn(idColumn, ids),
      );
    }
  };
}

async function changesShippedBy(
  tx: Knex.Transaction,
  deploymentIds: Set<number>,
): Promise<Set<number>> {
  const ids = new Set<number>();
  // Simple indexed lookups, one table at a time: join plans on fast-growing tables go wrong until
  // the planner's statistics catch up.
  for (const part of chunk([...deploymentIds], 1000)) {
    const merged = await tx(TABLES.deployment)
      .select('id')
      .whereIn('merged_into', part);
    const family = [...part, ...merged.map(r => toNumber(r.id))];
    const refs = await tx('delivery_deployment_change_refs')
      .select('change_source', 'change_id')
      .whereIn('deployment_id', family);
    const commits = await tx('delivery_deployment_commits')
      .select('commit_sha')
      .whereIn('deployment_id', family);
    for (const refPart of chunk(refs, 1000)) {
      const found = await tx(TABLES.change)
        .select('id')
        .where(
          identityIn(
            'source',
            'external_id',
            refPart.map(r => ({ source: r.change_source, id: r.change_id })),
          ),
        );
      for (const r of found) ids.add(toNumber(r.id));
    }
    for (const shaPart of chunk(
      [...new Set(commits.map(r => r.commit_sha as string))],
      1000,
    )) {
      const found = await tx(TABLES.change)
        .select('id')
        .whereIn('merge_commit_sha', shaPart);
      for (const r of found) ids.add(toNumber(r.id));
    }
  }
  return ids;
}

type ShippingDeployment = {
  id: number;
  componentRef: string;
  envKey: string;
  finishedAt: number;
  result: string | null;
};

/**
 * Re-derives the lead-time facts of the given changes: per component and environment, the first
 * successful deployment that shipped each change (listed it, or deployed or listed its merge commit).
 */
async function deriveChangeFacts_(
  tx: Knex.Transaction,
  changeIds: Set<number>,
) {
  for (const part of chunk([...changeIds], 1000)) {
    const changes = await tx(TABLES.change)
      .select(
        'id',
        'source',
        'external_id',
        'first_commit_at',
        'opened_at',
        'first_review_at',
        'merged_at',
        'merge_commit_sha',
      )
      .whereIn('id', part);

    // Which deployments shipped each change: those listing it, and those deploying or listing its
    // merge commit. Indexed lookups, one table at a time (see changesShippedBy).
    const shippedBy = new Map<number, Set<number>>();
    const ship = (changeId: number, deploymentId: number) => {
      const set = shippedBy.get(changeId) ?? new Set<number>();
      set.add(deploymentId);
      shippedBy.set(changeId, set);
    };
    const changeByIdentity = new Map(
      changes.map(c => [key(c.source, c.external_id), toNumber(c.id)]),
    );
    const refs = await tx('delivery_deployment_change_refs')
      .select('deployment_id', 'change_source', 'change_id')
      .where(
        identityIn(
          'change_source',
          'change_id',
          changes.map(c => ({ source: c.source, id: c.external_id })),
        ),
      );
    for (const r of refs)
      ship(
        changeByIdentity.get(key(r.change_source, r.change_id))!,
        toNumber(r.deployment_id),
      );
    const changesBySha = new Map<string, number[]>();
    for (const c of changes) {
      if (c.merge_commit_sha)
        changesBySha.set(c.merge_commit_sha, [
          ...(changesBySha.get(c.merge_commit_sha) ?? []),
          toNumber(c.id),
        ]);
    }
    if (changesBySha.size) {
      const commits = await tx('delivery_deployment_commits')
        .select('deployment_id', 'commit_sha')
        .whereIn('commit_sha', [...changesBySha.keys()]);
      for (const r of commits) {
        for (const changeId of changesBySha.get(r.commit_sha) ?? [])
          ship(changeId, toNumber(r.deployment_id));
      }
    }

    // The shipping deployments; one merged into another counts as that one (its finish, result, component).
    const deployments = new Map<number, Record<string, any>>();
    const load = async (ids: number[]) => {
      for (const idPart of chunk(
        ids.filter(id => !deployments.has(id)),
        1000,
      )) {
        const rows = await tx(TABLES.deployment)
          .select(
            'id',
            'merged_into',
            'component_ref',
            'env_key',
            'finished_at',
            'result',
          )
          .whereIn('id', idPart);
        for (const r of rows) deployments.set(toNumber(r.id), r);
      }
    };
    await load([...new Set([...shippedBy.values()].flatMap(set => [...set]))]);
    await load(
      [...deployments.values()]
        .filter(d => d.merged_into !== null)
        .map(d => toNumber(d.merged_into)),
    );

    const factRows: Record<string, unknown>[] = [];
    for (const c of changes) {
      const byPair = new Map<string, ShippingDeployment[]>();
      for (const id of shippedBy.get(toNumber(c.id)) ?? []) {
        let d = deployments.get(id);
        if (d?.merged_into !== null && d?.merged_into !== undefined)
          d = deployments.get(toNumber(d.merged_into));
        if (!d || !d.component_ref || d.finished_at === null) continue;
        const k = pairKey({ componentRef: d.component_ref, envKey: d.env_key });
        byPair.set(k, [
          ...(byPair.get(k) ?? []),
          {
            id: toNumber(d.id),
            componentRef: d.component_ref,
            envKey: d.env_key,
            finishedAt: toNumber(d.finished_at),
            result: d.result,
          },
        ]);
      }
      for (const list of byPair.values()) {
        const first = firstSuccessfulDeployment(list);
        if (!first) continue;
        const facts = deriveChangeFacts(
          {
            firstCommitAt: toNumberOrNull(c.first_commit_at),
            openedAt: toNumberOrNull(c.opened_at),
            firstReviewAt: toNumberOrNull(c.first_review_at),
            mergedAt: toNumberOrNull(c.merged_at),
          },
          first.finishedAt,
        );
        factRows.push({
          change_id: toNumber(c.id),
          component_ref: first.componentRef,
          env_key: first.envKey,
          deployment_id: first.id,
          deployed_at: facts.deployedAt,
          lead_seconds: facts.leadSeconds,
          coding_seconds: facts.codingSeconds,
          pickup_seconds: facts.pickupSeconds,
          review_seconds: facts.reviewSeconds,
          deploy_seconds: facts.deploySeconds,
        });
      }
    }
    // Replace the facts; the days whose digests change are those of the facts removed and added.
    const previous: Array<Record<string, any>> = await tx(
      'delivery_change_facts',
    )
      .select('component_ref', 'env_key', 'deployed_at')
      .whereIn('change_id', part);
    await tx('delivery_change_facts').whereIn('change_id', part).delete();
    for (const rows of chunk(factRows, insertBatchRows(tx))) {
      await tx('delivery_change_facts').insert(rows);
    }
    await refreshDigests(
      tx,
      [...previous, ...factRows].map(f => ({
        componentRef: f.component_ref as string,
        envKey: f.env_key as string,
        day: dayOf(toNumber(f.deployed_at)),
      })),
    );
  }
}
