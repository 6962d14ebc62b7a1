import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  InsightsEventIngestor,
  insightsHistoryExtensionPoint,
  insightsIngestionExtensionPoint,
} from '@cairn/plugin-insights-node';
import { readGithubConfig } from './config';
import { GithubStateStore } from './state/GithubStateStore';
import {
  createWebhookRouter,
  WEBHOOK_PATH,
} from './webhook/createWebhookRouter';
import { GithubWebhookHandler } from './webhook/GithubWebhookHandler';

/** Delivery ids are remembered this long; GitHub redelivers within days. */
const DELIVERY_MEMORY_DAYS = 30;

/**
 * GitHub webhooks for Cairn delivery insights: pull requests, reviews, pushes, deployments and
 * incident issues, verified by their signature, fed through the insights ingestion path; and the
 * default branch's pushed commits as a history source for ownership reports.
 */
export const insightsModuleGithub = createBackendModule({
  pluginId: 'insights',
  moduleId: 'github',
  register(reg) {
    reg.registerInit({
      deps: {
        ingestion: insightsIngestionExtensionPoint,
        history: insightsHistoryExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
      },
      async init({
        ingestion,
        history,
        config,
        logger,
        database,
        httpRouter,
        auditor,
        scheduler,
      }) {
        const moduleConfig = readGithubConfig(config);
        const store = await GithubStateStore.create({ database });
        let ingestor: InsightsEventIngestor | undefined;
        let handler: GithubWebhookHandler | undefined;
        ingestion.addEventSource({
          id: 'github',
          async connect(connected) {
            ingestor = connected;
            handler = new GithubWebhookHandler({
              store,
              ingestor: connected,
              config: moduleConfig,
            });
          },
        });

        // Ownership reports read the default branch's pushed commits when no clone is configured.
        history.addHistorySource({
          name: 'GitHub push webhooks',
          async read(repository, pathPrefix) {
            const read = await store.commits.read(repository, pathPrefix);
            return (
              read && {
                ...read,
                source: `${repository} (${read.commits.length} pushed commits)`,
              }
            );
          },
        });

        if (moduleConfig.secrets.length === 0) {
          logger.warn(
            `GitHub webhook disabled: insights.github.webhook.secret is not set. ${WEBHOOK_PATH} answers 503 until it is.`,
          );
        } else {
          logger.info(
            `GitHub webhook at /api/insights${WEBHOOK_PATH} (${
              moduleConfig.secrets.length
            } secret${moduleConfig.secrets.length === 1 ? '' : 's'} accepted)`,
          );
        }

        httpRouter.use(
          createWebhookRouter({
            secrets: moduleConfig.secrets,
            store,
            handler: () => handler,
            ingestor: () => ingestor,
            auditor,
            logger,
          }),
        );
        // Only the webhook is open; the signature authenticates GitHub.
        httpRouter.addAuthPolicy({
          path: WEBHOOK_PATH,
          allow: 'unauthenticated',
        });

        await scheduler.scheduleTask({
          id: 'insights-github-deliveries-purge',
          scope: 'global',
          frequency: { hours: 24 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 10 },
          fn: async () => {
            await store.deliveries.purge(
              Date.now() - DELIVERY_MEMORY_DAYS * 86_400_000,
            );
          },
        });
      },
    });
  },
});
