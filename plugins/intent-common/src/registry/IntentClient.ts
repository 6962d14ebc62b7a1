import { ResponseError } from '@backstage/errors';
import {
  ApproveEnvironmentRequest,
  EnvironmentCredentialsResponse,
  EnvironmentDetails,
  EnvironmentList,
  EnvironmentListQuery,
  EnvironmentSummary,
  PlatformConfigResponse,
  ProvisionEnvironmentResponse,
  RegisterEnvironmentRequest,
  RegisterEnvironmentResponse,
} from './types';

/** For callers outside the frontend (other backends, scaffolder actions): a token to send. */
export type IntentRequestOptions = { token?: string };

/** The intent backend's API (pluginId `intent`), as used by the scaffolder actions, the catalog module and the frontend. */
export interface IntentApi {
  getPlatformConfig(
    options?: IntentRequestOptions,
  ): Promise<PlatformConfigResponse>;
  listEnvironments(
    query?: EnvironmentListQuery,
    options?: IntentRequestOptions,
  ): Promise<EnvironmentList>;
  getEnvironment(
    id: string,
    options?: IntentRequestOptions,
  ): Promise<EnvironmentDetails>;
  /** One kept file's content, e.g. `PLAN.md` or `terraform/main.tf.json`. */
  getEnvironmentFile(
    id: string,
    path: string,
    options?: IntentRequestOptions,
  ): Promise<string>;
  registerEnvironment(
    request: RegisterEnvironmentRequest,
    options?: IntentRequestOptions,
  ): Promise<RegisterEnvironmentResponse>;
  approveEnvironment(
    id: string,
    request: ApproveEnvironmentRequest,
    options?: IntentRequestOptions,
  ): Promise<EnvironmentSummary>;
  /** Ends the environment now: the next expiry run expires it and issues its teardown plan. */
  requestTeardown(
    id: string,
    options?: IntentRequestOptions,
  ): Promise<EnvironmentSummary>;
  /**
   * Applies the environment's data services with the provisioners configured for its kind (idempotent),
   * checks each with its own credentials and answers where each stands.
   */
  provisionEnvironment(
    id: string,
    options?: IntentRequestOptions,
  ): Promise<ProvisionEnvironmentResponse>;
  /** The logins of the environment's provisioned resources (owners and the requester only). */
  getEnvironmentCredentials(
    id: string,
    options?: IntentRequestOptions,
  ): Promise<EnvironmentCredentialsResponse>;
}

/** Structurally Backstage's DiscoveryApi and FetchApi, so frontend and backend can pass theirs. */
export type IntentClientOptions = {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi?: { fetch: typeof fetch };
};

export class IntentClient implements IntentApi {
  private readonly discoveryApi: IntentClientOptions['discoveryApi'];
  private readonly fetchImpl: typeof fetch;

  constructor(options: IntentClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchImpl =
      options.fetchApi?.fetch ?? ((input, init) => fetch(input, init));
  }

  getPlatformConfig(options?: IntentRequestOptions) {
    return this.json<PlatformConfigResponse>(
      'GET',
      '/v1/platform',
      {},
      options,
    );
  }

  listEnvironments(
    query: EnvironmentListQuery = {},
    options?: IntentRequestOptions,
  ) {
    return this.json<EnvironmentList>(
      'GET',
      '/v1/environments',
      {
        owner: query.owner,
        status: query.status?.join(','),
        environment: query.environment,
        expiresBefore: query.expiresBefore,
        limit: query.limit,
        offset: query.offset,
      },
      options,
    );
  }

  getEnvironment(id: string, options?: IntentRequestOptions) {
    return this.json<EnvironmentDetails>(
      'GET',
      `/v1/environments/${encodeURIComponent(id)}`,
      {},
      options,
    );
  }

  async getEnvironmentFile(
    id: string,
    path: string,
    options?: IntentRequestOptions,
  ) {
    const response = await this.fetch(
      'GET',
      `/v1/environments/${encodeURIComponent(id)}/file`,
      { path },
      options,
    );
    return response.text();
  }

  registerEnvironment(
    request: RegisterEnvironmentRequest,
    options?: IntentRequestOptions,
  ) {
    return this.json<RegisterEnvironmentResponse>(
      'POST',
      '/v1/environments',
      {},
      options,
      request,
    );
  }

  approveEnvironment(
    id: string,
    request: ApproveEnvironmentRequest,
    options?: IntentRequestOptions,
  ) {
    return this.json<EnvironmentSummary>(
      'POST',
      `/v1/environments/${encodeURIComponent(id)}/approve`,
      {},
      options,
      request,
    );
  }

  requestTeardown(id: string, options?: IntentRequestOptions) {
    return this.json<EnvironmentSummary>(
      'POST',
      `/v1/environments/${encodeURIComponent(id)}/teardown`,
      {},
      options,
      {},
    );
  }

  provisionEnvironment(id: string, options?: IntentRequestOptions) {
    return this.json<ProvisionEnvironmentResponse>(
      'POST',
      `/v1/environments/${encodeURIComponent(id)}/provision`,
      {},
      options,
      {},
    );
  }

  getEnvironmentCredentials(id: string, options?: IntentRequestOptions) {
    return this.json<EnvironmentCredentialsResponse>(
      'GET',
      `/v1/environments/${encodeURIComponent(id)}/credentials`,
      {},
      options,
    );
  }

  private async json<T>(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string | number | undefined>,
    options?: IntentRequestOptions,
    body?: unknown,
  ): Promise<T> {
    const response = await this.fetch(method, path, params, options, body);
    return (await response.json()) as T;
  }

  private async fetch(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string | number | undefined>,
    options?: IntentRequestOptions,
    body?: unknown,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('intent');
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
