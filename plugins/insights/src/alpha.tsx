import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { InsightsClient } from '@cairn/plugin-insights-common';
import MoveToInboxIcon from '@material-ui/icons/MoveToInbox';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { insightsApiRef } from './api';
import { rootRouteRef, scorecardRulesRouteRef } from './routes';

/*
 * The new frontend system. Cards and tabs are filtered by entity kind only, so a component without
 * delivery data still shows the card, which then explains what to send.
 */

/** Cairn's own part of a page, marked (`data-cairn`) for checks such as the portal's accessibility walk; it draws no box of its own. */
const ours = (element: JSX.Element) => (
  <div data-cairn="insights" style={{ display: 'contents' }}>
    {element}
  </div>
);

/** @alpha */
export const insightsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: insightsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new InsightsClient({ discoveryApi, fetchApi }),
    }),
});

/** @alpha */
export const entityDoraCard = EntityCardBlueprint.make({
  name: 'dora',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/DoraCard/EntityDoraCard').then(m =>
        ours(<m.EntityDoraCard />),
      ),
  },
});

/** @alpha */
export const entitySloCard = EntityCardBlueprint.make({
  name: 'slo',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/SloCard/EntitySloCard').then(m =>
        ours(<m.EntitySloCard />),
      ),
  },
});

/** @alpha */
export const entityReliabilityContent = EntityContentBlueprint.make({
  name: 'reliability',
  params: {
    path: '/reliability',
    title: 'Reliability',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/SloCard/EntityReliabilityContent').then(m =>
        ours(<m.EntityReliabilityContent />),
      ),
  },
});

/** @alpha */
export const entityOwnershipCard = EntityCardBlueprint.make({
  name: 'ownership',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/OwnershipCard/EntityOwnershipCard').then(m =>
        ours(<m.EntityOwnershipCard />),
      ),
  },
});

/** @alpha */
export const entityScorecardCard = EntityCardBlueprint.make({
  name: 'scorecards',
  params: {
    filter: { kind: { $in: ['component', 'system', 'api', 'resource'] } },
    loader: () =>
      import('./components/ScorecardCard/EntityScorecardCard').then(m =>
        ours(<m.EntityScorecardCard />),
      ),
  },
});

/** @alpha */
export const entityScorecardsContent = EntityContentBlueprint.make({
  name: 'scorecards',
  params: {
    path: '/scorecards',
    title: 'Scorecards',
    filter: { kind: { $in: ['component', 'system', 'api', 'resource'] } },
    loader: () =>
      import('./components/ScorecardCard/EntityScorecardsContent').then(m =>
        ours(<m.EntityScorecardsContent />),
      ),
  },
});

/** @alpha */
export const entityTeamScorecardCard = EntityCardBlueprint.make({
  name: 'team-scorecards',
  params: {
    filter: { kind: { $in: ['group', 'system'] } },
    loader: () =>
      import('./components/ScorecardCard/EntityTeamScorecardCard').then(m =>
        ours(<m.EntityTeamScorecardCard />),
      ),
  },
});

/** @alpha */
export const entityTeamOwnershipCard = EntityCardBlueprint.make({
  name: 'team-ownership',
  params: {
    filter: { kind: { $in: ['group', 'system'] } },
    loader: () =>
      import('./components/OwnershipCard/EntityTeamOwnershipCard').then(m =>
        ours(<m.EntityTeamOwnershipCard />),
      ),
  },
});

/** @alpha */
export const entityTeamSloCard = EntityCardBlueprint.make({
  name: 'team-slo',
  params: {
    filter: { kind: { $in: ['group', 'system'] } },
    loader: () =>
      import('./components/SloCard/EntityTeamSloCard').then(m =>
        ours(<m.EntityTeamSloCard />),
      ),
  },
});

/** @alpha */
export const entityDeliveryContent = EntityContentBlueprint.make({
  name: 'delivery',
  params: {
    path: '/delivery',
    title: 'Delivery',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/DeliveryContent/EntityDeliveryContent').then(m =>
        ours(<m.EntityDeliveryContent />),
      ),
  },
});

/** @alpha */
export const entityTeamDeliveryCard = EntityCardBlueprint.make({
  name: 'team-delivery',
  params: {
    filter: { kind: { $in: ['group', 'system'] } },
    loader: () =>
      import('./components/TeamDelivery/EntityTeamDeliveryCard').then(m =>
        ours(<m.EntityTeamDeliveryCard />),
      ),
  },
});

/** @alpha */
export const entityTeamDeliveryContent = EntityContentBlueprint.make({
  name: 'team-delivery',
  params: {
    path: '/delivery',
    title: 'Delivery',
    filter: { kind: { $in: ['group', 'system'] } },
    loader: () =>
      import('./components/TeamDelivery/EntityTeamDeliveryContent').then(m =>
        ours(<m.EntityTeamDeliveryContent />),
      ),
  },
});

/**
 * The ingestion health page. Its title and icon give it a nav item in the app's sidebar, where a label
 * longer than about 14 characters is cut; the path names the plugin's domain so it cannot collide.
 *
 * @alpha
 */
export const ingestionHealthPage = PageBlueprint.make({
  name: 'ingestion-health',
  params: {
    path: '/delivery-ingestion',
    routeRef: rootRouteRef,
    title: 'Ingestion',
    icon: <MoveToInboxIcon fontSize="inherit" />,
    loader: () =>
      import('./components/IngestionHealth/IngestionHealthPage').then(m =>
        ours(<m.IngestionHealthPage header={false} />),
      ),
  },
});

/**
 * The scorecard rules page for the platform team, in the sidebar as "Scorecards".
 *
 * @alpha
 */
export const scorecardRulesPage = PageBlueprint.make({
  name: 'scorecard-rules',
  params: {
    path: '/scorecard-rules',
    routeRef: scorecardRulesRouteRef,
    title: 'Scorecards',
    icon: <AssignmentTurnedInIcon fontSize="inherit" />,
    loader: () =>
      import('./components/ScorecardRules/ScorecardRulesPage').then(m =>
        ours(<m.ScorecardRulesPage header={false} />),
      ),
  },
});

/**
 * Cairn delivery insights for the new frontend system: the API, the DORA and SLO cards and delivery tab
 * of components, the team cards and tab of groups and systems, and the ingestion health page.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'insights',
  routes: { root: rootRouteRef, scorecardRules: scorecardRulesRouteRef },
  extensions: [
    ingestionHealthPage,
    scorecardRulesPage,
    insightsApi,
    entityDoraCard,
    entitySloCard,
    entityOwnershipCard,
    entityReliabilityContent,
    entityDeliveryContent,
    entityTeamDeliveryCard,
    entityTeamSloCard,
    entityTeamOwnershipCard,
    entityScorecardCard,
    entityTeamScorecardCard,
    entityScorecardsContent,
    entityTeamDeliveryContent,
  ],
});

export { insightsApiRef } from './api';
export { rootRouteRef, scorecardRulesRouteRef } from './routes';
export { isInsightsAvailable, isTeamInsightsAvailable } from './conditions';
