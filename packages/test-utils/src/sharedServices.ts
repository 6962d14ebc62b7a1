import { spawnSync } from 'node:child_process';
import { postgresBinDir } from './postgresCluster';
import { prometheusAvailable } from './prometheusServer';
import { terraformAvailable, terraformProviderMirror } from './terraformCli';

/** The Redis integration tests use: the machine's, or CAIRN_TEST_REDIS_HOST/PORT. */
export const redisHost = () => process.env.CAIRN_TEST_REDIS_HOST ?? '127.0.0.1';
export const redisPort = () =>
  Number(process.env.CAIRN_TEST_REDIS_PORT ?? 6379);

/** Whether something accepts TCP connections at host:port within a second (synchronous, for test set-up). */
function reachable(host: string, port: number): boolean {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const s=require('node:net').connect({host:${JSON.stringify(
        host,
      )},port:${port},timeout:1000});s.on('connect',()=>{s.end();process.exit(0)});s.on('timeout',()=>process.exit(1));s.on('error',()=>process.exit(1));`,
    ],
    { timeout: 5000 },
  );
  return probe.status === 0;
}

export type ServiceNeeds = {
  redis?: boolean;
  postgresBinaries?: boolean;
  /** Prometheus and promtool (Debian's `prometheus` package). */
  prometheus?: boolean;
  /** Terraform and a provider mirror holding hashicorp/aws (set CAIRN_TERRAFORM_MIRROR). */
  terraformAws?: boolean;
};

/** What is missing on this machine for `needs`, as phrases ("Redis at 127.0.0.1:6379"). */
export function missingServices(needs: ServiceNeeds): string[] {
  const missing: string[] = [];
  if (needs.redis && !reachable(redisHost(), redisPort())) {
    missing.push(`Redis at ${redisHost()}:${redisPort()}`);
  }
  if (needs.postgresBinaries && !postgresBinDir())
    missing.push('PostgreSQL server binaries (initdb; set CAIRN_PG_BIN)');
  if (needs.prometheus && !prometheusAvailable())
    missing.push('Prometheus and promtool (apt-get install prometheus)');
  if (needs.terraformAws && !terraformAvailable()) missing.push('terraform');
  else if (needs.terraformAws && !terraformProviderMirror('aws'))
    missing.push(
      'a Terraform provider mirror holding hashicorp/aws (set CAIRN_TERRAFORM_MIRROR)',
    );
  return missing;
}

/**
 * `describe` when the servers an integration suite needs are here, `describe.skip` otherwise, so a
 * laptop without them reports the suite as skipped (with the reason printed) instead of passing tests
 * that ran nothing. Under CI=true a missing server throws: nothing is skipped in CI.
 */
export function describeWithServices(needs: ServiceNeeds): jest.Describe {
  const missing = missingServices(needs);
  if (missing.length === 0) return describe;
  const message = `these are missing: ${missing.join(', ')}`;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but ${message}`);
  }
  // eslint-disable-next-line no-console
  console.warn(`Integration tests skipped: ${message}`);
  return describe.skip;
}
