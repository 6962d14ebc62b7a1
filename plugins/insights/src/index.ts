/**
 * Cairn delivery insights in the portal (legacy frontend system). Portals on the new frontend system
 * import `@cairn/plugin-insights/alpha` instead.
 *
 * @packageDocumentation
 */
export {
  insightsPlugin,
  EntityDoraCard,
  EntitySloCard,
  EntityTeamSloCard,
  EntityReliabilityContent,
  EntityOwnershipCard,
  EntityTeamOwnershipCard,
  EntityScorecardCard,
  EntityTeamScorecardCard,
  EntityScorecardsContent,
  EntityDeliveryContent,
  EntityTeamDeliveryCard,
  EntityTeamDeliveryContent,
  InsightsIngestionPage,
  InsightsScorecardRulesPage,
} from './plugin';
export { isInsightsAvailable, isTeamInsightsAvailable } from './conditions';
export { insightsApiRef } from './api';
export { rootRouteRef, scorecardRulesRouteRef } from './routes';
