import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The plugin's page, the ingestion health view. Created with `core-plugin-api`, whose route refs both
 * frontend systems accept, like `insightsApiRef`.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'insights' });

/**
 * The scorecard rules page for the platform team.
 *
 * @public
 */
export const scorecardRulesRouteRef = createRouteRef({
  id: 'insights-scorecard-rules',
});
