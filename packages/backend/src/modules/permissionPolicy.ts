import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

/**
 * The demo portal's permission policy. Backstage's permission framework is enabled
 * (`permission.enabled: true`) so that every Cairn plugin's permission checks run through this
 * policy; it allows everything except what a Cairn rule below restricts.
 *
 * Rules are added by the issue that introduces the permission they restrict, each with a test in
 * permissionPolicy.test.ts showing an allowed and a denied case.
 */
export class CairnPermissionPolicy implements PermissionPolicy {
  async handle(
    _request: PolicyQuery,
    _user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'cairn-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new CairnPermissionPolicy());
      },
    });
  },
});
