import {
  PluginHttp,
  PluginHttpOptions,
  RequestOptions,
} from '@cairn/api-client';
import {
  ChangeRecord,
  DeploymentDrillDownQuery,
  DeploymentRecord,
  DoraRollup,
  DoraSeries,
  DoraSummary,
  DrillDownQuery,
  EnvironmentSummary,
  IncidentRecord,
  IngestCounts,
  IngestionHealth,
  IngestionHealthQuery,
  MetricsQuery,
  Page,
  Bucket,
} from '../api/types';
import { Benchmark } from '../benchmarks/types';
import { DeliveryEventInput } from '../events/schema';

/** The insights backend's API, as used by the frontend and by other plugins. */
export interface InsightsApi {
  pushEvents(
    events: DeliveryEventInput[],
    options?: RequestOptions,
  ): Promise<IngestCounts>;
  getSummary(
    query: MetricsQuery,
    options?: RequestOptions,
  ): Promise<DoraSummary>;
  getSeries(
    query: MetricsQuery & { bucket: Bucket },
    options?: RequestOptions,
  ): Promise<DoraSeries>;
  getRollup(query: MetricsQuery, options?: RequestOptions): Promise<DoraRollup>;
  listDeployments(
    query: DeploymentDrillDownQuery,
    options?: RequestOptions,
  ): Promise<Page<DeploymentRecord>>;
  listChanges(
    query: DrillDownQuery,
    options?: RequestOptions,
  ): Promise<Page<ChangeRecord>>;
  listIncidents(
    query: DrillDownQuery,
    options?: RequestOptions,
  ): Promise<Page<IncidentRecord>>;
  listEnvironments(
    entityRef: string,
    options?: RequestOptions,
  ): Promise<{ items: EnvironmentSummary[] }>;
  listBenchmarks(
    options?: RequestOptions,
  ): Promise<{ items: Benchmark[]; defaultBenchmark: string }>;
  /**
   * Per ingestion source, what arrived over time and why input was refused or ignored; and the stored
   * events without a component, with the annotation that would attribute them.
   */
  getIngestionHealth(
    query?: IngestionHealthQuery,
    options?: RequestOptions,
  ): Promise<IngestionHealth>;
}

/** For callers outside the frontend (other backends, scripts): a token to send. */
export type { RequestOptions };

/** Structurally the same as Backstage's DiscoveryApi and FetchApi, so both frontend and backend can pass theirs. */
export type InsightsClientOptions = PluginHttpOptions;

export class InsightsClient implements InsightsApi {
  private readonly http: PluginHttp;

  constructor(options: InsightsClientOptions) {
    this.http = new PluginHttp('insights', options);
  }

  pushEvents(events: DeliveryEventInput[], options?: RequestOptions) {
    return this.http.json<IngestCounts>('POST', '/v1/events', {}, options, {
      events,
    });
  }

  getSummary(query: MetricsQuery, options?: RequestOptions) {
    return this.http.json<DoraSummary>(
      'GET',
      '/v1/metrics/summary',
      metricsParams(query),
      options,
    );
  }

  getSeries(
    query: MetricsQuery & { bucket: Bucket },
    options?: RequestOptions,
  ) {
    return this.http.json<DoraSeries>(
      'GET',
      '/v1/metrics/series',
      { ...metricsParams(query), bucket: query.bucket },
      options,
    );
  }

  getRollup(query: MetricsQuery, options?: RequestOptions) {
    return this.http.json<DoraRollup>(
      'GET',
      '/v1/metrics/rollup',
      metricsParams(query),
      options,
    );
  }

  listDeployments(query: DeploymentDrillDownQuery, options?: RequestOptions) {
    return this.http.json<Page<DeploymentRecord>>(
      'GET',
      '/v1/deployments',
      { ...drillDownParams(query), filter: query.filter },
      options,
    );
  }

  listChanges(query: DrillDownQuery, options?: RequestOptions) {
    return this.http.json<Page<ChangeRecord>>(
      'GET',
      '/v1/changes',
      drillDownParams(query),
      options,
    );
  }

  listIncidents(query: DrillDownQuery, options?: RequestOptions) {
    return this.http.json<Page<IncidentRecord>>(
      'GET',
      '/v1/incidents',
      drillDownParams(query),
      options,
    );
  }

  listEnvironments(entityRef: string, options?: RequestOptions) {
    return this.http.json<{ items: EnvironmentSummary[] }>(
      'GET',
      '/v1/environments',
      { entity: entityRef },
      options,
    );
  }

  listBenchmarks(options?: RequestOptions) {
    return this.http.json<{ items: Benchmark[]; defaultBenchmark: string }>(
      'GET',
      '/v1/benchmarks',
      {},
      options,
    );
  }

  getIngestionHealth(
    query: IngestionHealthQuery = {},
    options?: RequestOptions,
  ) {
    return this.http.json<IngestionHealth>(
      'GET',
      '/v1/ingestion/health',
      { from: query.from, to: query.to, bucket: query.bucket },
      options,
    );
  }
}

function metricsParams(query: MetricsQuery) {
  return {
    entity: query.entityRef,
    environment: query.environment,
    from: query.from,
    to: query.to,
    timezone: query.timezone,
    benchmark: query.benchmark,
  };
}

function drillDownParams(query: DrillDownQuery) {
  return { ...metricsParams(query), limit: query.limit, offset: query.offset };
}
