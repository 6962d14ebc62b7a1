import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './freePort';

const run = promisify(execFile);

/** Whether the machine has Prometheus and promtool (Debian's `prometheus` package). */
export function prometheusAvailable(): boolean {
  return (
    spawnSync('prometheus', ['--version']).status === 0 &&
    spawnSync('promtool', ['--version']).status === 0
  );
}

export type PrometheusServer = {
  url: string;
  /** Stops the server (an outage); `start` brings it back on the same port with the same data. */
  pause(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Starts a throw-away Prometheus on a free port of 127.0.0.1 with no scrape targets: its history is
 * `openMetrics` (OpenMetrics text, ending with `# EOF`), backfilled with `promtool tsdb
 * create-blocks-from openmetrics` before start; `rules` (YAML rule files) are evaluated every
 * `evaluationSeconds`.
 */
export async function startPrometheus(options: {
  openMetrics?: string;
  rules?: string[];
  evaluationSeconds?: number;
}): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-prometheus-'));
  const data = join(dir, 'data');
  if (options.openMetrics) {
    const file = join(dir, 'history.om');
    writeFileSync(file, options.openMetrics);
    await run('promtool', [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      file,
      data,
    ]);
  }
  const ruleFiles = (options.rules ?? []).map((rules, i) => {
    const file = join(dir, `rules-${i}.yaml`);
    writeFileSync(file, rules);
    return file;
  });
  const interval = `${options.evaluationSeconds ?? 15}s`;
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      `  evaluation_interval: ${interval}`,
      `  scrape_interval: ${interval}`,
      ...(ruleFiles.length
        ? ['rule_files:', ...ruleFiles.map(f => `  - ${JSON.stringify(f)}`)]
        : []),
      'scrape_configs: []',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${data}`,
        // Backfilled history may be older than the default 15 days.
        '--storage.tsdb.retention.time=3650d',
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    child.stderr?.on('data', chunk => {
      log = (log + chunk).slice(-4000);
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`prometheus exited (${child.exitCode}): ${log}`);
      try {
        const res = await fetch(`${url}/-/ready`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`prometheus did not become ready in 30 s: ${log}`);
      await new Promise(r => setTimeout(r, 100));
    }
  };
  const pause = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>(resolve => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  await start();
  return {
    url,
    pause,
    start,
    async stop() {
      await pause();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
