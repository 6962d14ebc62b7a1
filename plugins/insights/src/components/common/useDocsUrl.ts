import { configApiRef, useApi } from '@backstage/core-plugin-api';

/** The portal's own page about sending delivery events (`insights.docsUrl`), when configured. */
export function useDocsUrl(): string | undefined {
  return useApi(configApiRef).getOptionalString('insights.docsUrl');
}
