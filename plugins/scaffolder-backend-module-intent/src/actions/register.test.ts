import { NotAllowedError } from '@backstage/errors';
import { IntentApi, outcomeIntentYaml } from '@cairn/plugin-intent-common';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { JsonValue } from '@backstage/types';
import { parse } from 'yaml';
import {
  actionContext,
  runExample,
  startIntentBackend,
  TaskState,
} from '../__testUtils__/intentTestBackend';
import { createApproveAction } from './approve';
import { examples as approveExamples } from './approve.examples';
import { createPlanAction } from './plan';
import { createRegisterAction } from './register';
import { examples as registerExamples } from './register.examples';

jest.setTimeout(60_000);

const ADA = 'user:default/ada.okafor';
const PRIYA = 'user:default/priya.raman';
const TOMAS = 'user:default/tomas.novak';

const devIntent = (name: string) => ({
  apiVersion: 'cairn.dev/v1alpha1',
  kind: 'EnvironmentIntent',
  metadata: { name, owner: 'group:default/checkout', costCentre: 'CC-4711' },
  spec: {
    environment: 'dev',
    workload: { type: 'worker' },
    services: ['queue'],
    target: { provider: 'azure', region: 'westeurope' },
    sizing: { level: 'directional', instances: 1, size: 'small' },
    constraints: { ttlHours: 72 },
  },
});

describe('cairn:environment:register and cairn:environment:approve', () => {
  let client: IntentApi;
  let plan: ReturnType<typeof createPlanAction>;
  let register: ReturnType<typeof createRegisterAction>;
  let approve: ReturnType<typeof createApproveAction>;

  beforeAll(async () => {
    const backend = await startIntentBackend();
    client = backend.client;
    plan = createPlanAction(backend);
    register = createRegisterAction(backend);
    approve = createApproveAction(backend);
  });

  /** Plans as `user` and returns register's input. */
  async function planned(intent: unknown, user: string) {
    const { ctx, outputs } = actionContext({
      input: { intent: intent as JsonValue },
      user,
    });
    await plan.handler(ctx as any);
    return {
      intent: intent as any,
      plannedAt: outputs.plannedAt as string,
      bundleSha256: outputs.bundleSha256 as string,
    };
  }

  // A token for the registry as `user` sees it.
  const as = async (user: string) => ({
    token: (
      await mockServices.auth().getPluginRequestToken({
        onBehalfOf: mockCredentials.user(user),
        targetPluginId: 'intent',
      })
    ).token,
  });
  const adminView = async (id: string) =>
    client.getEnvironment(id, await as(PRIYA));

  it('registers a dev environment for the initiator, active, with its catalog Resource name', async () => {
    const input = {
      ...(await planned(devIntent('route-worker'), ADA)),
      system: 'checkout',
    };
    const { ctx, outputs } = actionContext({
      input,
      user: ADA,
      taskId: 't-dev',
    });
    await register.handler(ctx as any);
    expect(outputs).toMatchObject({
      status: 'active',
      entityRef: 'resource:default/route-worker-dev',
      created: true,
      expiresAt: expect.any(String),
    });
    const env = await adminView(outputs.environmentId as string);
    expect(env).toMatchObject({
      requester: ADA,
      owner: 'group:default/checkout',
      system: 'system:default/checkout',
      taskId: 't-dev',
      bundleSha256: input.bundleSha256,
    });
    expect(env.files.map(f => f.path)).toContain('PLAN.md');
  });

  it('registers nothing in a dry run and says so, with no id or Resource to link to', async () => {
    const input = await planned(devIntent('dry-worker'), ADA);
    const { ctx, outputs } = actionContext({
      input,
      user: ADA,
      isDryRun: true,
    });
    await register.handler(ctx as any);
    expect(outputs).toEqual({
      environmentId: '',
      status: 'dry run: not registered',
      entityRef: '',
      created: false,
    });
    const listed = await client.listEnvironments(
      { owner: 'group:default/checkout' },
      await as(PRIYA),
    );
    expect(listed.items.map(e => e.name)).not.toContain('dry-worker');
  });

  it('is idempotent under task retries: a kept checkpoint, or a lost one, gives the same environment', async () => {
    const input = await planned(devIntent('retry-worker'), ADA);
    const state: TaskState = new Map();
    const first = actionContext({ input, user: ADA, taskId: 't-retry', state });
    await register.handler(first.ctx as any);

    // The task is retried after the step finished: the checkpoint answers, nothing is sent.
    const again = actionContext({ input, user: ADA, taskId: 't-retry', state });
    await register.handler(again.ctx as any);
    expect(again.outputs).toEqual(first.outputs);

    // The worker died after registering but before the checkpoint was saved: the backend recognises the
    // task's key and returns the environment it registered.
    const lost = actionContext({ input, user: ADA, taskId: 't-retry' });
    await register.handler(lost.ctx as any);
    expect(lost.outputs.environmentId).toBe(first.outputs.environmentId);
    expect(lost.outputs.created).toBe(false);

    const { items } = await client.listEnvironments(
      { owner: 'group:default/checkout' },
      await as(ADA),
    );
    expect(items.filter(e => e.name === 'retry-worker')).toHaveLength(1);
  });

  it('changes a live environment as its next version: the plan says what changes, register makes the version once', async () => {
    const first = actionContext({
      input: await planned(devIntent('cart-worker'), ADA),
      user: ADA,
      taskId: 't-c1',
    });
    await register.handler(first.ctx as any);
    const id = first.outputs.environmentId as string;

    // Two instances instead of one, planned as a change.
    const bigger = devIntent('cart-worker');
    bigger.spec.sizing.instances = 2;
    const planning = actionContext({
      input: { intent: bigger as JsonValue, change: true },
      user: ADA,
    });
    await plan.handler(planning.ctx as any);
    expect(planning.outputs.changesRevision).toBe(1);
    expect(planning.outputs.changes).toMatch(
      new RegExp(
        `^Changes environment ${id} from version 1:\n- Kept in place with their data: queue\n- \`compute.minInstances\`: 1 → 2`,
      ),
    );

    // Without the change option the live name is a conflict that says how to change it.
    const refused = actionContext({
      input: {
        intent: bigger as JsonValue,
        plannedAt: planning.outputs.plannedAt as string,
        bundleSha256: planning.outputs.bundleSha256 as string,
      },
      user: ADA,
      taskId: 't-c2',
    });
    await expect(register.handler(refused.ctx as any)).rejects.toThrow(
      /a live dev environment named cart-worker exists .*change it/,
    );

    const input = {
      intent: bigger as JsonValue,
      plannedAt: planning.outputs.plannedAt as string,
      bundleSha256: planning.outputs.bundleSha256 as string,
      change: true,
      basedOnRevision: planning.outputs.changesRevision as number,
    };
    const changed = actionContext({ input, user: ADA, taskId: 't-c3' });
    await register.handler(changed.ctx as any);
    expect(changed.outputs).toMatchObject({
      environmentId: id,
      status: 'active',
      created: true,
      revision: 2,
      revisionStatus: 'applied',
    });
    // A retry whose checkpoint was lost gets the same version.
    const lost = actionContext({ input, user: ADA, taskId: 't-c3' });
    await register.handler(lost.ctx as any);
    expect(lost.outputs).toMatchObject({
      environmentId: id,
      created: false,
      revision: 2,
    });
    // A change reviewed against version 1 that lands after version 2 is refused.
    const stale = actionContext({
      input: {
        ...(await planned(devIntent('cart-worker'), ADA)),
        change: true,
        basedOnRevision: 1,
      },
      user: ADA,
      taskId: 't-c4',
    });
    await expect(register.handler(stale.ctx as any)).rejects.toThrow(
      /moved to version 2 since this change was reviewed against version 1; plan again/,
    );
    const env = await adminView(id);
    expect(env.revision).toBe(2);
    expect(env.plan.compute?.minInstances).toBe(2);
    expect(
      (await client.listRevisions(id, await as(ADA))).items.map(r => [
        r.revision,
        r.taskId,
      ]),
    ).toEqual([
      [2, 't-c3'],
      [1, 't-c1'],
    ]);
  });

  it('leaves production awaiting approval without one, and activates it with an approver other than the requester', async () => {
    const input = await planned(outcomeIntentYaml, ADA);
    const { ctx, outputs } = actionContext({
      input,
      user: ADA,
      taskId: 't-prod',
    });
    await register.handler(ctx as any);
    expect(outputs.status).toBe('awaiting-approval');
    const id = outputs.environmentId as string;
    expect((await adminView(id)).status).toBe('awaiting-approval');

    // The requester cannot approve her own; neither can someone without the approve permission.
    const own = actionContext({ input: { environmentId: id }, user: ADA });
    await expect(approve.handler(own.ctx as any)).rejects.toThrow(
      NotAllowedError,
    );
    const nadia = actionContext({
      input: { environmentId: id },
      user: 'user:default/nadia.haddad',
    });
    await expect(approve.handler(nadia.ctx as any)).rejects.toThrow(
      /intent\.environment\.approve/,
    );
    expect((await adminView(id)).status).toBe('awaiting-approval');

    const approval = actionContext({
      input: {
        environmentId: id,
        reviewUrl: 'https://github.com/northwind/infrastructure/pull/7',
      },
      user: PRIYA,
    });
    await approve.handler(approval.ctx as any);
    expect(approval.outputs).toEqual({
      environmentId: id,
      status: 'active',
      approvedBy: PRIYA,
    });
    const env = await adminView(id);
    expect(env.reviewLinks).toEqual([
      {
        url: 'https://github.com/northwind/infrastructure/pull/7',
        title: 'Approval',
      },
    ]);
  });

  it('refuses an approver who is the requester, even one who holds the approve permission', async () => {
    const intent = parse(outcomeIntentYaml);
    intent.metadata.name = 'checkout-edge';
    const input = await planned(intent, TOMAS);
    const { ctx, outputs } = actionContext({
      input,
      user: TOMAS,
      taskId: 't-tomas',
    });
    await register.handler(ctx as any);
    const self = actionContext({
      input: { environmentId: outputs.environmentId as string },
      user: TOMAS,
    });
    const refusal = approve.handler(self.ctx as any);
    await expect(refusal).rejects.toThrow(NotAllowedError);
    await expect(refusal).rejects.toThrow(
      /requested environment .* cannot approve it/,
    );
  });

  it('refuses a bundle the platform would not produce now', async () => {
    const input = await planned(devIntent('stale-plan'), ADA);
    const { ctx } = actionContext({
      input: { ...input, bundleSha256: '0'.repeat(64) },
      user: ADA,
    });
    await expect(register.handler(ctx as any)).rejects.toThrow(
      /bundleSha256: .*plan again/,
    );
  });

  it.each(registerExamples.map(e => [e.description, e.example]))(
    'runs its example: %s',
    async (_description, example) => {
      const { outputs } = await runExample(example, [plan, register], {
        user: 'user:default/nadia.haddad',
      });
      expect(outputs.register).toMatchObject({
        status: 'active',
        entityRef: expect.stringMatching(
          /^resource:default\/storefront-pr-4\d-preview$/,
        ),
      });
    },
  );

  it.each(approveExamples.map(e => [e.description, e.example]))(
    'runs its example: %s',
    async (_description, example) => {
      const intent = parse(outcomeIntentYaml);
      intent.metadata.name = 'checkout-example';
      const input = await planned(intent, ADA);
      const { ctx, outputs } = actionContext({
        input,
        user: ADA,
        taskId: 't-example',
      });
      await register.handler(ctx as any);
      const result = await runExample(example, [approve], {
        user: PRIYA,
        parameters: { environmentId: outputs.environmentId as string },
      });
      expect(result.outputs.approve).toMatchObject({
        status: 'active',
        approvedBy: PRIYA,
      });
    },
  );
});
