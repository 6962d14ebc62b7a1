import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { intentProvisionersExtensionPoint } from '@cairn/plugin-intent-node';
import { SharedPostgresProvisioner } from './SharedPostgresProvisioner';
import { SharedRedisProvisioner } from './SharedRedisProvisioner';

/**
 * Registers the shared PostgreSQL and Redis provisioners that are configured
 * (`intent.provisioners.sharedPostgres`, `intent.provisioners.sharedRedis`).
 */
export const intentModuleSharedData = createBackendModule({
  pluginId: 'intent',
  moduleId: 'shared-data',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        provisioners: intentProvisionersExtensionPoint,
      },
      async init({ config, logger, provisioners }) {
        const postgres = config.getOptionalConfig(
          'intent.provisioners.sharedPostgres',
        );
        if (postgres) {
          provisioners.addProvisioner(
            new SharedPostgresProvisioner({
              admin: {
                host: postgres.getString('host'),
                port: postgres.getOptionalNumber('port') ?? 5432,
                user: postgres.getString('user'),
                password: postgres.getOptionalString('password'),
              },
              publicHost: postgres.getOptionalString('publicHost'),
            }),
          );
        }
        const redis = config.getOptionalConfig(
          'intent.provisioners.sharedRedis',
        );
        if (redis) {
          provisioners.addProvisioner(
            new SharedRedisProvisioner({
              admin: {
                host: redis.getString('host'),
                port: redis.getOptionalNumber('port') ?? 6379,
                username: redis.getOptionalString('username'),
                password: redis.getOptionalString('password'),
              },
              publicHost: redis.getOptionalString('publicHost'),
            }),
          );
        }
        logger.info(
          `Shared data provisioners: ${
            [postgres && 'PostgreSQL', redis && 'Redis']
              .filter(Boolean)
              .join(', ') || 'none configured'
          }`,
        );
      },
    });
  },
});
