import {
  redisHost,
  redisPort,
  describeWithServices,
  startTcpProxy,
} from '@cairn/test-utils';
import Redis from 'ioredis';
import { SharedRedisProvisioner } from './SharedRedisProvisioner';

jest.setTimeout(60_000);

// Names unique to this run: the machine's Redis is shared with other tests.
const run = Math.random().toString(36).slice(2, 8);
const alpha = {
  environmentId: `redis-alpha-${run}`,
  name: 'alpha',
  limits: {},
};
const beta = { environmentId: `redis-beta-${run}`, name: 'beta', limits: {} };

/** On the machine's Redis, with ACL users created and removed by the test. */
describeWithServices({ redis: true })('SharedRedisProvisioner', () => {
  const provisioner = new SharedRedisProvisioner({
    admin: { host: redisHost(), port: redisPort() },
  });
  const clients: Redis[] = [];

  beforeAll(async () => {});
  afterAll(async () => {
    clients.forEach(c => c.disconnect());
    await provisioner.teardown(alpha);
    await provisioner.teardown(beta);
  });

  // Authenticates explicitly after connecting, so a refusal comes back as Redis's own error.
  const login = async (username: string, password: string) => {
    const client = new Redis({
      host: redisHost(),
      port: redisPort(),
      lazyConnect: true,
      enableReadyCheck: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    clients.push(client);
    await client.connect();
    await client.call('AUTH', username, password);
    return client;
  };
  const denied = (promise: Promise<unknown>) =>
    promise.then(
      () => 'allowed',
      (error: Error) => error.message,
    );

  it('limits each environment to its key prefix and channel pattern', async () => {
    const a = await provisioner.apply(alpha);
    const b = await provisioner.apply(beta);
    const prefixA = a.resource.keyPrefix!;
    const prefixB = b.resource.keyPrefix!;
    expect(prefixA).not.toEqual(prefixB);

    const clientA = await login(a.credentials.username, a.credentials.password);
    const clientB = await login(b.credentials.username, b.credentials.password);
    await clientA.set(`${prefixA}cart:1`, 'alpha data');
    await clientB.set(`${prefixB}cart:1`, 'beta data');
    expect(await clientA.get(`${prefixA}cart:1`)).toBe('alpha data');

    // Not the other's keys, not unprefixed keys, not the other's channels.
    expect(await denied(clientB.get(`${prefixA}cart:1`))).toMatch(/NOPERM/);
    expect(await denied(clientB.set(`${prefixA}cart:2`, 'x'))).toMatch(
      /NOPERM/,
    );
    expect(await denied(clientB.del(`${prefixA}cart:1`))).toMatch(/NOPERM/);
    expect(await denied(clientA.set('global-key', 'x'))).toMatch(/NOPERM/);
    expect(await denied(clientA.publish(`${prefixB}events`, 'x'))).toMatch(
      /NOPERM/,
    );
    expect(await clientA.publish(`${prefixA}events`, 'x')).toBe(0);

    // Nothing that lists, wipes or reconfigures the shared server.
    for (const command of [
      ['KEYS', '*'],
      ['SCAN', '0'],
      ['RANDOMKEY'],
      ['DBSIZE'],
      ['FLUSHALL'],
      ['FLUSHDB'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['SELECT', '1'],
      ['PUBSUB', 'CHANNELS'],
      ['ACL', 'LIST'],
      ['INFO'],
    ]) {
      expect([
        command[0],
        await denied(clientA.call(command[0], ...command.slice(1))),
      ]).toEqual([command[0], expect.stringMatching(/NOPERM/)]);
    }
    expect(await clientB.get(`${prefixB}cart:1`)).toBe('beta data');
  });

  it('refuses a wrong password, and reports health with the environment’s own login', async () => {
    const a = await provisioner.apply(alpha);
    expect(
      await denied(login(a.credentials.username, 'not-the-password')),
    ).toMatch(/WRONGPASS/);
    expect(await provisioner.status(alpha, a.credentials)).toMatchObject({
      state: 'healthy',
    });
    expect(
      await provisioner.status(alpha, {
        ...a.credentials,
        password: 'not-the-password',
      }),
    ).toMatchObject({ state: 'missing' });
  });

  it('tears one environment down, keys and login, and leaves the other untouched', async () => {
    const a = await provisioner.apply(alpha);
    const b = await provisioner.apply(beta);
    const clientB = await login(b.credentials.username, b.credentials.password);
    await clientB.set(`${b.resource.keyPrefix}kept`, '1');
    const clientA = await login(a.credentials.username, a.credentials.password);
    await clientA.set(`${a.resource.keyPrefix}gone`, '1');

    await provisioner.teardown(alpha);
    expect(
      await denied(login(a.credentials.username, a.credentials.password)),
    ).toMatch(/WRONGPASS/);
    const admin = await login('default', 'any');
    expect(await admin.exists(`${a.resource.keyPrefix}gone`)).toBe(0);
    expect(await clientB.get(`${b.resource.keyPrefix}kept`)).toBe('1');
    await expect(provisioner.teardown(alpha)).resolves.toBeUndefined();
  });

  it('fails with a clear reason when the server cannot be reached, and succeeds on retry', async () => {
    const proxy = await startTcpProxy({ host: redisHost(), port: redisPort() });
    const through = new SharedRedisProvisioner({
      admin: { host: redisHost(), port: proxy.port },
      connectTimeoutMs: 1500,
    });
    proxy.setMode('drop');
    await expect(through.apply(alpha)).rejects.toThrow(
      /cannot reach the shared Redis at/,
    );
    proxy.setMode('pass');
    const result = await through.apply(alpha);
    expect(await provisioner.status(alpha, result.credentials)).toMatchObject({
      state: 'healthy',
    });
    await proxy.close();
  });
});
