import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  chmodSync,
  chownSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './freePort';

const run = promisify(execFile);

export type PostgresCluster = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Stops the server and keeps its data (an outage); `start` brings it back on the same port. */
  pause(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

const BIN_DIRS = [
  '/usr/lib/postgresql/15/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/17/bin',
];

/** The folder with initdb and pg_ctl, from CAIRN_PG_BIN or the Debian layout; undefined when absent. */
export function postgresBinDir(): string | undefined {
  const candidates = [process.env.CAIRN_PG_BIN, ...BIN_DIRS].filter(
    Boolean,
  ) as string[];
  return candidates.find(dir => existsSync(join(dir, 'initdb')));
}

/**
 * Starts a throw-away PostgreSQL cluster in a temporary folder on a free port, with password
 * authentication (scram-sha-256) for every connection: for tests that must prove a wrong password is
 * refused, which the machine's trust-auth server cannot. As root, the cluster runs as the `postgres`
 * system user (initdb refuses root).
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error('no PostgreSQL server binaries (initdb); set CAIRN_PG_BIN');
  const dir = mkdtempSync(join(tmpdir(), 'cairn-pg-'));
  const data = join(dir, 'data');
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const passwordFile = join(dir, 'pwfile');
  writeFileSync(passwordFile, password);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chmodSync(dir, 0o755);
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    chownSync(dir, uid, uid);
    chownSync(passwordFile, uid, uid);
  }
  const as = (command: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', command, ...args])
      : run(command, args);

  await as(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${passwordFile}`,
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  const start = () =>
    as(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'server.log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]).then(() => undefined);
  await start();
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    async pause() {
      await as(join(bin, 'pg_ctl'), ['-D', data, '-w', '-m', 'fast', 'stop']);
    },
    start,
    async stop() {
      await as(join(bin, 'pg_ctl'), [
        '-D',
        data,
        '-w',
        '-m',
        'immediate',
        'stop',
      ]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
