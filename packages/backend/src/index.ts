/*
 * The Cairn demo portal's backend: Backstage's core plugins plus every Cairn backend plugin and module.
 * Each Cairn package's README shows the same `backend.add` line for an existing portal.
 */
// First: on an unsupported Node the SQLite driver would crash the process without a message.
import './assertNodeVersion';
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

// API calls during start-up wait for the plugins, then get 503 with Retry-After rather than an empty 404.
backend.add(import('./modules/startupGate'));

backend.add(import('@backstage/plugin-app-backend'));

// The demo's example repositories as a URL reader (cairn.exampleRepositories), for intent inference.
backend.add(import('./modules/exampleRepositories'));

// Sign-in: the guest provider resolves to an example user (auth.providers.guest.userEntityRef).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Permissions are enforced through Cairn's own policy (src/modules/permissionPolicy.ts).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// Cairn self-service environments: the environment registry (TTL expiry, production approval,
// provisioning), the scaffolder actions cairn:intent:plan / cairn:environment:register /
// cairn:environment:approve / cairn:environment:provision, and
// registered environments as catalog Resources.
backend.add(import('@cairn/plugin-intent-backend'));
// Provisioning of preview and dev databases and caches on shared PostgreSQL and Redis servers
// (intent.provisioners.sharedPostgres / sharedRedis; scripts/start configures the machine's).
backend.add(import('@cairn/plugin-intent-backend-module-shared-data'));
backend.add(import('@cairn/plugin-scaffolder-backend-module-intent'));
backend.add(import('@cairn/plugin-catalog-backend-module-intent'));

// Cairn delivery insights: ingestion, the delivery store, DORA metrics per component and team.
backend.add(import('@cairn/plugin-insights-backend'));
// GitHub webhooks into insights; answers 503 until insights.github.webhook.secret is set.
backend.add(import('@cairn/plugin-insights-backend-module-github'));
backend.add(import('@cairn/plugin-insights-backend-module-prometheus'));

// Assistants: Backstage's MCP server serves the actions plugins register (backend.actions.pluginSources),
// Cairn's among them, to MCP clients with a user's token.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
