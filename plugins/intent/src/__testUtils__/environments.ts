import {
  canonicalSha256,
  defaultPlatformConfig,
  EnvironmentDetails,
  EnvironmentSummary,
  evaluateIntent,
  outcomeIntentYaml,
  renderBundle,
  renderEnvironmentFiles,
} from '@cairn/plugin-intent-common';

const now = new Date('2026-11-22T10:00:00.000Z');

/**
 * An environment as the registry keeps it, made by the real engine from the outcome-based example
 * intent (checkout-api, prod, AWS): plan, cost, policy report, files and bundle manifest are what the
 * registry would store.
 */
export function checkoutApiDetails(): {
  details: EnvironmentDetails;
  files: Record<string, string>;
} {
  const evaluation = evaluateIntent(outcomeIntentYaml, defaultPlatformConfig, {
    now,
    requester: 'user:default/ada.okafor',
  });
  const bundle = renderBundle(evaluation.plan, defaultPlatformConfig);
  const files = renderEnvironmentFiles(evaluation, bundle);
  const details: EnvironmentDetails = {
    id: 'env-checkout-api-prod',
    name: 'checkout-api',
    environment: 'prod',
    owner: 'group:default/checkout',
    requester: 'user:default/ada.okafor',
    description: evaluation.intent.metadata.description,
    status: 'awaiting-approval',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    monthlyCostLowUsd: evaluation.cost.totalLowUsd,
    monthlyCostHighUsd: evaluation.cost.totalHighUsd,
    priceTableVersion: evaluation.cost.priceTableVersion,
    policyPackVersion: evaluation.policies.packVersion,
    platformVersion: canonicalSha256(defaultPlatformConfig),
    intentSha256: canonicalSha256(evaluation.intent),
    bundleSha256: bundle.manifest.sha256,
    policies: {
      passed: evaluation.policies.passed,
      violations: evaluation.policies.violations.length,
      warnings: evaluation.policies.warnings.length,
    },
    reviewLinks: [],
    taskId: 'task-1234',
    intent: evaluation.intent,
    plan: evaluation.plan,
    cost: evaluation.cost,
    policyReport: evaluation.policies,
    planMarkdown: files.find(f => f.path === 'PLAN.md')!.content,
    bundleManifest: bundle.manifest,
    files: files.map(({ path, sha256, bytes }) => ({ path, sha256, bytes })),
    history: [
      {
        type: 'requested',
        at: now.toISOString(),
        actor: 'user:default/ada.okafor',
        toStatus: 'awaiting-approval',
        message: 'Registered by the scaffolder task task-1234',
      },
    ],
  };
  return {
    details,
    files: Object.fromEntries(files.map(f => [f.path, f.content])),
  };
}

/** The list entry of an environment. */
export function summaryOf(details: EnvironmentDetails): EnvironmentSummary {
  const {
    intent: _intent,
    plan: _plan,
    cost: _cost,
    policyReport: _policyReport,
    planMarkdown: _planMarkdown,
    bundleManifest: _bundleManifest,
    files: _files,
    teardownPlan: _teardownPlan,
    history: _history,
    ...summary
  } = details;
  return summary;
}

/** A preview that expired: its teardown plan says what to destroy. */
export function expiredPreview(): EnvironmentSummary {
  return {
    ...summaryOf(checkoutApiDetails().details),
    id: 'env-checkout-pr-12-preview',
    name: 'checkout-pr-12',
    environment: 'preview',
    status: 'expired',
    expiresAt: '2026-11-21T10:00:00.000Z',
    monthlyCostLowUsd: 41.5,
    monthlyCostHighUsd: 52.25,
    policies: { passed: true, violations: 0, warnings: 1 },
  };
}
