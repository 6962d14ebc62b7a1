import { CostEstimate, estimateCost } from './cost/estimateCost';
import { Intent } from './intent/intentSchema';
import { parseIntent } from './intent/parseIntent';
import { PlatformConfig } from './platform/PlatformConfig';
import { planIntent } from './plan/planIntent';
import { Plan } from './plan/planTypes';
import {
  evaluatePolicies,
  PolicyReport,
  PolicyResult,
} from './policy/evaluatePolicies';
import { unrenderableReason } from './render/terraform/renderCommon';

export type IntentEvaluation = {
  intent: Intent;
  plan: Plan;
  cost: CostEstimate;
  policies: PolicyReport;
};

export type EvaluateOptions = {
  /** Entity ref of the person asking (checked against the production approver). */
  requester?: string;
  /** The time of evaluation; it only affects the expiry of environments with a TTL. */
  now: Date;
};

/**
 * The whole engine in one call: parse (YAML, JSON or an object) → plan → cost → policies. Throws an
 * `InputError` for an invalid intent; policy violations are results, not errors.
 */
export function evaluateIntent(
  source: string | unknown,
  config: PlatformConfig,
  options: EvaluateOptions,
): IntentEvaluation {
  const intent = parseIntent(source);
  const plan = planIntent(intent, config, { now: options.now });
  const cost = estimateCost(plan, config);
  const policies = withBuiltInChecks(
    evaluatePolicies(config.policyPack, {
      intent,
      plan,
      cost,
      requester: options.requester,
    }),
    plan,
  );
  return { intent, plan, cost, policies };
}

/** The id of a check no policy pack can remove: Cairn can generate the plan's infrastructure. */
export const RENDERABLE_POLICY_ID = 'cairn-can-render';
/** The id of a check no policy pack can remove: the plan meets its compliance profiles' controls. */
export const COMPLIANCE_POLICY_ID = 'compliance-controls';

/**
 * Adds the checks that are not the platform team's to edit (they curate the profiles instead): a plan
 * Cairn cannot render (multi-region), or one that does not meet a control of its compliance profiles,
 * is denied at plan time with the reason, so nothing is requested that could not be generated as asked.
 */
function withBuiltInChecks(report: PolicyReport, plan: Plan): PolicyReport {
  const unmet = plan.controls?.unmet ?? [];
  const checks: Array<[PolicyResult, string | undefined]> = [
    [
      {
        policyId: RENDERABLE_POLICY_ID,
        description: 'Cairn can generate the infrastructure for this plan',
        severity: 'deny',
        status: 'pass',
      },
      unrenderableReason(plan),
    ],
    [
      {
        policyId: COMPLIANCE_POLICY_ID,
        description:
          "The plan meets every control of the intent's compliance profiles",
        severity: 'deny',
        status: 'pass',
      },
      unmet.length
        ? unmet.map(u => `${u.profile} ${u.control}: ${u.reason}`).join('; ')
        : undefined,
    ],
  ];
  const results = checks.map(([result, reason]) =>
    reason
      ? { ...result, status: 'violation' as const, message: reason }
      : result,
  );
  const violations = results.filter(r => r.status === 'violation');
  return {
    ...report,
    passed: report.passed && violations.length === 0,
    violations: [...report.violations, ...violations],
    results: [...report.results, ...results],
  };
}
