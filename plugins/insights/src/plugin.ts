import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { InsightsClient } from '@cairn/plugin-insights-common';
import { insightsApiRef } from './api';
import { rootRouteRef, scorecardRulesRouteRef } from './routes';

/**
 * The insights plugin for portals on the legacy frontend system.
 *
 * @public
 */
export const insightsPlugin = createPlugin({
  id: 'insights',
  apis: [
    createApiFactory({
      api: insightsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new InsightsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, scorecardRules: scorecardRulesRouteRef },
});

/**
 * The DORA card for a component's overview.
 *
 * @public
 */
export const EntityDoraCard = insightsPlugin.provide(
  createComponentExtension({
    name: 'EntityDoraCard',
    component: {
      lazy: () =>
        import('./components/DoraCard/EntityDoraCard').then(
          m => m.EntityDoraCard,
        ),
    },
  }),
);

/**
 * The SLO card for a component's overview: each SLO objective's SLI, error budget, alert and burn.
 *
 * @public
 */
export const EntitySloCard = insightsPlugin.provide(
  createComponentExtension({
    name: 'EntitySloCard',
    component: {
      lazy: () =>
        import('./components/SloCard/EntitySloCard').then(m => m.EntitySloCard),
    },
  }),
);

/**
 * The SLO card for a Group's or System's overview: objectives by state, alerts firing, lowest budgets.
 *
 * @public
 */
export const EntityTeamSloCard = insightsPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamSloCard',
    component: {
      lazy: () =>
        import('./components/SloCard/EntityTeamSloCard').then(
          m => m.EntityTeamSloCard,
        ),
    },
  }),
);

/**
 * The ownership card for a component's overview: owner health, on-call, knowledge concentration.
 *
 * @public
 */
export const EntityOwnershipCard = insightsPlugin.provide(
  createComponentExtension({
    name: 'EntityOwnershipCard',
    component: {
      lazy: () =>
        import('./components/OwnershipCard/EntityOwnershipCard').then(
          m => m.EntityOwnershipCard,
        ),
    },
  }),
);

/**
 * The scorecard card for an entity's overview: the level per scorecard, the checks to look at first,
 * exemptions and the entity's stage.
 *
 * @public
 */
export const EntityScorecardCard = insightsPlugin.provide(
  createComponentExtension({
    name: 'EntityScorecardCard',
    component: {
      lazy: () =>
        import('./components/ScorecardCard/EntityScorecardCard').then(
          m => m.EntityScorecardCard,
        ),
    },
  }),
);

/**
 * The scorecard card for a Group's or System's overview: components per level, the trend, the checks
 * failing most.
 *
 * @public
 */
export const EntityTeamScorecardCard = insightsPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamScorecardCard',
    component: {
      lazy: () =>
        import('./components/ScorecardCard/EntityTeamScorecardCard').then(
          m => m.EntityTeamScorecardCard,
        ),
    },
  }),
);

/**
 * The ownership card for a Group's or System's overview: truck factors, components one person knows,
 * owner problems (counts).
 *
 * @public
 */
export const EntityTeamOwnershipCard = insightsPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamOwnershipCard',
    component: {
      lazy: () =>
        import('./components/OwnershipCard/EntityTeamOwnershipCard').then(
          m => m.EntityTeamOwnershipCard,
        ),
    },
  }),
);

/**
 * The Reliability tab of a component: per SLO, the budget and burn over time with the deployments,
 * the alert history, the alert windows now and the OpenSLO document.
 *
 * @public
 */
export const EntityReliabilityContent = insightsPlugin.provide(
  createComponentExtension({
    name: 'EntityReliabilityContent',
    component: {
      lazy: () =>
        import('./components/SloCard/EntityReliabilityContent').then(
          m => m.EntityReliabilityContent,
        ),
    },
  }),
);

/**
 * The Scorecards tab of an entity: every check with its state and value, and when each changed.
 *
 * @public
 */
export const EntityScorecardsContent = insightsPlugin.provide(
  createComponentExtension({
    name: 'EntityScorecardsContent',
    component: {
      lazy: () =>
        import('./components/ScorecardCard/EntityScorecardsContent').then(
          m => m.EntityScorecardsContent,
        ),
    },
  }),
);

/**
 * The delivery tab of a component: charts over time, the lead-time breakdown and drill-downs.
 *
 * @public
 */
export const EntityDeliveryContent = insightsPlugin.provide(
  createComponentExtension({
    name: 'EntityDeliveryContent',
    component: {
      lazy: () =>
        import('./components/DeliveryContent/EntityDeliveryContent').then(
          m => m.EntityDeliveryContent,
        ),
    },
  }),
);

/**
 * The team card for a Group's or System's overview: tier counts, attention, toil.
 *
 * @public
 */
export const EntityTeamDeliveryCard = insightsPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamDeliveryCard',
    component: {
      lazy: () =>
        import('./components/TeamDelivery/EntityTeamDeliveryCard').then(
          m => m.EntityTeamDeliveryCard,
        ),
    },
  }),
);

/**
 * The delivery tab of a Group or System: each metric's distribution across the components, the
 * components that need attention, toil signals and drill-downs.
 *
 * @public
 */
export const EntityTeamDeliveryContent = insightsPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamDeliveryContent',
    component: {
      lazy: () =>
        import('./components/TeamDelivery/EntityTeamDeliveryContent').then(
          m => m.EntityTeamDeliveryContent,
        ),
    },
  }),
);

/**
 * The ingestion health page: per source, the last event received, what was accepted, updated,
 * ignored or rejected over time and why, and the events no component claims with the annotation that
 * would attribute them. Mount it on a route of the app, e.g. `/delivery-ingestion`.
 *
 * @public
 */
export const InsightsIngestionPage = insightsPlugin.provide(
  createRoutableExtension({
    name: 'InsightsIngestionPage',
    component: () =>
      import('./components/IngestionHealth/IngestionHealthPage').then(
        m => m.IngestionHealthPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The scorecard rules page for the platform team: each scorecard's checks with their CEL, where they
 * apply and their pass rates, the rule files' versions and refusals, and a dry run of a draft. Mount it
 * on a route of the app, e.g. `/scorecard-rules`.
 *
 * @public
 */
export const InsightsScorecardRulesPage = insightsPlugin.provide(
  createRoutableExtension({
    name: 'InsightsScorecardRulesPage',
    component: () =>
      import('./components/ScorecardRules/ScorecardRulesPage').then(
        m => m.ScorecardRulesPage,
      ),
    mountPoint: scorecardRulesRouteRef,
  }),
);
