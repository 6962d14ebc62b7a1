import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { IntentClient } from '@cairn/plugin-intent-common';
import { IntentEnvironmentProvider } from './IntentEnvironmentProvider';

/** Registered environments of Cairn's intent backend as catalog Resources. */
export const catalogModuleIntentEnvironments = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'intent-environments',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ catalog, auth, discovery, scheduler, config, logger }) {
        const provider = new IntentEnvironmentProvider({
          client: new IntentClient({ discoveryApi: discovery }),
          auth,
          discovery,
          logger,
          appBaseUrl: config.getOptionalString('app.baseUrl'),
        });
        catalog.addEntityProvider(provider);
        const key = 'catalog.providers.cairnIntent.schedule';
        await scheduler.scheduleTask({
          id: `${provider.getProviderName()}:refresh`,
          ...(config.has(key)
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig(key),
              )
            : { frequency: { minutes: 1 }, timeout: { minutes: 1 } }),
          scope: 'global',
          fn: async () => {
            try {
              const count = await provider.refresh();
              if (count !== undefined) {
                logger.debug(`Published ${count} environment(s)`);
              }
            } catch (error) {
              // The intent backend may start after the catalog; the next run tries again.
              logger.warn(
                `Could not refresh environments: ${(error as Error).message}`,
              );
            }
          },
        });
      },
    });
  },
});
