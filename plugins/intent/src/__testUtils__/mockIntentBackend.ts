import { IntentClient } from '@cairn/plugin-intent-common';

type Reply = {
  status?: number;
  body: unknown;
  delay?: Promise<void>;
  /** Sent as text (a kept file), not JSON. */
  text?: boolean;
};
type Handler = (url: URL, init?: RequestInit) => Reply | Promise<Reply>;

/**
 * The real `IntentClient` against a fake `fetch`: each route of the intent API (`METHOD /path`, or
 * just `/path` for GET) answers from a handler; unknown routes answer 404. Requests are recorded.
 */
export function mockIntentBackend(routes: Record<string, Handler>) {
  const requests: Array<{ method: string; url: URL }> = [];
  const fetch = async (
    input: RequestInfo | URL,
    init?: RequestInit,
  ): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    requests.push({ method, url });
    const path = url.pathname.replace(/^\/api\/intent/, '');
    const handler =
      routes[`${method} ${path}`] ?? (method === 'GET' ? routes[path] : null);
    const reply: Reply = handler
      ? await handler(url, init)
      : {
          status: 404,
          body: { error: { name: 'NotFoundError', message: `no ${path}` } },
        };
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
  const client = new IntentClient({
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
