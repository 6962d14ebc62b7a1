import { IntentApi, PlatformConfigResponse } from '@cairn/plugin-intent-common';

// One request per client (per app): every preview field and every validation reuses its answer.
const loaded = new WeakMap<IntentApi, Promise<PlatformConfigResponse>>();

/**
 * The platform configuration (policies, sizes, prices, assumptions), fetched once from the intent
 * backend and kept for the page's life. A failed request is forgotten, so that a retry asks again.
 */
export function platformConfigOnce(
  api: IntentApi,
): Promise<PlatformConfigResponse> {
  let pending = loaded.get(api);
  if (!pending) {
    pending = api.getPlatformConfig();
    loaded.set(api, pending);
    pending.catch(() => loaded.delete(api));
  }
  return pending;
}
