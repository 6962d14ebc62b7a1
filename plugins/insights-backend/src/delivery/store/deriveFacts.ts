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
import { Identity, Pair } from './types';
import { dayOf, refreshDigests } from './changeDigests';
import {
  chunk,
  insertBatchRows,
  toBool,
  toNumber,
  toNumberOrNull,
} from '../../shared/sql';
import { identityKey, pairKey, TABLES } from './tables';

/*
 * Derived facts (DESIGN "Where the numbers are computed"): a deployment's failure and recovery and an
 * incident's link, per component and environment; a change's lead time and stages from the first
 * successful deployment that shipped it; the per-day digests of both.
 */

/**
 * Derives deployment facts and incident links for one component and environment from its whole
 * timeline, writing only what changed. Returns the ids of the pair's canonical deployments.
 */
export async function derivePair(
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
      identityKey(r.source, r.external_id),
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
                canonicalOf.get(identityKey(r.fixes_source, r.fixes_id)) ??
                null,
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
        canonicalOf.get(identityKey(r.caused_by_source, r.caused_by_id)) ??
        null,
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

/** Ids of the changes that the given deployments (or deployments merged into them) shipped. */
export async function changesShippedBy(
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
 * successful deployment that shipped each change (docs/DESIGN.md, "Which deployment ships a change"):
 * a deployment that lists the change ships it; one that deploys or lists its merge commit ships it
 * only when it deploys the component the change is attributed to. A commit is not a component: in a
 * monorepo every component deploys the same commits, and two repositories can share a commit.
 */
export async function deriveChangeFactsFor(
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
        'component_ref',
      )
      .whereIn('id', part);

    // Which deployments shipped each change: those listing it, and those deploying or listing its
    // merge commit. Indexed lookups, one table at a time (see changesShippedBy).
    // How each deployment shipped each change: by listing it, or by its merge commit only.
    const shippedBy = new Map<number, Map<number, 'listed' | 'commit'>>();
    const ship = (
      changeId: number,
      deploymentId: number,
      how: 'listed' | 'commit',
    ) => {
      const byDeployment =
        shippedBy.get(changeId) ?? new Map<number, 'listed' | 'commit'>();
      if (byDeployment.get(deploymentId) !== 'listed')
        byDeployment.set(deploymentId, how);
      shippedBy.set(changeId, byDeployment);
    };
    const changeByIdentity = new Map(
      changes.map(c => [identityKey(c.source, c.external_id), toNumber(c.id)]),
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
        changeByIdentity.get(identityKey(r.change_source, r.change_id))!,
        toNumber(r.deployment_id),
        'listed',
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
          ship(changeId, toNumber(r.deployment_id), 'commit');
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
    await load([
      ...new Set([...shippedBy.values()].flatMap(byId => [...byId.keys()])),
    ]);
    await load(
      [...deployments.values()]
        .filter(d => d.merged_into !== null)
        .map(d => toNumber(d.merged_into)),
    );

    const factRows: Record<string, unknown>[] = [];
    for (const c of changes) {
      const byPair = new Map<string, ShippingDeployment[]>();
      for (const [id, how] of shippedBy.get(toNumber(c.id)) ?? []) {
        let d = deployments.get(id);
        if (d?.merged_into !== null && d?.merged_into !== undefined)
          d = deployments.get(toNumber(d.merged_into));
        if (!d || !d.component_ref || d.finished_at === null) continue;
        if (how === 'commit' && d.component_ref !== c.component_ref) continue;
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
