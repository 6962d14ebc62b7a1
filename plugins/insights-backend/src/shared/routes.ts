import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { MetricsQuery } from '@cairn/plugin-insights-common';
import { Request } from 'express';
import { spec } from '../schema/openapi.generated';

/** The plugin's router, typed from its OpenAPI contract; each domain adds its routes to it. */
export type InsightsApiRouter = ReturnType<
  typeof createValidatedOpenApiRouter<typeof spec>
>;

export type AnyRequest = Request<any, any, any, any>;

/** What every domain's routes need to authenticate, authorize and audit. */
export type RouteContext = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** A user's or a service's credentials with the permission, or 401/403. */
  authorize(
    req: AnyRequest,
    permission: BasicPermission,
  ): Promise<BackstageCredentials>;
};

export function routeContext(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}): RouteContext {
  const { httpAuth, permissions } = options;
  return {
    ...options,
    async authorize(req, permission) {
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
    },
  };
}

/** A query value that is a non-empty string, or undefined. */
/**
 * A 400 that lists what is wrong with a submitted document (OpenSLO documents, scorecard rules) in
 * Backstage's error shape, with the problems beside it (at most 100).
 */
export function sendProblems(
  req: AnyRequest,
  res: { status(code: number): { json(body: unknown): void } },
  error: Error,
  problems: unknown[],
) {
  res.status(400).json({
    error: { name: error.name, message: error.message },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode: 400 },
    problems: problems.slice(0, 100),
  });
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function integer(value: unknown, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n))
    throw new InputError(`${field}: must be an integer`);
  return n;
}

/** The query every metrics route takes: an entity, an environment, a range, a time zone, a benchmark. */
export function metricsQuery(query: Record<string, unknown>): MetricsQuery {
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
