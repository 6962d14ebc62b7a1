import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { stringify } from 'yaml';
import { Plan } from '../plan/planTypes';
import { SizeCatalog } from '../platform/sizeCatalog';
import { renderKubernetesManifests } from './kubernetes/renderKubernetesManifests';
import { renderAwsTerraform } from './terraform/renderAwsTerraform';
import { renderAzureTerraform } from './terraform/renderAzureTerraform';
import { renderGcpTerraform } from './terraform/renderGcpTerraform';
import {
  TerraformBuilder,
  TerraformDocument,
} from './terraform/TerraformDocument';
import { providerVersions, resourceSchemas } from './terraform/terraformSchema';
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
  /**
   * Each control of the plan's compliance profiles and the resources it changed in these files
   * (empty for a control checked at plan time only, such as data residency).
   */
  compliance: Array<{
    control: string;
    profiles: string[];
    resources: string[];
  }>;
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
  (plan: Plan, catalog: SizeCatalog, tf: TerraformBuilder) => TerraformDocument
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
  const tf = new TerraformBuilder();
  const document = renderers[provider](plan, config.sizeCatalog, tf);
  const files = [
    file('terraform/main.tf.json', `${JSON.stringify(document, null, 2)}\n`),
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
      compliance: complianceLedger(plan, document, tf.touched()),
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

/** The plan's controls, each with the profiles that asked for it and the resources it changed. */
function complianceLedger(
  plan: Plan,
  document: TerraformDocument,
  touched: Record<string, string[]>,
): BundleManifest['compliance'] {
  const applied = plan.controls?.applied ?? [];
  const controls = [...new Set(applied.map(a => a.control))].sort();
  // The compliance tag is on every resource that takes tags.
  const tagged = Object.entries(document.resource ?? {})
    .filter(([type]) => resourceSchemas[type]?.tags)
    .flatMap(([type, byName]) => Object.keys(byName).map(n => `${type}.${n}`))
    .sort();
  return controls.map(control => ({
    control,
    profiles: applied.filter(a => a.control === control).map(a => a.profile),
    resources: control === 'tags' ? tagged : touched[control] ?? [],
  }));
}
