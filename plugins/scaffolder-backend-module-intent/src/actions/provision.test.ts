import { randomBytes, randomUUID } from 'node:crypto';
import { ConflictError } from '@backstage/errors';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { IntentApi, outcomeIntentYaml } from '@cairn/plugin-intent-common';
import {
  freePort,
  PostgresCluster,
  describeWithServices,
  startPostgresCluster,
} from '@cairn/test-utils';
import { JsonValue } from '@backstage/types';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  actionContext,
  runExample,
  startIntentBackend,
  TaskState,
} from '../__testUtils__/intentTestBackend';
import { createPlanAction } from './plan';
import { createProvisionAction } from './provision';
import { examples } from './provision.examples';
import { createRegisterAction } from './register';

jest.setTimeout(120_000);

const ADA = 'user:default/ada.okafor';
const NADIA = 'user:default/nadia.haddad';

const previewIntent = (name: string) => ({
  apiVersion: 'cairn.dev/v1alpha1',
  kind: 'EnvironmentIntent',
  metadata: { name, owner: 'group:default/checkout', costCentre: 'CC-4711' },
  spec: {
    environment: 'preview',
    workload: { type: 'web-service' },
    services: ['postgres'],
    target: { provider: 'azure', region: 'westeurope' },
    sizing: { level: 'directional', instances: 1, size: 'small' },
    constraints: { ttlHours: 24 },
  },
});

/** Every file under a folder, as text. */
const contents = (dir: string): string =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(e => e.isFile())
    .map(e => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');

/**
 * The provision action against the real intent backend with the shared-data module, on a PostgreSQL
 * cluster started here (password authentication); a second backend points PostgreSQL at a closed port.
 */
describeWithServices({ postgresBinaries: true })(
  'cairn:environment:provision',
  () => {
    let cluster: PostgresCluster;
    let client: IntentApi;
    let actions: {
      plan: ReturnType<typeof createPlanAction>;
      register: ReturnType<typeof createRegisterAction>;
      provision: ReturnType<typeof createProvisionAction>;
    };
    let broken: typeof actions;

    const backendConfig = (port: number) => ({
      intent: {
        credentials: { encryptionKey: randomBytes(32).toString('base64') },
        provisioning: { kinds: { preview: { postgres: 'shared-postgres' } } },
        provisioners: {
          sharedPostgres: {
            host: '127.0.0.1',
            port,
            user: cluster.user,
            password: cluster.password,
          },
        },
      },
    });
    const actionsFor = (
      backend: Awaited<ReturnType<typeof startIntentBackend>>,
    ) => ({
      plan: createPlanAction(backend),
      register: createRegisterAction(backend),
      provision: createProvisionAction({ ...backend, pollMs: 200 }),
    });

    beforeAll(async () => {
      cluster = await startPostgresCluster();
      const backend = await startIntentBackend({
        config: backendConfig(cluster.port),
      });
      client = backend.client;
      actions = actionsFor(backend);
      broken = actionsFor(
        await startIntentBackend({ config: backendConfig(await freePort()) }),
      );
    });
    afterAll(async () => cluster?.stop());

    const as = async (user: string) => ({
      token: (
        await mockServices.auth().getPluginRequestToken({
          onBehalfOf: mockCredentials.user(user),
          targetPluginId: 'intent',
        })
      ).token,
    });

    /** Plans and registers as ADA; returns the environment id. */
    async function registered(set: typeof actions, intent: unknown) {
      const planned = actionContext({
        input: { intent: intent as JsonValue },
        user: ADA,
      });
      await set.plan.handler(planned.ctx as any);
      const reg = actionContext({
        input: {
          intent: intent as JsonValue,
          plannedAt: planned.outputs.plannedAt,
          bundleSha256: planned.outputs.bundleSha256,
        },
        user: ADA,
        taskId: randomUUID(),
      });
      await set.register.handler(reg.ctx as any);
      return reg.outputs.environmentId as string;
    }

    it('waits until the database is healthy; the task gets no secret, the owner connects with the credentials', async () => {
      const environmentId = await registered(actions, previewIntent('prov-a'));
      const state: TaskState = new Map();
      const run = actionContext({
        input: { environmentId },
        user: ADA,
        taskId: 't-prov',
        state,
      });
      await actions.provision.handler(run.ctx as any);
      expect(run.outputs).toMatchObject({
        healthy: ['postgres'],
        awaiting: [],
        resources: [
          expect.objectContaining({
            service: 'postgres',
            state: 'healthy',
            provisioner: 'shared-postgres',
            port: cluster.port,
          }),
        ],
      });
      const { credentials } = await client.getEnvironmentCredentials(
        environmentId,
        await as(ADA),
      );
      const [login] = credentials;
      // Nothing secret in the outputs, the checkpoint or the workspace.
      expect(JSON.stringify(run.outputs)).not.toContain(login.password);
      expect(JSON.stringify([...state.values()])).not.toContain(login.password);
      expect(contents(run.ctx.workspacePath)).not.toContain(login.password);

      const pg = new Client({ connectionString: login.connectionString });
      pg.on('error', () => undefined);
      await pg.connect();
      expect((await pg.query('SELECT current_user AS u')).rows[0].u).toBe(
        login.username,
      );
      await pg.end();

      // A retried task: the checkpoint answers; without it, the backend re-applies with the same login.
      const retry = actionContext({
        input: { environmentId },
        user: ADA,
        taskId: 't-prov',
        state,
      });
      await actions.provision.handler(retry.ctx as any);
      expect(retry.outputs).toEqual(run.outputs);
      const lost = actionContext({ input: { environmentId }, user: ADA });
      await actions.provision.handler(lost.ctx as any);
      expect(
        (await client.getEnvironmentCredentials(environmentId, await as(ADA)))
          .credentials,
      ).toEqual(credentials);
    });

    it('fails with the reason when the shared server cannot be reached', async () => {
      const environmentId = await registered(broken, previewIntent('prov-b'));
      const run = actionContext({
        input: { environmentId, timeoutSeconds: 1 },
        user: ADA,
      });
      await expect(broken.provision.handler(run.ctx as any)).rejects.toThrow(
        new RegExp(
          `^Environment ${environmentId} is not healthy after \\d+ attempt\\(s\\): postgres: failed \\(apply failed: cannot reach the shared PostgreSQL at 127\\.0\\.0\\.1:\\d+`,
        ),
      );
    });

    it('refuses production awaiting approval, and someone who neither owns nor requested it', async () => {
      const prod = await registered(actions, outcomeIntentYaml);
      const run = actionContext({ input: { environmentId: prod }, user: ADA });
      await expect(actions.provision.handler(run.ctx as any)).rejects.toThrow(
        ConflictError,
      );
      const preview = await registered(actions, previewIntent('prov-c'));
      const nadia = actionContext({
        input: { environmentId: preview },
        user: NADIA,
      });
      await expect(actions.provision.handler(nadia.ctx as any)).rejects.toThrow(
        /neither requested environment/,
      );
    });

    it.each(examples.map(e => [e.description, e.example]))(
      'runs its example: %s',
      async (_description, example) => {
        const { outputs } = await runExample(
          example,
          [actions.plan, actions.register, actions.provision],
          { user: NADIA },
        );
        expect(outputs.provision).toMatchObject({
          healthy: ['postgres'],
          awaiting: [],
        });
      },
    );
  },
);
