import { ResponseError } from '@backstage/errors';

/** For callers outside the frontend (other backends, scripts): a token to send. */
export type RequestOptions = { token?: string };

/**
 * Structurally Backstage's DiscoveryApi and FetchApi, so the frontend and a backend can both pass
 * theirs. Without a fetchApi, the global fetch is used.
 */
export type PluginHttpOptions = {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi?: { fetch: typeof fetch };
};

/**
 * HTTP to one backend plugin: query parameters without the empty ones, a JSON body, the caller's
 * token, and a non-2xx answer thrown as Backstage's `ResponseError` (its message is the backend's).
 */
export class PluginHttp {
  private readonly discoveryApi: PluginHttpOptions['discoveryApi'];
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly pluginId: string, options: PluginHttpOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchImpl =
      options.fetchApi?.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The answer as parsed JSON. */
  async json<T>(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string | number | undefined>,
    options?: RequestOptions,
    body?: unknown,
  ): Promise<T> {
    const response = await this.send(method, path, params, options, body);
    return (await response.json()) as T;
  }

  /** The successful response itself (for text answers). */
  async send(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string | number | undefined>,
    options?: RequestOptions,
    body?: unknown,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(this.pluginId);
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== '') search.set(key, String(value));
    }
    const query = search.toString();
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options?.token) headers.Authorization = `Bearer ${options.token}`;
    const response = await this.fetchImpl(
      `${baseUrl}${path}${query ? `?${query}` : ''}`,
      {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }
}
