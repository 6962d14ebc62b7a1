import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { stringify } from 'yaml';
import { Plan } from '../plan/planTypes';
import { SizeCatalog } from '../platform/sizeCatalog';
import { renderKubernetesManifests } from './kubernetes/renderKubernetesManifests';
import { renderAwsTerraform } from './terraform/renderAwsTerraform';
import { renderAzureTerraform } from './terraform/renderAzureTerraform';
import { renderGcpTerraform } from './terraform/renderGcpTerraform';
import { TerraformDocument } from './terraform/TerraformDocument';
import { providerVersions } from './terraform/terraformSchema';
import { validateTerraform } from './terraform/validateTerraform';

export type BundleFile = {
  path: string;
  content: string;
  /** SHA-256 of the UTF-8 content, hex. */
  sha256: string;
  bytes: number;
};

/** What was generated, so reviews and audit can refer to exactly these files. */
export type BundleManifest = {
  bundleVersion: 1;
  generator: '@cairn/plugin-intent-common';
  plan: {
    name: string;
    environment: string;
    provider: string;
    runtime: string;
    regions: string[];
  };
  terraformProviders: Record<string, string>;
  files: Array<{ path: string; sha256: string; bytes: number }>;
  /** SHA-256 over the sorted `path sha256` lines: one hash names the whole bundle. */
  sha256: string;
};

export type RenderedBundle = {
  files: BundleFile[];
  manifest: BundleManifest;
};

const renderers: Record<
  Plan['target']['provider'],
  (plan: Plan, catalog: SizeCatalog) => TerraformDocument
> = {
  aws: renderAwsTerraform,
  gcp: renderGcpTerraform,
  azure: renderAzureTerraform,
};

const hash = (text: string) => bytesToHex(sha256(utf8ToBytes(text)));

function file(path: string, content: string): BundleFile {
  return {
    path,
    content,
    sha256: hash(content),
    bytes: utf8ToBytes(content).length,
  };
}

/**
 * Renders a plan for its target: Terraform JSON for the provider (everything on the managed runtime; the
 * data services with the Kubernetes runtime) plus Kubernetes manifests for the workload on that runtime.
 * The Terraform is checked offline before it is returned; a failing check is a renderer bug and throws.
 */
export function renderBundle(
  plan: Plan,
  config: { sizeCatalog: SizeCatalog },
): RenderedBundle {
  const { provider, runtime } = plan.target;
  const files = [
    file(
      'terraform/main.tf.json',
      `${JSON.stringify(
        renderers[provider](plan, config.sizeCatalog),
        null,
        2,
      )}\n`,
    ),
  ];
  const problems = validateTerraform(files);
  if (problems.length > 0) {
    throw new Error(
      `rendered Terraform failed offline validation: ${problems
        .map(p => `${p.at}: ${p.message}`)
        .join('; ')}`,
    );
  }
  if (runtime === 'kubernetes' && plan.compute) {
    const docs = renderKubernetesManifests(plan).map(m =>
      stringify(m.toJSON()),
    );
    files.push(file('kubernetes/workload.yaml', docs.join('---\n')));
  }
  const listing = files.map(f => ({
    path: f.path,
    sha256: f.sha256,
    bytes: f.bytes,
  }));
  const tfProvider = { aws: 'aws', gcp: 'google', azure: 'azurerm' }[
    provider
  ] as keyof typeof providerVersions;
  return {
    files,
    manifest: {
      bundleVersion: 1,
      generator: '@cairn/plugin-intent-common',
      plan: {
        name: plan.name,
        environment: plan.environment,
        provider,
        runtime,
        regions: plan.target.regions,
      },
      terraformProviders: {
        [providerVersions[tfProvider].source]:
          providerVersions[tfProvider].version,
      },
      files: listing,
      sha256: hash(
        listing
          .map(f => `${f.path} ${f.sha256}`)
          .sort()
          .join('\n'),
      ),
    },
  };
}
