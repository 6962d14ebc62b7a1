import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { freePort } from '@cairn/test-utils';

const BACKEND_DIR = resolvePath(__dirname, '../..');
const ROOT_CONFIG = resolvePath(BACKEND_DIR, '../../app-config.yaml');

export type BackendProcess = {
  port: number;
  url: string;
  /** SIGKILL: no shutdown hooks, no flushing, as a machine or container dies. */
  kill9(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** What the process printed (the last 200 lines), for a failing assertion's message. */
  log(): string;
};

function exited(child: ChildProcess) {
  return new Promise<void>(resolve => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * The demo portal's real backend (packages/backend/src/index.ts, every plugin) as its own process,
 * as `scripts/start` runs it, with `app-config.yaml` plus `config` on top. Resolves when the insights
 * plugin's readiness answers 200 (its database and the catalog are up).
 */
export async function startBackendProcess(options: {
  name: string;
  dir: string;
  config: (port: number) => Record<string, unknown>;
  port?: number;
  readyTimeoutMs?: number;
}): Promise<BackendProcess> {
  const port = options.port ?? (await freePort());
  mkdirSync(options.dir, { recursive: true });
  const configFile = join(options.dir, `${options.name}.json`);
  writeFileSync(configFile, JSON.stringify(options.config(port), null, 2));
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      ROOT_CONFIG,
      '--config',
      configFile,
    ],
    {
      cwd: BACKEND_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        CAIRN_DATA_DIR: options.dir,
        CAIRN_INTENT_CREDENTIALS_KEY: Buffer.alloc(32, 7).toString('base64'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n'));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `backend ${options.name} exited with ${child.exitCode}:\n${lines.join(
          '\n',
        )}`,
      );
    }
    const status = await fetch(`${url}/api/insights/health`).then(
      r => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `backend ${options.name} was not ready in time:\n${lines.join('\n')}`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
  return {
    port,
    url,
    async kill9() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited(child);
      clearTimeout(timer);
    },
    log: () => lines.join('\n'),
  };
}
