import type { IntentInference } from '../infer/inferenceTypes';
import {
  PluginHttp,
  PluginHttpOptions,
  RequestOptions,
} from '@cairn/api-client';
import {
  ApproveEnvironmentRequest,
  CheckRequestResponse,
  EnvironmentCredentialsResponse,
  EnvironmentDetails,
  EnvironmentList,
  EnvironmentListQuery,
  EnvironmentRevisionList,
  EnvironmentSummary,
  PlatformConfigResponse,
  ProvisionEnvironmentResponse,
  RegisterEnvironmentRequest,
  RegisterEnvironmentResponse,
} from './types';

/** For callers outside the frontend (other backends, scaffolder actions): a token to send. */
export type IntentRequestOptions = RequestOptions;

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
  /**
   * Whether the caller may request the intent, as registration checks it (the owning group exists and
   * the caller belongs to it, or acts for it from the platform team; a named approver is a user). With
   * `change`, also what the intent would change in the live environment of its name and kind.
   */
  checkRequest(
    intent: unknown,
    options?: IntentRequestOptions,
    request?: { change?: boolean },
  ): Promise<CheckRequestResponse>;
  /**
   * An intent proposed from what a repository declares, read through the portal's URL readers: each
   * field with the files and lines it came from and a confidence; what no file says in `unknowns`.
   */
  inferIntent(
    url: string,
    options?: IntentRequestOptions,
  ): Promise<IntentInference>;
  /** Every version of the environment's plan, newest first, each with its diff against the one before. */
  listRevisions(
    id: string,
    options?: IntentRequestOptions,
  ): Promise<EnvironmentRevisionList>;
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
  /** Extends a live environment: it now expires `hours` from now, within its kind's maximum lifetime. */
  extendEnvironment(
    id: string,
    hours: number,
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
export type IntentClientOptions = PluginHttpOptions;

export class IntentClient implements IntentApi {
  private readonly http: PluginHttp;

  constructor(options: IntentClientOptions) {
    this.http = new PluginHttp('intent', options);
  }

  getPlatformConfig(options?: IntentRequestOptions) {
    return this.http.json<PlatformConfigResponse>(
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
    return this.http.json<EnvironmentList>(
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
    return this.http.json<EnvironmentDetails>(
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
    const response = await this.http.send(
      'GET',
      `/v1/environments/${encodeURIComponent(id)}/file`,
      { path },
      options,
    );
    return response.text();
  }

  checkRequest(
    intent: unknown,
    options?: IntentRequestOptions,
    request: { change?: boolean } = {},
  ) {
    return this.http.json<CheckRequestResponse>(
      'POST',
      '/v1/requests/check',
      {},
      options,
      { intent, ...(request.change ? { change: true } : {}) },
    );
  }

  inferIntent(url: string, options?: IntentRequestOptions) {
    return this.http.json<IntentInference>(
      'POST',
      '/v1/inference',
      {},
      options,
      { url },
    );
  }

  listRevisions(id: string, options?: IntentRequestOptions) {
    return this.http.json<EnvironmentRevisionList>(
      'GET',
      `/v1/environments/${encodeURIComponent(id)}/revisions`,
      {},
      options,
    );
  }

  registerEnvironment(
    request: RegisterEnvironmentRequest,
    options?: IntentRequestOptions,
  ) {
    return this.http.json<RegisterEnvironmentResponse>(
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
    return this.http.json<EnvironmentSummary>(
      'POST',
      `/v1/environments/${encodeURIComponent(id)}/approve`,
      {},
      options,
      request,
    );
  }

  requestTeardown(id: string, options?: IntentRequestOptions) {
    return this.http.json<EnvironmentSummary>(
      'POST',
      `/v1/environments/${encodeURIComponent(id)}/teardown`,
      {},
      options,
      {},
    );
  }

  extendEnvironment(id: string, hours: number, options?: IntentRequestOptions) {
    return this.http.json<EnvironmentSummary>(
      'POST',
      `/v1/environments/${encodeURIComponent(id)}/extend`,
      {},
      options,
      { hours },
    );
  }

  provisionEnvironment(id: string, options?: IntentRequestOptions) {
    return this.http.json<ProvisionEnvironmentResponse>(
      'POST',
      `/v1/environments/${encodeURIComponent(id)}/provision`,
      {},
      options,
      {},
    );
  }

  getEnvironmentCredentials(id: string, options?: IntentRequestOptions) {
    return this.http.json<EnvironmentCredentialsResponse>(
      'GET',
      `/v1/environments/${encodeURIComponent(id)}/credentials`,
      {},
      options,
    );
  }
}
