import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { evaluateIntent, renderBundle } from '@cairn/plugin-intent-common';
import {
  SharedPostgresProvisioner,
  SharedRedisProvisioner,
} from '@cairn/plugin-intent-backend-module-shared-data';
import { EnvironmentProvisioner } from '@cairn/plugin-intent-node';
import {
  createTestDatabases,
  PostgresCluster,
  redisHost,
  redisPort,
  describeWithServices,
  startPostgresCluster,
  startTcpProxy,
  TcpProxy,
} from '@cairn/test-utils';
import Redis from 'ioredis';
import { Knex } from 'knex';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { readPlatformConfig } from '../platform/readPlatformConfig';
import { DatabaseEnvironmentStore } from '../registry/DatabaseEnvironmentStore';
import { EnvironmentRegistry } from '../registry/EnvironmentRegistry';
import { CredentialCipher } from './CredentialCipher';
import { ProvisioningService } from './ProvisioningService';

jest.setTimeout(180_000);

const databases = createTestDatabases();
// Dev databases and caches are shares of the platform's servers: planned so (with their limits).
const platform = readPlatformConfig(
  new ConfigReader({
    provisioning: {
      kinds: { dev: { postgres: 'shared-postgres', redis: 'shared-redis' } },
    },
  }),
);
const ADA = 'user:default/ada';

/** A dev environment with a database, a cache and a queue (the queue has no provisioner here). */
const devIntent = (name: string) => ({
  apiVersion: 'cairn.dev/v1alpha1',
  kind: 'EnvironmentIntent',
  metadata: { name, owner: 'group:default/checkout', costCentre: 'CC-1' },
  spec: {
    environment: 'dev',
    workload: { type: 'web-service' },
    services: ['postgres', 'redis', 'queue'],
    target: { provider: 'azure', region: 'westeurope' },
    sizing: { level: 'directional', instances: 1, size: 'small' },
    constraints: { ttlHours: 24 },
  },
});

/** Counts teardowns, to prove two instances racing tear a resource down once. */
class Counting implements EnvironmentProvisioner {
  teardowns = 0;
  /** When set, apply does its work on the server and then never returns, as a process killed mid-apply. */
  dieAfterApply = false;
  constructor(private readonly inner: EnvironmentProvisioner) {}
  get id() {
    return this.inner.id;
  }
  get service() {
    return this.inner.service;
  }
  apply: EnvironmentProvisioner['apply'] = async (t, c) => {
    const applied = await this.inner.apply(t, c);
    if (this.dieAfterApply) return new Promise<never>(() => {});
    return applied;
  };
  status: EnvironmentProvisioner['status'] = (t, c) => this.inner.status(t, c);
  teardown: EnvironmentProvisioner['teardown'] = async t => {
    this.teardowns++;
    // Slow enough that a second instance would overlap if the claim let it.
    await new Promise(r => setTimeout(r, 200));
    return this.inner.teardown(t);
  };
}

/**
 * The provisioning service on real servers, as the intent backend runs it: a PostgreSQL cluster started
 * here with password authentication behind a TCP proxy (to fail connections without stopping it), the
 * machine's Redis, and the registry's store on every engine.
 */
describeWithServices({ postgresBinaries: true, redis: true }).each(
  databases.eachSupportedId(),
)('provisioning on %p', databaseId => {
  let cluster: PostgresCluster;
  let proxy: TcpProxy;
  let knex: Knex;
  let store: DatabaseEnvironmentStore;
  let clock: Date;
  const audit: Array<{ eventId: string; status: string }> = [];
  const cipher = new CredentialCipher(randomBytes(32));
  const registries: EnvironmentRegistry[] = [];
  const services: ProvisioningService[] = [];
  const postgres: Counting[] = [];
  const redis: Counting[] = [];
  const redisClients: Redis[] = [];

  /** One backend instance: its own registry and provisioning service over the shared database. */
  function instance() {
    const pg = new Counting(
      new SharedPostgresProvisioner({
        admin: {
          host: cluster.host,
          port: proxy.port,
          user: cluster.user,
          password: cluster.password,
        },
        connectTimeoutMs: 2000,
      }),
    );
    const rd = new Counting(
      new SharedRedisProvisioner({
        admin: { host: redisHost(), port: redisPort() },
      }),
    );
    postgres.push(pg);
    redis.push(rd);
    registries.push(
      new EnvironmentRegistry({
        store,
        platform,
        notifier: {
          approvalNeeded: async () => {},
          expired: async () => {},
        } as any,
        maxPlanAgeMs: 3_600_000,
        clock: () => clock,
      }),
    );
    services.push(
      new ProvisioningService({
        store,
        provisioners: [pg, rd],
        selection: {
          dev: { postgres: 'shared-postgres', redis: 'shared-redis' },
        },
        cipher,
        auditor: mockServices.auditor.mock({
          createEvent: async options => ({
            success: async () => {
              audit.push({ eventId: options.eventId, status: 'succeeded' });
            },
            fail: async () => {
              audit.push({ eventId: options.eventId, status: 'failed' });
            },
          }),
        }),
        logger: mockServices.logger.mock(),
        clock: () => clock,
      }),
    );
  }

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    proxy = await startTcpProxy({ host: cluster.host, port: cluster.port });
    knex = await databases.init(databaseId);
    store = await DatabaseEnvironmentStore.create({
      database: { getClient: async () => knex },
    });
    clock = new Date();
    instance();
    instance();
  });

  afterAll(async () => {
    redisClients.forEach(c => c.disconnect());
    // Leave nothing on the machine's Redis: every environment expires and is torn down.
    clock = new Date(clock.getTime() + 400 * 3_600_000);
    await registries[0].expireDue('test');
    proxy.setMode('pass');
    await services[0].teardownDue('test');
    const admin = new Redis({ host: redisHost(), port: redisPort() });
    const users = (await admin.call('ACL', 'USERS')) as string[];
    admin.disconnect();
    await proxy.close();
    await cluster.stop();
    const left = users.filter(u => u.startsWith('cairn_'));
    if (left.length > 0) {
      throw new Error(`ACL users left on the machine's Redis: ${left}`);
    }
  });

  async function register(name: string) {
    const intent = devIntent(name);
    const { plan } = evaluateIntent(intent, platform.config, {
      requester: ADA,
      now: clock,
    });
    const { environment } = await registries[0].register(
      {
        intent,
        plannedAt: clock.toISOString(),
        bundleSha256: renderBundle(plan, platform.config).manifest.sha256,
      },
      ADA,
    );
    return environment;
  }

  const pgLogin = async (c: {
    username: string;
    password: string;
    database?: string;
  }) => {
    const client = new Client({
      host: cluster.host,
      port: cluster.port,
      user: c.username,
      password: c.password,
      database: c.database,
      connectionTimeoutMillis: 3000,
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  const refusal = (c: {
    username: string;
    password: string;
    database?: string;
  }) =>
    pgLogin(c).then(
      async client => {
        await client.end();
        return 'connected';
      },
      (error: Error) => error.message,
    );
  const redisLogin = async (username: string, password: string) => {
    const client = new Redis({
      host: redisHost(),
      port: redisPort(),
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    redisClients.push(client);
    await client.connect();
    await client.call('AUTH', username, password);
    return client;
  };
  const details = async (id: string) => {
    const d = (await store.getDetails(id))!;
    return { ...d, resources: await services[0].resourcesOf(d) };
  };
  const credentialsOf = async (id: string, service: string) =>
    (await services[0].credentials(id)).find(c => c.service === service)!;

  let alpha: { id: string };
  let beta: { id: string };

  it('provisions two environments, each reachable with its own login and isolated from the other', async () => {
    alpha = await register('alpha');
    beta = await register('beta');
    const a = await services[0].provision(alpha.id, ADA);
    await services[1].provision(beta.id, ADA);
    expect(a.map(r => [r.service, r.state, r.provisioner])).toEqual([
      ['postgres', 'healthy', 'shared-postgres'],
      ['redis', 'healthy', 'shared-redis'],
      ['queue', 'awaiting-provisioner', undefined],
    ]);
    expect(a[2].detail).toMatch(
      /no provisioner for queue in dev environments: its reviewed pipeline provides it/,
    );
    expect(JSON.stringify(a)).not.toMatch(/password/i);

    const pgA = await credentialsOf(alpha.id, 'postgres');
    const pgB = await credentialsOf(beta.id, 'postgres');
    expect(pgA.connectionString).toBe(
      `postgresql://${pgA.username}:${encodeURIComponent(pgA.password)}@${
        cluster.host
      }:${proxy.port}/${pgA.database}`,
    );
    // Stored encrypted: the raw row never holds the password.
    const raw = await knex('intent_environment_resources').select(
      'credentials',
    );
    expect(
      raw.filter(r => r.credentials).map(r => r.credentials.slice(0, 3)),
    ).toEqual(['v1:', 'v1:', 'v1:', 'v1:']);
    expect(JSON.stringify(raw)).not.toContain(pgA.password);

    const clientA = await pgLogin(pgA);
    await clientA.query('CREATE TABLE orders (id int)');
    await clientA.query('INSERT INTO orders VALUES (7)');
    await clientA.end();
    expect(await refusal({ ...pgB, database: pgA.database })).toMatch(
      /permission denied for database/,
    );
    expect(await refusal({ ...pgA, password: pgB.password })).toMatch(
      /password authentication failed/,
    );

    const rA = await credentialsOf(alpha.id, 'redis');
    const rB = await credentialsOf(beta.id, 'redis');
    const redisA = await redisLogin(rA.username, rA.password);
    const redisB = await redisLogin(rB.username, rB.password);
    await redisA.set(`${rA.keyPrefix}cart`, 'a');
    await expect(redisB.get(`${rA.keyPrefix}cart`)).rejects.toThrow(/NOPERM/);
    await expect(redisB.call('KEYS', '*')).rejects.toThrow(/NOPERM/);
    await expect(redisLogin(rA.username, rB.password)).rejects.toThrow(
      /WRONGPASS/,
    );

    // Applying again (a task retry) keeps the logins and the data.
    await services[1].provision(alpha.id, ADA);
    expect(await credentialsOf(alpha.id, 'postgres')).toEqual(pgA);
    const again = await pgLogin(pgA);
    expect((await again.query('SELECT id FROM orders')).rows).toEqual([
      { id: 7 },
    ]);
    await again.end();

    const history = (await details(alpha.id)).history.map(h => h.type);
    expect(history).toEqual([
      'requested',
      'resource-applied',
      'resource-applied',
      'resource-applied',
      'resource-applied',
    ]);
    expect(
      audit.filter(e => e.eventId === 'environment-resource-apply'),
    ).toHaveLength(6);
  });

  it('repairs drift on the status check: a dropped database comes back with the same login', async () => {
    const pgB = await credentialsOf(beta.id, 'postgres');
    const admin = await pgLogin({
      username: cluster.user,
      password: cluster.password,
      database: 'postgres',
    });
    await admin.query(`DROP DATABASE "${pgB.database}" WITH (FORCE)`);
    await admin.end();
    clock = new Date(clock.getTime() + 1000);
    expect(await services[1].checkAll('plugin:intent/status')).toBe(4);
    const b = await details(beta.id);
    expect(b.resources[0]).toMatchObject({
      service: 'postgres',
      state: 'healthy',
      detail: expect.stringMatching(
        /^repaired \(the database or its login is gone/,
      ),
    });
    expect(await credentialsOf(beta.id, 'postgres')).toEqual(pgB);
    expect(await refusal(pgB)).toBe('connected');
    expect(b.history.map(h => h.type)).toContain('resource-repaired');
  });

  it('reports a resource it cannot reach as unhealthy, and healthy again; each change recorded and audited', async () => {
    proxy.setMode('drop');
    clock = new Date(clock.getTime() + 1000);
    await services[0].checkAll('plugin:intent/status');
    let b = await details(beta.id);
    expect(b.resources[0]).toMatchObject({
      state: 'unhealthy',
      detail: expect.stringMatching(/^cannot connect: /),
    });
    expect(b.resources[1].state).toBe('healthy');
    // Nothing is re-created while the server is unreachable, and the login is kept.
    expect(await services[0].credentials(beta.id)).toHaveLength(2);
    proxy.setMode('pass');
    clock = new Date(clock.getTime() + 1000);
    await services[0].checkAll('plugin:intent/status');
    b = await details(beta.id);
    expect(b.resources[0].state).toBe('healthy');
    expect(b.history.map(h => h.type).slice(-2)).toEqual([
      'resource-unhealthy',
      'resource-healthy',
    ]);
    // alpha's and beta's databases, each down and up again.
    expect(
      audit.filter(e => e.eventId === 'environment-resource-check'),
    ).toHaveLength(4);
  });

  it('fails an apply with the reason when the server drops connections, and succeeds on retry', async () => {
    const gamma = await register('gamma');
    proxy.setMode('drop');
    const failed = await services[0].provision(gamma.id, ADA);
    expect(failed[0]).toMatchObject({
      service: 'postgres',
      state: 'failed',
      detail: expect.stringMatching(
        /^apply failed: cannot reach the shared PostgreSQL at 127\.0\.0\.1:\d+/,
      ),
    });
    expect(failed[1].state).toBe('healthy');
    expect(await services[0].credentials(gamma.id)).toHaveLength(1);
    expect(audit).toContainEqual({
      eventId: 'environment-resource-apply',
      status: 'failed',
    });

    proxy.setMode('pass');
    const retried = await services[0].provision(gamma.id, ADA);
    expect(retried[0].state).toBe('healthy');
    expect(await refusal(await credentialsOf(gamma.id, 'postgres'))).toBe(
      'connected',
    );
    const history = (await details(gamma.id)).history.map(h => h.type);
    expect(history).toContain('resource-apply-failed');
  });

  it('tears an expired environment down once when two instances race, and leaves the other untouched', async () => {
    const pgA = await credentialsOf(alpha.id, 'postgres');
    const rA = await credentialsOf(alpha.id, 'redis');
    await registries[0].requestTeardown(alpha.id, ADA);
    const before = postgres.map(p => p.teardowns);
    // Both instances run the expiry task at once.
    await Promise.all(registries.map(r => r.expireDue('plugin:intent/expiry')));
    const counts = await Promise.all(
      services.map(s => s.teardownDue('plugin:intent/expiry')),
    );
    expect(counts.reduce((x, y) => x + y, 0)).toBe(2);
    expect(
      postgres.map(p => p.teardowns).reduce((x, y) => x + y, 0) -
        before.reduce((x, y) => x + y, 0),
    ).toBe(1);

    const a = await details(alpha.id);
    expect(a.status).toBe('expired');
    expect(a.resources.map(r => [r.service, r.state])).toEqual([
      ['postgres', 'torn-down'],
      ['redis', 'torn-down'],
      ['queue', 'torn-down'],
    ]);
    expect(a.history.filter(h => h.type === 'resource-torn-down')).toHaveLength(
      2,
    );
    expect(a.history.filter(h => h.type === 'expired')).toHaveLength(1);
    expect(await services[0].credentials(alpha.id)).toEqual([]);
    expect(await refusal(pgA)).toMatch(
      /password authentication failed|does not exist/,
    );
    await expect(redisLogin(rA.username, rA.password)).rejects.toThrow(
      /WRONGPASS/,
    );

    // beta is untouched.
    const b = await details(beta.id);
    expect(b.resources.slice(0, 2).map(r => r.state)).toEqual([
      'healthy',
      'healthy',
    ]);
    expect(await refusal(await credentialsOf(beta.id, 'postgres'))).toBe(
      'connected',
    );
  });

  it('keeps a teardown that fails half-way visible, without credentials, and retries it; what is gone already is fine', async () => {
    const gamma = (await store.list({})).items.find(e => e.name === 'gamma')!;
    const pgG = await credentialsOf(gamma.id, 'postgres');
    const rG = await credentialsOf(gamma.id, 'redis');
    // Someone removed the Redis login by hand already.
    const admin = new Redis({ host: redisHost(), port: redisPort() });
    await admin.call('ACL', 'DELUSER', rG.username);
    admin.disconnect();

    await registries[0].requestTeardown(gamma.id, ADA);
    await registries[0].expireDue('plugin:intent/expiry');
    proxy.setMode('drop');
    await services[0].teardownDue('plugin:intent/expiry');
    let g = await details(gamma.id);
    expect(g.resources.map(r => [r.service, r.state])).toEqual([
      ['postgres', 'tearing-down'],
      ['redis', 'torn-down'],
      ['queue', 'torn-down'],
    ]);
    expect(g.resources[0].detail).toMatch(
      /^teardown failed, retried on the next run: cannot reach the shared PostgreSQL/,
    );
    expect(g.history.map(h => h.type)).toContain('resource-teardown-failed');
    // No credentials are handed out any more, though the database still exists.
    expect(await services[0].credentials(gamma.id)).toEqual([]);

    proxy.setMode('pass');
    expect(await services[1].teardownDue('plugin:intent/expiry')).toBe(1);
    g = await details(gamma.id);
    expect(g.resources[0].state).toBe('torn-down');
    expect(await refusal(pgG)).toMatch(
      /password authentication failed|does not exist/,
    );
  });

  it('resumes provisioning that an instance died in the middle of, once its lease runs out', async () => {
    const gamma = await register('gamma');
    // Instance 0 creates the database and login on the server, then dies before storing anything.
    postgres[0].dieAfterApply = true;
    void services[0].provision(gamma.id, ADA);
    const deadline = Date.now() + 10_000;
    while (
      (await details(gamma.id)).resources[0].state !== 'provisioning' &&
      Date.now() < deadline
    ) {
      await new Promise(r => setTimeout(r, 50));
    }
    await new Promise(r => setTimeout(r, 500));
    postgres[0].dieAfterApply = false;
    expect((await details(gamma.id)).resources[0].state).toBe('provisioning');
    expect(await services[1].credentials(gamma.id)).toEqual([]);

    // Within the lease nobody touches it; after it, the other instance's status check finishes it.
    clock = new Date(clock.getTime() + 60_000);
    await services[1].checkAll('plugin:intent/status');
    expect((await details(gamma.id)).resources[0].state).toBe('provisioning');
    clock = new Date(clock.getTime() + 6 * 60_000);
    await services[1].checkAll('plugin:intent/status');
    const resumed = await details(gamma.id);
    expect(resumed.resources[0]).toMatchObject({
      service: 'postgres',
      state: 'healthy',
    });
    expect(resumed.history.map(h => h.type)).toContain('resource-repaired');
    const login = await credentialsOf(gamma.id, 'postgres');
    expect(await refusal(login)).toBe('connected');
  });

  it('recovers from a changed encryption key by applying with a new password', async () => {
    const old = await credentialsOf(beta.id, 'postgres');
    const rekeyed = new ProvisioningService({
      store,
      provisioners: [postgres[0], redis[0]],
      selection: {
        dev: { postgres: 'shared-postgres', redis: 'shared-redis' },
      },
      cipher: new CredentialCipher(randomBytes(32)),
      auditor: mockServices.auditor.mock(),
      logger: mockServices.logger.mock(),
      clock: () => clock,
    });
    // The old logins do not open with the new key: none are handed out.
    expect(await rekeyed.credentials(beta.id)).toEqual([]);
    const resources = await rekeyed.provision(beta.id, ADA);
    expect(resources.slice(0, 2).map(r => r.state)).toEqual([
      'healthy',
      'healthy',
    ]);
    const fresh = (await rekeyed.credentials(beta.id)).find(
      c => c.service === 'postgres',
    )!;
    expect(fresh.password).not.toBe(old.password);
    expect(await refusal(fresh)).toBe('connected');
    expect(await refusal(old)).toMatch(/password authentication failed/);
  });
  it('applies a day-2 change in place: the database keeps its table and takes its new limit, a removed cache is dropped, an added one comes back', async () => {
    const delta = await register('delta');
    await services[0].provision(delta.id, ADA);
    const pg = await credentialsOf(delta.id, 'postgres');
    const rd = await credentialsOf(delta.id, 'redis');
    const before = await pgLogin(pg);
    await before.query('CREATE TABLE carts (id int, item text)');
    await before.query("INSERT INTO carts VALUES (1, 'tea')");
    expect(
      (
        await before.query(
          'SELECT rolconnlimit FROM pg_roles WHERE rolname = current_user',
        )
      ).rows,
    ).toEqual([{ rolconnlimit: 20 }]);
    await before.end();

    // Version 2: a medium database, no cache.
    const change = async (
      wanted: string[],
      sizing: Record<string, unknown>,
    ) => {
      const base = devIntent('delta');
      const intent = {
        ...base,
        spec: {
          ...base.spec,
          services: wanted,
          sizing: { ...base.spec.sizing, ...sizing },
        },
      };
      const { plan } = evaluateIntent(intent, platform.config, {
        requester: ADA,
        now: clock,
      });
      return registries[0].register(
        {
          intent,
          plannedAt: clock.toISOString(),
          bundleSha256: renderBundle(plan, platform.config).manifest.sha256,
          change: true,
        },
        ADA,
      );
    };
    const v2 = await change(['postgres', 'queue'], { database: 'medium' });
    expect(v2.revision).toMatchObject({ revision: 2, status: 'applied' });
    expect(v2.revision!.diff!.services).toEqual({
      added: [],
      removed: ['redis'],
      kept: ['postgres', 'queue'],
    });
    const resources = await services[1].provision(delta.id, ADA);
    expect(resources.map(r => [r.service, r.state])).toEqual([
      ['postgres', 'healthy'],
      ['queue', 'awaiting-provisioner'],
      ['redis', 'torn-down'],
    ]);
    // The same login, the same table and rows, the new class's connection limit.
    expect(await credentialsOf(delta.id, 'postgres')).toEqual(pg);
    const after = await pgLogin(pg);
    expect((await after.query('SELECT id, item FROM carts')).rows).toEqual([
      { id: 1, item: 'tea' },
    ]);
    expect(
      (
        await after.query(
          'SELECT rolconnlimit FROM pg_roles WHERE rolname = current_user',
        )
      ).rows,
    ).toEqual([{ rolconnlimit: 40 }]);
    await after.end();
    // The cache's login is gone from Redis.
    await expect(redisLogin(rd.username, rd.password)).rejects.toThrow(
      /WRONGPASS/,
    );
    const history = (await details(delta.id)).history;
    expect(history.map(h => h.type)).toEqual(
      expect.arrayContaining(['changed', 'resource-torn-down']),
    );
    expect(history.find(h => h.type === 'resource-torn-down')!.message).toMatch(
      /^redis: .* removed by version 2: dropped by shared-redis$/,
    );

    // Version 3 asks for the cache again: a new one, with a new login.
    await change(['postgres', 'redis', 'queue'], { database: 'medium' });
    const again = await services[0].provision(delta.id, ADA);
    expect(again.map(r => [r.service, r.state])).toEqual([
      ['postgres', 'healthy'],
      ['redis', 'healthy'],
      ['queue', 'awaiting-provisioner'],
    ]);
    const rd3 = await credentialsOf(delta.id, 'redis');
    expect(rd3.password).not.toBe(rd.password);
    const client = await redisLogin(rd3.username, rd3.password);
    await client.set(`${rd3.keyPrefix}k`, 'v');
    expect(await client.get(`${rd3.keyPrefix}k`)).toBe('v');
  });
});
