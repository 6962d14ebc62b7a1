import { createExtensionPoint } from '@backstage/backend-plugin-api';
import {
  DeliveryEventInput,
  IngestCounts,
} from '@cairn/plugin-insights-common';

/**
 * Hands delivery events to the insights backend's ingestion path: the same whole-batch validation,
 * identity rules, attribution and single transaction as `POST /v1/events`.
 */
export interface InsightsEventIngestor {
  /**
   * Validates and stores a batch. Resolves once the batch is committed; rejects with an InputError
   * listing every invalid event (nothing is stored then). Counted in the ingestion health view under
   * the source's id.
   */
  ingest(
    events: DeliveryEventInput[],
    options: {
      /** Who acted, for the audit log, e.g. `github-webhook delivery 72d3162e-...`. */
      actor: string;
    },
  ): Promise<IngestCounts>;

  /**
   * Records, for the ingestion health view, what the source received but did not hand over: input
   * it ignored (an event type it does not use) or refused (a bad signature, an unreadable payload),
   * with the reason an operator needs to fix it.
   */
  recordOutcome(outcome: {
    outcome: 'ignored' | 'rejected';
    /** How many events; default 1. */
    count?: number;
    reason: string;
  }): Promise<void>;

  /**
   * The key deployments of an environment are grouped under: `production` for every name configured
   * as production (`insights.productionEnvironments`), otherwise the name, lower-cased. Sources that
   * reason about "the previous deployment to the same environment" use it so that they agree with
   * the backend.
   */
  environmentKey(environment: string): string;
}

/** A module that feeds events into the insights backend. */
export interface InsightsEventSource {
  /** A short id for logs, audit events and the ingestion health view, e.g. `github`. */
  readonly id: string;
  /** Called once when the insights backend has started, with the ingestor to hand events to. */
  connect(ingestor: InsightsEventIngestor): Promise<void>;
}

export interface InsightsIngestionExtensionPoint {
  addEventSource(source: InsightsEventSource): void;
}

/**
 * Lets modules of the `insights` plugin feed it events. A module registers its HTTP routes with its
 * own `coreServices.httpRouter` (under /api/insights) and its source here.
 */
export const insightsIngestionExtensionPoint =
  createExtensionPoint<InsightsIngestionExtensionPoint>({
    id: 'insights.ingestion',
  });
