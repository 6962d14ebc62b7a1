import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { findJsonProblem, PayloadTooLargeError } from '@cairn/backend-common';
import {
  EventValidationError,
  IngestCounts,
  LeadTimeStage,
  OutOfOrderChange,
  validateEvents,
} from '@cairn/plugin-insights-common';
import { CatalogGateway } from '../shared/CatalogGateway';
import {
  outOfOrderStages,
  type DeliveryStore,
  type StoredEvent,
} from '../delivery';
import type { IngestionHealthStore } from '../ingestionHealth';
import { ComponentIndex } from '../shared/ComponentIndex';
import { StoreTransaction, TransactionRunner } from '../shared/database';
import { EnvironmentKinds } from '../shared/EnvironmentKinds';
import { normalizeEvent } from './normalizeEvent';

/** The ingestion health source of `POST /v1/events`. */
export const API_SOURCE = 'api';

/** A batch with invalid events: 400, with every problem listed. */
export class InvalidEventsError extends InputError {
  constructor(readonly invalidEvents: EventValidationError[]) {
    const shown = invalidEvents.slice(0, 20).map(e => `${e.path} ${e.message}`);
    const more =
      invalidEvents.length > shown.length
        ? `; and ${invalidEvents.length - shown.length} more`
        : '';
    const events = new Set(invalidEvents.map(e => e.index)).size;
    super(
      `${events} invalid event${
        events === 1 ? '' : 's'
      }, nothing stored: ${shown.join('; ')}${more}`,
    );
  }
}

export { PayloadTooLargeError };

export type IngestOptions = {
  /** Who acted, for logs and the audit log. */
  actor: string;
  /** The ingestion health source: `api`, `cdevents`, a module's id. Default `api`. */
  source?: string;
};

/**
 * The one ingestion path every source uses (REST batch, CDEvents, modules): whole-batch validation,
 * attribution to catalog components, then one transaction that stores the events, re-derives the
 * facts they affect and counts them for the ingestion health view. Resolving means committed.
 */
export class IngestionService {
  constructor(
    private readonly options: {
      delivery: DeliveryStore;
      transact: TransactionRunner;
      health: IngestionHealthStore;
      catalog: CatalogGateway;
      environments: EnvironmentKinds;
      linkWindowMs: number;
      maxEventsPerBatch: number;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  get environments(): EnvironmentKinds {
    return this.options.environments;
  }

  async ingest(events: unknown, options: IngestOptions): Promise<IngestCounts> {
    const source = options.source ?? API_SOURCE;
    let stored: StoredEvent[];
    try {
      stored = await this.prepare(events);
    } catch (error) {
      await this.recordOutcome(source, {
        outcome: 'rejected',
        count: Array.isArray(events) ? events.length : 1,
        reason: (error as Error).message,
      });
      throw error;
    }
    // Retried as a whole when it loses a race with another replica writing the same records.
    const counts = await this.options.transact(tx =>
      this.applyWithin(tx, stored, { ...options, source }),
    );
    const outOfOrder = outOfOrderChanges(stored);
    return outOfOrder.length ? { ...counts, outOfOrder } : counts;
  }

  /**
   * Validates a whole batch and attributes it, without storing anything. Throws InvalidEventsError
   * listing every invalid event, or PayloadTooLargeError (unless `limitSize` is false: a source that
   * limited its own input may map it to more records).
   */
  async prepare(
    events: unknown,
    options: { limitSize?: boolean } = {},
  ): Promise<StoredEvent[]> {
    return this.prepareWith(events, await this.componentIndex(), options);
  }

  /**
   * The catalog's components as attribution needs them. Sources that store events of their own read it
   * before opening their transaction: no outgoing call may wait inside one (on SQLite the plugin token
   * for the catalog call needs the same database's only connection).
   */
  componentIndex(): Promise<ComponentIndex> {
    return this.options.catalog.componentIndex();
  }

  /** `prepare` with the component index already read: no I/O, so it is safe inside a transaction. */
  prepareWith(
    events: unknown,
    components: ComponentIndex,
    options: { limitSize?: boolean } = {},
  ): StoredEvent[] {
    if (!Array.isArray(events)) {
      throw new InputError(
        'events: must be an array of deployment, change, incident and pipelineRun events',
      );
    }
    if (
      options.limitSize !== false &&
      events.length > this.options.maxEventsPerBatch
    ) {
      throw new PayloadTooLargeError(
        `events: a batch holds at most ${this.options.maxEventsPerBatch} events (insights.ingest.maxEventsPerBatch), this one has ${events.length}; split it`,
      );
    }
    // Text no database stores as sent (lone surrogates, NUL) and nesting no schema should recurse
    // into, from any source (modules map their payloads into events too).
    const problem = findJsonProblem(events, 'events');
    if (problem) {
      const index = Number(/^events\[(\d+)\]/.exec(problem.path)?.[1] ?? 0);
      throw new InvalidEventsError([
        { index, path: problem.path, message: problem.message },
      ]);
    }
    const validated = validateEvents(events);
    if (!validated.ok) throw new InvalidEventsError(validated.errors);
    return validated.events.map(e =>
      normalizeEvent(e, {
        components,
        environments: this.options.environments,
      }),
    );
  }

  /**
   * Stores prepared events in the caller's transaction, with their health counts, so that a source
   * with its own state (CDEvents) commits both at once. `ignored` counts input the source received
   * and did not turn into events.
   */
  async applyWithin(
    tx: StoreTransaction,
    stored: StoredEvent[],
    options: IngestOptions & {
      source: string;
      ignored?: { count: number; reason: string };
    },
  ): Promise<IngestCounts> {
    const at = this.now();
    const { outcomes, ...counts } = await this.options.delivery.applyEvents(
      stored,
      { now: at, linkWindowMs: this.options.linkWindowMs },
      tx,
    );
    await this.options.health.record(
      {
        source: options.source,
        at,
        accepted: counts.inserted,
        updated: counts.updated,
        ignored: counts.unchanged + (options.ignored?.count ?? 0),
        unattributed: counts.unattributed,
        note: options.ignored?.count
          ? { outcome: 'ignored', ...options.ignored }
          : undefined,
      },
      tx,
    );
    this.options.logger.debug(
      `Ingested ${stored.length} events from ${options.actor} (${options.source})`,
      counts,
    );
    return counts;
  }

  /** Records input a source ignored or refused without storing events. */
  async recordOutcome(
    source: string,
    outcome: {
      outcome: 'ignored' | 'rejected';
      count?: number;
      reason: string;
    },
  ): Promise<void> {
    const count = outcome.count ?? 1;
    await this.options.health.record({
      source,
      at: this.now(),
      [outcome.outcome]: count,
      note: { outcome: outcome.outcome, count, reason: outcome.reason },
    });
  }
}

const MAX_OUT_OF_ORDER_LISTED = 100;
const STAGE_SPANS: Record<LeadTimeStage, string> = {
  coding: 'openedAt is before firstCommitAt',
  pickup: 'firstReviewAt is before openedAt',
  review: 'mergedAt is before firstReviewAt',
  deploy: 'the deployment finished before mergedAt',
};

/** The changes of a batch whose own stage timestamps run backwards, for the ingest answer. */
function outOfOrderChanges(stored: StoredEvent[]): OutOfOrderChange[] {
  const listed: OutOfOrderChange[] = [];
  stored.forEach((e, index) => {
    if (e.type !== 'change' || listed.length >= MAX_OUT_OF_ORDER_LISTED) return;
    const stages = outOfOrderStages(e);
    if (stages.length === 0) return;
    listed.push({
      index,
      id: e.externalId,
      stages,
      message: `events[${index}]: ${stages
        .map(s => STAGE_SPANS[s])
        .join('; ')}: stored, and left out of the ${stages.join(', ')} stage${
        stages.length === 1 ? '' : 's'
      }`,
    });
  });
  return listed;
}
