import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import {} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { IntentClient } from '@cairn/plugin-intent-common';
import intentPlugin from '@cairn/plugin-intent-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { teamCatalog, teamUserInfo } from '@cairn/test-utils';
import sharedDataModule from '@cairn/plugin-intent-backend-module-shared-data';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  ActionContext,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { parse } from 'yaml';

/** Teams of the people in these tests: only the platform team may approve production. */
export const teams: Record<string, string[]> = {
  'user:default/ada.okafor': ['group:default/checkout'],
  'user:default/nadia.haddad': ['group:default/storefront'],
  'user:default/priya.raman': ['group:default/platform'],
  'user:default/tomas.novak': ['group:default/platform'],
};

/**
 * The real intent backend on a port, and what the actions need to call it: its client and an auth
 * service whose tokens carry the initiator (as the real one does with `onBehalfOf`).
 */
export async function startIntentBackend(
  options: { config?: JsonObject } = {},
) {
  const { server } = await startTestBackend({
    features: [
      intentPlugin,
      // Owners and approvers are checked against the catalog.
      catalogServiceMock.factory({ entities: teamCatalog(teams) }),
      // With configuration: the shared PostgreSQL and Redis provisioners it names.
      ...(options.config
        ? [
            sharedDataModule,
            mockServices.rootConfig.factory({ data: options.config }),
          ]
        : []),
      teamUserInfo(teams),
      mockServices.permissions.mock({
        authorize: async (requests, { credentials }) =>
          requests.map(({ permission }) => ({
            result:
              permission.name !== 'intent.environment.approve' ||
              teams[(credentials.principal as any).userEntityRef]?.includes(
                'group:default/platform',
              )
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })) as any,
      }).factory,
    ],
  });
  const { port } = server.address() as AddressInfo;
  const client = new IntentClient({
    discoveryApi: {
      getBaseUrl: async () => `http://localhost:${port}/api/intent`,
    },
  });
  return { client, auth: mockServices.auth(), server };
}

/** Task state kept across attempts of one task, as the scaffolder keeps checkpoints. */
export type TaskState = Map<string, JsonValue>;

/** An action context for a task started by `user`, with outputs collected and checkpoints kept in `state`. */
export function actionContext<I extends JsonObject>(options: {
  input: I;
  user: string;
  taskId?: string;
  isDryRun?: boolean;
  state?: TaskState;
  workspacePath?: string;
}) {
  const outputs: Record<string, JsonValue> = {};
  const base = createMockActionContext<I>({
    input: options.input,
    workspacePath: options.workspacePath ?? createMockDirectory().path,
    task: { id: options.taskId ?? 'task-1' },
  });
  const ctx: ActionContext<I, any> = {
    ...base,
    isDryRun: options.isDryRun,
    user: { ref: options.user },
    getInitiatorCredentials: async () =>
      mockCredentials.user(options.user) as any,
    output: (name: string | number | symbol, value: JsonValue) => {
      outputs[String(name)] = value;
    },
    async checkpoint(opts) {
      const state = options.state;
      if (state?.has(opts.key)) return state.get(opts.key) as any;
      const value = await opts.fn();
      state?.set(opts.key, (value ?? {}) as JsonValue);
      return value;
    },
  };
  return { ctx, outputs };
}

const EXPRESSION =
  /^\$\{\{\s*(steps\.([\w-]+)\.output\.(\w+)|parameters\.(\w+))\s*\}\}$/;

/**
 * Runs the steps of an action's `.examples.ts` entry in order, as a template would: each step's input
 * with `${{ steps.<id>.output.<name> }}` and `${{ parameters.<name> }}` replaced by the values so far.
 */
export async function runExample(
  example: string,
  actions: TemplateAction<any, any, any>[],
  options: { user: string; parameters?: Record<string, JsonValue> },
) {
  const steps = parse(example).steps as Array<{
    id: string;
    action: string;
    input: JsonObject;
  }>;
  const outputs: Record<string, Record<string, JsonValue>> = {};
  const workspacePath = createMockDirectory().path;
  // Each run is its own task (its own idempotency keys).
  const taskId = `example-${randomUUID()}`;
  const render = (value: JsonValue): JsonValue => {
    if (typeof value === 'string') {
      const m = EXPRESSION.exec(value);
      if (!m) return value;
      return m[2] ? outputs[m[2]][m[3]] : options.parameters?.[m[4]] ?? '';
    }
    if (Array.isArray(value)) return value.map(render);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, render(v as JsonValue)]),
      );
    }
    return value;
  };
  for (const step of steps) {
    const action = actions.find(a => a.id === step.action);
    if (!action) throw new Error(`no action ${step.action}`);
    const { ctx, outputs: out } = actionContext({
      input: render(step.input) as JsonObject,
      user: options.user,
      workspacePath,
      taskId,
    });
    await action.handler(ctx);
    outputs[step.id] = out;
  }
  return { outputs, workspacePath };
}
