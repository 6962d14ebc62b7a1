import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
// The registry builds action schemas with zod's v3 API.
import type { z as zodV3 } from 'zod/v3';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';

/**
 * What a domain needs to offer its reads as actions in Backstage's actions registry (served to
 * assistants by the portal's MCP server), beside its routes: each checks the caller's permission as the
 * routes do.
 */
export interface ActionContext {
  actionsRegistry: ActionsRegistryService;
  authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<void>;
}

export function actionContext(
  actionsRegistry: ActionsRegistryService,
  permissions: PermissionsService,
): ActionContext {
  return {
    actionsRegistry,
    async authorize(credentials, permission) {
      const [decision] = await permissions.authorize([{ permission }], {
        credentials,
      });
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(`Not allowed: ${permission.name}`);
      }
    },
  };
}

/** The input of the actions about one component. */
export const componentInput = (z: typeof zodV3) =>
  z.object({
    entityRef: z
      .string()
      .min(3)
      .max(300)
      .describe(
        'The component, as an entity reference such as component:default/checkout-service',
      ),
  });
