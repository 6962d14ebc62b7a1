/** What a fake route answers. */
export type FakeReply = {
  status?: number;
  body: unknown;
  /** Answer only once this settles (e.g. `never()` for loading states). */
  delay?: Promise<void>;
  /** Sent as text/plain (a kept file), not JSON. */
  text?: boolean;
};

export type FakeRouteHandler = (
  url: URL,
  init?: RequestInit,
) => FakeReply | Promise<FakeReply>;

/**
 * A fake backend plugin for component tests, to put behind a plugin's real API client: `fetch` and
 * `discoveryApi` for `http://localhost:7007/api/<pluginId>`. Each route (`METHOD /path`, or just
 * `/path` for GET, relative to the plugin's base path) answers from its handler; unknown routes answer
 * 404 as a Backstage backend does. Every request is recorded for assertions.
 */
export function fakeBackend(
  pluginId: string,
  routes: Record<string, FakeRouteHandler>,
) {
  const requests: Array<{ method: string; url: URL }> = [];
  const prefix = `/api/${pluginId}`;
  const fetch = async (
    input: RequestInfo | URL,
    init?: RequestInit,
  ): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    requests.push({ method, url });
    const path = url.pathname.startsWith(prefix)
      ? url.pathname.slice(prefix.length)
      : url.pathname;
    const handler =
      routes[`${method} ${path}`] ?? (method === 'GET' ? routes[path] : null);
    const reply: FakeReply = handler
      ? await handler(url, init)
      : errorReply(404, 'NotFoundError', `no ${method} ${path}`);
    if (reply.delay) await reply.delay;
    const status = reply.status ?? 200;
    const text = reply.text ? String(reply.body) : JSON.stringify(reply.body);
    const contentType = reply.text ? 'text/plain' : 'application/json';
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: status === 200 ? 'OK' : 'Error',
      headers: {
        get: (name: string) =>
          name.toLowerCase() === 'content-type' ? contentType : null,
      },
      json: async () => JSON.parse(text),
      text: async () => text,
    } as unknown as Response;
  };
  return {
    fetchApi: { fetch: fetch as typeof globalThis.fetch },
    discoveryApi: {
      getBaseUrl: async (id: string) => `http://localhost:7007/api/${id}`,
    },
    requests,
  };
}

/** A request that never answers, for loading states. */
export const never = () => new Promise<void>(() => {});

/** An error the backend sends, serialized as Backstage errors are. */
export function errorReply(
  status: number,
  name: string,
  message: string,
): FakeReply {
  return {
    status,
    body: {
      error: { name, message },
      request: { method: 'GET', url: '/' },
      response: { statusCode: status },
    },
  };
}
