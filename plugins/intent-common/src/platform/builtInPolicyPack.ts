import { PolicyPack } from '../policy/policySchema';
import { defaultSizeCatalog, SizeCatalog } from './sizeCatalog';

/** Each provider's regions in a size catalog (in one geography, when given): the region policies' data. */
export const catalogRegions = (
  catalog: SizeCatalog,
  geography?: 'eu' | 'us',
): Record<string, string[]> =>
  Object.fromEntries(
    Object.entries(catalog.providers).map(([provider, p]) => [
      provider,
      Object.entries(p.regions)
        .filter(([, info]) => !geography || info.geography === geography)
        .map(([region]) => region),
    ]),
  );
const regionsOf = (geography?: 'eu' | 'us') =>
  catalogRegions(defaultSizeCatalog, geography);

/**
 * The guardrails Cairn ships. Each expression is true when the intent, plan and cost comply; the message
 * says what to change. Platform teams copy and edit this pack (or load their own with `parsePolicyPack`).
 */
export const builtInPolicyPack: PolicyPack = {
  version: '2026-11-22.1',
  policies: [
    {
      id: 'cost-limit',
      description:
        'The monthly cost at peak stays within the limit for the environment kind',
      severity: 'deny',
      expression: 'cost.totalHighUsd <= params.limits[intent.spec.environment]',
      message:
        'Estimated monthly cost up to ${{cost.totalHighUsd}} exceeds the {{intent.spec.environment}} limit of ${{params.limits[intent.spec.environment]}}: choose smaller classes or fewer instances, or ask the platform team for an exception.',
      params: {
        limits: { preview: 150, dev: 400, staging: 2000, prod: 15000 },
      },
    },
    {
      id: 'within-budget',
      description: "The expected monthly cost stays within the intent's budget",
      severity: 'deny',
      expression:
        '!has(intent.spec.constraints.monthlyBudgetUsd) || cost.totalLowUsd <= intent.spec.constraints.monthlyBudgetUsd',
      message:
        'The expected monthly cost (at least ${{cost.totalLowUsd}}) exceeds the budget of ${{intent.spec.constraints.monthlyBudgetUsd}}: raise spec.constraints.monthlyBudgetUsd or lower the load, availability or sizes.',
    },
    {
      id: 'budget-headroom',
      description: 'At peak, the cost may exceed the budget',
      severity: 'warn',
      expression:
        '!has(intent.spec.constraints.monthlyBudgetUsd) || cost.totalHighUsd <= intent.spec.constraints.monthlyBudgetUsd',
      message:
        'At peak the monthly cost may reach ${{cost.totalHighUsd}}, above the budget of ${{intent.spec.constraints.monthlyBudgetUsd}}: lower the autoscaling ceiling or plan for the overrun.',
    },
    {
      id: 'allowed-regions',
      description: 'Resources run only in regions the platform supports',
      severity: 'deny',
      expression:
        'plan.target.regions.all(r, r in params.regions[plan.target.provider])',
      message:
        'Region(s) {{plan.target.regions}} are not approved for {{plan.target.provider}}: use one of {{params.regions[plan.target.provider]}}.',
      params: { regions: regionsOf() },
    },
    {
      id: 'gdpr-eu-regions',
      description: 'GDPR or EU data residency keeps every region in the EU',
      severity: 'deny',
      expression:
        "!('gdpr' in intent.spec.constraints.compliance || intent.spec.constraints.dataResidency == 'eu') || plan.target.regions.all(r, r in params.euRegions[plan.target.provider])",
      message:
        'GDPR / EU residency requires EU regions, but the plan uses {{plan.target.regions}}: set spec.target.region to one of {{params.euRegions[plan.target.provider]}}.',
      params: { euRegions: regionsOf('eu') },
    },
    {
      id: 'approved-classes',
      description: 'Only approved resource classes for the environment kind',
      severity: 'deny',
      expression:
        '[has(plan.compute) ? plan.compute.sizeClass : "", has(plan.database) ? plan.database.sizeClass : "", has(plan.cache) ? plan.cache.sizeClass : ""].all(c, c == "" || c in params.classes[intent.spec.environment])',
      message:
        'The {{intent.spec.environment}} environment allows only classes {{params.classes[intent.spec.environment]}}: lower the expected users or the data, or relax the latency target (they set the sizes), or ask the platform team to allow a larger class (planned: compute {{has(plan.compute) ? plan.compute.sizeClass : "none"}}, database {{has(plan.database) ? plan.database.sizeClass : "none"}}, cache {{has(plan.cache) ? plan.cache.sizeClass : "none"}}).',
      params: {
        classes: {
          preview: ['small'],
          dev: ['small', 'medium'],
          staging: ['small', 'medium', 'large'],
          prod: ['small', 'medium', 'large', 'xlarge'],
        },
      },
    },
    {
      id: 'required-tags',
      description:
        'Every resource carries owner, environment, cost centre and expiry tags',
      severity: 'deny',
      expression: 'params.tags.all(t, t in plan.tags && plan.tags[t] != "")',
      message:
        'Tags {{params.tags.filter(t, !(t in plan.tags) || plan.tags[t] == "")}} are missing or empty: set metadata.owner, metadata.costCentre and spec.constraints.ttlHours.',
      params: { tags: ['owner', 'environment', 'cost-centre', 'expires-at'] },
    },
    {
      id: 'owner-is-team',
      description:
        'Environments are owned by a team (a catalog group), not a person',
      severity: 'deny',
      expression: 'intent.metadata.owner.startsWith("group:")',
      message:
        'metadata.owner is {{intent.metadata.owner}}: name the owning team as group:<namespace>/<name>.',
    },
    {
      id: 'no-public-data',
      description: 'Databases, caches and buckets are never publicly reachable',
      severity: 'deny',
      expression:
        '(!has(plan.database) || !plan.database.publicAccess) && (!has(plan.cache) || !plan.cache.publicAccess) && (!has(plan.objectStorage) || !plan.objectStorage.publicAccess)',
      message:
        'A data service is publicly reachable: set publicAccess to false in spec.sizing (data services stay in private subnets; use the CDN for public content).',
    },
    {
      id: 'production-data-protection',
      description: 'Production data is backed up and spread over zones',
      severity: 'deny',
      environments: ['prod'],
      expression:
        '(!has(plan.database) || (plan.database.backupRetentionDays >= params.minBackupDays && plan.database.multiZone)) && (!has(plan.cache) || plan.cache.multiZone)',
      message:
        "Production data needs backups kept at least {{params.minBackupDays}} days and a multi-zone database and cache: set the availability target to 99.5 % or more (the planner then plans both), or, with explicit sizing, raise the database's backupRetentionDays and set multiZone.",
      params: { minBackupDays: 7 },
    },
    {
      id: 'hipaa-encryption',
      description:
        'HIPAA workloads encrypt every data service at rest and in transit',
      severity: 'deny',
      expression:
        "!('hipaa' in intent.spec.constraints.compliance) || [has(plan.database) ? plan.database.encryption : {'atRest': true, 'inTransit': true}, has(plan.cache) ? plan.cache.encryption : {'atRest': true, 'inTransit': true}, has(plan.queue) ? plan.queue.encryption : {'atRest': true, 'inTransit': true}, has(plan.objectStorage) ? plan.objectStorage.encryption : {'atRest': true, 'inTransit': true}].all(e, e.atRest && e.inTransit)",
      message:
        'HIPAA requires encryption at rest and in transit on every data service: enable both on the database, cache, queue and bucket.',
    },
    {
      id: 'production-approver',
      description: 'Production names an approver who is not the requester',
      severity: 'deny',
      environments: ['prod'],
      expression:
        'has(intent.spec.constraints.approver) && intent.spec.constraints.approver != requester',
      message:
        'Production needs a human approval: set spec.constraints.approver to someone other than the requester ({{requester}}).',
    },
    {
      id: 'allowed-services',
      description: 'Each environment kind uses only the data services it may',
      severity: 'deny',
      expression:
        'intent.spec.services.all(s, s in params.services[intent.spec.environment])',
      message:
        'A {{intent.spec.environment}} environment may use {{params.services[intent.spec.environment]}}; remove {{intent.spec.services.filter(s, !(s in params.services[intent.spec.environment]))}} from spec.services.',
      params: {
        services: {
          preview: ['postgres', 'redis', 'queue', 'objectStorage'],
          dev: ['postgres', 'redis', 'queue', 'objectStorage', 'cdn'],
          staging: ['postgres', 'redis', 'queue', 'objectStorage', 'cdn'],
          prod: ['postgres', 'redis', 'queue', 'objectStorage', 'cdn'],
        },
      },
    },
    {
      id: 'environment-ttl',
      description:
        'Preview and dev environments expire, within the lifetime of their kind',
      severity: 'deny',
      expression:
        '!(intent.spec.environment in params.maxTtlHours) || (has(plan.ttlHours) && plan.ttlHours <= params.maxTtlHours[intent.spec.environment])',
      message:
        'A {{intent.spec.environment}} environment lives at most {{params.maxTtlHours[intent.spec.environment]}} hours: set spec.constraints.ttlHours to {{params.maxTtlHours[intent.spec.environment]}} or less (its owner can extend it later, up to the same limit).',
      params: { maxTtlHours: { preview: 168, dev: 720 } },
    },
  ],
};
