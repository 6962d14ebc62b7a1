import {
  emptyIngestCounts,
  isNewerVersion,
} from '@cairn/plugin-insights-common';
import { Knex } from 'knex';
import {
  ApplyOptions,
  ApplyResult,
  Identity,
  Pair,
  StoredChange,
  StoredDeployment,
  StoredEvent,
  StoredIncident,
  StoredPipelineRun,
} from './types';
import {
  changesBuiltAs,
  changesShippedBy,
  derivePairAround,
  deriveChangeFactsFor,
} from './deriveFacts';
import { mergeDuplicateDeployments } from './mergeSources';
import {
  chunk,
  insertBatchRows,
  toNumber,
  toNumberOrNull,
} from '../../shared/sql';
import { identityKey, pairKey, TABLES } from './tables';

/*
 * Writing a batch: each event's identity and version against what is stored (DESIGN "Identity"),
 * inserts and updates of the records, the sources merged, and the facts the batch affects re-derived.
 */

type Outcome = ApplyResult['outcomes'][number];
type Version = {
  id: number;
  updatedAt: number | null;
  lifecycle: number;
  contentHash: string;
};

/** Records that facts of a component and environment may have changed around a time. */
export type AddPair = (
  componentRef: string | null,
  envKey: string,
  time?: number | string | null,
) => void;

/** Stores a validated, attributed batch and re-derives every fact it affects, in the caller's transaction. */
export async function writeEvents(
  tx: Knex.Transaction,
  events: StoredEvent[],
  options: ApplyOptions,
): Promise<ApplyResult> {
  const outcomes: Outcome[] = new Array(events.length);
  const counts = emptyIngestCounts();
  // Per component and environment, the times around which facts can have changed.
  const affectedPairs = new Map<string, { pair: Pair; times: Set<number> }>();
  const touchedDeploymentIds = new Set<number>();
  const touchedChangeIds = new Set<number>();
  // Commits whose pipeline runs changed: the changes merged as them may have a new build stage.
  const builtCommits = new Set<string>();
  const addPair: AddPair = (componentRef, envKey, time) => {
    if (!componentRef) return;
    const key = pairKey({ componentRef, envKey });
    const entry = affectedPairs.get(key) ?? {
      pair: { componentRef, envKey },
      times: new Set<number>(),
    };
    if (time !== null && time !== undefined) entry.times.add(toNumber(time));
    affectedPairs.set(key, entry);
  };

  // Deployments first, so that changes and incidents in the same batch can refer to them.
  for (const type of [
    'deployment',
    'change',
    'incident',
    'pipelineRun',
  ] as const) {
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
      const k = identityKey(event.source, event.externalId);
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
      } else if (current && !isNewerVersion(event, current)) {
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
    } else if (type === 'incident') {
      await writeIncidents(tx, toInsert, toUpdate, options, addPair);
    } else {
      await writePipelineRuns(tx, toInsert, toUpdate, options, builtCommits);
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
  for (const { pair, times } of affectedPairs.values()) {
    await derivePairAround(tx, pair, [...times], options.linkWindowMs);
  }
  const changeIds = await changesShippedBy(tx, touchedDeploymentIds);
  for (const id of touchedChangeIds) changeIds.add(id);
  for (const id of await changesBuiltAs(tx, builtCommits)) changeIds.add(id);
  await deriveChangeFactsFor(tx, changeIds);

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
        versions.set(identityKey(source, r.external_id), {
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

/** What identifies the stored version of an event (see isNewerVersion). */
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
      ids.set(identityKey(r.source, r.external_id), toNumber(r.id));
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
  addPair: AddPair,
) {
  const inserts = [...toInsert.values()] as StoredDeployment[];
  const ids = await insertReturningIds(
    tx,
    TABLES.deployment,
    inserts.map(e => deploymentRow(e, options.now)),
  );
  const shipped: Array<{ id: number; event: StoredDeployment }> = inserts.map(
    e => ({
      id: ids.get(identityKey(e.source, e.externalId))!,
      event: e,
    }),
  );

  for (const { id, event } of toUpdate.values()) {
    const e = event as StoredDeployment;
    const before = await tx(TABLES.deployment)
      .first(
        'component_ref',
        'env_key',
        'merged_into',
        'finished_at',
        'fixes_source',
        'fixes_id',
      )
      .where('id', id);
    addPair(before.component_ref, before.env_key, before.finished_at);
    // The deployment it said it fixed may no longer be failed.
    if (before.fixes_id !== null) {
      const fixed = await tx(TABLES.deployment)
        .first('component_ref', 'env_key', 'finished_at')
        .where({ source: before.fixes_source, external_id: before.fixes_id });
      if (fixed) addPair(fixed.component_ref, fixed.env_key, fixed.finished_at);
    }
    // The incidents linked to it or naming it, wherever they are: if it moves to another component,
    // environment or time, their links are decided again where they were detected.
    const incidents = await tx(TABLES.incident)
      .select('component_ref', 'env_key', 'detected_at')
      .where('linked_deployment_id', id)
      .orWhere({ caused_by_source: e.source, caused_by_id: e.externalId });
    for (const i of incidents)
      addPair(i.component_ref, i.env_key, i.detected_at);
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
    addPair(event.componentRef, event.envKey, event.finishedAt);
  }
}

function uniqueIdentities(refs: Identity[]): Identity[] {
  const seen = new Map<string, Identity>();
  for (const r of refs) seen.set(identityKey(r.source, r.id), r);
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
    first_reviewer: e.firstReviewer,
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
  addPair: AddPair,
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
  for (const e of inserts) addPair(e.componentRef, e.envKey, e.detectedAt);
  for (const { id, event } of rows.filter(r => r.id !== undefined)) {
    const before = await tx(TABLES.incident)
      .first('component_ref', 'env_key', 'detected_at', 'linked_deployment_id')
      .where('id', id!);
    addPair(before.component_ref, before.env_key, before.detected_at);
    // The deployment it was linked to may no longer be failed.
    if (before.linked_deployment_id !== null) {
      const linked = await tx(TABLES.deployment)
        .first('component_ref', 'env_key', 'finished_at')
        .where('id', before.linked_deployment_id);
      if (linked)
        addPair(linked.component_ref, linked.env_key, linked.finished_at);
    }
    await tx(TABLES.incident)
      .where('id', id!)
      .update(incidentRow(event, options.now));
    addPair(event.componentRef, event.envKey, event.detectedAt);
  }
}

function pipelineRunRow(e: StoredPipelineRun, receivedAt: number) {
  return {
    source: e.source,
    external_id: e.externalId,
    component_ref: e.componentRef,
    repository: e.repository,
    pipeline: e.pipeline,
    commit_sha: e.commit,
    branch: e.branch,
    kind: e.kind,
    attempt: e.attempt,
    queued_at: e.queuedAt,
    started_at: e.startedAt,
    finished_at: e.finishedAt,
    result: e.result,
    url: e.url,
    tests_passed: e.tests?.passed ?? null,
    tests_failed: e.tests?.failed ?? null,
    tests_skipped: e.tests?.skipped ?? null,
    ...versionColumns(e, receivedAt),
  };
}

async function writePipelineRuns(
  tx: Knex.Transaction,
  toInsert: Map<string, StoredEvent>,
  toUpdate: Map<string, { id: number; event: StoredEvent }>,
  options: ApplyOptions,
  builtCommits: Set<string>,
) {
  const inserts = [...toInsert.values()] as StoredPipelineRun[];
  const ids = await insertReturningIds(
    tx,
    TABLES.pipelineRun,
    inserts.map(e => pipelineRunRow(e, options.now)),
  );
  const written: Array<{ id: number; event: StoredPipelineRun }> = inserts.map(
    e => ({ id: ids.get(identityKey(e.source, e.externalId))!, event: e }),
  );
  const updated = [...toUpdate.values()];
  for (const part of chunk(updated, 500)) {
    // The commit it was reported to build before, whose changes may lose their build.
    const before = await tx(TABLES.pipelineRun)
      .select('commit_sha')
      .whereIn(
        'id',
        part.map(u => u.id),
      );
    for (const b of before) builtCommits.add(b.commit_sha);
    await tx('delivery_test_failures')
      .whereIn(
        'run_id',
        part.map(u => u.id),
      )
      .delete();
  }
  for (const { id, event } of updated) {
    const e = event as StoredPipelineRun;
    await tx(TABLES.pipelineRun)
      .where('id', id)
      .update(pipelineRunRow(e, options.now));
    written.push({ id, event: e });
  }
  const failureRows = written.flatMap(({ id, event }) =>
    event.failures.map(f => ({
      run_id: id,
      suite: f.suite,
      name: f.name,
      message: f.message,
    })),
  );
  for (const part of chunk(failureRows, insertBatchRows(tx)))
    await tx('delivery_test_failures').insert(part);
  for (const { event } of written) builtCommits.add(event.commit);
}
