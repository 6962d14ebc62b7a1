import { LoggerService } from '@backstage/backend-plugin-api';
import { CustomErrorBase, InputError } from '@backstage/errors';
import {
  EventValidationError,
  IngestCounts,
  validateEvents,
} from '@cairn/plugin-insights-common';
import { InsightsEventIngestor } from '@cairn/plugin-insights-node';
import { CatalogGateway } from '../catalog/CatalogGateway';
import { DatabaseDeliveryStore } from '../delivery/store/DatabaseDeliveryStore';
import { EnvironmentKinds } from './EnvironmentKinds';
import { normalizeEvent } from './normalizeEvent';

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

/** A request larger than the configured limits: 413. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/**
 * The one ingestion path every source uses (REST batch, CDEvents, modules): whole-batch validation,
 * attribution to catalog components, then one transaction that stores the events and re-derives the
 * facts they affect. Resolving means committed.
 */
export class IngestionService implements InsightsEventIngestor {
  constructor(
    private readonly options: {
      store: DatabaseDeliveryStore;
      catalog: CatalogGateway;
      environments: EnvironmentKinds;
      linkWindowMs: number;
      maxEventsPerBatch: number;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  async ingest(
    events: unknown,
    options: { actor: string },
  ): Promise<IngestCounts> {
    if (!Array.isArray(events)) {
      throw new InputError(
        'events: must be an array of deployment, change and incident events',
      );
    }
    if (events.length > this.options.maxEventsPerBatch) {
      throw new PayloadTooLargeError(
        `events: a batch holds at most ${this.options.maxEventsPerBatch} events (insights.ingest.maxEventsPerBatch), this one has ${events.length}; split it`,
      );
    }
    const validated = validateEvents(events);
    if (!validated.ok) throw new InvalidEventsError(validated.errors);

    const components = await this.options.catalog.componentIndex();
    const stored = validated.events.map(e =>
      normalizeEvent(e, {
        components,
        environments: this.options.environments,
      }),
    );
    const { outcomes, ...counts } = await this.options.store.applyEvents(
      stored,
      {
        now: this.options.now?.() ?? Date.now(),
        linkWindowMs: this.options.linkWindowMs,
      },
    );
    this.options.logger.debug(
      `Ingested ${events.length} events from ${options.actor}`,
      counts,
    );
    return counts;
  }
}
