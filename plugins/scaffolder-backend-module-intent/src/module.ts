import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { IntentClient } from '@cairn/plugin-intent-common';
import { createApproveAction } from './actions/approve';
import { createInferAction } from './actions/infer';
import { createPlanAction } from './actions/plan';
import { createProvisionAction } from './actions/provision';
import { createRegisterAction } from './actions/register';

/**
 * Cairn's intent actions for the scaffolder: `cairn:intent:infer`, `cairn:intent:plan`, `cairn:environment:register`,
 * `cairn:environment:approve`, `cairn:environment:provision`.
 */
export const scaffolderModuleIntent = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'intent',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scaffolder, auth, discovery }) {
        const client = new IntentClient({ discoveryApi: discovery });
        scaffolder.addActions(
          createInferAction(),
          createPlanAction({ client, auth }),
          createRegisterAction({ client, auth }),
          createApproveAction({ client, auth }),
          createProvisionAction({ client, auth }),
        );
      },
    });
  },
});
