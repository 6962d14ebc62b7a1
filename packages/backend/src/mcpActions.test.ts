import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { signInAsGuest, startDemoBackend } from './__testUtils__/demoBackend';
import exampleRepositories from './modules/exampleRepositories';

jest.setTimeout(120_000);

const REPOSITORIES = 'https://git.cairn.example/repositories';

/**
 * An organisation that keeps production requests to its platform team; everything else is allowed. The
 * guest (ada.okafor, of the checkout team) may plan and register dev environments but not production.
 */
const productionForPlatformOnly = createBackendModule({
  pluginId: 'permission',
  moduleId: 'production-for-platform-only',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(request, user) {
            const platform = user?.info.ownershipEntityRefs.includes(
              'group:default/platform',
            );
            return {
              result:
                request.permission.name === 'intent.environment.request.prod' &&
                !platform
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            };
          },
        });
      },
    });
  },
});

const intent = (overrides: Record<string, unknown> = {}) => ({
  apiVersion: 'cairn.dev/v1alpha1',
  kind: 'EnvironmentIntent',
  metadata: {
    name: 'mcp-orders',
    owner: 'group:default/checkout',
    costCentre: 'CC-4711',
  },
  spec: {
    environment: 'dev',
    workload: { type: 'web-service', port: 8080 },
    services: ['postgres'],
    target: { provider: 'aws', region: 'us-east-1' },
    sizing: {
      level: 'outcome',
      expectedUsers: 1000,
      growth: 'stable',
      p95LatencyMs: 400,
    },
    constraints: { dataResidency: 'eu' },
    ...overrides,
  },
});

/**
 * Cairn's actions through Backstage's MCP server, with the MCP SDK's client, on the real backend
 * (catalog, auth, permissions with a policy, the actions registry and the MCP actions plugin): an
 * assistant lists the tools, plans an intent, has a denial explained, fixes it, registers it as the
 * signed-in user, reads a repository and a component's delivery summary, and is refused what the user
 * may not do.
 */
describe("Cairn's actions over MCP", () => {
  const directory = mkdtempSync(join(tmpdir(), 'cairn-mcp-'));
  let backend: Awaited<ReturnType<typeof startDemoBackend>>;
  let endpoint: URL;
  let token: string;
  const clients: Client[] = [];

  async function connect(bearer?: string) {
    const client = new Client({
      name: 'cairn-test-assistant',
      version: '1.0.0',
    });
    await client.connect(
      new StreamableHTTPClientTransport(endpoint, {
        requestInit: bearer
          ? { headers: { Authorization: `Bearer ${bearer}` } }
          : {},
      }),
    );
    clients.push(client);
    return client;
  }

  const call = async (
    client: Client,
    name: string,
    args: Record<string, unknown>,
  ) => {
    const result = (await client.callTool({ name, arguments: args })) as {
      isError?: boolean;
      content: Array<{ type: string; text: string }>;
      structuredContent?: any;
    };
    return {
      isError: Boolean(result.isError),
      text: result.content.map(c => c.text).join('\n'),
      output: result.structuredContent,
    };
  };

  beforeAll(async () => {
    backend = await startDemoBackend({
      database: { sqliteDirectory: directory },
      config: {
        backend: { actions: { pluginSources: ['intent', 'insights'] } },
        cairn: {
          exampleRepositories: {
            baseUrl: REPOSITORIES,
            directory: resolve(__dirname, '../../../examples/repositories'),
          },
        },
      },
      policy: productionForPlatformOnly,
      features: [
        exampleRepositories,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        mcpActionsPlugin,
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    endpoint = new URL(`http://localhost:${port}/api/mcp-actions/v1`);
    token = (await signInAsGuest(backend.server)).token;
  });
  afterAll(async () => {
    await Promise.all(clients.map(c => c.close()));
    await backend?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it("lists Cairn's tools, each with a description and an input schema", async () => {
    const client = await connect(token);
    const { tools } = await client.listTools();
    const ours = tools
      .map(t => t.name)
      .filter(n => n.startsWith('intent.') || n.startsWith('insights.'))
      .sort();
    expect(ours).toEqual([
      'insights.get-delivery-summary',
      'insights.get-scorecard-status',
      'insights.get-slo-status',
      'intent.infer-intent',
      'intent.list-platform-rules',
      'intent.list-templates',
      'intent.plan-intent',
      'intent.register-environment',
    ]);
    const plan = tools.find(t => t.name === 'intent.plan-intent')!;
    expect(plan.description).toMatch(/toFix/);
    expect(plan.inputSchema.required).toEqual(['intent']);
    expect(plan.annotations?.readOnlyHint).toBe(true);
  });

  it('plans an intent, explains a denial, plans the fix and registers it as the user', async () => {
    const client = await connect(token);
    // An invalid intent is an error that names each field.
    const invalid = await call(client, 'intent.plan-intent', {
      intent: intent({ target: { provider: 'moon', region: 'x' } }),
    });
    expect(invalid.isError).toBe(true);
    expect(invalid.text).toMatch(
      /^InputError: Invalid intent: spec\.target\.provider: .*spec\.target\.region: /,
    );

    const denied = await call(client, 'intent.plan-intent', {
      intent: intent(),
    });
    expect(denied.isError).toBe(false);
    expect(denied.output.status).toBe('denied');
    expect(denied.output.toFix.join('\n')).toMatch(
      /^gdpr-eu-regions: .*us-east-1/m,
    );

    // A denied intent cannot be registered either.
    const refused = await call(client, 'intent.register-environment', {
      intent: intent(),
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(
      /^InputError: The guardrails deny this intent; change it and plan again: gdpr-eu-regions/,
    );

    const fixed = intent({ target: { provider: 'aws', region: 'eu-west-1' } });
    const passed = await call(client, 'intent.plan-intent', { intent: fixed });
    expect(passed.output.status).toBe('passed');
    expect(passed.output.monthlyCostUsd.at100x).toBeGreaterThan(
      passed.output.monthlyCostUsd.high,
    );
    expect(passed.output.sizing.map((s: { key: string }) => s.key)).toContain(
      'compute.maxInstances',
    );

    const registered = await call(client, 'intent.register-environment', {
      intent: fixed,
    });
    expect(registered.isError).toBe(false);
    expect(registered.output).toMatchObject({
      status: 'active',
      created: true,
      path: `/environments/${registered.output.environmentId}`,
    });

    // The registry knows the user as its requester, as if the portal's template had registered it.
    const environment = await fetch(
      new URL(
        `/api/intent/v1/environments/${registered.output.environmentId}`,
        endpoint,
      ),
      { headers: { Authorization: `Bearer ${token}` } },
    ).then(r => r.json());
    expect(environment.requester).toBe('user:default/ada.okafor');
    expect(environment.owner).toBe('group:default/checkout');
  });

  it("refuses what the user may not do: production without the permission, another team's environment, no token", async () => {
    const client = await connect(token);
    const production = await call(client, 'intent.register-environment', {
      intent: intent({
        environment: 'prod',
        target: { provider: 'aws', region: 'eu-west-1' },
        constraints: {
          dataResidency: 'eu',
          approver: 'user:default/priya.raman',
        },
      }),
    });
    expect(production.isError).toBe(true);
    expect(production.text).toBe(
      'NotAllowedError: Not allowed: intent.environment.request.prod',
    );

    const otherTeam = await call(client, 'intent.register-environment', {
      intent: {
        ...intent({ target: { provider: 'aws', region: 'eu-west-1' } }),
        metadata: {
          name: 'mcp-fulfilment',
          owner: 'group:default/fulfilment',
          costCentre: 'CC-4711',
        },
      },
    });
    expect(otherTeam.isError).toBe(true);
    expect(otherTeam.text).toMatch(
      /^NotAllowedError: .*ada.okafor is not a member of group:default\/fulfilment/,
    );

    await expect(connect()).rejects.toThrow(/401/);
  });

  it('infers an intent from a repository, lists the rules and templates, and reads a component', async () => {
    const client = await connect(token);
    const inferred = await call(client, 'intent.infer-intent', {
      url: `${REPOSITORIES}/cart-node`,
    });
    expect(inferred.output.proposed).toEqual({
      workload: { type: 'web-service', port: 3000 },
      services: ['redis', 'queue'],
      target: {},
    });
    expect(inferred.output.unknowns).toEqual([
      'target.provider',
      'target.region',
    ]);

    const rules = await call(client, 'intent.list-platform-rules', {});
    expect(rules.output.guardrails.map((g: { id: string }) => g.id)).toContain(
      'gdpr-eu-regions',
    );
    expect(rules.output.regions.aws).toContainEqual({
      id: 'eu-west-1',
      geography: 'eu',
    });

    const templates = await call(client, 'intent.list-templates', {});
    expect(
      templates.output.templates.map((t: { path: string }) => t.path),
    ).toContain('/create/templates/default/existing-repository-environment');

    const summary = await call(client, 'insights.get-delivery-summary', {
      entityRef: 'component:default/checkout-service',
    });
    expect(summary.isError).toBe(false);
    expect(summary.output.entityRef).toBe('component:default/checkout-service');
    expect(summary.output.changeLeadTime).toHaveProperty('bottleneck');

    const unknown = await call(client, 'insights.get-delivery-summary', {
      entityRef: 'component:default/no-such-component',
    });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/^NotFoundError: /);
  });
});
