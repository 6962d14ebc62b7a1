import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { checkHealth, databaseHealthCheck } from '@cairn/backend-common';
import { insightsPermissions } from '@cairn/plugin-insights-common';
import {
  InsightsEventSource,
  insightsIngestionExtensionPoint,
} from '@cairn/plugin-insights-node';
import {
  CdeventsService,
  CDEVENTS_HEALTH_SOURCE,
} from './ingest/cdevents/CdeventsService';
import { CatalogGateway } from './shared/CatalogGateway';
import { DeliveryMaintenance } from './delivery/DeliveryMaintenance';
import { DeliveryMetricsService } from './delivery/DeliveryMetricsService';
import { DatabaseDeliveryStore } from './delivery/store/DatabaseDeliveryStore';
import { DEMO_SOURCE, seedDemoHistory } from './demo/seedDemoHistory';
import { IngestionHealthService } from './ingestionHealth/IngestionHealthService';
import { IngestionHealthStore } from './ingestionHealth/IngestionHealthStore';
import { API_SOURCE, IngestionService } from './ingest/IngestionService';
import { readInsightsConfig } from './config';
import { createRouter } from './router';

/**
 * Cairn delivery insights: ingestion of deployments, changes and incidents, the delivery store, and
 * DORA metrics per component, group and system.
 */
export const insightsPlugin = createBackendPlugin({
  pluginId: 'insights',
  register(env) {
    const sources: InsightsEventSource[] = [];
    env.registerExtensionPoint(insightsIngestionExtensionPoint, {
      addEventSource(source) {
        sources.push(source);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const config = readInsightsConfig(deps.config);
        const store = await DatabaseDeliveryStore.create({
          database: deps.database,
        });
        const catalog = new CatalogGateway(deps.catalog, deps.auth);
        const healthStore = new IngestionHealthStore(store.db);
        const ingestion = new IngestionService({
          store,
          health: healthStore,
          catalog,
          environments: config.environments,
          linkWindowMs: config.linkWindowMs,
          maxEventsPerBatch: config.maxEventsPerBatch,
          logger: deps.logger,
        });
        const cdevents = new CdeventsService({
          db: store.db,
          ingestion,
          maxEventsPerBatch: config.maxEventsPerBatch,
        });
        const health = new IngestionHealthService({
          db: store.db,
          health: healthStore,
          catalog,
          registeredSources: () => [
            API_SOURCE,
            CDEVENTS_HEALTH_SOURCE,
            ...(config.demoData ? [DEMO_SOURCE] : []),
            ...sources.map(source => source.id),
          ],
        });
        const metrics = new DeliveryMetricsService({
          db: store.db,
          catalog,
          environments: config.environments,
          benchmarks: config.benchmarks,
          defaultBenchmark: config.defaultBenchmark,
          defaultTimezone: config.defaultTimezone,
          retentionDays: config.retentionDays,
        });
        const maintenance = new DeliveryMaintenance({
          store,
          catalog,
          environments: config.environments,
          linkWindowMs: config.linkWindowMs,
          retentionDays: config.retentionDays,
          logger: deps.logger,
        });

        deps.permissionsRegistry.addPermissions(insightsPermissions);

        await deps.scheduler.scheduleTask({
          id: 'insights-delivery-catch-up',
          scope: 'global',
          ...config.catchUpSchedule,
          fn: async () => {
            await maintenance.catchUp();
          },
        });
        await deps.scheduler.scheduleTask({
          id: 'insights-delivery-retention',
          scope: 'global',
          ...config.retentionSchedule,
          fn: async () => {
            await maintenance.purge();
            const cutoff = Date.now() - config.retentionDays * 86_400_000;
            await healthStore.purgeBefore(cutoff);
            await cdevents.purgeBefore(cutoff);
          },
        });
        if (config.demoData) {
          await deps.scheduler.scheduleTask({
            id: 'insights-demo-history',
            scope: 'global',
            frequency: { hours: 6 },
            timeout: { minutes: 10 },
            initialDelay: { seconds: 5 },
            fn: async () => {
              await seedDemoHistory({ ingestion, logger: deps.logger });
            },
          });
        }

        deps.httpRouter.use(
          await createRouter({
            logger: deps.logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            ingestion,
            cdevents,
            ingestionHealth: health,
            metrics,
            benchmarks: config.benchmarks,
            defaultBenchmark: config.defaultBenchmark,
            maxBodySize: config.maxBodySize,
            health: () =>
              checkHealth([
                databaseHealthCheck(store.db),
                { name: 'catalog', check: () => catalog.ping() },
              ]),
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });

        deps.lifecycle.addStartupHook(async () => {
          for (const source of sources) {
            await source.connect({
              ingest: (events, options) =>
                ingestion.ingest(events, {
                  actor: `${source.id}: ${options.actor}`,
                  source: source.id,
                }),
              recordOutcome: outcome =>
                ingestion.recordOutcome(source.id, outcome),
              environmentKey: environment =>
                config.environments.keyOf(environment),
            });
            deps.logger.info(`Connected delivery event source ${source.id}`);
          }
        });
      },
    });
  },
});
