import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  bodyParserError,
  createErrorMiddleware,
  HealthReport,
  jsonRequestGuards,
} from '@cairn/backend-common';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  BasicPermission,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import {
  Bucket,
  insightsEventsCreatePermission,
  insightsMetricsReadPermission,
  MetricsQuery,
} from '@cairn/plugin-insights-common';
import { JsonObject } from '@backstage/types';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { CdeventsService } from './ingest/cdevents/CdeventsService';
import { DeliveryMetricsService } from './delivery/DeliveryMetricsService';
import { IngestionHealthService } from './ingestionHealth/IngestionHealthService';
import {
  API_SOURCE,
  IngestionService,
  InvalidEventsError,
} from './ingest/IngestionService';
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
  benchmarks: Benchmark[];
  defaultBenchmark: string;
  maxBodySize: string;
  /** The database and the catalog, for `GET /health`. */
  health: () => Promise<HealthReport>;
};

/** How many invalid events a 400 lists; the rest are counted. */
const MAX_LISTED_PROBLEMS = 100;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function integer(value: unknown, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n))
    throw new InputError(`${field}: must be an integer`);
  return n;
}

function metricsQuery(query: Record<string, unknown>): MetricsQuery {
  const entityRef = text(query.entity);
  if (!entityRef)
    throw new InputError(
      'entity: is required (an entity reference such as component:default/checkout)',
    );
  return {
    entityRef,
    environment: text(query.environment),
    from: text(query.from),
    to: text(query.to),
    timezone: text(query.timezone),
    benchmark: text(query.benchmark),
  };
}

/**
 * The insights HTTP API (src/schema/openapi.yaml). Thin: authenticate, authorize, parse, call the
 * service, respond.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, ingestion, metrics } = options;
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

  async function authorize(
    req: Request<any, any, any, any>,
    permission: BasicPermission,
  ) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  // Open (no credentials), for load balancers: 200 when the database and the catalog answer, else
  // 503 with Retry-After and which one did not.
  router.get('/health', async (_req, res) => {
    const report = await options.health();
    if (report.status !== 'ok') res.setHeader('Retry-After', '5');
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });

  /** The ingestion routes' common part: credentials, permission, audit, and 400 with every invalid event. */
  async function ingestRoute(
    req: Request<any, any, any, any>,
    res: express.Response,
    meta: JsonObject,
    ingest: (actor: string) => Promise<JsonObject>,
  ) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const auditorEvent = await auditor.createEvent({
      eventId: 'events-ingest',
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const [decision] = await permissions.authorize(
        [{ permission: insightsEventsCreatePermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Not allowed: ${insightsEventsCreatePermission.name}`,
        );
      }
      const principal = credentials.principal as {
        type: string;
        userEntityRef?: string;
        subject?: string;
      };
      const counts = await ingest(
        principal.userEntityRef ?? principal.subject ?? principal.type,
      );
      await auditorEvent.success({ meta: counts });
      res.json(counts);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      if (error instanceof InvalidEventsError) {
        res.status(400).json({
          error: { name: error.name, message: error.message },
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 400 },
          // Bounded: a batch of thousands of invalid events answers with the first hundred.
          invalidEvents: error.invalidEvents.slice(0, MAX_LISTED_PROBLEMS),
          ...(error.invalidEvents.length > MAX_LISTED_PROBLEMS
            ? {
                moreInvalidEvents:
                  error.invalidEvents.length - MAX_LISTED_PROBLEMS,
              }
            : {}),
        });
        return;
      }
      throw error;
    }
  }

  router.post('/v1/events', async (req, res) => {
    const body = req.body as { events?: unknown } | undefined;
    const events = Array.isArray(body?.events) ? body!.events : undefined;
    await ingestRoute(
      req,
      res,
      { events: events?.length ?? 0 },
      async actor => {
        const problem =
          !body || typeof body !== 'object' || Array.isArray(body)
            ? 'body: must be a JSON object { "events": [...] }'
            : Object.keys(body)
                .filter(k => k !== 'events')
                .map(k => `'${k}'`)
                .join(', ');
        if (problem) {
          const message = problem.startsWith('body:')
            ? problem
            : `body: unknown field ${problem}`;
          await ingestion.recordOutcome(API_SOURCE, {
            outcome: 'rejected',
            reason: message,
          });
          throw new InputError(message);
        }
        return ingestion.ingest(body!.events, { actor, source: API_SOURCE });
      },
    );
  });

  router.post('/v1/cdevents', async (req, res) => {
    await ingestRoute(req, res, { format: 'cdevents' }, actor =>
      options.cdevents.receive(
        {
          headers: req.headers,
          body: typeof req.body === 'string' ? req.body : '',
        },
        { actor },
      ),
    );
  });

  router.get('/v1/ingestion/health', async (req, res) => {
    await authorize(req, insightsMetricsReadPermission);
    res.json(
      await options.ingestionHealth.health({
        from: text(req.query.from),
        to: text(req.query.to),
        bucket: text(req.query.bucket) as 'hour' | 'day' | undefined,
      }),
    );
  });

  router.get('/v1/metrics/summary', async (req, res) => {
    await authorize(req, insightsMetricsReadPermission);
    res.json(await metrics.summary(metricsQuery(req.query)));
  });

  router.get('/v1/metrics/series', async (req, res) => {
    await authorize(req, insightsMetricsReadPermission);
    res.json(
      await metrics.series({
        ...metricsQuery(req.query),
        bucket: req.query.bucket as Bucket,
      }),
    );
  });

  router.get('/v1/metrics/rollup', async (req, res) => {
    await authorize(req, insightsMetricsReadPermission);
    res.json(await metrics.rollup(metricsQuery(req.query)));
  });

  const page = (query: Record<string, unknown>) => ({
    ...metricsQuery(query),
    limit: integer(query.limit, 'limit'),
    offset: integer(query.offset, 'offset'),
  });

  router.get('/v1/deployments', async (req, res) => {
    await authorize(req, insightsMetricsReadPermission);
    res.json(
      await metrics.deployments({
        ...page(req.query),
        filter: text(req.query.filter) as 'failed' | 'rework' | undefined,
      }),
    );
  });

  router.get('/v1/changes', async (req, res) => {
    await authorize(req, insightsMetricsReadPermission);
    res.json(await metrics.changes(page(req.query)));
  });

  router.get('/v1/incidents', async (req, res) => {
    await authorize(req, insightsMetricsReadPermission);
    res.json(await metrics.incidents(page(req.query)));
  });

  router.get('/v1/environments', async (req, res) => {
    await authorize(req, insightsMetricsReadPermission);
    res.json(await metrics.environments(metricsQuery(req.query).entityRef));
  });

  router.get('/v1/benchmarks', async (req, res) => {
    await authorize(req, insightsMetricsReadPermission);
    res.json({
      items: options.benchmarks,
      defaultBenchmark: options.defaultBenchmark,
    });
  });

  return outer;
}
