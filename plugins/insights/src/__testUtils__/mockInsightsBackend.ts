import { InsightsClient } from '@cairn/plugin-insights-common';

type Reply = { status?: number; body: unknown; delay?: Promise<void> };
type Handler = (url: URL) => Reply | Promise<Reply>;

/**
 * The real `InsightsClient` against a fake `fetch`: each route of the insights API answers from a
 * handler, unknown routes fail the test with 404. Requests are recorded for assertions.
 */
export function mockInsightsBackend(routes: Record<string, Handler>) {
  const requests: URL[] = [];
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input));
    requests.push(url);
    const path = url.pathname.replace(/^\/api\/insights/, '');
    const handler = routes[path];
    const reply: Reply = handler
      ? await handler(url)
      : {
          status: 404,
          body: { error: { name: 'NotFoundError', message: `no ${path}` } },
        };
    if (reply.delay) await reply.delay;
    const status = reply.status ?? 200;
    const text = JSON.stringify(reply.body);
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: status === 200 ? 'OK' : 'Error',
      headers: {
        get: (name: string) =>
          name.toLowerCase() === 'content-type' ? 'application/json' : null,
      },
      json: async () => JSON.parse(text),
      text: async () => text,
    } as unknown as Response;
  };
  const client = new InsightsClient({
    discoveryApi: {
      getBaseUrl: async (pluginId: string) =>
        `http://localhost:7007/api/${pluginId}`,
    },
    fetchApi: { fetch: fetch as typeof globalThis.fetch },
  });
  return { client, requests };
}

/** A request that never answers, for loading states. */
export const never = () => new Promise<void>(() => {});

/** An error the backend sends, serialized as Backstage errors are. */
export function errorReply(status: number, name: string, message: string) {
  return {
    status,
    body: {
      error: { name, message },
      request: { method: 'GET', url: '/' },
      response: { statusCode: status },
    },
  };
}
