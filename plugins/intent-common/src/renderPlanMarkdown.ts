import { CostEstimate } from './cost/estimateCost';
import { Plan } from './plan/planTypes';
import { PolicyReport } from './policy/evaluatePolicies';

const usd = (n: number) =>
  `$${n.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;

// Table cells come from intents and policy messages: pipes and newlines would break the table.
const cell = (s: string | number | boolean) =>
  String(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function table(
  head: string[],
  rows: Array<Array<string | number | boolean>>,
): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function resources(plan: Plan): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const c = plan.compute;
  if (c) {
    rows.push([
      'compute',
      `${c.kind}, ${c.sizeClass} (${c.vcpu} vCPU, ${c.memoryGb} GB), ${c.minInstances}–${c.maxInstances} instances`,
    ]);
  }
  if (plan.loadBalancer)
    rows.push([
      'load balancer',
      `public, ${plan.loadBalancer.capacityUnits} capacity units at peak`,
    ]);
  const d = plan.database;
  if (d?.placement === 'shared') {
    rows.push([
      'database',
      `PostgreSQL ${d.version}: a database on the platform's shared server (its provisioner creates it; the connection is in the environment's credentials, not in the Terraform)`,
    ]);
  } else if (d) {
    rows.push([
      'database',
      `PostgreSQL ${d.version}, ${d.sizeClass}, ${d.storageGb} GB, ${
        d.replicas
      } replica(s), ${d.multiZone ? 'multi-zone' : 'single zone'}, backups ${
        d.backupRetentionDays
      } days${d.pointInTimeRecovery ? ', point-in-time recovery' : ''}`,
    ]);
  }
  if (plan.cache?.placement === 'shared')
    rows.push([
      'cache',
      `Redis ${plan.cache.version}: a key prefix on the platform's shared Redis (its provisioner creates it; the connection is in the environment's credentials)`,
    ]);
  else if (plan.cache)
    rows.push([
      'cache',
      `Redis ${plan.cache.version}, ${plan.cache.sizeClass} (${plan.cache.memoryGb} GB), ${plan.cache.replicas} replica(s)`,
    ]);
  if (plan.queue)
    rows.push([
      'queue',
      `${plan.queue.messagesPerMonth.toLocaleString(
        'en-US',
      )} messages/month, dead-letter queue`,
    ]);
  if (plan.objectStorage)
    rows.push([
      'object storage',
      `${plan.objectStorage.storageGb} GB, private${
        plan.objectStorage.versioning ? ', versioned' : ''
      }`,
    ]);
  if (plan.cdn)
    rows.push([
      'CDN',
      `origin ${plan.cdn.origin}, ${plan.cdn.egressGbPerMonth.toLocaleString(
        'en-US',
      )} GB/month`,
    ]);
  const n = plan.network;
  rows.push([
    'network',
    n.mode === 'cluster'
      ? "data services join the Kubernetes cluster's network, in its private subnets"
      : `dedicated ${n.cidr}, zones ${n.zones.join(
          ', ',
        )}, data in private subnets ${n.dataSubnets.join(', ')}, ${
          n.natGateways
        } NAT gateway(s)`,
  ]);
  return rows;
}

/** The human-readable PLAN.md: sizing with its explanations, cost at 1×, 10× and 100×, policy results. */
export function renderPlanMarkdown(evaluation: {
  plan: Plan;
  cost: CostEstimate;
  policies: PolicyReport;
}): string {
  const { plan, cost, policies } = evaluation;
  const verdict = policies.passed ? 'passed' : 'blocked';
  const lines = [
    `# Plan for ${plan.name}`,
    '',
    `${plan.environment} environment owned by ${plan.owner}; ${
      plan.level
    } intent; ${plan.target.provider} ${
      plan.target.runtime
    } in ${plan.target.regions.join(' + ')}; availability ${
      plan.availability.targetPercent !== undefined
        ? `${plan.availability.targetPercent} % → `
        : ''
    }${plan.availability.band}.${
      plan.expiresAt ? ` Expires ${plan.expiresAt}.` : ''
    }`,
    '',
    `Guardrails: **${verdict}** (${policies.violations.length} violation(s), ${
      policies.warnings.length
    } warning(s), ${policies.errors.length} policy error(s)). Cost: ${usd(
      cost.totalLowUsd,
    )}–${usd(cost.totalHighUsd)} per month.`,
    '',
    '## Resources',
    '',
    table(['resource', 'plan'], resources(plan)),
    '',
    '## Why these numbers',
    '',
    table(
      ['value', 'number', 'rule', 'inputs', 'assumptions'],
      plan.explanations.map(e => [
        e.path,
        e.value,
        e.formula ? `${e.rule} (${e.formula})` : e.rule,
        Object.entries(e.inputs)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
        e.assumptions.join(', '),
      ]),
    ),
    '',
    '## Cost per month',
    '',
    table(
      ['load', 'low', 'high', 'compute', 'database'],
      [cost, ...cost.scales].map(c => {
        const core =
          c.loadFactor === 1
            ? plan
            : plan.scales.find(s => s.loadFactor === c.loadFactor);
        return [
          `${c.loadFactor}×`,
          usd(c.totalLowUsd),
          usd(c.totalHighUsd),
          core?.compute
            ? `${core.compute.minInstances}–${core.compute.maxInstances} × ${core.compute.sizeClass}`
            : '–',
          core?.database
            ? `${core.database.sizeClass}, ${core.database.replicas} replica(s), ${core.database.storageGb} GB`
            : '–',
        ];
      }),
    ),
    '',
    table(
      ['resource', 'item', 'SKU', 'quantity', 'unit price', 'low', 'high'],
      cost.lines.map(l => [
        l.resource,
        l.description,
        `${l.sku}${l.illustrative ? ' *' : ''}`,
        l.quantityLow === l.quantityHigh
          ? `${l.quantityLow} ${l.unit}`
          : `${l.quantityLow}–${l.quantityHigh} ${l.unit}`,
        `$${l.unitPriceUsd}`,
        usd(l.monthlyLowUsd),
        usd(l.monthlyHighUsd),
      ]),
    ),
    '',
    `Prices: table ${cost.priceTableVersion}, ${cost.currency}.${
      cost.illustrative
        ? ' \\* illustrative price, not checked against a stored copy of its source.'
        : ''
    }`,
    '',
    ...cost.assumptions.map(a => `- ${a}`),
    '',
    '## Guardrails',
    '',
    table(
      ['policy', 'severity', 'result', 'what to change'],
      policies.results.map(r => [
        r.policyId,
        r.severity,
        r.status,
        r.message ?? '',
      ]),
    ),
    '',
    `Policy pack ${policies.packVersion}; plan data: assumptions ${plan.dataVersions.assumptions}, size catalog ${plan.dataVersions.sizeCatalog}.`,
    '',
  ];
  return lines.join('\n');
}
