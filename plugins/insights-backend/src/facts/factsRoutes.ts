import { insightsMetricsReadPermission } from '@cairn/plugin-insights-common';
import {
  InsightsApiRouter,
  metricsQuery,
  RouteContext,
} from '../shared/routes';
import { QueryResolver } from '../shared/QueryResolver';
import { FactsRegistry } from './FactsRegistry';

/** The facts registry's routes (facts/openapi.yaml): what scorecard rule authors write checks against. */
export function addFactsRoutes(
  router: InsightsApiRouter,
  context: RouteContext,
  options: { facts: FactsRegistry; query: QueryResolver },
) {
  const { facts } = options;

  router.get('/v1/facts/definitions', async (req, res) => {
    await context.authorize(req, insightsMetricsReadPermission);
    res.json(facts.definitions() as any);
  });

  router.get('/v1/facts', async (req, res) => {
    await context.authorize(req, insightsMetricsReadPermission);
    const { ref } = await options.query.entity(
      metricsQuery(req.query).entityRef,
    );
    const byEntity = await facts.factsFor([ref], { now: new Date() });
    res.json({ entityRef: ref, facts: byEntity.get(ref) ?? {} });
  });
}
