import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  bodyParserError,
  createErrorMiddleware,
  HealthReport,
  jsonRequestGuards,
} from '@cairn/backend-common';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import Router from 'express-promise-router';
import { CdeventsService } from './ingest/cdevents/CdeventsService';
import { DeliveryMetricsService } from './delivery/DeliveryMetricsService';
import { IngestionHealthService } from './ingestionHealth/IngestionHealthService';
import { IngestionService } from './ingest/IngestionService';
import { addIngestRoutes } from './ingest/ingestRoutes';
import { addIngestionHealthRoutes } from './ingestionHealth/ingestionHealthRoutes';
import { addDeliveryRoutes } from './delivery/deliveryRoutes';
import { CiHealthService } from './delivery/CiHealthService';
import { addFactsRoutes } from './facts/factsRoutes';
import { addReliabilityRoutes } from './reliability/reliabilityRoutes';
import { ReliabilityService } from './reliability/ReliabilityService';
import { addOwnershipRoutes } from './ownership/ownershipRoutes';
import { addScorecardRoutes } from './scorecards/scorecardRoutes';
import { ScorecardService } from './scorecards/ScorecardService';
import { OwnershipService } from './ownership/OwnershipService';
import { FactsRegistry } from './facts/FactsRegistry';
import { QueryResolver } from './shared/QueryResolver';
import { routeContext } from './shared/routes';
import { spec } from './schema/openapi.generated';
import { Benchmark } from '@cairn/plugin-insights-common';

export type RouterOptions = {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  ingestion: IngestionService;
  cdevents: CdeventsService;
  ingestionHealth: IngestionHealthService;
  metrics: DeliveryMetricsService;
  ci: CiHealthService;
  facts: FactsRegistry;
  reliability: ReliabilityService;
  ownership: OwnershipService;
  scorecards: ScorecardService;
  userInfo: UserInfoService;
  query: QueryResolver;
  benchmarks: Benchmark[];
  defaultBenchmark: string;
  maxBodySize: string;
  /** The database and the catalog, for `GET /health`. */
  health: () => Promise<HealthReport>;
};

/**
 * The insights HTTP API: one served spec (src/schema/openapi.yaml with each domain's part). This file
 * puts the body guards, the validating router and the error handling around the domains' routes
 * (ingest/ingestRoutes, ingestionHealth/ingestionHealthRoutes, delivery/deliveryRoutes,
 * reliability/reliabilityRoutes), which
 * authenticate, authorize, parse, call their service and respond.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  // Bodies are parsed and guarded (content type, size, depth, well-formed text) before the validating
  // router, whose error handler would turn a 413 into a 400; the parser inside it is then a no-op
  // (body-parser skips parsed requests). Only the plugin's own routes are parsed: modules (webhooks)
  // read their raw bodies to verify signatures.
  const jsonBody = express.json({ limit: options.maxBodySize });
  const outer = Router();
  // CloudEvents come in three content types; the SDK reads the raw text.
  const cloudEventsBody = express.text({
    type: () => true,
    limit: options.maxBodySize,
  });
  outer.use('/v1/cdevents', (req, res, next) =>
    cloudEventsBody(req, res, error =>
      next(error ? bodyParserError(error, options.maxBodySize) : undefined),
    ),
  );
  const guards = jsonRequestGuards({ limit: options.maxBodySize });
  outer.use(
    '/v1',
    ...guards.map(
      (guard): express.RequestHandler =>
        (req, res, next) =>
          req.path.startsWith('/cdevents') ? next() : guard(req, res, next),
    ),
  );
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    // The batch bodies are validated by the ingestion paths themselves, which list every invalid
    // event.
    validatorOptions: {
      ignorePaths: /\/v1\/(events|cdevents)$/,
      // Query parameters arrive as strings; integers such as limit are checked as integers.
      validateRequests: {
        coerceTypes: true,
        allowUnknownQueryParameters: false,
      },
    },
    middleware: [jsonBody],
  });
  outer.use(router);
  outer.use(
    createErrorMiddleware({
      logger: options.logger,
      database: 'the insights database',
    }),
  );

  // Open (no credentials), for load balancers: 200 when the database and the catalog answer, else
  // 503 with Retry-After and which one did not.
  router.get('/health', async (_req, res) => {
    const report = await options.health();
    if (report.status !== 'ok') res.setHeader('Retry-After', '5');
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });

  const context = routeContext(options);
  addIngestRoutes(router, context, options);
  addIngestionHealthRoutes(router, context, options);
  addDeliveryRoutes(router, context, options);
  addFactsRoutes(router, context, options);
  addReliabilityRoutes(router, context, options);
  addOwnershipRoutes(router, context, options);
  addScorecardRoutes(router, context, options);

  return outer;
}
