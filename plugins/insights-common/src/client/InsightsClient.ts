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
import {
  SloDocuments,
  SloHistory,
  SloRollup,
  SloStatusResponse,
} from '../api/sloTypes';
import {
  OwnershipReportResponse,
  OwnershipRollup,
} from '../api/ownershipTypes';
import {
  ScorecardDefinitionsResponse,
  ScorecardDryRunResponse,
  ScorecardHistoryResponse,
  ScorecardResultsResponse,
  ScorecardRollupResponse,
} from '../api/scorecardTypes';
import { Benchmark } from '../benchmarks/types';
import { DeliveryEventInput } from '../events/schema';
import { CiHealth, CiRollup } from '../api/ciTypes';

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
  /** CI health of one component: pipelines, flaky tests, reruns (`GET /v1/ci/health`). */
  getCiHealth(
    query: MetricsQuery & { bucket?: 'day' | 'week' | 'month' },
    options?: RequestOptions,
  ): Promise<CiHealth>;
  /** CI across a group's or a system's components (`GET /v1/ci/rollup`). */
  getCiRollup(query: MetricsQuery, options?: RequestOptions): Promise<CiRollup>;
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
  /** A component's SLOs at a moment (default now). */
  getSloStatus(
    query: { entityRef: string; at?: string },
    options?: RequestOptions,
  ): Promise<SloStatusResponse>;
  /** The newest version of each origin's OpenSLO documents of a component, valid or not. */
  getSloDocuments(
    entityRef: string,
    options?: RequestOptions,
  ): Promise<SloDocuments>;
  /** A group's (whole sub-tree) or a system's SLOs by state. */
  getSloRollup(
    query: { entityRef: string; at?: string },
    options?: RequestOptions,
  ): Promise<SloRollup>;
  /** A component's newest ownership report (names only for those allowed to see them). */
  getOwnership(
    entityRef: string,
    options?: RequestOptions,
  ): Promise<OwnershipReportResponse>;
  /** A group's (whole sub-tree) or a system's ownership risks, as counts. */
  getOwnershipRollup(
    entityRef: string,
    options?: RequestOptions,
  ): Promise<OwnershipRollup>;
  /** An entity's current scorecard results: its level per scorecard and every check. */
  getScorecardResults(
    entityRef: string,
    options?: RequestOptions,
  ): Promise<ScorecardResultsResponse>;
  /** The scorecards in force, the rule files' versions and refusals, and the stages. */
  getScorecardDefinitions(
    options?: RequestOptions,
  ): Promise<ScorecardDefinitionsResponse>;
  /** A draft rule file against every entity, nothing stored (insights.scorecards.manage). */
  dryRunScorecards(
    rules: string,
    options?: RequestOptions,
  ): Promise<ScorecardDryRunResponse>;
  /** A group's (whole sub-tree) or a system's components per scorecard, level and check. */
  getScorecardRollup(
    entityRef: string,
    options?: RequestOptions,
  ): Promise<ScorecardRollupResponse>;
  /** When an entity's scorecard checks changed state, newest first. */
  getScorecardHistory(
    query: { entityRef: string; limit?: number },
    options?: RequestOptions,
  ): Promise<ScorecardHistoryResponse>;
  /** An SLO objective's daily history and alert changes, with the deployments before each burn. */
  getSloHistory(
    query: {
      entityRef: string;
      slo: string;
      objective?: number;
      from?: string;
      to?: string;
    },
    options?: RequestOptions,
  ): Promise<SloHistory>;
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

  getCiHealth(
    query: MetricsQuery & { bucket?: 'day' | 'week' | 'month' },
    options?: RequestOptions,
  ) {
    return this.http.json<CiHealth>(
      'GET',
      '/v1/ci/health',
      {
        entity: query.entityRef,
        from: query.from,
        to: query.to,
        timezone: query.timezone,
        bucket: query.bucket,
      },
      options,
    );
  }

  getCiRollup(query: MetricsQuery, options?: RequestOptions) {
    return this.http.json<CiRollup>(
      'GET',
      '/v1/ci/rollup',
      {
        entity: query.entityRef,
        from: query.from,
        to: query.to,
        timezone: query.timezone,
      },
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

  getSloStatus(
    query: { entityRef: string; at?: string },
    options?: RequestOptions,
  ) {
    return this.http.json<SloStatusResponse>(
      'GET',
      '/v1/slos/status',
      { entity: query.entityRef, at: query.at },
      options,
    );
  }

  getSloDocuments(entityRef: string, options?: RequestOptions) {
    return this.http.json<SloDocuments>(
      'GET',
      '/v1/slos/documents',
      { entity: entityRef },
      options,
    );
  }

  getSloRollup(
    query: { entityRef: string; at?: string },
    options?: RequestOptions,
  ) {
    return this.http.json<SloRollup>(
      'GET',
      '/v1/slos/rollup',
      { entity: query.entityRef, at: query.at },
      options,
    );
  }

  getOwnershipRollup(entityRef: string, options?: RequestOptions) {
    return this.http.json<OwnershipRollup>(
      'GET',
      '/v1/ownership/rollup',
      { entity: entityRef },
      options,
    );
  }

  getScorecardResults(entityRef: string, options?: RequestOptions) {
    return this.http.json<ScorecardResultsResponse>(
      'GET',
      '/v1/scorecards/results',
      { entity: entityRef },
      options,
    );
  }

  getScorecardDefinitions(options?: RequestOptions) {
    return this.http.json<ScorecardDefinitionsResponse>(
      'GET',
      '/v1/scorecards',
      {},
      options,
    );
  }

  dryRunScorecards(rules: string, options?: RequestOptions) {
    return this.http.json<ScorecardDryRunResponse>(
      'POST',
      '/v1/scorecards/dry-run',
      {},
      options,
      { rules },
    );
  }

  getScorecardRollup(entityRef: string, options?: RequestOptions) {
    return this.http.json<ScorecardRollupResponse>(
      'GET',
      '/v1/scorecards/rollup',
      { entity: entityRef },
      options,
    );
  }

  getScorecardHistory(
    query: { entityRef: string; limit?: number },
    options?: RequestOptions,
  ) {
    return this.http.json<ScorecardHistoryResponse>(
      'GET',
      '/v1/scorecards/history',
      {
        entity: query.entityRef,
        ...(query.limit ? { limit: String(query.limit) } : {}),
      },
      options,
    );
  }

  getOwnership(entityRef: string, options?: RequestOptions) {
    return this.http.json<OwnershipReportResponse>(
      'GET',
      '/v1/ownership',
      { entity: entityRef },
      options,
    );
  }

  getSloHistory(
    query: {
      entityRef: string;
      slo: string;
      objective?: number;
      from?: string;
      to?: string;
    },
    options?: RequestOptions,
  ) {
    return this.http.json<SloHistory>(
      'GET',
      '/v1/slos/history',
      {
        entity: query.entityRef,
        slo: query.slo,
        objective:
          query.objective === undefined ? undefined : String(query.objective),
        from: query.from,
        to: query.to,
      },
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
