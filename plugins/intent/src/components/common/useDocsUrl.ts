import { configApiRef, useApi } from '@backstage/core-plugin-api';

/** The portal's own page about self-service environments (`intent.docsUrl`), when configured. */
export function useDocsUrl(): string | undefined {
  return useApi(configApiRef).getOptionalString('intent.docsUrl');
}
