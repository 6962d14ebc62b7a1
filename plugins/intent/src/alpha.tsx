import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { IntentClient } from '@cairn/plugin-intent-common';
import { intentApiRef } from './api';
import { rootRouteRef } from './routes';

/** @alpha */
export const intentApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: intentApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IntentClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The live plan preview for templates (`ui:field: CairnIntentPreview`).
 *
 * @alpha
 */
export const intentPreviewFormField = FormFieldBlueprint.make({
  name: 'intent-preview',
  params: {
    field: () =>
      import('./preview/formField').then(m => m.intentPreviewFormField),
  },
});

/**
 * Cairn self-service environments for the new frontend system: the API and the plan preview field
 * for the scaffolder.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'intent',
  routes: { root: rootRouteRef },
  extensions: [intentApi, intentPreviewFormField],
});

export { intentApiRef } from './api';
export { rootRouteRef } from './routes';
