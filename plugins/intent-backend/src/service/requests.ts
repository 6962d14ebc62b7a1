import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  intentEnvironmentRequestPermissions,
  parseIntent,
  RegisterEnvironmentRequest,
} from '@cairn/plugin-intent-common';
import { EnvironmentRegistry } from '../registry/EnvironmentRegistry';
import { OwnershipVerifier } from '../registry/OwnershipVerifier';

/** Refuses the caller unless the permission framework allows `permission` for their credentials. */
export async function authorizeOrThrow(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: BasicPermission,
) {
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
}

/**
 * A registration as the HTTP API and the assistants' action both make it: the permission for the kind
 * asked for, ownership and the approver against the catalog, then the registry (which plans again and
 * refuses a plan the guardrails deny or a bundle that differs).
 */
export async function registerAsUser(
  deps: {
    permissions: PermissionsService;
    ownership: OwnershipVerifier;
    registry: EnvironmentRegistry;
  },
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  body: RegisterEnvironmentRequest,
) {
  // The permission depends on the kind asked for, so the intent is read before authorizing.
  const intent = parseIntent(body.intent);
  await authorizeOrThrow(
    deps.permissions,
    credentials,
    intentEnvironmentRequestPermissions[intent.spec.environment],
  );
  // Ownership and the approver against the catalog, before anything is stored.
  const { actingFor } = await deps.ownership.checkRequest(intent, credentials);
  const result = await deps.registry.register(
    body,
    credentials.principal.userEntityRef,
    { actingFor },
  );
  return { ...result, actingFor };
}
