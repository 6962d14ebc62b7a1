import {
  AuditorService,
  LoggerService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  checkHealth,
  createErrorMiddleware,
  jsonRequestGuards,
} from '@cairn/backend-common';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  EnvironmentKind,
  EnvironmentRevision,
  EnvironmentStatus,
  environmentStatuses,
  EnvironmentSummary,
  intentCredentialsReadPermission,
  intentEnvironmentApprovePermission,
  intentEnvironmentReadPermission,
  intentEnvironmentRequestPermissions,
  intentEnvironmentTeardownPermission,
  parseIntent,
  RegisterEnvironmentRequest,
} from '@cairn/plugin-intent-common';
import { JsonObject } from '@backstage/types';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { DatabaseEnvironmentStore } from '../registry/DatabaseEnvironmentStore';
import { OwnershipVerifier } from '../registry/OwnershipVerifier';
import { EnvironmentRegistry } from '../registry/EnvironmentRegistry';
import { spec } from '../schema/openapi.generated';
import { ProvisioningService } from '../provisioning/ProvisioningService';
import { authorizeOrThrow, registerAsUser } from './requests';
import { RepositoryInference } from '../inference/RepositoryInference';

export type RouterOptions = {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  registry: EnvironmentRegistry;
  store: DatabaseEnvironmentStore;
  provisioning: ProvisioningService;
  ownership: OwnershipVerifier;
  inference: RepositoryInference;
};

type AnyRequest = Request<any, any, any, any>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `status=active,expired`: the validator splits and checks the list; one value may arrive as a string. */
function statuses(value: unknown): EnvironmentStatus[] | undefined {
  if (value === undefined || value === '') return undefined;
  const list = (Array.isArray(value) ? value : String(value).split(','))
    .map(s => String(s).trim())
    .filter(Boolean);
  for (const s of list) {
    if (!environmentStatuses.includes(s as EnvironmentStatus)) {
      throw new InputError(
        `status: '${s.slice(0, 40)}' is not one of ${environmentStatuses.join(
          ', ',
        )}`,
      );
    }
  }
  return list.length ? (list as EnvironmentStatus[]) : undefined;
}

function isoTime(value: unknown, field: string): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const t = new Date(raw);
  if (Number.isNaN(t.getTime())) {
    throw new InputError(`${field}: must be an ISO 8601 time`);
  }
  return t.toISOString();
}

const actorOf = (credentials: BackstageCredentials) => {
  const principal = credentials.principal as
    | BackstageUserPrincipal
    | BackstageServicePrincipal;
  return principal.type === 'user'
    ? principal.userEntityRef
    : principal.subject;
};

/**
 * The intent HTTP API (src/schema/openapi.yaml). Thin: authenticate, authorize with the caller's own
 * credentials, parse, call the registry, audit, respond.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, registry, store, provisioning } =
    options;
  // Guarded before the validating router, whose error handler would turn a 413 into a 400: content type
  // (415), size (413), JSON that does not parse, nesting and lone surrogates (400 naming the field).
  const jsonBody = express.json({ limit: '2mb' });
  const outer = Router();
  outer.use('/v1', ...jsonRequestGuards({ limit: '2mb' }));
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    validatorOptions: {
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
      database: 'the intent database',
    }),
  );

  const authorize = (
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) => authorizeOrThrow(permissions, credentials, permission);

  async function reader(req: AnyRequest) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(credentials, intentEnvironmentReadPermission);
    return credentials;
  }

  /**
   * Refuses a user who neither requested the environment nor belongs to its owning group. Services pass
   * (their permission was checked); `allowServices: false` refuses them too.
   */
  async function requireOwner(
    credentials: BackstageCredentials,
    environment: EnvironmentSummary,
    allowServices = true,
  ) {
    if ((credentials.principal as { type: string }).type !== 'user') {
      if (allowServices) return;
      throw new NotAllowedError('only users may do this');
    }
    const user = credentials.principal as BackstageUserPrincipal;
    const { ownershipEntityRefs } = await options.userInfo.getUserInfo(
      credentials as BackstageCredentials<BackstageUserPrincipal>,
    );
    if (
      user.userEntityRef !== environment.requester &&
      !ownershipEntityRefs.includes(environment.owner)
    ) {
      throw new NotAllowedError(
        `${user.userEntityRef} neither requested environment ${environment.id} nor belongs to its owner ${environment.owner}`,
      );
    }
  }

  /** Runs a change with its auditor event: success with what changed, or failure with the error. */
  async function audited<T extends { id: string; status: string }>(
    req: AnyRequest,
    eventId: string,
    meta: JsonObject,
    change: () => Promise<{ result: T; meta?: JsonObject }>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: eventId === 'environment-approve' ? 'high' : 'medium',
      request: req,
      meta,
    });
    try {
      const { result, meta: extra } = await change();
      await event.success({
        meta: { environmentId: result.id, status: result.status, ...extra },
      });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  // Open (no credentials), for load balancers: 200 when the database answers, else 503 with Retry-After.
  router.get('/health', async (_req, res) => {
    const report = await checkHealth([
      { name: 'database', check: () => store.ping() },
    ]);
    if (report.status !== 'ok') res.setHeader('Retry-After', '5');
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });

  router.get('/v1/platform', async (req, res) => {
    await reader(req);
    res.json(registry.platform);
  });

  router.get('/v1/environments', async (req, res) => {
    await reader(req);
    const environment = text(req.query.environment);
    const list = await store.list({
      owner: text(req.query.owner),
      status: statuses(req.query.status),
      environment: environment as EnvironmentKind | undefined,
      expiresBefore: isoTime(req.query.expiresBefore, 'expiresBefore'),
      limit: req.query.limit as number | undefined,
      offset: req.query.offset as number | undefined,
    });
    const states = await provisioning.statesOf(list.items.map(e => e.id));
    res.json({
      ...list,
      items: list.items.map(e => ({
        ...e,
        resourceStates: states.get(e.id) ?? {},
      })),
    });
  });

  router.post('/v1/environments', async (req, res) => {
    const body = req.body as RegisterEnvironmentRequest;
    let created = false;
    let revision: EnvironmentRevision | undefined;
    const environment = await audited(
      req,
      body.change ? 'environment-change' : 'environment-register',
      {
        idempotencyKey: body.idempotencyKey ?? null,
        taskId: body.taskId ?? null,
      },
      async () => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        const result = await registerAsUser(
          { permissions, ownership: options.ownership, registry },
          credentials,
          body,
        );
        const { actingFor } = result;
        created = result.created;
        revision = result.revision;
        return {
          result: result.environment,
          meta: {
            ...(actingFor ? { actingFor } : {}),
            ...(revision
              ? { revision: revision.revision, revisionStatus: revision.status }
              : {}),
            created: result.created,
            name: result.environment.name,
            environment: result.environment.environment,
            owner: result.environment.owner,
            requester: result.environment.requester,
            bundleSha256: result.environment.bundleSha256,
          },
        };
      },
    );
    res
      .status(created ? 201 : 200)
      .json({ environment, created, ...(revision ? { revision } : {}) });
  });

  // An intent proposed from what a repository declares (the template for existing repositories, assistants).
  router.post('/v1/inference', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(credentials, intentEnvironmentReadPermission);
    const { url } = req.body as { url: string };
    // The engine's types carry no index signatures; the spec's schema is the same shape.
    res.json((await options.inference.infer(url)) as any);
  });

  // The registration's ownership and approver checks alone, for the plan action (nothing stored).
  // With `change`, also what the intent changes in the live environment of its name and kind.
  router.post('/v1/requests/check', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = req.body as { intent: unknown; change?: boolean };
    const intent = parseIntent(body.intent);
    const { actingFor } = await options.ownership.checkRequest(
      intent,
      credentials,
    );
    const change = body.change
      ? await registry.previewChange(
          intent,
          credentials.principal.userEntityRef,
        )
      : undefined;
    res.json({
      owner: intent.metadata.owner,
      ...(actingFor ? { actingFor } : {}),
      ...(change ? { change } : {}),
    });
  });

  router.get('/v1/environments/:id/revisions', async (req, res) => {
    await reader(req);
    const environment = await registry.get(req.params.id);
    res.json({
      environmentId: environment.id,
      items: await store.listRevisions(environment.id),
    });
  });

  router.get('/v1/environments/:id', async (req, res) => {
    await reader(req);
    const details = await store.getDetails(req.params.id);
    if (!details) {
      throw new NotFoundError(`environment ${req.params.id} not found`);
    }
    res.json({
      ...details,
      resources: await provisioning.resourcesOf(details),
    });
  });

  router.get('/v1/environments/:id/credentials', async (req, res) => {
    // Audited without the secrets: who read which environment's logins, for which services.
    const event = await auditor.createEvent({
      eventId: 'environment-credentials-read',
      severityLevel: 'high',
      request: req,
      meta: { environmentId: req.params.id },
    });
    try {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user'],
      });
      await authorize(credentials, intentCredentialsReadPermission);
      await requireOwner(credentials, await registry.get(req.params.id));
      const logins = await provisioning.credentials(req.params.id);
      await event.success({
        meta: {
          environmentId: req.params.id,
          services: logins.map(l => l.service),
        },
      });
      // Never cached by a browser or a proxy.
      res.setHeader('Cache-Control', 'no-store');
      res.json({ credentials: logins });
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.post('/v1/environments/:id/provision', async (req, res) => {
    let resources: Awaited<ReturnType<ProvisioningService['provision']>> = [];
    await audited(
      req,
      'environment-provision',
      { environmentId: req.params.id },
      async () => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        const current = await registry.get(req.params.id);
        // Whoever may request this kind of environment and owns or requested it may provision it.
        await authorize(
          credentials,
          intentEnvironmentRequestPermissions[current.environment],
        );
        await requireOwner(credentials, current);
        resources = await provisioning.provision(
          current.id,
          actorOf(credentials),
        );
        return {
          result: current,
          meta: {
            resources: resources.map(r => `${r.service}:${r.state}`),
          },
        };
      },
    );
    res.json({ environmentId: req.params.id, resources });
  });

  router.get('/v1/environments/:id/file', async (req, res) => {
    await reader(req);
    const path = String(req.query.path);
    const file = await store.getFile(req.params.id, path);
    if (!file) {
      throw new NotFoundError(
        `path: environment ${req.params.id} has no file ${path}`,
      );
    }
    res.type('text/plain; charset=utf-8').send(file.content);
  });

  router.post('/v1/environments/:id/approve', async (req, res) => {
    const environment = await audited(
      req,
      'environment-approve',
      { environmentId: req.params.id },
      async () => {
        // The approver's own credentials: a plugin acting for someone carries that someone.
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        await authorize(credentials, intentEnvironmentApprovePermission);
        const approver = credentials.principal.userEntityRef;
        let override: string | undefined;
        const result = await registry.approve(
          req.params.id,
          approver,
          req.body ?? {},
          async intent => {
            ({ override } = await options.ownership.checkApproval(
              intent,
              req.params.id,
              credentials,
            ));
            return { override };
          },
        );
        return {
          result,
          meta: {
            approver,
            requester: result.requester,
            ...(override ? { override } : {}),
          },
        };
      },
    );
    res.json(environment);
  });

  /**
   * An owner's change to an environment's lifetime (ending it now, extending it): audited, with the
   * teardown permission and, for users, membership of the owning group or being its requester.
   */
  const changeLifetime = (
    req: AnyRequest,
    id: string,
    eventId: string,
    change: (actor: string) => Promise<EnvironmentSummary>,
  ) =>
    audited(req, eventId, { environmentId: id }, async () => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      await authorize(credentials, intentEnvironmentTeardownPermission);
      await requireOwner(credentials, await registry.get(id));
      const result = await change(actorOf(credentials));
      return { result, meta: { expiresAt: result.expiresAt ?? null } };
    });

  router.post('/v1/environments/:id/teardown', async (req, res) => {
    const { id } = req.params;
    res.json(
      await changeLifetime(req, id, 'environment-teardown-request', actor =>
        registry.requestTeardown(id, actor),
      ),
    );
  });

  router.post('/v1/environments/:id/extend', async (req, res) => {
    const { id } = req.params;
    res.json(
      await changeLifetime(req, id, 'environment-extend', actor =>
        registry.extend(id, req.body.hours, actor),
      ),
    );
  });

  return outer;
}
