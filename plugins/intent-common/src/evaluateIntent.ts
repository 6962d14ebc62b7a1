import { CostEstimate, estimateCost } from './cost/estimateCost';
import { Intent } from './intent/intentSchema';
import { parseIntent } from './intent/parseIntent';
import { PlatformConfig } from './platform/PlatformConfig';
import { planIntent } from './plan/planIntent';
import { Plan } from './plan/planTypes';
import { evaluatePolicies, PolicyReport } from './policy/evaluatePolicies';

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
  const policies = evaluatePolicies(config.policyPack, {
    intent,
    plan,
    cost,
    requester: options.requester,
  });
  return { intent, plan, cost, policies };
}
