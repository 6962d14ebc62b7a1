import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { IntentClient } from '@cairn/plugin-intent-common';
import { intentApiRef } from './api';
import { rootRouteRef } from './routes';
import {
  INTENT_PREVIEW_FIELD,
  IntentPreviewField,
  IntentPreviewFieldSchema,
  validateIntentPreview,
} from './preview';
import {
  INTENT_INFERENCE_FIELD,
  IntentInferenceField,
  IntentInferenceFieldSchema,
  validateIntentInference,
} from './inference';

/**
 * The intent plugin for portals on the legacy frontend system.
 *
 * @public
 */
export const intentPlugin = createPlugin({
  id: 'intent',
  apis: [
    createApiFactory({
      api: intentApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IntentClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The live plan preview for templates (`ui:field: CairnIntentPreview`): put it inside
 * `<ScaffolderFieldExtensions>` of the scaffolder route.
 *
 * @public
 */
export const IntentPreviewFieldExtension = intentPlugin.provide(
  createScaffolderFieldExtension({
    name: INTENT_PREVIEW_FIELD,
    component: IntentPreviewField,
    validation: validateIntentPreview,
    schema: IntentPreviewFieldSchema.schema,
  }),
);

/**
 * What a repository says, for "Environment for an existing repository" (`ui:field: CairnIntentInference`):
 * put it inside `<ScaffolderFieldExtensions>` of the scaffolder route.
 *
 * @public
 */
export const IntentInferenceFieldExtension = intentPlugin.provide(
  createScaffolderFieldExtension({
    name: INTENT_INFERENCE_FIELD,
    component: IntentInferenceField,
    validation: validateIntentInference,
    schema: IntentInferenceFieldSchema.schema,
  }),
);

/**
 * The environments page with the platform rules (`./platform`) and each environment (`./<id>`) below
 * it. Mount it on a route of the app, e.g. `<Route path="/environments" element={<EnvironmentsPage />} />`.
 *
 * @public
 */
export const EnvironmentsPage = intentPlugin.provide(
  createRoutableExtension({
    name: 'EnvironmentsPage',
    component: () =>
      import('./components/EnvironmentsPage/EnvironmentsPage').then(
        m => m.EnvironmentsPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * A team's live environments, for a Group's overview.
 *
 * @public
 */
export const EntityGroupEnvironmentsCard = intentPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupEnvironmentsCard',
    component: {
      lazy: () =>
        import(
          './components/GroupEnvironmentsCard/EntityGroupEnvironmentsCard'
        ).then(m => m.EntityGroupEnvironmentsCard),
    },
  }),
);
