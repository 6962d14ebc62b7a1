import { createApiRef } from '@backstage/core-plugin-api';
import { IntentApi } from '@cairn/plugin-intent-common';

/**
 * The intent backend's API. Both frontend systems register `IntentClient` from
 * `@cairn/plugin-intent-common` for it, built on the portal's discovery and fetch APIs.
 *
 * @public
 */
export const intentApiRef = createApiRef<IntentApi>({
  id: 'plugin.intent.api',
});
