import { InsightsClient } from '@cairn/plugin-insights-common';
import { fakeBackend, FakeRouteHandler } from '@cairn/test-utils-web';

export { never, errorReply } from '@cairn/test-utils-web';

/**
 * The real `InsightsClient` against a fake backend: each route of the insights API answers from a
 * handler, unknown routes answer 404. The requested URLs are recorded for assertions.
 */
export function mockInsightsBackend(routes: Record<string, FakeRouteHandler>) {
  const backend = fakeBackend('insights', routes);
  const requests: URL[] = [];
  const client = new InsightsClient({
    discoveryApi: backend.discoveryApi,
    fetchApi: {
      fetch: (input, init) => {
        requests.push(new URL(String(input)));
        return backend.fetchApi.fetch(input, init);
      },
    },
  });
  return { client, requests };
}
