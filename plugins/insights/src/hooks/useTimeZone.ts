import { configApiRef, useApi } from '@backstage/core-plugin-api';

/**
 * The zone the portal shows times in where an answer names none (ingestion health, scorecards,
 * ownership): `cairn.timeZone` from the app config, else the browser's. Delivery views show the zone
 * their answer was computed in.
 */
export function useTimeZone(): string {
  const config = useApi(configApiRef);
  return config.getOptionalString('cairn.timeZone') ?? browserTimeZone();
}

/** The browser's own zone. */
export function browserTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}
