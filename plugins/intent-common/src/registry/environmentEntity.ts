/** Annotations on the catalog Resource of a registered environment. */
export const INTENT_ENVIRONMENT_ID_ANNOTATION = 'cairn.dev/environment-id';
export const INTENT_EXPIRES_AT_ANNOTATION = 'cairn.dev/expires-at';
export const INTENT_STATUS_ANNOTATION = 'cairn.dev/environment-status';
export const INTENT_BUNDLE_SHA256_ANNOTATION = 'cairn.dev/bundle-sha256';

/**
 * The catalog name of an environment's Resource: `<intent name>-<kind>`, unique because the registry
 * keeps at most one live environment per name and kind.
 */
export function environmentEntityName(environment: {
  name: string;
  environment: string;
}): string {
  return `${environment.name}-${environment.environment}`;
}

/** The Resource's entity ref, e.g. `resource:default/checkout-api-prod`. */
export function environmentEntityRef(environment: {
  name: string;
  environment: string;
}): string {
  return `resource:default/${environmentEntityName(environment)}`;
}
