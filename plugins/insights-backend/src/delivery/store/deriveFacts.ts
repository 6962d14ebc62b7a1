import { Knex } from 'knex';
import { deriveDeploymentFacts } from '../engine/deriveDeploymentFacts';
import {
  deriveChangeFacts,
  firstSuccessfulDeployment,
  outOfOrderBits,
  outOfOrderStages,
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

const DEPLOYMENT_COLUMNS = [
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
];
const INCIDENT_COLUMNS = [
  'id',
  'detected_at',
  'resolved_at',
  'caused_by_source',
  'caused_by_id',
  'caused_by_version',
  'caused_by_commit',
  'linked_deployment_id',
  'link_type',
];

type Row = Record<string, any>;

/** What the engine derives from some rows of a timeline, and which stored facts it would change. */
type Derivation = {
  timelineIds: number[];
  /** Canonical deployments whose stored facts differ from the derived ones. */
  changedDeployments: Map<number, DeploymentFacts>;
  /** Incidents whose stored link differs from the derived one. */
  changedIncidents: Map<number, IncidentLinkFact>;
};

const linkedIdOf = (link: IncidentLinkFact) =>
  link.type === 'explicit' || link.type === 'inferred'
    ? link.deploymentId
    : null;

/** Runs the engine over deployment and incident rows of one component and environment. */
function deriveRows(
  rows: Row[],
  incidentRows: Row[],
  linkWindowMs: number,
): Derivation {
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
  // In id order, so that a deployment's reasons list its incidents the same way however they were read.
  const incidents: TimelineIncident[] = [...incidentRows]
    .sort((a, b) => toNumber(a.id) - toNumber(b.id))
    .map(r => ({
      id: toNumber(r.id),
      detectedAt: toNumber(r.detected_at),
      resolvedAt: toNumberOrNull(r.resolved_at),
      causedBy: causeOf(r, canonicalOf),
    }));

  const derived = deriveDeploymentFacts(timeline, incidents, { linkWindowMs });
  const changedDeployments = new Map<number, DeploymentFacts>();
  for (const r of rows) {
    if (r.merged_into !== null) continue;
    const id = toNumber(r.id);
    const facts = derived.deployments.get(id)!;
    if (
      toBool(r.is_failed) !== facts.failed ||
      (r.failure_reasons ?? '[]') !== JSON.stringify(facts.reasons) ||
      toNumberOrNull(r.recovered_at) !== facts.recoveredAt
    ) {
      changedDeployments.set(id, facts);
    }
  }
  const changedIncidents = new Map<number, IncidentLinkFact>();
  for (const r of incidentRows) {
    const link = derived.incidents.get(toNumber(r.id))!;
    if (
      r.link_type !== link.type ||
      toNumberOrNull(r.linked_deployment_id) !== linkedIdOf(link)
    ) {
      changedIncidents.set(toNumber(r.id), link);
    }
  }
  return {
    timelineIds: timeline.map(d => d.id),
    changedDeployments,
    changedIncidents,
  };
}

async function writeDerived(
  tx: Knex.Transaction,
  deployments: Iterable<[number, DeploymentFacts]>,
  incidents: Iterable<[number, IncidentLinkFact]>,
) {
  for (const [id, facts] of deployments) {
    await tx(TABLES.deployment).where('id', id).update(factColumns(facts));
  }
  for (const [id, link] of incidents) {
    await tx(TABLES.incident)
      .where('id', id)
      .update({ link_type: link.type, linked_deployment_id: linkedIdOf(link) });
  }
}

const timelineRows = (tx: Knex.Transaction, pair: Pair) =>
  tx(TABLES.deployment)
    .select(DEPLOYMENT_COLUMNS)
    .where({ component_ref: pair.componentRef, env_key: pair.envKey })
    .whereNotNull('finished_at')
    .whereNotNull('result');

/**
 * Derives deployment facts and incident links for one component and environment from its whole
 * timeline, writing only what changed. Returns the ids of the pair's canonical deployments.
 */
export async function derivePair(
  tx: Knex.Transaction,
  pair: Pair,
  linkWindowMs: number,
): Promise<number[]> {
  const rows = await timelineRows(tx, pair);
  const incidentRows = await tx(TABLES.incident)
    .select(INCIDENT_COLUMNS)
    .where({ component_ref: pair.componentRef, env_key: pair.envKey });
  const derived = deriveRows(rows, incidentRows, linkWindowMs);
  await writeDerived(tx, derived.changedDeployments, derived.changedIncidents);
  return derived.timelineIds;
}

/** Deployments walked beyond the touched span, on each side, before the whole timeline is derived instead. */
const MAX_EDGE_ROWS = 200;
/** Times the slice is widened when a fact at its edge changed, before the whole timeline is derived instead. */
const MAX_WIDENINGS = 4;

/** A deployment whose stored facts make it the `nextGood` of the failures before it. */
const isGood = (r: Row) =>
  r.merged_into === null && r.result === 'success' && !toBool(r.is_failed);

/**
 * Derives the facts one batch can have changed, around the times it touched (docs/DESIGN.md, "Where
 * the numbers are computed"), so that the cost of an event does not grow with the component's history:
 *
 * - the slice: the deployments finished between the touched times (a batch's old and new times of the
 *   deployments and incidents it changed, and of the deployments they named before); backwards up to
 *   and including the nearest deployment that is good by its stored facts (the failures before it
 *   recover at it or earlier); forwards up to the nearest good one and one more (which may fix it);
 * - the incidents detected within the slice, and those naming or linked to its deployments;
 * - if a good deployment at the slice's edge changes (it becomes failed), the slice widens past it;
 * - the whole timeline is derived instead when the slice cannot decide alone: a cause given as a
 *   version or commit (it can name any earlier deployment), a fix or cause naming a deployment of the
 *   same timeline outside the slice, or edges that keep moving.
 *
 * The facts written are the ones a whole-timeline derivation writes (tests compare both on every
 * scenario). Returns how it derived.
 */
export async function derivePairAround(
  tx: Knex.Transaction,
  pair: Pair,
  times: number[],
  linkWindowMs: number,
): Promise<'slice' | 'timeline'> {
  const whole = async () => {
    await derivePair(tx, pair, linkWindowMs);
    return 'timeline' as const;
  };
  if (times.length === 0) return whole();
  const where = { component_ref: pair.componentRef, env_key: pair.envKey };
  const inPair = (r: Row) =>
    r.component_ref === pair.componentRef && r.env_key === pair.envKey;
  const byRelease = await tx(TABLES.incident)
    .first('id')
    .where(where)
    .where(q =>
      q.whereNotNull('caused_by_version').orWhereNotNull('caused_by_commit'),
    );
  if (byRelease) return whole();

  // The walks to the nearest good deployment on each side bring in what the touched times can reach:
  // the deployment before (fixed by a rollback, linked to incidents detected after it) and the failures
  // that recover at a good one.
  let lo = Math.min(...times);
  let hi = Math.max(...times);
  for (let attempt = 0; attempt < MAX_WIDENINGS; attempt++) {
    const core: Row[] = await timelineRows(tx, pair).whereBetween(
      'finished_at',
      [lo, hi],
    );
    const before: Row[] = await timelineRows(tx, pair)
      .where('finished_at', '<', lo)
      // In the timeline index's order alone (a tie-breaker would sort the whole history first); the
      // rows kept are read again by time range below, so ties at an edge stay whole.
      .orderBy('finished_at', 'desc')
      .limit(MAX_EDGE_ROWS);
    const after: Row[] = await timelineRows(tx, pair)
      .where('finished_at', '>', hi)
      .orderBy('finished_at', 'asc')
      .limit(MAX_EDGE_ROWS);
    // Backwards to the nearest good deployment (all rows at its finish time, so ties stay whole).
    const firstGood = before.findIndex(isGood);
    let startRows: Row[] | undefined;
    if (firstGood >= 0) {
      const goodAt = toNumber(before[firstGood].finished_at);
      startRows = await timelineRows(tx, pair)
        .where('finished_at', '>=', goodAt)
        .where('finished_at', '<', lo)
        .orderBy('finished_at', 'desc');
    } else if (before.length < MAX_EDGE_ROWS) {
      // No good deployment before: the slice starts the timeline.
      startRows = before;
    }
    // Forwards to the nearest good deployment and the next finish time after it.
    const nextGood = after.findIndex(isGood);
    let endRows: Row[] | undefined;
    let contextFrom = Infinity;
    if (nextGood < 0) {
      endRows = after.length < MAX_EDGE_ROWS ? after : undefined;
    } else {
      const goodAt = toNumber(after[nextGood].finished_at);
      const beyond = after.find(r => toNumber(r.finished_at) > goodAt);
      if (beyond) {
        contextFrom = toNumber(beyond.finished_at);
        endRows = await timelineRows(tx, pair)
          .where('finished_at', '>', hi)
          .where('finished_at', '<=', contextFrom)
          .orderBy('finished_at', 'asc');
      } else {
        endRows = after.length < MAX_EDGE_ROWS ? after : undefined;
      }
    }
    if (!startRows || !endRows) return whole();
    const rows = [...startRows.reverse(), ...core, ...endRows];
    if (rows.length === 0) return whole();
    const sliceStart = Math.min(...rows.map(r => toNumber(r.finished_at)));
    const sliceEnd = Math.max(...rows.map(r => toNumber(r.finished_at)));
    // Incidents from here on are the slice's to link: every deployment before them is in the slice
    // (which starts before `lo`), or there is none (the slice starts the timeline).
    const linkFrom = Math.min(lo, sliceStart);
    const ids = rows.map(r => toNumber(r.id));
    const byId = new Map(rows.map(r => [toNumber(r.id), r]));
    const identities = rows.map(r => ({ source: r.source, id: r.external_id }));
    // The deployments whose facts this slice decides (the context after the nearest good one is not).
    const inSlice = new Set(
      rows
        .filter(r => toNumber(r.finished_at) < contextFrom)
        .map(r => identityKey(r.source, r.external_id)),
    );

    // A deployment merged into one outside the slice (reported twice, minutes apart at its edge).
    if (
      rows.some(
        r => r.merged_into !== null && !byId.has(toNumber(r.merged_into)),
      )
    )
      return whole();
    // A fix naming a deployment of this timeline outside the slice, or one outside naming the slice.
    for (const r of rows) {
      if (
        r.fixes_id === null ||
        inSlice.has(identityKey(r.fixes_source, r.fixes_id))
      )
        continue;
      const target = await tx(TABLES.deployment)
        .first('component_ref', 'env_key')
        .where({ source: r.fixes_source, external_id: r.fixes_id });
      if (target && inPair(target)) return whole();
    }
    for (const part of chunk(identities, 500)) {
      // By the fixes index alone (with the timeline's columns too, SQLite walks the whole timeline).
      const fixers = await tx(TABLES.deployment)
        .select('id', 'component_ref', 'env_key')
        .where(identityIn('fixes_source', 'fixes_id', part));
      if (fixers.some(f => inPair(f) && !byId.has(toNumber(f.id))))
        return whole();
    }

    // The incidents that can touch the slice's facts.
    const incidentRows = new Map<number, Row>();
    const addIncidents = (list: Row[]) => {
      for (const r of list) incidentRows.set(toNumber(r.id), r);
    };
    addIncidents(
      await tx(TABLES.incident)
        .select(INCIDENT_COLUMNS)
        .where(where)
        .where('detected_at', '>=', linkFrom)
        // Up to the context after the slice; to the end when the slice runs to the end of the timeline.
        .where(q =>
          contextFrom === Infinity ? q : q.where('detected_at', '<=', sliceEnd),
        ),
    );
    for (const part of chunk(identities, 500)) {
      addIncidents(
        (
          await tx(TABLES.incident)
            .select([...INCIDENT_COLUMNS, 'component_ref', 'env_key'])
            .where(identityIn('caused_by_source', 'caused_by_id', part))
        ).filter(inPair),
      );
    }
    for (const part of chunk(ids, 500)) {
      addIncidents(
        (
          await tx(TABLES.incident)
            .select([...INCIDENT_COLUMNS, 'component_ref', 'env_key'])
            .whereIn('linked_deployment_id', part)
        ).filter(inPair),
      );
    }
    // An incident naming a deployment of this timeline outside the slice.
    for (const r of incidentRows.values()) {
      if (
        r.caused_by_id === null ||
        inSlice.has(identityKey(r.caused_by_source, r.caused_by_id))
      )
        continue;
      const target = await tx(TABLES.deployment)
        .first('component_ref', 'env_key')
        .where({ source: r.caused_by_source, external_id: r.caused_by_id });
      if (target && inPair(target)) return whole();
    }

    const derived = deriveRows(rows, [...incidentRows.values()], linkWindowMs);
    // Good deployments at the edges decide for what lies beyond them: if one changes, widen past it.
    const edgeGood = [
      ...(firstGood >= 0 ? startRows.filter(isGood) : []),
      ...(nextGood >= 0
        ? endRows.filter(
            r => toNumber(r.finished_at) < contextFrom && isGood(r),
          )
        : []),
    ];
    const movedEdges = edgeGood.filter(r =>
      derived.changedDeployments.has(toNumber(r.id)),
    );
    if (movedEdges.length > 0) {
      lo = Math.min(lo, sliceStart - 1);
      hi = Math.max(hi, sliceEnd + 1);
      continue;
    }
    // The deployments after the nearest good one are context: their own facts depend on what follows.
    const deployments = [...derived.changedDeployments].filter(([id]) => {
      return toNumber(byId.get(id)!.finished_at) < contextFrom;
    });
    // Links are the slice's to decide for incidents detected within it, and for those naming it.
    const incidents = [...derived.changedIncidents].filter(([id]) => {
      const r = incidentRows.get(id)!;
      const detected = toNumber(r.detected_at);
      if (r.caused_by_id !== null) return true;
      return detected >= linkFrom && detected < contextFrom;
    });
    await writeDerived(tx, deployments, incidents);
    return 'slice';
  }
  return whole();
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
    for (const id of await changesBuiltAs(
      tx,
      new Set(commits.map(r => r.commit_sha as string)),
    ))
      ids.add(id);
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
/** The changes merged as any of the commits: shipped by a deployment of them, or built by a run of them. */
export async function changesBuiltAs(
  tx: Knex.Transaction,
  commits: Set<string>,
): Promise<Set<number>> {
  const ids = new Set<number>();
  for (const part of chunk([...commits], 1000)) {
    const found = await tx(TABLES.change)
      .select('id')
      .whereIn('merge_commit_sha', part);
    for (const r of found) ids.add(toNumber(r.id));
  }
  return ids;
}

/**
 * The successful default-branch runs of the merge commits: per commit and component, per pipeline, the
 * finish of its first successful run (docs/DESIGN.md, "Change lead time": the build).
 */
async function buildsOf(
  tx: Knex.Transaction,
  commits: string[],
): Promise<Map<string, Map<string, number>>> {
  const builds = new Map<string, Map<string, number>>();
  for (const part of chunk(commits, 1000)) {
    const rows: Array<Record<string, any>> = await tx(TABLES.pipelineRun)
      .select('commit_sha', 'component_ref', 'pipeline')
      .min({ finished: 'finished_at' })
      .whereIn('commit_sha', part)
      .whereNotNull('component_ref')
      .where({ kind: 'defaultBranch', result: 'success' })
      .groupBy('commit_sha', 'component_ref', 'pipeline');
    for (const r of rows) {
      const key = `${r.commit_sha}\u0000${r.component_ref}`;
      const perPipeline = builds.get(key) ?? new Map<string, number>();
      perPipeline.set(r.pipeline, toNumber(r.finished));
      builds.set(key, perPipeline);
    }
  }
  return builds;
}

/**
 * When a change's merge commit was built for a deployment: the last of its pipelines' first successful
 * runs that finished by the deployment's finish; null without one.
 */
function builtBefore(
  perPipeline: Map<string, number> | undefined,
  deployedAt: number,
): number | null {
  let built: number | null = null;
  for (const finished of perPipeline?.values() ?? []) {
    if (finished <= deployedAt && (built === null || finished > built))
      built = finished;
  }
  return built;
}

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

    const builds = await buildsOf(tx, [...changesBySha.keys()]);

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
        const timestamps = {
          firstCommitAt: toNumberOrNull(c.first_commit_at),
          openedAt: toNumberOrNull(c.opened_at),
          firstReviewAt: toNumberOrNull(c.first_review_at),
          mergedAt: toNumberOrNull(c.merged_at),
        };
        const builtAt = c.merge_commit_sha
          ? builtBefore(
              builds.get(`${c.merge_commit_sha}\u0000${first.componentRef}`),
              first.finishedAt,
            )
          : null;
        const facts = deriveChangeFacts(timestamps, first.finishedAt, builtAt);
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
          built_at: builtAt,
          build_seconds: facts.buildSeconds,
          release_seconds: facts.releaseSeconds,
          out_of_order: outOfOrderBits(
            outOfOrderStages(timestamps, first.finishedAt),
          ),
          merged_at: timestamps.mergedAt,
          own_change: c.component_ref === first.componentRef,
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
