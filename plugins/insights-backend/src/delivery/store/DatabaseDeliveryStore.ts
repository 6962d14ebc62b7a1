import { headlineAggregates } from './headlineAggregates';
import { Knex } from 'knex';
import { ComponentIndex } from '../../shared/ComponentIndex';
import { StoreTransaction } from '../../shared/database';
import { EnvironmentKinds } from '../../shared/EnvironmentKinds';
import { DeliveryStore } from './DeliveryStore';
import {
  changesShippedBy,
  derivePair,
  derivePairAround,
  deriveChangeFactsFor,
} from './deriveFacts';
import { AggregateQuery, doraAggregates } from './doraAggregates';
import {
  coverageCounts,
  DrillDownScope,
  listChanges,
  listDeployments,
  listEnvironments,
  listIncidents,
} from './drillDown';
import {
  purgeBefore,
  readState,
  reattribute,
  rekeyEnvironments,
  writeState,
} from './maintenance';
import { ApplyOptions, ApplyResult, Pair, StoredEvent } from './types';
import { TABLES } from './tables';
import { ReviewRecord, reviewsOf } from './reviews';
import { unattributedGroups } from './unattributed';
import {
  finishedRuns,
  PipelineRunScope,
  unattributedRuns,
} from './pipelineRuns';
import { writeEvents } from './writeEvents';

/**
 * The delivery store on SQLite or PostgreSQL: events as reported plus the per-record facts derived from
 * them. Ingestion commits a whole batch, with its derived facts, in one transaction. The files beside
 * this one hold its parts: writing events (writeEvents), merging sources (mergeSources), deriving facts
 * (deriveFacts, changeDigests), reading aggregates (doraAggregates) and drill-downs (drillDown), and the
 * scheduled maintenance (maintenance).
 */
export class DatabaseDeliveryStore implements DeliveryStore {
  constructor(private readonly db: Knex) {}

  applyEvents(
    events: StoredEvent[],
    options: ApplyOptions,
    tx: StoreTransaction,
  ): Promise<ApplyResult> {
    return writeEvents(tx, events, options);
  }

  reviews(
    componentRefs: string[],
    range: { from: number; to: number },
  ): Promise<Map<string, ReviewRecord[]>> {
    return reviewsOf(this.db, componentRefs, range);
  }

  async rederive(pairs: Pair[], options: ApplyOptions): Promise<void> {
    await this.db.transaction(async tx => {
      for (const pair of pairs) {
        const deployments = await derivePair(tx, pair, options.linkWindowMs);
        await deriveChangeFactsFor(
          tx,
          await changesShippedBy(tx, new Set(deployments)),
        );
      }
    });
  }

  async rederiveAfterPurge(
    pairs: Pair[],
    cutoff: number,
    changeIds: number[],
    options: ApplyOptions,
  ): Promise<void> {
    // One transaction per pair: the cost follows the edge, not the history, and a long purge does not
    // hold every pair's rows at once.
    for (const pair of pairs) {
      await this.db.transaction(tx =>
        derivePairAround(tx, pair, [cutoff], options.linkWindowMs),
      );
    }
    await this.db.transaction(tx =>
      deriveChangeFactsFor(tx, new Set(changeIds)),
    );
  }

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

  readState(key: string) {
    return readState(this.db, key);
  }

  writeState(key: string, value: string) {
    return writeState(this.db, key, value);
  }

  rekeyEnvironments(environments: EnvironmentKinds) {
    return rekeyEnvironments(this.db, environments);
  }

  reattribute(components: ComponentIndex) {
    return reattribute(this.db, components);
  }

  purgeBefore(cutoff: number) {
    return purgeBefore(this.db, cutoff);
  }

  aggregates(query: AggregateQuery) {
    return doraAggregates(this.db, query);
  }

  headlines(query: Omit<AggregateQuery, 'grouping'>) {
    return headlineAggregates(this.db, query);
  }

  async namesComponent(componentRef: string): Promise<boolean> {
    for (const table of Object.values(TABLES)) {
      const row = await this.db(table)
        .where('component_ref', componentRef)
        .first('component_ref');
      if (row) return true;
    }
    return false;
  }

  coverageCounts(scope: Parameters<typeof coverageCounts>[1]) {
    return coverageCounts(this.db, scope);
  }

  listDeployments(scope: DrillDownScope, filter?: 'failed' | 'rework') {
    return listDeployments(this.db, scope, filter);
  }

  listChanges(scope: DrillDownScope) {
    return listChanges(this.db, scope);
  }

  listIncidents(scope: DrillDownScope) {
    return listIncidents(this.db, scope);
  }

  listEnvironments(componentRefs: string[]) {
    return listEnvironments(this.db, componentRefs);
  }

  pipelineRuns(scope: PipelineRunScope) {
    return finishedRuns(this.db, scope);
  }

  unattributedRuns(repository: string) {
    return unattributedRuns(this.db, repository);
  }

  unattributed(options: { groupsPerType: number }) {
    return unattributedGroups(this.db, options);
  }
}
