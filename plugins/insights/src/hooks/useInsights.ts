import { useApi } from '@backstage/core-plugin-api';
import {
  Bucket,
  DeploymentDrillDownQuery,
  DrillDownQuery,
  EnvironmentSummary,
  IngestionHealthQuery,
  InsightsApi,
  MetricsQuery,
} from '@cairn/plugin-insights-common';
import { useCallback } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { insightsApiRef } from '../api';

/**
 * The frontend's data access to the insights backend: every component reads through these hooks, never
 * through the API directly, so that what a page asks for, and how often, is visible in one place.
 */

/** How long an entity's environment list is shared between the cards and tabs of a page. */
const ENVIRONMENTS_TTL_MS = 30_000;
const environmentsCache = new WeakMap<
  InsightsApi,
  Map<string, { at: number; list: Promise<{ items: EnvironmentSummary[] }> }>
>();

/**
 * The environments an entity has delivery data for. The DORA card, the Delivery tab and the team tab
 * ask for the same list; one request serves them all for a short while (a failed one is not kept).
 */
export function loadEnvironments(api: InsightsApi, entityRef: string) {
  let byEntity = environmentsCache.get(api);
  if (!byEntity) {
    byEntity = new Map();
    environmentsCache.set(api, byEntity);
  }
  const cached = byEntity.get(entityRef);
  if (cached && Date.now() - cached.at < ENVIRONMENTS_TTL_MS)
    return cached.list;
  const list = api.listEnvironments(entityRef);
  const entry = { at: Date.now(), list };
  byEntity.set(entityRef, entry);
  list.catch(() => {
    if (byEntity!.get(entityRef) === entry) byEntity!.delete(entityRef);
  });
  return list;
}

export function useEnvironments(entityRef: string) {
  const api = useApi(insightsApiRef);
  return useAsync(() => loadEnvironments(api, entityRef), [api, entityRef]);
}

/** The DORA summary of a component or group over a range; `retry` asks again. */
export function useDeliverySummary(query: MetricsQuery) {
  const api = useApi(insightsApiRef);
  return useAsyncRetry(
    () => api.getSummary(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, JSON.stringify(query)],
  );
}

/** The metrics per bucket (day, week, month, quarter) over a range. */
export function useDeliverySeries(query: MetricsQuery & { bucket: Bucket }) {
  const api = useApi(insightsApiRef);
  return useAsync(
    () => api.getSeries(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, JSON.stringify(query)],
  );
}

/** A component's CI health over a range: pipelines, flaky tests, reruns. */
export function useCiHealth(
  query: MetricsQuery & { bucket?: 'day' | 'week' | 'month' },
) {
  const api = useApi(insightsApiRef);
  return useAsync(
    () => api.getCiHealth(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, JSON.stringify(query)],
  );
}

/** CI across a group's or a system's components. */
export function useCiRollup(query: MetricsQuery) {
  const api = useApi(insightsApiRef);
  return useAsync(
    () => api.getCiRollup(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, JSON.stringify(query)],
  );
}

/** A group's rollup across the components it owns (its sub-groups included). */
export function useTeamRollup(query: MetricsQuery) {
  const api = useApi(insightsApiRef);
  return useAsync(
    () => api.getRollup(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, JSON.stringify(query)],
  );
}

/** Per source, what arrived and why input was refused; and the unattributed events. */
export function useIngestionHealth(query: IngestionHealthQuery) {
  const api = useApi(insightsApiRef);
  return useAsync(
    () => api.getIngestionHealth(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, JSON.stringify(query)],
  );
}

/** Page loaders for the drill-down tables (the records behind a metric). */
export function useDrillDownLoaders() {
  const api = useApi(insightsApiRef);
  return {
    deployments: useCallback(
      (query: DeploymentDrillDownQuery) => api.listDeployments(query),
      [api],
    ),
    changes: useCallback(
      (query: DrillDownQuery) => api.listChanges(query),
      [api],
    ),
    incidents: useCallback(
      (query: DrillDownQuery) => api.listIncidents(query),
      [api],
    ),
  };
}

/** A component's SLOs now, and the newest version of each origin's documents (for empty states). */
export function useSloStatus(entityRef: string) {
  const api = useApi(insightsApiRef);
  return useAsyncRetry(async () => {
    const [status, documents] = await Promise.all([
      api.getSloStatus({ entityRef }),
      api.getSloDocuments(entityRef),
    ]);
    return { status, documents };
  }, [api, entityRef]);
}

/** A group's (whole sub-tree's) or a system's SLOs by state. */
export function useSloRollup(entityRef: string) {
  const api = useApi(insightsApiRef);
  return useAsyncRetry(() => api.getSloRollup({ entityRef }), [api, entityRef]);
}

/** An SLO objective's daily history and alert changes (the last 30 days). */
export function useSloHistory(query: {
  entityRef: string;
  slo: string | undefined;
  objective: number;
}) {
  const api = useApi(insightsApiRef);
  return useAsync(
    async () =>
      query.slo
        ? api.getSloHistory({
            entityRef: query.entityRef,
            slo: query.slo,
            objective: query.objective,
          })
        : undefined,
    [api, query.entityRef, query.slo, query.objective],
  );
}

/** The component's production deployments in a range, newest first (markers on SLO charts). */
export function useProductionDeployments(
  entityRef: string,
  range: { from: string; to: string } | undefined,
) {
  const api = useApi(insightsApiRef);
  return useAsync(
    async () =>
      range
        ? api.listDeployments({
            entityRef,
            environment: 'production',
            from: range.from,
            to: range.to,
            limit: 100,
          })
        : undefined,
    [api, entityRef, range?.from, range?.to],
  );
}

/** A component's ownership report. */
export function useOwnership(entityRef: string) {
  const api = useApi(insightsApiRef);
  return useAsyncRetry(() => api.getOwnership(entityRef), [api, entityRef]);
}

/** A group's (whole sub-tree's) or a system's ownership risks. */
export function useOwnershipRollup(entityRef: string) {
  const api = useApi(insightsApiRef);
  return useAsyncRetry(
    () => api.getOwnershipRollup(entityRef),
    [api, entityRef],
  );
}

/** An entity's current scorecard results. */
export function useScorecardResults(entityRef: string) {
  const api = useApi(insightsApiRef);
  return useAsyncRetry(
    () => api.getScorecardResults(entityRef),
    [api, entityRef],
  );
}

/** When an entity's scorecard checks changed state. */
export function useScorecardHistory(entityRef: string) {
  const api = useApi(insightsApiRef);
  return useAsyncRetry(
    () => api.getScorecardHistory({ entityRef, limit: 100 }),
    [api, entityRef],
  );
}

/** A group's (whole sub-tree's) or a system's scorecard distributions. */
export function useScorecardRollup(entityRef: string) {
  const api = useApi(insightsApiRef);
  return useAsyncRetry(
    () => api.getScorecardRollup(entityRef),
    [api, entityRef],
  );
}
