import { insightsMetricsReadPermission } from '@cairn/plugin-insights-common';
import { InsightsApiRouter, RouteContext, text } from '../shared/routes';
import { IngestionHealthService } from './IngestionHealthService';

/** The ingestion health domain's route (ingestionHealth/openapi.yaml). */
export function addIngestionHealthRoutes(
  router: InsightsApiRouter,
  context: RouteContext,
  options: { ingestionHealth: IngestionHealthService },
) {
  router.get('/v1/ingestion/health', async (req, res) => {
    await context.authorize(req, insightsMetricsReadPermission);
    res.json(
      await options.ingestionHealth.health({
        from: text(req.query.from),
        to: text(req.query.to),
        bucket: text(req.query.bucket) as 'hour' | 'day' | undefined,
      }),
    );
  });
}
