import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
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
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { DeliveryMetricsService } from '../delivery/DeliveryMetricsService';
import {
  IngestionService,
  InvalidEventsError,
} from '../ingest/IngestionService';
import { spec } from '../schema/openapi.generated';
import { Benchmark } from '@cairn/plugin-insights-common';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  ingestion: IngestionService;
  metrics: DeliveryMetricsService;
  benchmarks: Benchmark[];
  defaultBenchmark: string;
  maxBodySize: string;
};

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
  // Bodies are parsed before the validating router, whose error handler would turn a 413 into a 400;
  // the same parser inside it is then a no-op (body-parser skips parsed requests).
  const jsonBody = express.json({ limit: options.maxBodySize });
  const outer = Router();
  outer.use(jsonBody);
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    // The batch body is validated by the ingestion path itself, which lists every invalid event.
    validatorOptions: {
      ignorePaths: /\/v1\/events$/,
      // Query parameters arrive as strings; integers such as limit are checked as integers.
      validateRequests: {
        coerceTypes: true,
        allowUnknownQueryParameters: false,
      },
    },
    middleware: [jsonBody],
  });
  outer.use(router);

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

  router.get('/health', async (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.post('/v1/events', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = req.body as { events?: unknown } | undefined;
    const events = Array.isArray(body?.events) ? body!.events : undefined;
    const auditorEvent = await auditor.createEvent({
      eventId: 'events-ingest',
      severityLevel: 'medium',
      request: req,
      meta: { events: events?.length ?? 0 },
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
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw new InputError('body: must be a JSON object { "events": [...] }');
      }
      const unknown = Object.keys(body).filter(k => k !== 'events');
      if (unknown.length)
        throw new InputError(
          `body: unknown field ${unknown.map(k => `'${k}'`).join(', ')}`,
        );
      const principal = credentials.principal as {
        type: string;
        userEntityRef?: string;
        subject?: string;
      };
      const counts = await ingestion.ingest(body.events, {
        actor: principal.userEntityRef ?? principal.subject ?? principal.type,
      });
      await auditorEvent.success({ meta: counts });
      res.json(counts);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      if (error instanceof InvalidEventsError) {
        res.status(400).json({
          error: { name: error.name, message: error.message },
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 400 },
          invalidEvents: error.invalidEvents,
        });
        return;
      }
      throw error;
    }
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
