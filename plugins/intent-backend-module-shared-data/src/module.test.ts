import { JsonObject } from '@backstage/types';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  EnvironmentProvisioner,
  intentProvisionersExtensionPoint,
} from '@cairn/plugin-intent-node';
import { intentModuleSharedData } from './module';

describe('the shared-data module', () => {
  async function registered(data: JsonObject) {
    const provisioners: EnvironmentProvisioner[] = [];
    await startTestBackend({
      features: [
        intentModuleSharedData,
        mockServices.rootConfig.factory({ data }),
      ],
      extensionPoints: [
        [
          intentProvisionersExtensionPoint,
          { addProvisioner: p => provisioners.push(p) },
        ],
      ],
    });
    return provisioners.map(p => `${p.id}:${p.service}`);
  }

  it('registers the provisioners that are configured, and none otherwise', async () => {
    expect(await registered({})).toEqual([]);
    expect(
      await registered({
        intent: {
          provisioners: {
            sharedPostgres: { host: 'db.internal', user: 'cairn_admin' },
            sharedRedis: { host: 'cache.internal' },
          },
        },
      }),
    ).toEqual(['shared-postgres:postgres', 'shared-redis:redis']);
  });
});
