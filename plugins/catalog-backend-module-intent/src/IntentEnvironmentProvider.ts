import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  environmentEntityName,
  EnvironmentSummary,
  INTENT_BUNDLE_SHA256_ANNOTATION,
  INTENT_ENVIRONMENT_ID_ANNOTATION,
  INTENT_EXPIRES_AT_ANNOTATION,
  INTENT_STATUS_ANNOTATION,
  IntentApi,
  liveEnvironmentStatuses,
} from '@cairn/plugin-intent-common';

const PAGE = 500;

/**
 * The catalog Resource of a live environment. Its location is the registry API; the type is not `url`,
 * so the catalog offers no "view source" link to a page that needs a token.
 */
export function environmentEntity(
  environment: EnvironmentSummary,
  urls: { intentBaseUrl: string; appBaseUrl?: string },
): Entity {
  const { intentBaseUrl, appBaseUrl } = urls;
  const location = `cairn-intent:${intentBaseUrl}/v1/environments/${environment.id}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: environmentEntityName(environment),
      namespace: 'default',
      title: `${environment.name} (${environment.environment})`,
      description:
        environment.description ??
        `${environment.environment} environment of ${environment.owner}, planned from an intent by ${environment.requester}`,
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [INTENT_ENVIRONMENT_ID_ANNOTATION]: environment.id,
        [INTENT_STATUS_ANNOTATION]: environment.status,
        [INTENT_BUNDLE_SHA256_ANNOTATION]: environment.bundleSha256,
        ...(environment.expiresAt
          ? { [INTENT_EXPIRES_AT_ANNOTATION]: environment.expiresAt }
          : {}),
      },
      tags: ['cairn-environment', environment.environment],
      links: [
        // The environment's page of the intent frontend plugin, at its default path.
        ...(appBaseUrl
          ? [
              {
                url: `${appBaseUrl}/environments/${encodeURIComponent(
                  environment.id,
                )}`,
                title: 'Environment page (plan, cost, guardrails, files)',
                type: 'environment',
              },
            ]
          : []),
        {
          url: `${intentBaseUrl}/v1/environments/${environment.id}/file?path=PLAN.md`,
          title: 'Plan (PLAN.md)',
          type: 'plan',
        },
        ...(appBaseUrl && environment.taskId
          ? [
              {
                url: `${appBaseUrl}/create/tasks/${environment.taskId}`,
                title: 'Request (scaffolder task)',
                type: 'request',
              },
            ]
          : []),
        ...environment.reviewLinks.map(link => ({
          url: link.url,
          title: link.title,
          type: 'review',
        })),
      ],
    },
    spec: {
      type: 'environment',
      owner: environment.owner,
      ...(environment.system ? { system: environment.system } : {}),
    },
  };
}

/**
 * Publishes every live environment (awaiting approval or active) of the intent registry as a catalog
 * Resource, replacing the whole set on each refresh, so an environment that expired leaves the catalog
 * at the next refresh.
 */
export class IntentEnvironmentProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      client: IntentApi;
      auth: AuthService;
      discovery: { getBaseUrl(pluginId: string): Promise<string> };
      logger: LoggerService;
      /** The portal's frontend (`app.baseUrl`), for links to the scaffolder task that requested it. */
      appBaseUrl?: string;
    },
  ) {}

  getProviderName(): string {
    return 'cairn-intent-environments';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /**
   * Reads the registry with the catalog's own service credentials and replaces the published set.
   * Returns how many environments it published, or undefined before the catalog has connected it.
   */
  async refresh(): Promise<number | undefined> {
    if (!this.connection) return undefined;
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'intent',
    });
    const environments: EnvironmentSummary[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.options.client.listEnvironments(
        { status: liveEnvironmentStatuses, limit: PAGE, offset },
        { token },
      );
      environments.push(...page.items);
      if (page.items.length < PAGE) break;
    }
    const intentBaseUrl = await this.options.discovery.getBaseUrl('intent');
    await this.connection.applyMutation({
      type: 'full',
      entities: environments.map(environment => ({
        entity: environmentEntity(environment, {
          intentBaseUrl,
          appBaseUrl: this.options.appBaseUrl,
        }),
        locationKey: `${this.getProviderName()}:${environment.id}`,
      })),
    });
    return environments.length;
  }
}
