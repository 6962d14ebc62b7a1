import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

/**
 * A DatabaseService factory for startTestBackend that gives every plugin its own fresh database on
 * the chosen engine, as the real backend does. Needed when a test runs several real plugins (auth,
 * catalog, permission) whose migrations would collide in one shared database.
 */
export function perPluginDatabaseFactory(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  /** Called with each plugin's database, for tests that look at what a plugin stored. */
  onClient?: (pluginId: string, knex: Knex) => void,
) {
  const clients = new Map<string, Promise<Knex>>();
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    async factory({ plugin }) {
      const pluginId = plugin.getId();
      return {
        getClient() {
          if (!clients.has(pluginId)) {
            const client = databases.init(databaseId);
            clients.set(pluginId, client);
            client.then(knex => onClient?.(pluginId, knex));
          }
          return clients.get(pluginId)!;
        },
      };
    },
  });
}
