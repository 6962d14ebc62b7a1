import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { EnvironmentListQuery } from '@cairn/plugin-intent-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { intentApiRef } from '../api';
import { platformConfigOnce } from './platformConfigOnce';

/**
 * The frontend's data access to the intent backend: components read and act through these hooks, never
 * through the API directly, so that what a page asks for is visible in one place.
 */

/** A page of the registry's environments matching a query (owner, status, kind, expiry). */
export function useEnvironmentList(query: EnvironmentListQuery) {
  const api = useApi(intentApiRef);
  return useAsync(
    () => api.listEnvironments(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, JSON.stringify(query)],
  );
}

/** One environment with its plan, policy report, resources and history; `retry` reloads it. */
export function useEnvironment(id: string) {
  const api = useApi(intentApiRef);
  return useAsyncRetry(() => api.getEnvironment(id), [api, id]);
}

/** Every version of an environment's plan, newest first; reloads when the environment changes. */
export function useEnvironmentRevisions(id: string, updatedAt?: string) {
  const api = useApi(intentApiRef);
  return useAsync(() => api.listRevisions(id), [api, id, updatedAt]);
}

/** One generated file of an environment's bundle. */
export function useEnvironmentFile(environmentId: string, path: string) {
  const api = useApi(intentApiRef);
  return useAsync(
    () => api.getEnvironmentFile(environmentId, path),
    [api, environmentId, path],
  );
}

/** The platform configuration (policies, sizes, prices), fetched once per page; `retry` asks again. */
export function usePlatformConfig() {
  const api = useApi(intentApiRef);
  return useAsyncRetry(() => platformConfigOnce(api), [api]);
}

/** The intent a repository proposes (read by the backend through the portal's URL readers); none without a URL. */
export function useRepositoryInference(url: string | undefined) {
  const api = useApi(intentApiRef);
  return useAsyncRetry(
    async () => (url ? api.inferIntent(url) : undefined),
    [api, url],
  );
}

/** The signed-in user's identity (its `userEntityRef`), loading at first. */
export function useCurrentUser() {
  const identityApi = useApi(identityApiRef);
  return useAsync(() => identityApi.getBackstageIdentity(), [identityApi]);
}

/** What a user can do to an environment: approve it, extend it, ask for its teardown, read its logins. */
export function useEnvironmentActions() {
  const api = useApi(intentApiRef);
  return useMemo(
    () => ({
      /** `revision`: the version the user reviewed; refused when another one waits by then. */
      approve: (id: string, comment?: string, revision?: number) =>
        api.approveEnvironment(id, { comment, revision }),
      requestTeardown: (id: string) => api.requestTeardown(id),
      extend: (id: string, hours: number) => api.extendEnvironment(id, hours),
      credentials: async (id: string) =>
        (await api.getEnvironmentCredentials(id)).credentials,
    }),
    [api],
  );
}
