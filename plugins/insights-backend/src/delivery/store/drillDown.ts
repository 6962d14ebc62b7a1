import { isoTime } from '@cairn/plugin-insights-common';
import {
  ChangeRecord,
  DeploymentRecord,
  EnvironmentSummary,
  EventIdentity,
  FailureReason,
  IncidentRecord,
  Page,
} from '@cairn/plugin-insights-common';
import { Knex } from 'knex';
import { FailureReasonFact } from '../engine/types';
import { PRODUCTION } from '../../shared/EnvironmentKinds';
import { chunk, toBool, toNumber, toNumberOrNull } from '../../shared/sql';
import { DAY_MS } from './changeDigests';

type Row = Record<string, any>;

export type DrillDownScope = {
  componentRefs: string[];
  envKey: string;
  from: number;
  to: number;
  limit: number;
  offset: number;
};

const iso = (ms: unknown) =>
  ms === null || ms === undefined ? undefined : isoTime(toNumber(ms));
const opt = <T>(value: T | null | undefined) =>
  value === null ? undefined : value;

async function identitiesById(db: Knex, table: string, ids: number[]) {
  const map = new Map<number, EventIdentity>();
  for (const part of chunk([...new Set(ids)], 500)) {
    const found = await db(table)
      .select('id', 'source', 'external_id', 'url')
      .whereIn('id', part);
    for (const r of found) {
      map.set(toNumber(r.id), {
        source: r.source,
        id: r.external_id,
        url: opt(r.url),
      });
    }
  }
  return map;
}

/** The deployments behind the numbers, newest first, with why each failed and how it recovered. */
export async function listDeployments(
  db: Knex,
  scope: DrillDownScope,
  filter?: 'failed' | 'rework',
): Promise<Page<DeploymentRecord>> {
  const base = db('delivery_deployments')
    .whereIn('component_ref', scope.componentRefs)
    .where('env_key', scope.envKey)
    .whereNull('merged_into')
    .whereNotNull('result')
    .where('finished_at', '>=', scope.from)
    .where('finished_at', '<', scope.to)
    .modify(q => {
      if (filter === 'failed') q.where('is_failed', true);
      if (filter === 'rework') q.where('is_rework', true);
    });
  const [{ count }] = await base.clone().count({ count: '*' });
  const found: Row[] = await base
    .clone()
    .select()
    .orderBy([
      { column: 'finished_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(scope.limit)
    .offset(scope.offset);
  const ids = found.map(r => toNumber(r.id));

  const merged: Row[] = ids.length
    ? await db('delivery_deployments')
        .select('merged_into', 'source', 'external_id', 'url')
        .whereIn('merged_into', ids)
    : [];
  const changeCounts = new Map<number, number>();
  if (ids.length) {
    const counted: Row[] = await db('delivery_change_facts')
      .select('deployment_id')
      .count({ n: '*' })
      .whereIn('deployment_id', ids)
      .groupBy('deployment_id');
    for (const r of counted)
      changeCounts.set(toNumber(r.deployment_id), toNumber(r.n));
  }
  const reasons = found.map(
    r => JSON.parse(r.failure_reasons ?? '[]') as FailureReasonFact[],
  );
  const referencedDeployments = await identitiesById(
    db,
    'delivery_deployments',
    reasons.flat().flatMap(r => (r.kind === 'fixed' ? [r.byDeploymentId] : [])),
  );
  const referencedIncidents = await identitiesById(
    db,
    'delivery_incidents',
    reasons.flat().flatMap(r => (r.kind === 'incident' ? [r.incidentId] : [])),
  );

  return {
    totalCount: toNumber(count),
    limit: scope.limit,
    offset: scope.offset,
    items: found.map((r, i) => ({
      source: r.source,
      id: r.external_id,
      url: opt(r.url),
      entityRef: r.component_ref,
      environment: r.environment,
      name: opt(r.name),
      version: opt(r.version),
      commit: opt(r.commit_sha),
      startedAt: iso(r.started_at),
      finishedAt: iso(r.finished_at),
      result: r.result,
      trigger: r.trigger_type,
      automated: r.automated === null ? undefined : toBool(r.automated),
      failed: toBool(r.is_failed),
      failureReasons: reasons[i].map((reason): FailureReason => {
        if (reason.kind === 'fixed') {
          return {
            kind: 'fixed',
            by: referencedDeployments.get(reason.byDeploymentId) ?? {
              source: '?',
              id: String(reason.byDeploymentId),
            },
            trigger: reason.trigger,
            explicit: reason.explicit,
          };
        }
        if (reason.kind === 'incident') {
          return {
            kind: 'incident',
            incident: referencedIncidents.get(reason.incidentId) ?? {
              source: '?',
              id: String(reason.incidentId),
            },
            inferred: reason.inferred,
          };
        }
        return { kind: 'result' };
      }),
      recoveredAt: iso(r.recovered_at),
      recoverySeconds: toNumberOrNull(r.recovery_seconds) ?? undefined,
      rework: toBool(r.is_rework),
      alsoReportedBy: merged
        .filter(m => toNumber(m.merged_into) === ids[i])
        .map(m => ({ source: m.source, id: m.external_id, url: opt(m.url) })),
      changes: changeCounts.get(ids[i]) ?? 0,
    })),
  };
}

/** The changes behind lead time, newest deployment first, with their stage seconds. */
export async function listChanges(
  db: Knex,
  scope: DrillDownScope,
): Promise<Page<ChangeRecord>> {
  const base = db('delivery_change_facts as f')
    .join('delivery_changes as c', 'c.id', 'f.change_id')
    .join('delivery_deployments as d', 'd.id', 'f.deployment_id')
    .whereIn('f.component_ref', scope.componentRefs)
    .where('f.env_key', scope.envKey)
    .where('f.deployed_at', '>=', scope.from)
    .where('f.deployed_at', '<', scope.to);
  const [{ count }] = await base.clone().count({ count: '*' });
  const found: Row[] = await base
    .clone()
    .select(
      'f.*',
      'c.source',
      'c.external_id',
      'c.url',
      'c.repository',
      'c.number',
      'c.title',
      'c.author',
      'c.first_commit_at',
      'c.opened_at',
      'c.first_review_at',
      'c.merged_at',
      'd.source as d_source',
      'd.external_id as d_external_id',
      'd.url as d_url',
    )
    .orderBy([
      { column: 'f.deployed_at', order: 'desc' },
      { column: 'f.change_id', order: 'desc' },
    ])
    .limit(scope.limit)
    .offset(scope.offset);
  return {
    totalCount: toNumber(count),
    limit: scope.limit,
    offset: scope.offset,
    items: found.map(r => ({
      source: r.source,
      id: r.external_id,
      url: opt(r.url),
      entityRef: r.component_ref,
      repository: r.repository,
      number: opt(r.number),
      title: opt(r.title),
      author: opt(r.author),
      firstCommitAt: iso(r.first_commit_at),
      openedAt: iso(r.opened_at),
      firstReviewAt: iso(r.first_review_at),
      mergedAt: iso(r.merged_at),
      deployedAt: iso(r.deployed_at)!,
      deployment: {
        source: r.d_source,
        id: r.d_external_id,
        url: opt(r.d_url),
      },
      leadSeconds: toNumberOrNull(r.lead_seconds),
      stages: {
        coding: toNumberOrNull(r.coding_seconds),
        pickup: toNumberOrNull(r.pickup_seconds),
        review: toNumberOrNull(r.review_seconds),
        deploy: toNumberOrNull(r.deploy_seconds),
      },
    })),
  };
}

/** The incidents behind MTTR and failures, newest first, with their link and whether it was inferred. */
export async function listIncidents(
  db: Knex,
  scope: DrillDownScope,
): Promise<Page<IncidentRecord>> {
  const base = db('delivery_incidents as i')
    .leftJoin('delivery_deployments as d', 'd.id', 'i.linked_deployment_id')
    .whereIn('i.component_ref', scope.componentRefs)
    .where('i.env_key', scope.envKey)
    .where('i.detected_at', '>=', scope.from)
    .where('i.detected_at', '<', scope.to);
  const [{ count }] = await base.clone().count({ count: '*' });
  const found: Row[] = await base
    .clone()
    .select(
      'i.*',
      'd.source as d_source',
      'd.external_id as d_external_id',
      'd.url as d_url',
    )
    .orderBy([
      { column: 'i.detected_at', order: 'desc' },
      { column: 'i.id', order: 'desc' },
    ])
    .limit(scope.limit)
    .offset(scope.offset);
  return {
    totalCount: toNumber(count),
    limit: scope.limit,
    offset: scope.offset,
    items: found.map(r => {
      const detected = toNumber(r.detected_at);
      const resolved = toNumberOrNull(r.resolved_at);
      let link: IncidentRecord['link'] = { type: 'none' };
      if (
        (r.link_type === 'explicit' || r.link_type === 'inferred') &&
        r.d_source
      ) {
        link = {
          type: r.link_type,
          deployment: {
            source: r.d_source,
            id: r.d_external_id,
            url: opt(r.d_url),
          },
        };
      } else if (r.link_type === 'unresolved') {
        link = {
          type: 'unresolved',
          reference: r.caused_by_id
            ? `deployment ${r.caused_by_source}/${r.caused_by_id}`
            : [
                r.caused_by_version && `version ${r.caused_by_version}`,
                r.caused_by_commit && `commit ${r.caused_by_commit}`,
              ]
                .filter(Boolean)
                .join(' or '),
        };
      }
      return {
        source: r.source,
        id: r.external_id,
        url: opt(r.url),
        entityRef: r.component_ref,
        environment: r.environment,
        severity: opt(r.severity),
        title: opt(r.title),
        detectedAt: iso(detected)!,
        resolvedAt: iso(resolved),
        durationSeconds:
          resolved === null ? null : Math.floor((resolved - detected) / 1000),
        link,
      };
    }),
  };
}

/** The environments a component has deployed to, production first. */
export async function listEnvironments(
  db: Knex,
  componentRefs: string[],
): Promise<EnvironmentSummary[]> {
  const found: Row[] = await db('delivery_deployments')
    .select('env_key', 'environment')
    .count({ n: '*' })
    .max({ last: 'finished_at' })
    .whereIn('component_ref', componentRefs)
    .whereNull('merged_into')
    .groupBy('env_key', 'environment');
  const byKey = new Map<string, EnvironmentSummary>();
  for (const r of found) {
    const entry: EnvironmentSummary = byKey.get(r.env_key) ?? {
      environment: r.env_key,
      production: r.env_key === PRODUCTION,
      names: [],
      deployments: 0,
      lastDeploymentAt: null,
    };
    entry.names.push(r.environment);
    entry.deployments += toNumber(r.n);
    const last = toNumberOrNull(r.last);
    if (
      last !== null &&
      (!entry.lastDeploymentAt || last > Date.parse(entry.lastDeploymentAt))
    ) {
      entry.lastDeploymentAt = new Date(last).toISOString();
    }
    byKey.set(r.env_key, entry);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      Number(b.production) - Number(a.production) ||
      b.deployments - a.deployments,
  );
}

/**
 * Counts that explain missing or partial numbers for one component (see the coverage report), beyond
 * what the aggregates count themselves. Independent of the aggregates, so both can run at once.
 */
export async function coverageCounts(
  db: Knex,
  scope: {
    componentRef: string;
    envKey: string;
    from: number;
    to: number;
    repository: string | null;
  },
) {
  const { componentRef, envKey, from, to } = scope;
  const deployments = () =>
    db('delivery_deployments')
      .where({ component_ref: componentRef, env_key: envKey })
      .whereNull('merged_into');
  // Changes merged in the range that no deployment of this component shipped to this environment:
  // the component's changes merged in the range, less those with a fact here (one fact per change,
  // component and environment, marked as the component's own change, with the change's merge time).
  // Full UTC days from the per-day counts the database keeps, the range's edges from the rows.
  const firstFullDay = Math.ceil(from / DAY_MS);
  const endFullDay = Math.floor(to / DAY_MS);
  const days = firstFullDay < endFullDay;
  const edges = (
    days
      ? [
          [from, firstFullDay * DAY_MS],
          [endFullDay * DAY_MS, to],
        ]
      : [[from, to]]
  ).filter(([a, b]) => a < b);
  const inEdges = (q: Knex.QueryBuilder) =>
    q.where(inner => {
      for (const [a, b] of edges)
        inner.orWhere(w =>
          w.where('merged_at', '>=', a).where('merged_at', '<', b),
        );
    });
  const sumWhen = (condition: string) =>
    db.raw(`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`);
  // Per stage, the changes shipped in the range whose stage timestamps run backwards, and which that
  // stage therefore leaves out (docs/DESIGN.md, "Change lead time"): bits stored with the facts
  // (deriveChangeFacts.ts, outOfOrderBits), read from a partial index that holds only those facts.
  const outOfOrder = db('delivery_change_facts')
    .where({ component_ref: componentRef, env_key: envKey })
    .where('deployed_at', '>=', from)
    .where('deployed_at', '<', to)
    // Written out, not bound: SQLite uses a partial index only when the query states its predicate.
    .whereRaw('out_of_order <> 0')
    .select({
      coding: sumWhen('(out_of_order & 1) <> 0'),
      pickup: sumWhen('(out_of_order & 2) <> 0'),
      review: sumWhen('(out_of_order & 4) <> 0'),
      deploy: sumWhen('(out_of_order & 8) <> 0'),
    });
  // The range's incidents by how they are linked (an incident nothing links is stored as 'none').
  const links = db('delivery_incidents')
    .where({ component_ref: componentRef, env_key: envKey })
    .where('detected_at', '>=', from)
    .where('detected_at', '<', to)
    .select({
      incidents: db.raw('COUNT(*)'),
      explicit: sumWhen("link_type = 'explicit'"),
      inferred: sumWhen("link_type = 'inferred'"),
      unresolved: sumWhen("link_type = 'unresolved'"),
      unlinked: sumWhen("link_type IS NULL OR link_type = 'none'"),
    });
  // One statement, one round trip whatever the engine: the two scans above as one-row tables, the
  // other counts as indexed subqueries beside them.
  const columns: Record<string, Knex.QueryBuilder | null> = {
    // In the timeline index's order: a bare LIMIT 1 let PostgreSQL scan the table until it met the
    // component's first row (36 ms for the last of ten components loaded, growing with the others).
    ever: deployments().select('id').orderBy('finished_at').limit(1),
    in_progress: deployments().whereNull('finished_at').count('*'),
    unattributed: scope.repository
      ? db('delivery_deployments')
          .whereNull('component_ref')
          .where('repository', scope.repository)
          .count('*')
      : null,
    merged_days: days
      ? db('delivery_change_days')
          .where('component_ref', componentRef)
          .where('day', '>=', firstFullDay)
          .where('day', '<', endFullDay)
          .sum('merged')
      : null,
    shipped_days: days
      ? db('delivery_shipped_days')
          .where({ component_ref: componentRef, env_key: envKey })
          .where('day', '>=', firstFullDay)
          .where('day', '<', endFullDay)
          .sum('shipped')
      : null,
    merged_edges: edges.length
      ? inEdges(
          db('delivery_changes').where('component_ref', componentRef),
        ).count('*')
      : null,
    shipped_edges: edges.length
      ? inEdges(
          db('delivery_change_facts')
            .where({ component_ref: componentRef, env_key: envKey })
            .whereRaw('own_change'),
        ).count('*')
      : null,
  };
  const [row] = (await db
    .select(
      'o.*',
      'l.*',
      ...Object.entries(columns).map(([name, q]) =>
        q ? q.as(name) : db.raw(`0 AS ${name}`),
      ),
    )
    .from(outOfOrder.as('o'))
    .crossJoin(db.raw('? AS l', [links]))) as Row[];
  const n = (name: string) => toNumber(row[name] ?? 0);
  return {
    everDeployed: row.ever !== null && row.ever !== undefined,
    deployments: {
      inProgress: n('in_progress'),
      unattributedInRepository: n('unattributed'),
    },
    changes: {
      mergedWithoutDeployment:
        n('merged_days') +
        n('merged_edges') -
        n('shipped_days') -
        n('shipped_edges'),
      outOfOrder: {
        coding: n('coding'),
        pickup: n('pickup'),
        review: n('review'),
        deploy: n('deploy'),
      },
    },
    incidents: {
      total: n('incidents'),
      explicit: n('explicit'),
      inferred: n('inferred'),
      unlinked: n('unlinked'),
      unresolvedReferences: n('unresolved'),
    },
  };
}
