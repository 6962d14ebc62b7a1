import { createApiRef } from '@backstage/core-plugin-api';
import { InsightsApi } from '@cairn/plugin-insights-common';

/**
 * The insights backend's API. Both frontend systems register `InsightsClient` from
 * `@cairn/plugin-insights-common` for it, built on the portal's discovery and fetch APIs.
 *
 * @public
 */
export const insightsApiRef = createApiRef<InsightsApi>({
  id: 'plugin.insights.api',
});
