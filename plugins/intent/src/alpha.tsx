import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { IntentClient } from '@cairn/plugin-intent-common';
import { intentApiRef } from './api';
import { rootRouteRef } from './routes';

/** Cairn's own part of a page, marked (`data-cairn`) for checks such as the portal's accessibility walk; it draws no box of its own. */
const ours = (element: JSX.Element) => (
  <div data-cairn="intent" style={{ display: 'contents' }}>
    {element}
  </div>
);

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
 * What a repository says, for "Environment for an existing repository" (`ui:field: CairnIntentInference`).
 *
 * @alpha
 */
export const intentInferenceFormField = FormFieldBlueprint.make({
  name: 'intent-inference',
  params: {
    field: () =>
      import('./inference/formField').then(m => m.intentInferenceFormField),
  },
});

/**
 * The environments page, with the platform rules (`/environments/platform`) and each environment
 * (`/environments/<id>`) below it. Its title and icon give it a nav item in the app's sidebar.
 *
 * @alpha
 */
export const environmentsPage = PageBlueprint.make({
  params: {
    path: '/environments',
    routeRef: rootRouteRef,
    title: 'Environments',
    icon: <CloudQueueIcon fontSize="inherit" />,
    loader: () =>
      import('./components/EnvironmentsPage/EnvironmentsPage').then(m =>
        ours(<m.EnvironmentsPage header={false} />),
      ),
  },
});

/**
 * A team's live environments on the group page.
 *
 * @alpha
 */
export const entityGroupEnvironmentsCard = EntityCardBlueprint.make({
  name: 'group-environments',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import(
        './components/GroupEnvironmentsCard/EntityGroupEnvironmentsCard'
      ).then(m => ours(<m.EntityGroupEnvironmentsCard />)),
  },
});

/**
 * Cairn self-service environments for the new frontend system: the API, the plan preview field for
 * the scaffolder, the environments page (with the platform rules and each environment's page) and
 * the group card.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'intent',
  routes: { root: rootRouteRef },
  extensions: [
    intentApi,
    intentPreviewFormField,
    intentInferenceFormField,
    environmentsPage,
    entityGroupEnvironmentsCard,
  ],
});

export { intentApiRef } from './api';
export { rootRouteRef } from './routes';
