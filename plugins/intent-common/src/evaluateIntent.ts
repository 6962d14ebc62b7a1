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
  const policies = withRenderability(
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

/** The id of the check no policy pack can remove: Cairn can generate the plan's infrastructure. */
export const RENDERABLE_POLICY_ID = 'cairn-can-render';

/**
 * Adds the one check that is not the platform team's to edit: a plan Cairn cannot render (multi-region)
 * is denied at plan time with the reason, so nothing is requested that could not be generated.
 */
function withRenderability(report: PolicyReport, plan: Plan): PolicyReport {
  const reason = unrenderableReason(plan);
  const result: PolicyResult = {
    policyId: RENDERABLE_POLICY_ID,
    description: 'Cairn can generate the infrastructure for this plan',
    severity: 'deny',
    status: reason ? 'violation' : 'pass',
    ...(reason ? { message: reason } : {}),
  };
  return {
    ...report,
    passed: report.passed && !reason,
    violations: reason ? [...report.violations, result] : report.violations,
    results: [...report.results, result],
  };
}
