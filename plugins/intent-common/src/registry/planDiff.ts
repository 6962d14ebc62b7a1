import { parseAllDocuments } from 'yaml';
import { CostEstimate } from '../cost/estimateCost';
import { DataService, Intent } from '../intent/intentSchema';
import { Plan } from '../plan/planTypes';
import { PolicyReport, PolicyStatus } from '../policy/evaluatePolicies';
import { canonicalSha256 } from './canonicalHash';

/** One version of an environment as a day-2 change compares it: its documents and generated files. */
export type PlanSide = {
  intent: Intent;
  plan: Plan;
  cost: CostEstimate;
  policyReport: PolicyReport;
  /** `terraform/main.tf.json`, when the bundle has it. */
  terraform?: string;
  /** `kubernetes/workload.yaml`, when the bundle has it. */
  kubernetes?: string;
};

type Scalar = string | number | boolean;

/**
 * What a changed intent changes in a live environment: the generated resources (Terraform addresses,
 * Kubernetes objects) added, removed or changed, the data services added, removed and kept (a kept one
 * keeps its data: it is changed in place), each size that moves, the monthly cost before and after, and
 * each guardrail whose verdict moves.
 */
export type PlanDiff = {
  resources: { added: string[]; removed: string[]; changed: string[] };
  services: {
    added: DataService[];
    removed: DataService[];
    kept: DataService[];
  };
  sizes: Array<{ path: string; from?: Scalar; to?: Scalar }>;
  cost: {
    fromLowUsd: number;
    fromHighUsd: number;
    toLowUsd: number;
    toHighUsd: number;
  };
  policies: Array<{ policyId: string; from?: PolicyStatus; to?: PolicyStatus }>;
};

/** The plan figures a change reports when they move, by their path in the plan. */
const SIZE_PATHS = [
  'compute.sizeClass',
  'compute.vcpu',
  'compute.memoryGb',
  'compute.minInstances',
  'compute.maxInstances',
  'loadBalancer.capacityUnits',
  'database.sizeClass',
  'database.vcpu',
  'database.memoryGb',
  'database.storageGb',
  'database.replicas',
  'database.multiZone',
  'database.connectionLimit',
  'database.backupRetentionDays',
  'cache.sizeClass',
  'cache.memoryGb',
  'cache.replicas',
  'cache.multiZone',
  'queue.retentionDays',
  'objectStorage.storageGb',
  'target.zones',
] as const;

function at(plan: Plan, path: string): Scalar | undefined {
  let value: unknown = plan;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
    ? value
    : undefined;
}

/**
 * Terraform resources by address (`aws_db_instance.main`), and the variables and locals they read
 * (`var.image`, `local.tags`: a new image tag is a variable's default), each with a hash of its
 * configuration.
 */
function terraformResources(text: string | undefined): Map<string, string> {
  const resources = new Map<string, string>();
  if (!text) return resources;
  const doc = JSON.parse(text) as {
    resource?: Record<string, Record<string, unknown>>;
    variable?: Record<string, unknown>;
    locals?: Record<string, unknown>;
  };
  for (const [type, byName] of Object.entries(doc.resource ?? {})) {
    for (const [name, config] of Object.entries(byName)) {
      resources.set(`${type}.${name}`, canonicalSha256(config));
    }
  }
  for (const [name, config] of Object.entries(doc.variable ?? {}))
    resources.set(`var.${name}`, canonicalSha256(config));
  for (const [name, value] of Object.entries(doc.locals ?? {}))
    resources.set(`local.${name}`, canonicalSha256(value));
  return resources;
}

/** Kubernetes objects by `Kind/name`, each with a hash of its manifest. */
function kubernetesObjects(text: string | undefined): Map<string, string> {
  const objects = new Map<string, string>();
  if (!text) return objects;
  for (const doc of parseAllDocuments(text)) {
    const object = doc.toJS() as {
      kind?: string;
      metadata?: { name?: string };
    } | null;
    if (!object?.kind) continue;
    objects.set(
      `${object.kind}/${object.metadata?.name ?? ''}`,
      canonicalSha256(object),
    );
  }
  return objects;
}

function compareKeyed(before: Map<string, string>, after: Map<string, string>) {
  const sorted = (keys: Iterable<string>) => [...keys].sort();
  return {
    added: sorted([...after.keys()].filter(k => !before.has(k))),
    removed: sorted([...before.keys()].filter(k => !after.has(k))),
    changed: sorted(
      [...after.keys()].filter(
        k => before.has(k) && before.get(k) !== after.get(k),
      ),
    ),
  };
}

/** What changes from the live version `before` to the proposed `after`. */
export function diffPlans(before: PlanSide, after: PlanSide): PlanDiff {
  const generated = (side: PlanSide) =>
    new Map([
      ...terraformResources(side.terraform),
      ...kubernetesObjects(side.kubernetes),
    ]);
  const servicesBefore = before.intent.spec.services ?? [];
  const servicesAfter = after.intent.spec.services ?? [];
  const verdicts = (report: PolicyReport) =>
    new Map(report.results.map(r => [r.policyId, r.status]));
  const verdictsBefore = verdicts(before.policyReport);
  const verdictsAfter = verdicts(after.policyReport);
  const policyIds = [
    ...new Set([...verdictsBefore.keys(), ...verdictsAfter.keys()]),
  ].sort();
  return {
    resources: compareKeyed(generated(before), generated(after)),
    services: {
      added: servicesAfter.filter(s => !servicesBefore.includes(s)),
      removed: servicesBefore.filter(s => !servicesAfter.includes(s)),
      kept: servicesAfter.filter(s => servicesBefore.includes(s)),
    },
    sizes: SIZE_PATHS.map(path => ({
      path,
      from: at(before.plan, path),
      to: at(after.plan, path),
    })).filter(s => s.from !== s.to),
    cost: {
      fromLowUsd: before.cost.totalLowUsd,
      fromHighUsd: before.cost.totalHighUsd,
      toLowUsd: after.cost.totalLowUsd,
      toHighUsd: after.cost.totalHighUsd,
    },
    policies: policyIds
      .map(policyId => ({
        policyId,
        from: verdictsBefore.get(policyId),
        to: verdictsAfter.get(policyId),
      }))
      .filter(p => p.from !== p.to),
  };
}

const usd = (n: number) =>
  `$${n.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;
const shown = (v: Scalar | undefined) => (v === undefined ? 'none' : String(v));

/**
 * The diff as sentences, one per change; `code` marks plan paths and resource addresses (Markdown
 * backticks for a task log, nothing for the portal, which renders them itself).
 */
export function diffLines(
  diff: PlanDiff,
  code: (text: string) => string = text => text,
): string[] {
  const lines: string[] = [];
  const { resources: r, services: s, cost } = diff;
  if (s.added.length) lines.push(`Services added: ${s.added.join(', ')}`);
  if (s.removed.length)
    lines.push(
      `Services removed (their data is dropped): ${s.removed.join(', ')}`,
    );
  if (s.kept.length)
    lines.push(`Kept in place with their data: ${s.kept.join(', ')}`);
  for (const size of diff.sizes)
    lines.push(`${code(size.path)}: ${shown(size.from)} → ${shown(size.to)}`);
  const range = (low: number, high: number) =>
    low === high ? usd(low) : `${usd(low)}–${usd(high)}`;
  lines.push(
    `Cost per month: ${range(cost.fromLowUsd, cost.fromHighUsd)} → ${range(
      cost.toLowUsd,
      cost.toHighUsd,
    )}`,
  );
  for (const p of diff.policies)
    lines.push(
      `Guardrail ${code(p.policyId)}: ${p.from ?? 'absent'} → ${
        p.to ?? 'absent'
      }`,
    );
  const listed = (label: string, items: string[]) => {
    if (items.length)
      lines.push(
        `Resources ${label} (${items.length}): ${items
          .slice(0, 12)
          .map(code)
          .join(', ')}${items.length > 12 ? ', …' : ''}`,
      );
  };
  listed('added', r.added);
  listed('removed', r.removed);
  listed('changed', r.changed);
  return lines;
}

/** The diff as a Markdown list for a task log, a template's output and PLAN.md. */
export function describeDiff(diff: PlanDiff): string {
  return diffLines(diff, text => `\`${text}\``)
    .map(line => `- ${line}`)
    .join('\n');
}

/** True when the proposed version generates, sizes, costs and checks exactly as the live one. */
export function isEmptyDiff(diff: PlanDiff): boolean {
  return (
    diff.resources.added.length +
      diff.resources.removed.length +
      diff.resources.changed.length +
      diff.services.added.length +
      diff.services.removed.length +
      diff.sizes.length +
      diff.policies.length ===
      0 &&
    diff.cost.fromLowUsd === diff.cost.toLowUsd &&
    diff.cost.fromHighUsd === diff.cost.toHighUsd
  );
}
