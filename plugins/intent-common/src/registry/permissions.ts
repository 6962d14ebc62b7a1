import {
  BasicPermission,
  createPermission,
} from '@backstage/plugin-permission-common';
import { EnvironmentKind, environmentKinds } from '../intent/intentSchema';

/**
 * Requesting (registering) an environment, one permission per environment kind, so a portal's policy can
 * say who may ask for what: e.g. previews for everyone, production only for some teams.
 */
export const intentEnvironmentRequestPermissions: Record<
  EnvironmentKind,
  BasicPermission
> = Object.fromEntries(
  environmentKinds.map(kind => [
    kind,
    createPermission({
      name: `intent.environment.request.${kind}`,
      attributes: { action: 'create' },
    }),
  ]),
) as Record<EnvironmentKind, BasicPermission>;

/** Approving a production environment. The requester can never approve their own, whatever the policy says. */
export const intentEnvironmentApprovePermission = createPermission({
  name: 'intent.environment.approve',
  attributes: { action: 'update' },
});

/** Reading the environment registry (environments, their plans, files and history). */
export const intentEnvironmentReadPermission = createPermission({
  name: 'intent.environment.read',
  attributes: { action: 'read' },
});

/**
 * Ending an environment before its TTL. Owners (members of the owning group) and the requester may; the
 * policy can narrow it further.
 */
export const intentEnvironmentTeardownPermission = createPermission({
  name: 'intent.environment.teardown',
  attributes: { action: 'delete' },
});

/**
 * Reading an environment's credentials (passwords of its provisioned databases). The intent backend lets
 * only owners (members of the owning group) and the requester read them; the policy can narrow it.
 */
export const intentCredentialsReadPermission = createPermission({
  name: 'intent.credentials.read',
  attributes: { action: 'read' },
});

export const intentPermissions = [
  ...Object.values(intentEnvironmentRequestPermissions),
  intentEnvironmentApprovePermission,
  intentEnvironmentReadPermission,
  intentEnvironmentTeardownPermission,
  intentCredentialsReadPermission,
];
