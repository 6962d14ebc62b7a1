import { randomBytes } from 'node:crypto';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  EnvironmentDetails,
  evaluateIntent,
  renderBundle,
} from '@cairn/plugin-intent-common';
import sharedDataModule from '@cairn/plugin-intent-backend-module-shared-data';
import {
  PostgresCluster,
  redisHost,
  redisPort,
  describeWithServices,
  startPostgresCluster,
  teamCatalog,
  teamUserInfo,
} from '@cairn/test-utils';
import { Client } from 'pg';
import request from 'supertest';
import { intentPlugin } from '../plugin';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readPlatformConfig } from '../platform/readPlatformConfig';

jest.setTimeout(120_000);

// What the scaffolder plans with: the backend's platform configuration, dev databases on the shared server.
const platform = readPlatformConfig(
  new ConfigReader({
    provisioning: { kinds: { dev: { postgres: 'shared-postgres' } } },
  }),
).config;
const teams: Record<string, string[]> = {
  'user:default/ada': ['group:default/checkout'],
  'user:default/lars': ['group:default/checkout'],
  'user:default/omar': ['group:default/logistics'],
};

const devIntent = (name: string) => ({
  apiVersion: 'cairn.dev/v1alpha1',
  kind: 'EnvironmentIntent',
  metadata: { name, owner: 'group:default/checkout', costCentre: 'CC-1' },
  spec: {
    environment: 'dev',
    workload: { type: 'web-service' },
    services: ['postgres', 'queue'],
    target: { provider: 'azure', region: 'westeurope' },
    sizing: { level: 'directional', instances: 1, size: 'small' },
    constraints: { ttlHours: 24 },
  },
});

function planned(intent: object, requester: string, at = new Date()) {
  const { plan } = evaluateIntent(intent, platform, { requester, now: at });
  return {
    intent,
    plannedAt: at.toISOString(),
    bundleSha256: renderBundle(plan, platform).manifest.sha256,
  };
}

/**
 * The intent backend with the shared-data module installed, as a portal runs it, on a PostgreSQL
 * cluster started here with password authentication: the HTTP API provisions, shows resources without
 * secrets, hands credentials to owners only, and tears down on an owner's request.
 */
describeWithServices({ postgresBinaries: true, redis: true })(
  'provisioning through the intent API',
  () => {
    let cluster: PostgresCluster;
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let scheduler: SchedulerService;
    const audit: Array<{ eventId: string; status: string; meta: any }> = [];
    const as = (user: string) => mockCredentials.user.header(user);

    const config = (extra: object = {}) => ({
      intent: {
        credentials: { encryptionKey: randomBytes(32).toString('base64') },
        provisioning: {
          kinds: { dev: { postgres: 'shared-postgres' } },
        },
        provisioners: {
          sharedPostgres: {
            host: cluster.host,
            port: cluster.port,
            user: cluster.user,
            password: cluster.password,
          },
          sharedRedis: { host: redisHost(), port: redisPort() },
        },
        ...extra,
      },
    });

    const features = (data: object) => [
      intentPlugin,
      catalogServiceMock.factory({ entities: teamCatalog(teams) }),
      sharedDataModule,
      mockServices.rootConfig.factory({ data }),
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
      teamUserInfo(teams),
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any,
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
            audit.push({
              eventId: options.eventId,
              status: 'failed',
              meta: options.meta,
            });
          },
        }),
      }).factory,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ async send() {} }),
      }),
    ];

    beforeAll(async () => {
      cluster = await startPostgresCluster();
      ({ server } = await startTestBackend({ features: features(config()) }));
    });
    afterAll(async () => cluster?.stop());

    it('refuses to start with provisioners installed and no encryption key', async () => {
      const data = config();
      delete (data.intent as any).credentials;
      await expect(
        startTestBackend({ features: features(data) }),
      ).rejects.toThrow(
        /intent\.credentials\.encryptionKey is not set: Cairn does not store credentials unencrypted/,
      );
    });

    it('provisions, shows resources without secrets, gives owners the credentials, and tears down on request', async () => {
      const registered = await request(server)
        .post('/api/intent/v1/environments')
        .set('Authorization', as('user:default/ada'))
        .send(planned(devIntent('pr-7'), 'user:default/ada'));
      expect(registered.status).toBe(201);
      const id = registered.body.environment.id;
      const details = async () =>
        (
          await request(server)
            .get(`/api/intent/v1/environments/${id}`)
            .set('Authorization', as('user:default/omar'))
        ).body as EnvironmentDetails;

      // Before the template's provision step: configured, not applied yet.
      expect((await details()).resources).toEqual([
        expect.objectContaining({
          service: 'postgres',
          provisioner: 'shared-postgres',
          state: 'awaiting-provisioner',
          detail: expect.stringMatching(/shared-postgres is configured/),
        }),
        expect.objectContaining({
          service: 'queue',
          state: 'awaiting-provisioner',
          detail: expect.stringMatching(
            /intent\.provisioning\.kinds\.dev\.queue/,
          ),
        }),
      ]);

      const outsider = await request(server)
        .post(`/api/intent/v1/environments/${id}/provision`)
        .set('Authorization', as('user:default/omar'))
        .send({});
      expect(outsider.status).toBe(403);
      const provisioned = await request(server)
        .post(`/api/intent/v1/environments/${id}/provision`)
        .set('Authorization', as('user:default/ada'))
        .send({});
      expect(provisioned.status).toBe(200);
      expect(provisioned.body.resources[0]).toMatchObject({
        service: 'postgres',
        state: 'healthy',
        host: cluster.host,
        port: cluster.port,
        database: expect.stringMatching(/^cairn_env_pr_7_[0-9a-f]{10}$/),
        username: expect.stringMatching(/^cairn_env_pr_7_/),
        checkedAt: expect.any(String),
      });
      const shown = await details();
      expect(shown.resources!.map(r => r.state)).toEqual([
        'healthy',
        'awaiting-provisioner',
      ]);
      expect(JSON.stringify(shown)).not.toMatch(/password/i);
      // List entries carry the counts per state, cheaply.
      const listed = await request(server)
        .get('/api/intent/v1/environments')
        .query({ owner: 'group:default/checkout' })
        .set('Authorization', as('user:default/ada'));
      expect(
        listed.body.items.find((e: any) => e.id === id).resourceStates,
      ).toEqual({ healthy: 1, 'awaiting-provisioner': 1 });

      // Credentials: the owning group's members and the requester only; users only.
      const credentialsAs = (header: string) =>
        request(server)
          .get(`/api/intent/v1/environments/${id}/credentials`)
          .set('Authorization', header);
      const denied = await credentialsAs(as('user:default/omar'));
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(
        /neither requested environment .* nor belongs to its owner group:default\/checkout/,
      );
      expect(
        (await credentialsAs(mockCredentials.service.header())).status,
      ).toBeGreaterThanOrEqual(400);
      const missing = await request(server)
        .get('/api/intent/v1/environments/nope/credentials')
        .set('Authorization', as('user:default/ada'));
      expect(missing.status).toBe(404);
      const owner = await credentialsAs(as('user:default/lars'));
      expect(owner.status).toBe(200);
      expect(owner.headers['cache-control']).toBe('no-store');
      const [login] = owner.body.credentials;
      expect(owner.body.credentials).toHaveLength(1);
      const client = new Client({ connectionString: login.connectionString });
      client.on('error', () => undefined);
      await client.connect();
      await client.query('CREATE TABLE visits (n int)');
      await client.end();
      const reads = audit.filter(
        e => e.eventId === 'environment-credentials-read',
      );
      expect(reads.map(e => e.status)).toEqual([
        'failed',
        'failed',
        'failed',
        'succeeded',
      ]);
      expect(reads[3].meta).toEqual({
        environmentId: id,
        services: ['postgres'],
      });
      expect(JSON.stringify(audit)).not.toContain(login.password);

      // An owner ends it; the next expiry run drops the database and its login, the record keeps the history.
      const teardown = await request(server)
        .post(`/api/intent/v1/environments/${id}/teardown`)
        .set('Authorization', as('user:default/ada'))
        .send({});
      expect(teardown.status).toBe(200);
      await scheduler.triggerTask('intent-environment-expiry');
      let after = await details();
      for (
        let i = 0;
        i < 50 && after.resources![0].state !== 'torn-down';
        i++
      ) {
        await new Promise(r => setTimeout(r, 100));
        after = await details();
      }
      expect(after.status).toBe('expired');
      expect(after.resources!.map(r => r.state)).toEqual([
        'torn-down',
        'torn-down',
      ]);
      expect(after.history.map(h => h.type)).toEqual([
        'requested',
        'resource-applied',
        'teardown-requested',
        'expired',
        'resource-torn-down',
      ]);
      expect((await credentialsAs(as('user:default/ada'))).body).toEqual({
        credentials: [],
      });
      const gone = new Client({ connectionString: login.connectionString });
      gone.on('error', () => undefined);
      await expect(gone.connect()).rejects.toThrow(
        /password authentication failed|does not exist/,
      );
    });

    it('answers 409 for a provision of an environment that is not active', async () => {
      const { items } = (
        await request(server)
          .get('/api/intent/v1/environments')
          .query({ status: 'expired' })
          .set('Authorization', as('user:default/ada'))
      ).body;
      const res = await request(server)
        .post(`/api/intent/v1/environments/${items[0].id}/provision`)
        .set('Authorization', as('user:default/ada'))
        .send({});
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/^status: .* is expired/);
    });
  },
);
