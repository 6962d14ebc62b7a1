import { configApiRef, useApi } from '@backstage/core-plugin-api';

/**
 * The zone the environments pages show times in: `cairn.timeZone` from the app config (the zone the
 * delivery views count days in, when the insights backend has no zone of its own), else the browser's.
 */
export function useTimeZone(): string {
  const config = useApi(configApiRef);
  return (
    config.getOptionalString('cairn.timeZone') ??
    new Intl.DateTimeFormat().resolvedOptions().timeZone
  );
}
