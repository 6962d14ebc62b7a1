import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  defaultPlatformConfig,
  EnvironmentDetails,
  evaluateIntent,
  explicitIntentYaml,
  outcomeIntentYaml,
  renderBundle,
} from '@cairn/plugin-intent-common';
import {
  createTestDatabases,
  teamCatalog,
  teamUserInfo,
} from '@cairn/test-utils';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { intentPlugin } from './plugin';
import { readPlatformConfig } from './platform/readPlatformConfig';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

jest.setTimeout(60_000);

const databases = createTestDatabases();

// Who belongs to which team in these tests; priya is the only approver.
const teams: Record<string, string[]> = {
  'user:default/ada': ['group:default/checkout'],
  'user:default/lars': ['group:default/checkout'],
  'user:default/omar': ['group:default/logistics'],
  'user:default/rita': ['group:default/logistics'],
  'user:default/priya': ['group:default/platform'],
  // On the approval board: may approve in place of a named approver (recorded as an override).
  'user:default/greta': [
    'group:default/platform',
    'group:default/approval-board',
  ],
  'user:default/tomas': ['group:default/platform'],
  'user:default/nadia': ['group:default/storefront'],
};

// The catalog the registry checks owners and approvers against.
const catalogEntities = teamCatalog(teams, {
  groups: ['group:default/storefront'],
  users: ['user:default/priya.raman'],
});

const platformOverrides = {
  platform: {
    disabledPolicies: ['budget-headroom'],
    policyParams: { 'cost-limit': { limits: { preview: 200 } } },
  },
};
// Named, but no module installs it: environments say what to configure.
const provisioning = { kinds: { dev: { postgres: 'shared-postgres' } } };
// What the scaffolder plans with: the backend's platform configuration, shared dev databases included.
const platform = readPlatformConfig(
  new ConfigReader({ ...platformOverrides, provisioning }),
).config;

/** What the plan action sends: the intent, the time it planned with, and the bundle hash it rendered. */
function planned(intent: string | object, requester: string, at = new Date()) {
  const { plan } = evaluateIntent(intent, platform, { requester, now: at });
  return {
    intent,
    plannedAt: at.toISOString(),
    bundleSha256: renderBundle(plan, platform).manifest.sha256,
  };
}

const preview = (name: string, owner = 'group:default/checkout') => ({
  apiVersion: 'cairn.dev/v1alpha1',
  kind: 'EnvironmentIntent',
  metadata: { name, owner, costCentre: 'CC-1' },
  spec: {
    environment: 'preview',
    workload: { type: 'web-service' },
    services: ['postgres'],
    target: { provider: 'aws', region: 'eu-west-1' },
    sizing: {
      level: 'explicit',
      compute: { size: 'small', count: 1 },
      postgres: { size: 'small', storageGb: 20 },
    },
    constraints: { ttlHours: 24 },
  },
});

describe.each(databases.eachSupportedId())(
  'intent plugin on %p',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    // The plugin's own scheduler, to run the expiry task when a test says so.
    let scheduler: SchedulerService;
    const audit: Array<{ eventId: string; status: string; meta?: any }> = [];
    const notifications: NotificationSendOptions[] = [];
    const as = (user: string) => mockCredentials.user.header(user);

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          intentPlugin,
          catalogServiceMock.factory({ entities: catalogEntities }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              intent: {
                ...platformOverrides,
                approvals: { overrideGroup: 'group:default/approval-board' },
                provisioning,
              },
            },
          }),
          createBackendModule({
            pluginId: 'intent',
            moduleId: 'test-scheduler',
            register(reg) {
              reg.registerInit({
                deps: { s: coreServices.scheduler },
                async init({ s }) {
                  scheduler = s;
                },
              });
            },
          }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          teamUserInfo(teams),
          // The portal's policy, as far as these tests need it: only the platform team approves, and
          // nadia may not request production.
          mockServices.permissions.mock({
            authorize: async (requests, { credentials }) => {
              const user = (credentials.principal as any).userEntityRef;
              return requests.map(({ permission }) => {
                if (permission.name === 'intent.environment.approve') {
                  return {
                    result: teams[user]?.includes('group:default/platform')
                      ? AuthorizeResult.ALLOW
                      : AuthorizeResult.DENY,
                  };
                }
                if (
                  permission.name === 'intent.environment.request.prod' &&
                  user === 'user:default/nadia'
                ) {
                  return { result: AuthorizeResult.DENY };
                }
                return { result: AuthorizeResult.ALLOW };
              }) as any;
            },
          }).factory,
          mockServices.auditor.mock({
            createEvent: async options => ({
              success: async (o?: { meta?: any }) => {
                audit.push({
                  eventId: options.eventId,
                  status: 'succeeded',
                  meta: { ...options.meta, ...o?.meta },
                });
              },
              fail: async () => {
                audit.push({ eventId: options.eventId, status: 'failed' });
              },
            }),
          }).factory,
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({
              async send(options: NotificationSendOptions) {
                notifications.push(options);
              },
            }),
          }),
        ],
      }));
    });

    const register = (user: string, body: object) =>
      request(server)
        .post('/api/intent/v1/environments')
        .set('Authorization', as(user))
        .send(body);

    it('answers /health without credentials and nothing else', async () => {
      expect((await request(server).get('/api/intent/health')).status).toBe(
        200,
      );
      const post = await request(server)
        .post('/api/intent/v1/environments')
        .send(planned(preview('no-token'), 'user:default/ada'));
      expect(post.status).toBe(401);
      for (const path of ['/v1/platform', '/v1/environments']) {
        expect((await request(server).get(`/api/intent${path}`)).status).toBe(
          401,
        );
      }
    });

    it("serves the platform configuration with the portal's overrides and its version", async () => {
      const res = await request(server)
        .get('/api/intent/v1/platform')
        .set('Authorization', as('user:default/ada'));
      expect(res.status).toBe(200);
      const ids = res.body.config.policyPack.policies.map((p: any) => p.id);
      expect(ids).not.toContain('budget-headroom');
      expect(
        res.body.config.policyPack.policies.find(
          (p: any) => p.id === 'cost-limit',
        ).params.limits,
      ).toEqual({ preview: 200, dev: 400, staging: 2000, prod: 15000 });
      expect(res.body.version).toMatch(/^[0-9a-f]{64}$/);
      expect(res.body.overrides).toEqual({
        disabledPolicies: ['budget-headroom'],
        addedPolicies: [],
        changedParams: ['cost-limit'],
        changedComplianceProfiles: [],
      });
      expect(res.body.config.priceTable.version).toBe(
        defaultPlatformConfig.priceTable.version,
      );
    });

    it('registers a dev environment with its plan, files and history; the same key is idempotent', async () => {
      const body = {
        ...planned(explicitIntentYaml, 'user:default/rita'),
        system: 'fulfilment',
        taskId: 'task-1',
        idempotencyKey: 'task-1/register',
      };
      const first = await register('user:default/rita', body);
      expect(first.status).toBe(201);
      expect(first.body.created).toBe(true);
      const env = first.body.environment;
      expect(env).toMatchObject({
        name: 'route-planner',
        environment: 'dev',
        owner: 'group:default/logistics',
        requester: 'user:default/rita',
        system: 'system:default/fulfilment',
        status: 'active',
        bundleSha256: body.bundleSha256,
        taskId: 'task-1',
        policies: { passed: true, violations: 0 },
      });
      expect(env.expiresAt).toBe(
        new Date(
          new Date(body.plannedAt).getTime() + 336 * 3_600_000,
        ).toISOString(),
      );

      // A task retry sends the same key: the same environment, nothing new.
      const retry = await register('user:default/rita', body);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual({ environment: env, created: false });

      // Without the key it is a second live environment of the same name and kind.
      const again = await register('user:default/rita', {
        ...body,
        idempotencyKey: undefined,
      });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/metadata\.name/);

      const details = await request(server)
        .get(`/api/intent/v1/environments/${env.id}`)
        .set('Authorization', as('user:default/ada'));
      expect(details.status).toBe(200);
      const d = details.body as EnvironmentDetails;
      expect(d.files.map(f => f.path)).toEqual([
        'PLAN.md',
        'bundle-manifest.json',
        'cost.json',
        'intent.yaml',
        'kubernetes/workload.yaml',
        'plan.json',
        'policy-report.json',
        'terraform/main.tf.json',
      ]);
      expect(d.planMarkdown).toMatch(/^# Plan for route-planner/);
      // No provisioner is installed here: each data service says what would provide it.
      expect(d.resources!.map(r => [r.service, r.state, r.detail])).toEqual([
        [
          'postgres',
          'awaiting-provisioner',
          expect.stringMatching(
            /^intent\.provisioning\.kinds\.dev\.postgres names shared-postgres, which is not installed: configure intent\.provisioners\.sharedPostgres/,
          ),
        ],
        [
          'queue',
          'awaiting-provisioner',
          expect.stringMatching(
            /^no provisioner for queue in dev environments: its reviewed pipeline provides it/,
          ),
        ],
      ]);
      expect(d.plan.name).toBe('route-planner');
      expect(d.cost.scales.map(s => s.loadFactor)).toEqual([10, 100]);
      expect(d.bundleManifest.sha256).toBe(body.bundleSha256);
      expect(d.history).toEqual([
        expect.objectContaining({
          type: 'requested',
          actor: 'user:default/rita',
          toStatus: 'active',
        }),
      ]);

      const tf = await request(server)
        .get(`/api/intent/v1/environments/${env.id}/file`)
        .query({ path: 'terraform/main.tf.json' })
        .set('Authorization', as('user:default/ada'));
      expect(tf.status).toBe(200);
      const listed = d.bundleManifest.files.find(
        f => f.path === 'terraform/main.tf.json',
      )!;
      expect(tf.text.length).toBe(listed.bytes);
      expect(JSON.parse(tf.text).terraform).toBeDefined();

      expect(audit).toContainEqual(
        expect.objectContaining({
          eventId: 'environment-register',
          status: 'succeeded',
          meta: expect.objectContaining({
            environmentId: env.id,
            created: true,
          }),
        }),
      );
    });

    it('refuses bad registrations with the field that is wrong', async () => {
      const ok = planned(preview('bad-input'), 'user:default/ada');
      const cases: Array<[object, number, RegExp]> = [
        [{ ...ok, bundleSha256: 'f'.repeat(64) }, 409, /bundleSha256/],
        [{ ...ok, plannedAt: 'yesterday' }, 400, /plannedAt/],
        [
          {
            ...ok,
            plannedAt: new Date(Date.now() - 30 * 3_600_000).toISOString(),
          },
          400,
          /plannedAt: the plan is older/,
        ],
        [{ ...ok, system: 'not a ref!' }, 400, /system/],
        [{ ...ok, reviewUrl: 'ftp://review.example/1' }, 400, /reviewUrl/],
        [
          { ...ok, intent: { ...preview('bad-input'), kind: 'Other' } },
          400,
          /kind/,
        ],
        [{ plannedAt: ok.plannedAt }, 400, /intent/],
      ];
      for (const [body, status, message] of cases) {
        const res = await register('user:default/ada', body);
        expect([res.status, res.body.error?.message]).toEqual([
          status,
          expect.stringMatching(message),
        ]);
      }
      // A plan the guardrails block cannot be registered: previews are small only.
      const big = preview('too-big');
      (big.spec.sizing.compute as any).size = 'xlarge';
      const blocked = await register(
        'user:default/ada',
        planned(big, 'user:default/ada'),
      );
      expect(blocked.status).toBe(400);
      expect(blocked.body.error.message).toMatch(/approved-classes/);
    });

    it('refuses a kind the policy does not let the user request', async () => {
      const res = await register(
        'user:default/nadia',
        planned(outcomeIntentYaml, 'user:default/nadia'),
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /intent\.environment\.request\.prod/,
      );
      const service = await request(server)
        .post('/api/intent/v1/environments')
        .set('Authorization', mockCredentials.service.header())
        .send(planned(preview('by-service'), 'user:default/ada'));
      expect(service.status).toBe(403);
    });

    it('keeps production waiting until an approver other than the requester approves it', async () => {
      // tomas is on the platform team: he holds the approve permission, yet he asked for it.
      const res = await register(
        'user:default/tomas',
        planned(outcomeIntentYaml, 'user:default/tomas'),
      );
      expect(res.status).toBe(201);
      const env = res.body.environment;
      expect(env.status).toBe('awaiting-approval');
      expect(env.requester).toBe('user:default/tomas');
      expect(notifications).toContainEqual(
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: 'user:default/priya.raman' },
        }),
      );
      const approve = (user: string, body: object = {}) =>
        request(server)
          .post(`/api/intent/v1/environments/${env.id}/approve`)
          .set('Authorization', as(user))
          .send(body);

      const own = await approve('user:default/tomas');
      expect(own.status).toBe(403);
      expect(own.body.error.message).toMatch(/requested environment/);
      const outsider = await approve('user:default/ada');
      expect(outsider.status).toBe(403);
      expect(outsider.body.error.message).toMatch(
        /intent\.environment\.approve/,
      );
      const service = await request(server)
        .post(`/api/intent/v1/environments/${env.id}/approve`)
        .set('Authorization', mockCredentials.service.header())
        .send({});
      expect(service.status).toBe(403);

      // priya holds the approve permission, but the intent names priya.raman and she is not on the
      // approval board.
      const notNamed = await approve('user:default/priya');
      expect(notNamed.status).toBe(403);
      expect(notNamed.body.error.message).toMatch(
        /names user:default\/priya\.raman as its approver; user:default\/priya may not approve it/,
      );

      // greta is on the approval board: she approves in priya.raman's place, recorded as an override.
      const approved = await approve('user:default/greta', {
        reviewUrl: 'https://github.com/northwind/infra/pull/42',
        comment: 'reviewed the plan',
      });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        status: 'active',
        approvedBy: 'user:default/greta',
        reviewLinks: [
          {
            url: 'https://github.com/northwind/infra/pull/42',
            title: 'Approval',
          },
        ],
      });
      expect((await approve('user:default/greta')).status).toBe(409);

      const details = await request(server)
        .get(`/api/intent/v1/environments/${env.id}`)
        .set('Authorization', as('user:default/priya'));
      expect(
        details.body.history.map((h: any) => [h.type, h.toStatus, h.message]),
      ).toEqual([
        [
          'requested',
          'awaiting-approval',
          // tomas is not in Checkout: the platform team requests for it, and it says so.
          'requested by the platform team for group:default/checkout; production: waiting for an approver other than the requester',
        ],
        [
          'approved',
          'active',
          'override: approved by user:default/greta of group:default/approval-board in place of the named approver user:default/priya.raman — reviewed the plan',
        ],
      ]);
      expect(audit.filter(a => a.eventId === 'environment-approve')).toEqual([
        expect.objectContaining({ status: 'failed' }),
        expect.objectContaining({ status: 'failed' }),
        expect.objectContaining({ status: 'failed' }),
        expect.objectContaining({ status: 'failed' }),
        expect.objectContaining({
          status: 'succeeded',
          meta: expect.objectContaining({
            approver: 'user:default/greta',
            requester: 'user:default/tomas',
            override: expect.stringMatching(/^override: /),
          }),
        }),
        expect.objectContaining({ status: 'failed' }),
      ]);
    });

    it('lets an owner end an environment early; the expiry run expires it with a teardown plan', async () => {
      const res = await register(
        'user:default/ada',
        planned(preview('pr-1234'), 'user:default/ada'),
      );
      const env = res.body.environment;
      expect(env.status).toBe('active');
      const teardown = (user: string) =>
        request(server)
          .post(`/api/intent/v1/environments/${env.id}/teardown`)
          .set('Authorization', as(user))
          .send({});
      expect((await teardown('user:default/omar')).status).toBe(403);
      const early = await teardown('user:default/lars');
      expect(early.status).toBe(200);
      expect(new Date(early.body.expiresAt).getTime()).toBeLessThanOrEqual(
        Date.now(),
      );
      expect(early.body.status).toBe('active');

      await scheduler.triggerTask('intent-environment-expiry');
      const details = (
        await request(server)
          .get(`/api/intent/v1/environments/${env.id}`)
          .set('Authorization', as('user:default/ada'))
      ).body as EnvironmentDetails;
      expect(details.status).toBe('expired');
      expect(details.teardownPlan).toMatchObject({
        reason: 'requested',
        steps: [
          'terraform -chdir=terraform init',
          'terraform -chdir=terraform destroy',
        ],
      });
      expect(details.teardownPlan!.resources).toEqual(
        expect.arrayContaining(['aws_db_instance.main', 'aws_ecs_service.app']),
      );
      expect(details.history.map(h => [h.type, h.toStatus])).toEqual([
        ['requested', 'active'],
        ['teardown-requested', 'active'],
        ['expired', 'expired'],
      ]);
      expect(notifications).toContainEqual(
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: 'group:default/checkout' },
          payload: expect.objectContaining({
            title: 'Environment pr-1234 (preview) has expired',
          }),
        }),
      );
      expect(audit).toContainEqual(
        expect.objectContaining({
          eventId: 'environment-expire',
          status: 'succeeded',
          meta: expect.objectContaining({ environmentId: env.id }),
        }),
      );
      // Expired is final here; the name is free again.
      expect((await teardown('user:default/ada')).status).toBe(409);
      const reused = await register(
        'user:default/ada',
        planned(preview('pr-1234'), 'user:default/ada'),
      );
      expect(reused.status).toBe(201);
    });

    it('lists and filters by owner, status, kind and expiry', async () => {
      const list = async (query: Record<string, string>) => {
        const res = await request(server)
          .get('/api/intent/v1/environments')
          .query(query)
          .set('Authorization', as('user:default/ada'));
        expect(res.status).toBe(200);
        return res.body as { items: any[]; totalCount: number };
      };
      const all = await list({});
      expect(all.totalCount).toBe(all.items.length);
      expect(
        (await list({ owner: 'group:default/logistics' })).items.map(
          i => i.name,
        ),
      ).toEqual(['route-planner']);
      const expired = await list({ status: 'expired' });
      expect(expired.items.map(i => i.name)).toEqual(['pr-1234']);
      const live = await list({ status: 'active,awaiting-approval' });
      expect(live.items.every(i => i.status !== 'expired')).toBe(true);
      expect(
        (await list({ environment: 'prod' })).items.map(i => i.name),
      ).toEqual(['checkout-api']);
      const soon = await list({
        expiresBefore: new Date(Date.now() + 48 * 3_600_000).toISOString(),
        status: 'active',
      });
      expect(soon.items.map(i => i.name)).toEqual(['pr-1234']);
      const page = await list({ limit: '1', offset: '1' });
      expect(page.items).toHaveLength(1);
      expect(page.totalCount).toBe(all.totalCount);

      const bad = await request(server)
        .get('/api/intent/v1/environments')
        .query({ status: 'gone' })
        .set('Authorization', as('user:default/ada'));
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/status/);
      const missing = await request(server)
        .get('/api/intent/v1/environments/nope')
        .set('Authorization', as('user:default/ada'));
      expect(missing.status).toBe(404);
    });

    it('tells the owner once before expiry, and lets the owner extend within the lifetime of the kind', async () => {
      const res = await register(
        'user:default/ada',
        planned(preview('pr-extend'), 'user:default/ada'),
      );
      const env = res.body.environment;
      const title = `Environment pr-extend (preview) expires at ${env.expiresAt}`;
      const warnings = () =>
        notifications.filter(n =>
          n.payload.title.startsWith(
            'Environment pr-extend (preview) expires at',
          ),
        );
      // Registered with a 24-hour TTL: inside the warning window at once, told once.
      await scheduler.triggerTask('intent-environment-expiry');
      await scheduler.triggerTask('intent-environment-expiry');
      expect(warnings()).toEqual([
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: 'group:default/checkout' },
          payload: expect.objectContaining({
            title,
            description: expect.stringContaining(
              'extend it from its page by up to 168 hours',
            ),
          }),
        }),
      ]);

      const extend = (user: string, body: object) =>
        request(server)
          .post(`/api/intent/v1/environments/${env.id}/extend`)
          .set('Authorization', as(user))
          .send(body);
      expect((await extend('user:default/omar', { hours: 48 })).status).toBe(
        403,
      );
      const tooLong = await extend('user:default/ada', { hours: 169 });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.message).toMatch(
        /^hours: must be a whole number of hours from 1 to 168 \(a preview environment lives at most 168 hours from now\)/,
      );
      const notNumber = await extend('user:default/ada', { hours: 'many' });
      expect(notNumber.status).toBe(400);
      expect(notNumber.body.error.message).toMatch(/hours/);

      const before = Date.now();
      const extended = await extend('user:default/lars', { hours: 100 });
      expect(extended.status).toBe(200);
      const expiresAt = new Date(extended.body.expiresAt).getTime();
      expect(expiresAt).toBeGreaterThanOrEqual(before + 100 * 3_600_000);
      expect(expiresAt).toBeLessThan(Date.now() + 100 * 3_600_000 + 1000);
      // Far from expiry now: no new warning until the new expiry comes close.
      await scheduler.triggerTask('intent-environment-expiry');
      expect(warnings()).toHaveLength(1);
      const details = (
        await request(server)
          .get(`/api/intent/v1/environments/${env.id}`)
          .set('Authorization', as('user:default/ada'))
      ).body as EnvironmentDetails;
      expect(details.status).toBe('active');
      expect(details.history.map(h => [h.type, h.actor])).toEqual([
        ['requested', 'user:default/ada'],
        ['extended', 'user:default/lars'],
      ]);
      expect(audit).toContainEqual(
        expect.objectContaining({
          eventId: 'environment-extend',
          status: 'succeeded',
          meta: expect.objectContaining({ environmentId: env.id }),
        }),
      );
      // Once its teardown is asked for, it cannot be extended.
      await request(server)
        .post(`/api/intent/v1/environments/${env.id}/teardown`)
        .set('Authorization', as('user:default/ada'))
        .send({});
      const late = await extend('user:default/ada', { hours: 10 });
      expect(late.status).toBe(409);
      expect(late.body.error.message).toMatch(/teardown was requested/);
    });

    it('reads query values as the README writes them: commas in status, slashes in a file path', async () => {
      const raw = await request(server)
        .get('/api/intent/v1/environments?status=active,expired')
        .set('Authorization', as('user:default/ada'));
      expect(raw.status).toBe(200);
      expect(
        raw.body.items.every((i: { status: string }) =>
          ['active', 'expired'].includes(i.status),
        ),
      ).toBe(true);
      const id = raw.body.items[0].id;
      const file = await request(server)
        .get(`/api/intent/v1/environments/${id}/file?path=PLAN.md`)
        .set('Authorization', as('user:default/ada'));
      expect(file.status).toBe(200);
      const nested = await request(server)
        .get(
          `/api/intent/v1/environments/${id}/file?path=terraform/main.tf.json`,
        )
        .set('Authorization', as('user:default/ada'));
      expect([200, 404]).toContain(nested.status);
      expect(nested.body.error?.message ?? '').not.toMatch(/url encoded/);
    });

    it('answers hostile input with a bounded 4xx naming the field (issue 15)', async () => {
      const wrongType = await request(server)
        .post('/api/intent/v1/environments')
        .set('Authorization', as('user:default/ada'))
        .set('Content-Type', 'text/plain')
        .send('intent: x');
      expect(wrongType.status).toBe(415);
      expect(wrongType.body.error.message).toMatch(/^content-type:/);
      const broken = await request(server)
        .post('/api/intent/v1/environments')
        .set('Authorization', as('user:default/ada'))
        .set('Content-Type', 'application/json')
        .send('{"intent":');
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toMatch(/^body: is not valid JSON/);
      // 200,000 numbers where services belong: one short message, not 32 MB.
      const amplified = await register('user:default/ada', {
        intent: {
          apiVersion: 'cairn.dev/v1alpha1',
          kind: 'Intent',
          metadata: { name: 'amp', owner: 'group:default/checkout' },
          spec: { services: Array.from({ length: 200_000 }, (_, i) => i) },
        },
        plannedAt: new Date().toISOString(),
        bundleSha256: '0'.repeat(64),
      });
      expect(amplified.status).toBe(400);
      expect(amplified.body.error.message).toMatch(/spec\.services/);
      expect(JSON.stringify(amplified.body).length).toBeLessThan(6000);
    });
    it('lets the named approver approve, and refuses owners and approvers the catalog does not know', async () => {
      const named = outcomeIntentYaml
        .replace('user:default/priya.raman', 'user:default/priya')
        .replace(/name: [a-z-]+/, 'name: named-approver');
      const res = await register(
        'user:default/ada',
        planned(named, 'user:default/ada'),
      );
      expect(res.status).toBe(201);
      const approved = await request(server)
        .post(`/api/intent/v1/environments/${res.body.environment.id}/approve`)
        .set('Authorization', as('user:default/priya'))
        .send({});
      expect(approved.status).toBe(200);
      expect(approved.body.approvedBy).toBe('user:default/priya');

      // The owning group must exist, the requester belong to it, the approver be a user.
      const refusals: Array<[string, object, number, RegExp]> = [
        [
          'user:default/ada',
          preview('ghost', 'group:default/ghost-team'),
          400,
          /^intent: metadata\.owner: group:default\/ghost-team is not a group in the catalog/,
        ],
        [
          'user:default/ada',
          preview('not-mine', 'group:default/logistics'),
          403,
          /^intent: metadata\.owner: user:default\/ada is not a member of group:default\/logistics/,
        ],
        [
          'user:default/ada',
          {
            ...preview('no-such-approver'),
            spec: {
              ...preview('x').spec,
              constraints: {
                ttlHours: 24,
                approver: 'user:default/nobody-at-all',
              },
            },
          },
          400,
          /^intent: spec\.constraints\.approver: user:default\/nobody-at-all is not a user in the catalog/,
        ],
      ];
      for (const [user, intent, status, message] of refusals) {
        const refused = await register(user, planned(intent, user));
        expect([refused.status, refused.body.error?.message]).toEqual([
          status,
          expect.stringMatching(message),
        ]);
        // The plan action asks the same before anything is registered.
        const checked = await request(server)
          .post('/api/intent/v1/requests/check')
          .set('Authorization', as(user))
          .send({ intent });
        expect([checked.status, checked.body.error?.message]).toEqual([
          status,
          expect.stringMatching(message),
        ]);
      }
      const acting = await request(server)
        .post('/api/intent/v1/requests/check')
        .set('Authorization', as('user:default/tomas'))
        .send({ intent: preview('for-logistics', 'group:default/logistics') });
      expect(acting.body).toEqual({
        owner: 'group:default/logistics',
        actingFor: 'group:default/logistics',
      });
    });

    it('changes a live environment in place as its next version, with the diff, and production only once approved (issue 23)', async () => {
      const dev = (name: string, change: Record<string, unknown> = {}) => {
        const base = preview(name);
        return {
          ...base,
          spec: {
            ...base.spec,
            environment: 'dev',
            constraints: {},
            ...change,
          },
        };
      };
      const first = await register('user:default/ada', {
        ...planned(dev('cart-api'), 'user:default/ada'),
        taskId: 'task-c1',
        idempotencyKey: 'task-c1/register',
      });
      expect(first.status).toBe(201);
      const id = first.body.environment.id;
      expect(first.body.environment.revision).toBe(1);

      // Two instances and a medium database: a new version of the same environment.
      const bigger = dev('cart-api', {
        sizing: {
          level: 'explicit',
          compute: { size: 'small', count: 2 },
          postgres: { size: 'medium', storageGb: 20 },
        },
      });
      const conflict = await register('user:default/ada', {
        ...planned(bigger, 'user:default/ada'),
      });
      expect(conflict.status).toBe(409);
      expect(conflict.body.error.message).toMatch(
        /a live dev environment named cart-api exists .*change it/,
      );

      const changeBody = {
        ...planned(bigger, 'user:default/lars'),
        change: true,
        taskId: 'task-c2',
        idempotencyKey: 'task-c2/register',
      };
      const changed = await register('user:default/lars', changeBody);
      expect(changed.status).toBe(201);
      expect(changed.body.environment).toMatchObject({
        id,
        revision: 2,
        requester: 'user:default/ada',
      });
      expect(changed.body.environment.pendingRevision).toBeUndefined();
      const { revision } = changed.body;
      expect(revision).toMatchObject({
        revision: 2,
        status: 'applied',
        requester: 'user:default/lars',
        taskId: 'task-c2',
      });
      expect(revision.diff.services).toEqual({
        added: [],
        removed: [],
        kept: ['postgres'],
      });
      expect(revision.diff.sizes).toEqual(
        expect.arrayContaining([
          { path: 'compute.minInstances', from: 1, to: 2 },
          { path: 'database.sizeClass', from: 'small', to: 'medium' },
          { path: 'database.connectionLimit', from: 20, to: 40 },
        ]),
      );
      expect(revision.diff.cost.toHighUsd).toBeGreaterThan(
        revision.diff.cost.fromHighUsd,
      );
      // The shared database is not in the bundle: the workload's service changes, nothing is replaced.
      expect(revision.diff.resources.removed).toEqual([]);
      expect(revision.diff.resources.changed.length).toBeGreaterThan(0);

      // The environment now is the new version: its intent, plan, files and history.
      const details = (
        await request(server)
          .get(`/api/intent/v1/environments/${id}`)
          .set('Authorization', as('user:default/ada'))
      ).body as EnvironmentDetails;
      expect(details.plan.database).toMatchObject({
        sizeClass: 'medium',
        placement: 'shared',
        connectionLimit: 40,
      });
      expect(details.bundleSha256).toBe(changeBody.bundleSha256);
      const planFile = await request(server)
        .get(`/api/intent/v1/environments/${id}/file`)
        .query({ path: 'plan.json' })
        .set('Authorization', as('user:default/ada'));
      expect(JSON.parse(planFile.text).database.sizeClass).toBe('medium');
      expect(details.history.at(-1)).toMatchObject({
        type: 'changed',
        actor: 'user:default/lars',
        toStatus: 'active',
        message: expect.stringMatching(
          /^version 2: applied; provisioning applies it in place; Kept in place with their data: postgres; `compute.minInstances`: 1 → 2/,
        ),
      });

      // A task retry gets the version it made; the same intent again changes nothing.
      const retry = await register('user:default/lars', changeBody);
      expect(retry.status).toBe(200);
      expect(retry.body).toMatchObject({
        created: false,
        revision: { revision: 2 },
      });
      const same = await register('user:default/ada', {
        ...planned(bigger, 'user:default/ada'),
        change: true,
      });
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({
        created: false,
        environment: { revision: 2 },
        revision: { revision: 2 },
      });

      // The owner does not change with a change, and only the owner's members may change it.
      const otherOwner = await register('user:default/priya', {
        ...planned(
          {
            ...bigger,
            metadata: { ...bigger.metadata, owner: 'group:default/logistics' },
          },
          'user:default/priya',
        ),
        change: true,
      });
      expect(otherOwner.status).toBe(400);
      expect(otherOwner.body.error.message).toMatch(
        /metadata\.owner: environment .* is owned by group:default\/checkout; a change keeps its owner/,
      );
      const outsider = await register('user:default/omar', {
        ...planned(bigger, 'user:default/omar'),
        change: true,
      });
      expect(outsider.status).toBe(403);

      // The preview's question: what would this change?
      const check = await request(server)
        .post('/api/intent/v1/requests/check')
        .set('Authorization', as('user:default/ada'))
        .send({ intent: dev('cart-api'), change: true });
      expect(check.status).toBe(200);
      expect(check.body.change).toMatchObject({
        environmentId: id,
        revision: 2,
        diff: {
          sizes: expect.arrayContaining([
            { path: 'database.sizeClass', from: 'medium', to: 'small' },
          ]),
        },
      });

      // Two changes reviewed against version 2 at the same moment: one lands, the other is told to plan
      // again (the diff its requester saw is no longer what it would change).
      const racing = await Promise.all(
        [3, 4].map(count =>
          register('user:default/ada', {
            ...planned(
              dev('cart-api', {
                sizing: {
                  level: 'explicit',
                  compute: { size: 'small', count },
                  postgres: { size: 'medium', storageGb: 20 },
                },
              }),
              'user:default/ada',
            ),
            change: true,
            basedOnRevision: 2,
          }),
        ),
      );
      expect(racing.map(r => r.status).sort()).toEqual([201, 409]);
      expect(racing.find(r => r.status === 409)!.body.error.message).toMatch(
        // Caught by the version check, or (when both read version 2 at once) by the store's guard.
        /moved to version 3 (since this change was reviewed against version 2|while this change was planned); plan again/,
      );

      const versions = await request(server)
        .get(`/api/intent/v1/environments/${id}/revisions`)
        .set('Authorization', as('user:default/omar'));
      expect(versions.status).toBe(200);
      expect(
        versions.body.items.map((r: any) => [
          r.revision,
          r.status,
          r.requester,
          r.diff === undefined,
        ]),
      ).toEqual([
        [3, 'applied', 'user:default/ada', false],
        [2, 'applied', 'user:default/lars', false],
        [1, 'applied', 'user:default/ada', true],
      ]);
      expect(
        audit.filter(
          a => a.eventId === 'environment-change' && a.status === 'succeeded',
        ),
      ).toContainEqual(
        expect.objectContaining({
          meta: expect.objectContaining({ environmentId: id, revision: 2 }),
        }),
      );
    });

    it('keeps a production change waiting for an approver other than its requester, then applies it', async () => {
      const prod = (image: string) => {
        const intent = parseYaml(outcomeIntentYaml);
        intent.metadata.name = 'checkout-day2';
        intent.spec.workload.image = image;
        return intent;
      };
      const registered = await register('user:default/ada', {
        ...planned(prod('registry.example/checkout:1.0'), 'user:default/ada'),
      });
      expect(registered.status).toBe(201);
      const id = registered.body.environment.id;
      const change = (user: string, image: string) =>
        register(user, { ...planned(prod(image), user), change: true });

      // Not approved yet: nothing to change.
      const early = await change(
        'user:default/ada',
        'registry.example/checkout:1.1',
      );
      expect(early.status).toBe(409);
      expect(early.body.error.message).toMatch(
        /awaiting-approval; only an active environment can be changed/,
      );
      const approve = (user: string, body: object = {}) =>
        request(server)
          .post(`/api/intent/v1/environments/${id}/approve`)
          .set('Authorization', as(user))
          .send(body);
      expect((await approve('user:default/greta')).status).toBe(200);

      const proposed = await change(
        'user:default/lars',
        'registry.example/checkout:1.1',
      );
      expect(proposed.status).toBe(201);
      expect(proposed.body.revision).toMatchObject({
        revision: 2,
        status: 'awaiting-approval',
      });
      // The new image is the image variable's default; the task definition reads it.
      expect(proposed.body.revision.diff.resources.changed).toEqual([
        'var.image',
      ]);
      expect(proposed.body.environment).toMatchObject({
        revision: 1,
        pendingRevision: 2,
      });
      // A newer change replaces the one that waits.
      const newer = await change(
        'user:default/tomas',
        'registry.example/checkout:1.2',
      );
      expect(newer.body.revision).toMatchObject({
        revision: 3,
        status: 'awaiting-approval',
      });

      const own = await approve('user:default/tomas');
      expect(own.status).toBe(403);
      expect(own.body.error.message).toMatch(/requested version 3/);
      const stale = await approve('user:default/greta', { revision: 2 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toMatch(
        /version 3 of environment .* waits for approval now, not 2/,
      );
      const approved = await approve('user:default/greta', { revision: 3 });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ revision: 3 });
      expect(approved.body.pendingRevision).toBeUndefined();

      const details = (
        await request(server)
          .get(`/api/intent/v1/environments/${id}`)
          .set('Authorization', as('user:default/ada'))
      ).body as EnvironmentDetails;
      expect(details.intent.spec.workload.image).toBe(
        'registry.example/checkout:1.2',
      );
      expect(details.history.map(h => h.type)).toEqual([
        'requested',
        'approved',
        'change-requested',
        'change-requested',
        'change-approved',
      ]);
      const versions = await request(server)
        .get(`/api/intent/v1/environments/${id}/revisions`)
        .set('Authorization', as('user:default/ada'));
      expect(
        versions.body.items.map((r: any) => [
          r.revision,
          r.status,
          r.approvedBy,
        ]),
      ).toEqual([
        [3, 'applied', 'user:default/greta'],
        [2, 'superseded', undefined],
        [1, 'applied', 'user:default/greta'],
      ]);
    });
  },
);
