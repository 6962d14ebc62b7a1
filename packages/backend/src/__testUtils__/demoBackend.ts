import { resolve as resolvePath } from 'node:path';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProviderModule from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import insightsPlugin from '@cairn/plugin-insights-backend';
import insightsGithubModule from '@cairn/plugin-insights-backend-module-github';
import intentPlugin from '@cairn/plugin-intent-backend';
import catalogIntentModule from '@cairn/plugin-catalog-backend-module-intent';
import { perPluginDatabaseFactory } from '@cairn/test-utils';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import request from 'supertest';
import permissionPolicyModule from '../modules/permissionPolicy';

const examples = resolvePath(
  __dirname,
  '../../../../examples/entities/all.yaml',
);
const templates = resolvePath(
  __dirname,
  '../../../../plugins/scaffolder-backend-module-intent/templates/all.yaml',
);

/** A static token for CI pipelines, limited to pushing delivery events (as a portal would configure it). */
export const CI_TOKEN = 'ci-0123456789abcdef0123456789abcdef';

/** The demo portal's configuration, as far as the backend tests need it. */
export function demoConfig(extra: JsonObject = {}): JsonObject {
  return {
    app: { baseUrl: 'http://localhost:3000' },
    backend: {
      baseUrl: 'http://localhost:7007',
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: CI_TOKEN, subject: 'ci-pipeline' },
            accessRestrictions: [
              { plugin: 'insights', permission: 'insights.events.create' },
            ],
          },
        ],
      },
    },
    permission: { enabled: true },
    auth: {
      providers: {
        guest: {
          userEntityRef: 'user:default/ada.okafor',
          // Jest runs with NODE_ENV=test; the portal runs the provider in development.
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    catalog: {
      rules: [
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'Domain',
            'User',
            'Group',
          ],
        },
      ],
      locations: [
        { type: 'file', target: examples },
        {
          type: 'file',
          target: templates,
          rules: [{ allow: ['Template', 'Location'] }],
        },
      ],
      processingInterval: { seconds: 1 },
    },
    ...extra,
  };
}

/**
 * The demo portal's identity and permission wiring on the real Backstage backend: the real catalog
 * with the example organisation, real auth (guest sign-in, plugin tokens, static CI tokens), the
 * permission backend with Cairn's policy, and Cairn's backend plugins. The database is either one
 * engine of TestDatabases (a fresh database per plugin) or the real database service on a SQLite
 * directory, as the embedded default runs.
 */
export function startDemoBackend(options: {
  database:
    | {
        databases: TestDatabases;
        id: TestDatabaseId;
        onClient?: (pluginId: string, knex: Knex) => void;
      }
    | { sqliteDirectory: string };
  config?: JsonObject;
  /** Extra features, e.g. a recording logger. */
  features?: Parameters<typeof startTestBackend>[0]['features'];
  /** Another permission policy module instead of the demo's. */
  policy?: BackendFeature;
}) {
  const { database } = options;
  const sqlite = 'sqliteDirectory' in database;
  return startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: demoConfig({
          ...options.config,
          ...(sqlite
            ? {
                backend: {
                  ...(demoConfig().backend as JsonObject),
                  ...((options.config?.backend as JsonObject) ?? {}),
                  database: {
                    client: 'better-sqlite3',
                    connection: { directory: database.sqliteDirectory },
                  },
                },
              }
            : {}),
        }),
      }),
      sqlite
        ? databaseServiceFactory
        : perPluginDatabaseFactory(
            database.databases,
            database.id,
            database.onClient,
          ),
      authServiceFactory,
      httpAuthServiceFactory,
      userInfoServiceFactory,
      permissionsServiceFactory,
      catalogPlugin,
      authPlugin,
      guestProviderModule,
      permissionPlugin,
      options.policy ?? permissionPolicyModule,
      insightsPlugin,
      insightsGithubModule,
      scaffolderEntityModel,
      intentPlugin,
      catalogIntentModule,
      ...(options.features ?? []),
    ],
  });
}

export type GuestSession = {
  token: string;
  identity: { userEntityRef: string; ownershipEntityRefs: string[] };
};

/** Signs in as the guest; sign-in resolves the user through the catalog, so it waits for the examples. */
export async function signInAsGuest(
  server: Parameters<typeof request>[0],
): Promise<GuestSession> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await request(server)
      .get('/api/auth/guest/refresh')
      .set('X-Requested-With', 'XMLHttpRequest');
    const identity = res.body?.backstageIdentity?.identity;
    if (
      res.status === 200 &&
      identity?.ownershipEntityRefs?.includes('group:default/checkout')
    ) {
      return res.body.backstageIdentity as GuestSession;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `guest sign-in never resolved to the example user: ${
          res.status
        } ${JSON.stringify(res.body)}`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
}
