import { Knex } from 'knex';
import { chunk, insertBatchRows, toNumber } from '../../shared/sql';
import { StoreTransaction } from '../../shared/database';
import { EnvironmentKinds } from '../../shared/EnvironmentKinds';
import { CdeventLink, MappedType } from './cdeventSchemas';
import { CdeventLookup, CdeventRecord } from './mapCdevents';

/** Chains and links are followed within this many events, so one huge chain cannot stall a batch. */
const MAX_RELATED = 5000;

type Row = Record<string, any>;

/**
 * The CDEvents source's store: the events kept for the mapping (links, chains and artifacts point at
 * other events). The only code that touches the `cdevents_*` tables.
 */
export interface CdeventsStore {
  /** The store's reads and writes inside an ingestion transaction. */
  within(tx: StoreTransaction): CdeventsInTransaction;
  /** Forgets events received before the cutoff (retention), with their links. */
  purgeBefore(cutoff: number): Promise<number>;
}

/**
 * Reads and writes inside the ingestion transaction. Events are stored once per (source, id): a
 * replay is a no-op.
 */
export class CdeventsInTransaction {
  constructor(
    private readonly tx: StoreTransaction,
    private readonly environments: EnvironmentKinds,
  ) {}

  private toRecord(r: Row): CdeventRecord {
    return {
      ceSource: r.ce_source,
      contextId: r.context_id,
      type: r.type as MappedType,
      kind: r.kind,
      subjectKey: r.subject_key,
      chainId: r.chain_id,
      artifactId: r.artifact_id,
      componentRef: r.component_ref,
      environment: r.environment,
      // From the name, with the current production names (they may have changed since).
      envKey:
        r.environment === null ? null : this.environments.keyOf(r.environment),
      timestamp: toNumber(r.timestamp),
      receivedAt: toNumber(r.received_at),
      links: JSON.parse(r.links) as CdeventLink[],
      details: JSON.parse(r.details),
    };
  }

  /**
   * Stores the events that are new. Their `received_at` is later than every stored one's, even
   * within one millisecond, so that a fold including them is newer than any fold before.
   */
  async insert(records: CdeventRecord[], now: number): Promise<void> {
    const latest = await this.tx('cdevents_events')
      .max({ at: 'received_at' })
      .first();
    const receivedAt = Math.max(now, toNumber(latest?.at ?? 0) + 1);
    for (const part of chunk(records, insertBatchRows(this.tx))) {
      const inserted: Row[] = await this.tx('cdevents_events')
        .insert(
          part.map(r => ({
            ce_source: r.ceSource,
            context_id: r.contextId,
            type: r.type,
            kind: r.kind,
            subject_key: r.subjectKey,
            chain_id: r.chainId,
            artifact_id: r.artifactId,
            component_ref: r.componentRef,
            environment: r.environment,
            timestamp: r.timestamp,
            links: JSON.stringify(r.links),
            details: JSON.stringify(r.details),
            received_at: receivedAt,
          })),
          ['id', 'ce_source', 'context_id'],
        )
        .onConflict(['ce_source', 'context_id'])
        .ignore();
      const byIdentity = new Map(
        part.map(r => [`${r.ceSource}\u0000${r.contextId}`, r]),
      );
      const links = inserted.flatMap(row =>
        [
          ...new Set(
            byIdentity
              .get(`${row.ce_source}\u0000${row.context_id}`)!
              .links.map(l => l.contextId)
              .filter((id): id is string => !!id && id.length <= 255),
          ),
        ].map(contextId => ({
          event_id: toNumber(row.id),
          context_id: contextId,
        })),
      );
      for (const linkPart of chunk(links, insertBatchRows(this.tx))) {
        await this.tx('cdevents_links').insert(linkPart);
      }
    }
  }

  private async select(
    build: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
  ): Promise<CdeventRecord[]> {
    const rows = await build(this.tx('cdevents_events').select()).limit(
      MAX_RELATED,
    );
    return rows.map((r: Row) => this.toRecord(r));
  }

  private async selectIn(
    column: string,
    values: Iterable<string>,
    extra: (q: Knex.QueryBuilder) => Knex.QueryBuilder = q => q,
  ): Promise<CdeventRecord[]> {
    const out: CdeventRecord[] = [];
    for (const part of chunk([...new Set(values)], 500)) {
      out.push(...(await this.select(q => extra(q.whereIn(column, part)))));
    }
    return out;
  }

  /**
   * The subjects whose delivery records the given events can change: their own, those of events
   * linking to them, of events in their chains, and of incidents naming the artifacts they deployed.
   */
  async affectedBy(records: CdeventRecord[]): Promise<CdeventRecord[]> {
    const contextIds = records.map(r => r.contextId);
    const linkers: CdeventRecord[] = [];
    for (const part of chunk([...new Set(contextIds)], 500)) {
      linkers.push(
        ...(await this.select(q =>
          q.whereIn(
            'id',
            this.tx('cdevents_links')
              .select('event_id')
              .whereIn('context_id', part),
          ),
        )),
      );
    }
    const chains = records.flatMap(r => (r.chainId ? [r.chainId] : []));
    const artifacts = records.flatMap(r =>
      r.kind === 'deployment' && r.artifactId ? [r.artifactId] : [],
    );
    return [
      ...records,
      ...linkers,
      ...(await this.selectIn('chain_id', chains)),
      ...(await this.selectIn('artifact_id', artifacts, q =>
        q.where('kind', 'incident'),
      )),
    ];
  }

  /** Every event of the given change, incident, pipeline run or task run subjects. */
  subjectEvents(
    kind: 'change' | 'incident' | 'pipelineRun' | 'taskRun',
    subjectKeys: Iterable<string>,
  ): Promise<CdeventRecord[]> {
    return this.selectIn('subject_key', subjectKeys, q =>
      q.where('kind', kind),
    );
  }

  /** The deployment events with these context ids. */
  deployments(contextIds: Iterable<string>): Promise<CdeventRecord[]> {
    return this.selectIn('context_id', contextIds, q =>
      q.where('kind', 'deployment'),
    );
  }

  /** What the given events' links, chains and artifacts point to, for the pure mapping. */
  async lookupFor(records: CdeventRecord[]): Promise<CdeventLookup> {
    const linked = await this.selectIn(
      'context_id',
      records.flatMap(r =>
        r.links.flatMap(l => (l.contextId ? [l.contextId] : [])),
      ),
    );
    const chained = await this.selectIn(
      'chain_id',
      records.flatMap(r => (r.chainId ? [r.chainId] : [])),
    );
    const byArtifact = await this.selectIn(
      'artifact_id',
      records.flatMap(r =>
        r.kind === 'incident' && r.artifactId ? [r.artifactId] : [],
      ),
      q => q.where('kind', 'deployment'),
    );
    const group = (
      list: CdeventRecord[],
      keyOf: (r: CdeventRecord) => string | null,
    ) => {
      const map = new Map<string, CdeventRecord[]>();
      for (const r of list) {
        const k = keyOf(r);
        if (k !== null) map.set(k, [...(map.get(k) ?? []), r]);
      }
      return map;
    };
    const contexts = group(linked, r => r.contextId);
    const chains = group(chained, r => r.chainId);
    const artifacts = group(byArtifact, r => r.artifactId);
    return {
      byContextId: id => contexts.get(id) ?? [],
      inChain: id => chains.get(id) ?? [],
      deploymentsOfArtifact: id => artifacts.get(id) ?? [],
    };
  }
}

/** The CDEvents store on SQLite or PostgreSQL. */
export class DatabaseCdeventsStore implements CdeventsStore {
  constructor(
    private readonly db: Knex,
    private readonly environments: EnvironmentKinds,
  ) {}

  within(tx: StoreTransaction): CdeventsInTransaction {
    return new CdeventsInTransaction(tx, this.environments);
  }

  async purgeBefore(cutoff: number): Promise<number> {
    let deleted = 0;
    await this.db.transaction(async tx => {
      const old = tx('cdevents_events')
        .select('id')
        .where('received_at', '<', cutoff);
      await tx('cdevents_links').whereIn('event_id', old).delete();
      deleted = await tx('cdevents_events')
        .where('received_at', '<', cutoff)
        .delete();
    });
    return deleted;
  }
}
