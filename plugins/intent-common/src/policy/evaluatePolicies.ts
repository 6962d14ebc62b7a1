import {
  celVariables,
  evaluateCel,
  formatCelValue,
  renderCelTemplate,
} from '@cairn/cel';
import { Intent } from '../intent/intentSchema';
import { CostEstimate } from '../cost/estimateCost';
import { Plan } from '../plan/planTypes';
import { Policy, PolicyPack } from './policySchema';

export type PolicyStatus = 'pass' | 'violation' | 'error' | 'not-applicable';

export type PolicyResult = {
  policyId: string;
  description: string;
  severity: 'deny' | 'warn';
  status: PolicyStatus;
  /** For a violation, what to change; for an error, why the policy could not be evaluated. */
  message?: string;
};

export type PolicyReport = {
  packVersion: string;
  /** No deny violation and no policy error: a broken policy never counts as a pass. */
  passed: boolean;
  violations: PolicyResult[];
  warnings: PolicyResult[];
  errors: PolicyResult[];
  results: PolicyResult[];
};

// Explanations are for people, not policies: left out of the variables to keep evaluation fast.
const FOR_PEOPLE = new Set(['explanations']);
const celView = (value: unknown) => celVariables(value, FOR_PEOPLE);

function evaluatePolicy(
  policy: Policy,
  base: Record<string, unknown>,
  environment: string,
): PolicyResult {
  const head = {
    policyId: policy.id,
    description: policy.description,
    severity: policy.severity,
  };
  if (
    policy.environments &&
    !policy.environments.includes(environment as never)
  ) {
    return { ...head, status: 'not-applicable' };
  }
  const vars = { ...base, params: celView(policy.params ?? {}) };
  const result = evaluateCel(policy.expression, vars);
  if (!result.ok)
    return {
      ...head,
      status: 'error',
      message: `policy ${policy.id} ${result.error}`,
    };
  if (typeof result.value !== 'boolean') {
    return {
      ...head,
      status: 'error',
      message: `policy ${policy.id} must return a bool, got ${formatCelValue(
        result.value,
      )}`,
    };
  }
  if (result.value) return { ...head, status: 'pass' };
  return {
    ...head,
    status: 'violation',
    message: renderCelTemplate(policy.message, vars),
  };
}

/**
 * Runs every policy of a pack over an intent, its plan and its cost, and returns every result: all
 * violations, not just the first; a policy that does not compile or evaluate is an error, never a pass.
 */
export function evaluatePolicies(
  pack: PolicyPack,
  input: { intent: Intent; plan: Plan; cost: CostEstimate; requester?: string },
): PolicyReport {
  const base = {
    intent: celView(input.intent),
    plan: celView(input.plan),
    cost: celView(input.cost),
    requester: input.requester ?? '',
  };
  const results = pack.policies.map(p =>
    evaluatePolicy(p, base, input.intent.spec.environment),
  );
  const violations = results.filter(
    r => r.status === 'violation' && r.severity === 'deny',
  );
  const warnings = results.filter(
    r => r.status === 'violation' && r.severity === 'warn',
  );
  const errors = results.filter(r => r.status === 'error');
  return {
    packVersion: pack.version,
    passed: violations.length === 0 && errors.length === 0,
    violations,
    warnings,
    errors,
    results,
  };
}
