import { postgresBinDir } from './postgresCluster';
import { connect } from 'node:net';

/** The Redis integration tests use: the machine's, or CAIRN_TEST_REDIS_HOST/PORT. */
export const redisHost = () => process.env.CAIRN_TEST_REDIS_HOST ?? '127.0.0.1';
export const redisPort = () =>
  Number(process.env.CAIRN_TEST_REDIS_PORT ?? 6379);

const reachable = (host: string, port: number) =>
  new Promise<boolean>(resolve => {
    const socket = connect({ host, port, timeout: 1000 });
    socket.on('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });

/**
 * Whether the servers an integration test needs are here. On a laptop without them the test is
 * skipped with a visible message; under CI=true a missing server fails the run instead.
 */
export async function requireServices(needs: {
  redis?: boolean;
  postgresBinaries?: boolean;
}) {
  const missing: string[] = [];
  if (needs.redis && !(await reachable(redisHost(), redisPort()))) {
    missing.push(`Redis at ${redisHost()}:${redisPort()}`);
  }
  if (needs.postgresBinaries && !postgresBinDir())
    missing.push('PostgreSQL server binaries (initdb)');
  if (missing.length && process.env.CI === 'true') {
    throw new Error(`CI=true but these are missing: ${missing.join(', ')}`);
  }
  if (missing.length) {
    // eslint-disable-next-line no-console
    console.warn(`Integration tests skipped: no ${missing.join(', ')}`);
  }
  return missing.length === 0;
}
