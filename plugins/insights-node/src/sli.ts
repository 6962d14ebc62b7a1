import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** One OpenSLO `metricSource` as an SLO names it: its type and its own fields (e.g. `query`). */
export type SliMetricSource = {
  /** The data source type, e.g. `Prometheus`. */
  type: string;
  /** The source's fields, from the SLI and the DataSource it references (the SLI's win). */
  spec: Record<string, unknown>;
};

/** Values per minute: `start` is the minute's first millisecond (epoch ms). */
export type SliMinuteValue = { start: number; value: number };

/** A latency histogram per minute: events counted at or under each bound (`le`, +Inf included). */
export type SliMinuteHistogram = {
  start: number;
  buckets: Array<{ le: number; count: number }>;
};

/**
 * Reads SLI data of one data source type for the insights backend's SLOs. The backend asks for
 * whole minutes in [from, to) and stores what it is given as minute buckets; a minute left out is
 * missing data (never good data). A source that cannot answer throws: the minutes stay missing and
 * are asked again on the next run.
 */
export interface SliSource {
  /** The OpenSLO data source type it reads (compared case-insensitively), e.g. `Prometheus`. */
  readonly type: string;
  /**
   * Events per minute of a metric: for a counter (`counter: true`), how much it grew in each minute;
   * otherwise the value as the number of events of that minute.
   */
  readEvents(request: {
    source: SliMetricSource;
    counter: boolean;
    from: number;
    to: number;
    signal: AbortSignal;
  }): Promise<SliMinuteValue[]>;
  /** A value per minute (a raw ratio, or a latency the source computes), as the source gives it. */
  readValues(request: {
    source: SliMetricSource;
    from: number;
    to: number;
    signal: AbortSignal;
  }): Promise<SliMinuteValue[]>;
  /**
   * Events per minute by histogram bound, for a latency objective ("the share of requests faster than
   * the threshold"). Undefined when the source's metric is not a histogram.
   */
  readHistogram?(request: {
    source: SliMetricSource;
    from: number;
    to: number;
    signal: AbortSignal;
  }): Promise<SliMinuteHistogram[] | undefined>;
}

export interface InsightsSliExtensionPoint {
  addSliSource(source: SliSource): void;
}

/** Lets modules of the `insights` plugin read SLI data for OpenSLO metric sources of their type. */
export const insightsSliExtensionPoint =
  createExtensionPoint<InsightsSliExtensionPoint>({
    id: 'insights.sli',
  });
