import { BundleManifest, TeardownPlan } from '@cairn/plugin-intent-common';

/**
 * What ending an environment takes, from its bundle: the Terraform resources it declares (removed by
 * `terraform destroy`) and, on the Kubernetes runtime, the workload manifests. Cairn does not apply
 * bundles itself (yet), so the plan is handed to the owner with the expiry notice.
 */
export function teardownPlan(options: {
  reason: TeardownPlan['reason'];
  now: Date;
  manifest: BundleManifest;
  terraform?: string;
}): TeardownPlan {
  const paths = options.manifest.files.map(f => f.path);
  const steps: string[] = [];
  if (paths.includes('kubernetes/workload.yaml')) {
    steps.push('kubectl delete -f kubernetes/workload.yaml');
  }
  const resources: string[] = [];
  if (options.terraform) {
    const doc = JSON.parse(options.terraform) as {
      resource?: Record<string, Record<string, unknown>>;
    };
    for (const [type, byName] of Object.entries(doc.resource ?? {})) {
      for (const name of Object.keys(byName)) resources.push(`${type}.${name}`);
    }
    steps.push(
      'terraform -chdir=terraform init',
      'terraform -chdir=terraform destroy',
    );
  }
  return {
    reason: options.reason,
    createdAt: options.now.toISOString(),
    steps,
    resources: resources.sort(),
  };
}
