import {
  Benchmark,
  Bucket,
  insightsMetricsReadPermission,
} from '@cairn/plugin-insights-common';
import {
  integer,
  InsightsApiRouter,
  metricsQuery,
  RouteContext,
  text,
} from '../shared/routes';
import { CiHealthService } from './CiHealthService';
import { DeliveryMetricsService } from './DeliveryMetricsService';

/** The delivery domain's routes: metrics, rollups, drill-downs, benchmarks (delivery/openapi.yaml). */
export function addDeliveryRoutes(
  router: InsightsApiRouter,
  context: RouteContext,
  options: {
    metrics: DeliveryMetricsService;
    ci: CiHealthService;
    benchmarks: Benchmark[];
    defaultBenchmark: string;
  },
) {
  const { metrics } = options;

  router.get('/v1/metrics/summary', async (req, res) => {
    await context.authorize(req, insightsMetricsReadPermission);
    res.json(await metrics.summary(metricsQuery(req.query)));
  });

  router.get('/v1/metrics/series', async (req, res) => {
    await context.authorize(req, insightsMetricsReadPermission);
    res.json(
      await metrics.series({
        ...metricsQuery(req.query),
        bucket: req.query.bucket as Bucket,
      }),
    );
  });

  router.get('/v1/ci/health', async (req, res) => {
    await context.authorize(req, insightsMetricsReadPermission);
    res.json(
      await options.ci.health({
        ...metricsQuery(req.query),
        bucket: text(req.query.bucket),
      }),
    );
  });

  router.get('/v1/ci/rollup', async (req, res) => {
    await context.authorize(req, insightsMetricsReadPermission);
    res.json(await options.ci.rollup(metricsQuery(req.query)));
  });

  router.get('/v1/metrics/rollup', async (req, res) => {
    await context.authorize(req, insightsMetricsReadPermission);
    res.json(await metrics.rollup(metricsQuery(req.query)));
  });

  const page = (query: Record<string, unknown>) => ({
    ...metricsQuery(query),
    limit: integer(query.limit, 'limit'),
    offset: integer(query.offset, 'offset'),
  });

  router.get('/v1/deployments', async (req, res) => {
    await context.authorize(req, insightsMetricsReadPermission);
    res.json(
      await metrics.deployments({
        ...page(req.query),
        filter: text(req.query.filter) as 'failed' | 'rework' | undefined,
      }),
    );
  });

  router.get('/v1/changes', async (req, res) => {
    await context.authorize(req, insightsMetricsReadPermission);
    res.json(await metrics.changes(page(req.query)));
  });

  router.get('/v1/incidents', async (req, res) => {
    await context.authorize(req, insightsMetricsReadPermission);
    res.json(await metrics.incidents(page(req.query)));
  });

  router.get('/v1/environments', async (req, res) => {
    await context.authorize(req, insightsMetricsReadPermission);
    res.json(await metrics.environments(metricsQuery(req.query).entityRef));
  });

  router.get('/v1/benchmarks', async (req, res) => {
    await context.authorize(req, insightsMetricsReadPermission);
    res.json({
      items: options.benchmarks,
      defaultBenchmark: options.defaultBenchmark,
    });
  });
}
