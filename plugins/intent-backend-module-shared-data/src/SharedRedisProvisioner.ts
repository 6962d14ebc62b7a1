import {
  EnvironmentProvisioner,
  ProvisionedCredentials,
  ProvisionResult,
  ProvisionTarget,
  ResourceStatus,
} from '@cairn/plugin-intent-node';
import Redis, { RedisOptions } from 'ioredis';
import { generatePassword } from './generatePassword';
import { resourceName } from './resourceNames';

export type SharedRedisOptions = {
  /** An administrative login on the shared server: it manages ACL users. */
  admin: { host: string; port: number; username?: string; password?: string };
  publicHost?: string;
  connectTimeoutMs?: number;
};

/**
 * The commands an environment's login may not run, beyond the `@dangerous` and `@admin` categories:
 * everything that reads or changes the keyspace outside the login's prefix (KEYS, SCAN, RANDOMKEY,
 * DBSIZE, FLUSHALL, FLUSHDB), switches databases (SELECT, SWAPDB, MOVE), lists other channels (PUBSUB)
 * or reconfigures the server (CONFIG). Redis checks key patterns only on commands that name keys, so
 * keyspace-wide commands must be denied outright.
 */
export const DENIED_COMMANDS = [
  'keys',
  'scan',
  'randomkey',
  'dbsize',
  'flushall',
  'flushdb',
  'select',
  'swapdb',
  'move',
  'pubsub',
  'config',
  'migrate',
  'object',
  'debug',
];

/**
 * Per environment on a shared Redis: an ACL user limited to the key prefix `env:<name>:` and the same
 * channel pattern, with dangerous and administrative commands denied. Redis has one keyspace per
 * database, so isolation is by prefix and ACL, not by database.
 */
export class SharedRedisProvisioner implements EnvironmentProvisioner {
  readonly id = 'shared-redis';
  readonly service = 'redis' as const;

  constructor(private readonly options: SharedRedisOptions) {}

  static keyPrefix(target: ProvisionTarget) {
    return `env:${resourceName(target, 'cairn')}:`;
  }

  private connect(login: { username?: string; password?: string }): Redis {
    const settings: RedisOptions = {
      host: this.options.admin.host,
      port: this.options.admin.port,
      username: login.username,
      password: login.password,
      connectTimeout: this.options.connectTimeoutMs ?? 5000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
      // The ready check runs INFO, which environment logins may not.
      enableReadyCheck: false,
      lazyConnect: true,
    };
    const client = new Redis(settings);
    // Failures surface as rejected commands; without a listener ioredis would report them on stderr.
    client.on('error', () => undefined);
    return client;
  }

  private async admin<T>(fn: (client: Redis) => Promise<T>): Promise<T> {
    const { admin } = this.options;
    const client = this.connect(admin);
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      throw new Error(
        `cannot reach the shared Redis at ${admin.host}:${admin.port}: ${
          (error as Error).message
        }`,
      );
    }
    try {
      return await fn(client);
    } finally {
      client.disconnect();
    }
  }

  async apply(
    target: ProvisionTarget,
    credentials?: ProvisionedCredentials,
  ): Promise<ProvisionResult> {
    const username = resourceName(target);
    const prefix = SharedRedisProvisioner.keyPrefix(target);
    const password = credentials?.password ?? generatePassword();
    await this.admin(client =>
      client.call(
        'ACL',
        'SETUSER',
        username,
        // Start from nothing each time, so a repair also removes anything added by hand.
        'reset',
        'on',
        `>${password}`,
        `~${prefix}*`,
        `&${prefix}*`,
        '+@all',
        '-@dangerous',
        '-@admin',
        ...DENIED_COMMANDS.map(command => `-${command}`),
      ),
    );
    return {
      resource: {
        service: 'redis',
        host: this.options.publicHost ?? this.options.admin.host,
        port: this.options.admin.port,
        keyPrefix: prefix,
        username,
      },
      credentials: { username, password },
    };
  }

  async status(
    target: ProvisionTarget,
    credentials: ProvisionedCredentials,
  ): Promise<ResourceStatus> {
    const checkedAt = new Date().toISOString();
    // Connect first and authenticate explicitly, so a refused login is told apart from a server that
    // cannot be reached (ioredis reports both as a closed connection otherwise).
    const client = this.connect({});
    const probe = `${SharedRedisProvisioner.keyPrefix(target)}cairn:health`;
    try {
      await client.connect();
      await client.call('AUTH', credentials.username, credentials.password);
      await client.set(probe, checkedAt, 'EX', 60);
      return {
        state: 'healthy',
        checkedAt,
        detail: `wrote ${probe} as ${credentials.username}`,
      };
    } catch (error) {
      const detail = (error as Error).message;
      return /WRONGPASS|NOAUTH|NOPERM/.test(detail)
        ? {
            state: 'missing',
            checkedAt,
            detail: `the login is gone or changed: ${detail}`,
          }
        : {
            state: 'unhealthy',
            checkedAt,
            detail: `cannot connect: ${detail}`,
          };
    } finally {
      client.disconnect();
    }
  }

  async teardown(target: ProvisionTarget): Promise<void> {
    const username = resourceName(target);
    const prefix = SharedRedisProvisioner.keyPrefix(target);
    await this.admin(async client => {
      // The login goes first (and its open connections), so no usable credentials remain.
      await client.call('ACL', 'DELUSER', username);
      await client
        .call('CLIENT', 'KILL', 'USER', username)
        .catch(() => undefined);
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(
          cursor,
          'MATCH',
          `${prefix}*`,
          'COUNT',
          500,
        );
        if (keys.length) await client.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    });
  }
}
