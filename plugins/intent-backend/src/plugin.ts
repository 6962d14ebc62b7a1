import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { intentPermissions } from '@cairn/plugin-intent-common';
import {
  EnvironmentProvisioner,
  intentProvisionersExtensionPoint,
} from '@cairn/plugin-intent-node';
import { readPlatformConfig } from './platform/readPlatformConfig';
import { DatabaseEnvironmentStore } from './registry/DatabaseEnvironmentStore';
import { EnvironmentNotifier } from './registry/EnvironmentNotifier';
import { OwnershipVerifier } from './registry/OwnershipVerifier';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { EnvironmentRegistry } from './registry/EnvironmentRegistry';
import { createRouter } from './service/createRouter';
import { RepositoryInference } from './inference/RepositoryInference';
import { registerIntentActions } from './actions/intentActions';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { CredentialCipher } from './provisioning/CredentialCipher';
import { ProvisioningService } from './provisioning/ProvisioningService';
import { readProvisioningConfig } from './provisioning/readProvisioningConfig';

/** The actor named in the history of changes the plugin makes by itself. */
export const EXPIRY_ACTOR = 'plugin:intent/expiry';
/** The actor named in the history of the scheduled status checks and repairs. */
export const STATUS_ACTOR = 'plugin:intent/status';

/**
 * Cairn's intent backend: the environment registry (registration, production approval, TTL expiry with
 * a teardown plan) and the platform configuration the scaffolder actions plan with.
 */
export const intentPlugin = createBackendPlugin({
  pluginId: 'intent',
  register(env) {
    const provisioners: EnvironmentProvisioner[] = [];
    env.registerExtensionPoint(intentProvisionersExtensionPoint, {
      addProvisioner(provisioner) {
        provisioners.push(provisioner);
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        urlReader: coreServices.urlReader,
        actionsRegistry: actionsRegistryServiceRef,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const config = deps.config.getOptionalConfig('intent');
        const platform = readPlatformConfig(config);
        deps.logger.info(
          `Platform configuration ${platform.version.slice(
            0,
            12,
          )} (policy pack ${platform.config.policyPack.version}, prices ${
            platform.config.priceTable.version
          })`,
        );
        const platformTeam =
          deps.config.getOptionalString('cairn.platformTeam') ??
          'group:default/platform';
        const maxPlanAgeHours =
          config?.getOptionalNumber('registration.maxPlanAgeHours') ?? 24;
        if (!(maxPlanAgeHours > 0)) {
          throw new Error(
            'intent.registration.maxPlanAgeHours must be positive',
          );
        }
        const store = await DatabaseEnvironmentStore.create({
          database: deps.database,
        });
        const registry = new EnvironmentRegistry({
          store,
          platform,
          notifier: new EnvironmentNotifier({
            notifications: deps.notifications,
            logger: deps.logger,
          }),
          maxPlanAgeMs: maxPlanAgeHours * 3_600_000,
          warnBeforeExpiryMs:
            (config?.getOptionalNumber('expiry.warnBeforeHours') ?? 24) *
            3_600_000,
        });

        const provisioningConfig = readProvisioningConfig(config);
        const provisioning = new ProvisioningService({
          store,
          provisioners,
          selection: provisioningConfig.selection,
          leaseMs: provisioningConfig.leaseMs,
          cipher: CredentialCipher.fromConfig(config),
          auditor: deps.auditor,
          logger: deps.logger,
        });
        deps.logger.info(
          `Provisioners: ${
            provisioning.installed.join(', ') || 'none installed'
          }`,
        );

        deps.permissionsRegistry.addPermissions(intentPermissions);

        await deps.scheduler.scheduleTask({
          id: 'intent-environment-expiry',
          ...(config?.has('expiry.schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig('expiry.schedule'),
              )
            : {
                frequency: { minutes: 5 },
                timeout: { minutes: 2 },
                initialDelay: { seconds: 30 },
              }),
          // After the configured schedule: configuration cannot make it run on every replica.
          scope: 'global',
          fn: async () => {
            await registry.warnExpiring();
            const expired = await registry.expireDue(EXPIRY_ACTOR);
            for (const environment of expired) {
              const event = await deps.auditor.createEvent({
                eventId: 'environment-expire',
                severityLevel: 'medium',
                meta: {
                  environmentId: environment.id,
                  name: environment.name,
                  environment: environment.environment,
                  owner: environment.owner,
                  expiresAt: environment.expiresAt ?? null,
                },
              });
              await event.success();
            }
            if (expired.length > 0) {
              deps.logger.info(
                `Expired ${expired.length} environment(s): ${expired
                  .map(e => e.id)
                  .join(', ')}`,
              );
            }
            // Expired environments' resources (and failed teardowns, retried) in the same run.
            const tornDown = await provisioning.teardownDue(EXPIRY_ACTOR);
            if (tornDown > 0) {
              deps.logger.info(`Tore down ${tornDown} resource(s)`);
            }
          },
        });

        await deps.scheduler.scheduleTask({
          id: 'intent-resource-status',
          ...(config?.has('provisioning.statusSchedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig('provisioning.statusSchedule'),
              )
            : {
                frequency: { minutes: 5 },
                timeout: { minutes: 2 },
                initialDelay: { seconds: 60 },
              }),
          scope: 'global',
          fn: async () => {
            await provisioning.checkAll(STATUS_ACTOR);
          },
        });

        const inference = new RepositoryInference(deps.urlReader);
        const ownership = new OwnershipVerifier({
          catalog: deps.catalog,
          userInfo: deps.userInfo,
          platformTeam,
          overrideGroup:
            config?.getOptionalString('approvals.overrideGroup') ??
            platformTeam,
        });
        // For assistants, through the portal's MCP server (@backstage/plugin-mcp-actions-backend).
        registerIntentActions({
          actionsRegistry: deps.actionsRegistry,
          registry,
          inference,
          permissions: deps.permissions,
          ownership,
          auditor: deps.auditor,
          catalog: deps.catalog,
        });

        deps.httpRouter.use(
          await createRouter({
            logger: deps.logger,
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            permissions: deps.permissions,
            auditor: deps.auditor,
            registry,
            store,
            provisioning,
            inference,
            ownership,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
