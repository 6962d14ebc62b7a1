import {
  canonicalSha256,
  defaultPlatformConfig,
  PlatformConfigResponse,
} from '@cairn/plugin-intent-common';

/** The platform configuration as the intent backend serves it with Cairn's built-in data. */
export const platformResponse: PlatformConfigResponse = {
  version: canonicalSha256(defaultPlatformConfig),
  config: defaultPlatformConfig,
  overrides: { disabledPolicies: [], addedPolicies: [], changedParams: [] },
};
