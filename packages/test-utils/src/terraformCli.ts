import { execFile, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether `terraform` runs here. */
export function terraformAvailable(): boolean {
  return spawnSync('terraform', ['version']).status === 0;
}

const holdsProvider = (dir: string, provider: string) =>
  existsSync(join(dir, 'registry.terraform.io', 'hashicorp', provider));

/**
 * A provider mirror holding `hashicorp/<provider>`, for `terraform init` without a network:
 * `CAIRN_TERRAFORM_MIRROR` when set; otherwise Terraform's implied local mirrors (the CLI
 * configuration documentation's list); otherwise a folder directly under `/opt` (where machine images
 * put add-on software) that holds one.
 */
export function terraformProviderMirror(provider = 'aws'): string | undefined {
  const configured = process.env.CAIRN_TERRAFORM_MIRROR;
  if (configured)
    return holdsProvider(configured, provider) ? configured : undefined;
  const dataHome =
    process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  const implied = [
    join(homedir(), '.terraform.d', 'plugins'),
    join(dataHome, 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
  ];
  const underOpt = existsSync('/opt')
    ? readdirSync('/opt').map(name => join('/opt', name))
    : [];
  return [...implied, ...underOpt].find(dir => holdsProvider(dir, provider));
}

export type TerraformDiagnostic = {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  address?: string;
  range?: { filename: string; start: { line: number } };
};

export type TerraformWorkspace = {
  /** `terraform validate -json` of these files as one root module (paths relative to it). */
  validate(
    files: Array<{ path: string; content: string }>,
  ): Promise<{ valid: boolean; diagnostics: TerraformDiagnostic[] }>;
  /**
   * `terraform providers schema -json` of the providers the last validated files require (Terraform's
   * own description of every resource type, argument and nested block).
   */
  providerSchemas(): Promise<Record<string, any>>;
  close(): void;
};

/**
 * A throw-away folder where Terraform validates bundles with the real provider: a CLI configuration
 * that names only the mirror (nothing is downloaded), `terraform init` once (the provider is linked,
 * not copied), then each `validate` replaces the folder's files and asks Terraform.
 */
export async function startTerraformWorkspace(options: {
  mirror: string;
}): Promise<TerraformWorkspace> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-terraform-'));
  const config = join(dir, 'cli.tfrc');
  writeFileSync(
    config,
    `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(
      options.mirror,
    )}\n  }\n}\n`,
  );
  const module = join(dir, 'module');
  mkdirSync(module);
  const env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: config,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
  const terraform = (args: string[]) =>
    run('terraform', args, { cwd: module, env, maxBuffer: 64 << 20 });
  let initialised = false;

  return {
    async validate(files) {
      for (const name of readdirSync(module)) {
        if (!name.startsWith('.'))
          rmSync(join(module, name), { recursive: true });
      }
      for (const file of files) {
        mkdirSync(dirname(join(module, file.path)), { recursive: true });
        writeFileSync(join(module, file.path), file.content);
      }
      if (!initialised) {
        await terraform([
          'init',
          '-input=false',
          '-backend=false',
          '-no-color',
        ]);
        initialised = true;
      }
      try {
        const { stdout } = await terraform(['validate', '-json', '-no-color']);
        return JSON.parse(stdout);
      } catch (e) {
        // An invalid module exits 1 with the same JSON on stdout.
        const stdout = (e as { stdout?: string }).stdout;
        if (stdout) return JSON.parse(stdout);
        throw e;
      }
    },
    async providerSchemas() {
      const { stdout } = await terraform(['providers', 'schema', '-json']);
      return JSON.parse(stdout).provider_schemas;
    },
    close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
