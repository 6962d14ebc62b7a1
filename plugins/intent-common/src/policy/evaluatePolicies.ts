import {
  CelResult,
  celEnv,
  isCelError,
  isCelList,
  isCelMap,
  parse,
  plan as planCel,
} from '@bufbuild/cel';
import { Intent } from '../intent/intentSchema';
import { CostEstimate } from '../cost/estimateCost';
import { Plan } from '../plan/planTypes';
import { Policy, PolicyPack } from './policySchema';

export type PolicyStatus = 'pass' | 'violation' | 'error' | 'not-applicable';

export interface PolicyResult {
  policyId: string;
  description: string;
  severity: 'deny' | 'warn';
  status: PolicyStatus;
  /** For a violation, what to change; for an error, why the policy could not be evaluated. */
  message?: string;
}

export interface PolicyReport {
  packVersion: string;
  /** No deny violation and no policy error: a broken policy never counts as a pass. */
  passed: boolean;
  violations: PolicyResult[];
  warnings: PolicyResult[];
  errors: PolicyResult[];
  results: PolicyResult[];
}

type Program = (ctx: Record<string, unknown>) => CelResult;
type Compiled = { ok: true; run: Program } | { ok: false; error: string };

const env = celEnv();
// Compiled programs by source text: policies are compiled once, then evaluated on every keystroke.
const programs = new Map<string, Compiled>();

function compile(source: string): Compiled {
  let compiled = programs.get(source);
  if (!compiled) {
    try {
      compiled = { ok: true, run: planCel(env, parse(source)) as Program };
    } catch (e) {
      compiled = { ok: false, error: (e as Error).message };
    }
    programs.set(source, compiled);
  }
  return compiled;
}

const PLACEHOLDER = /\{\{(.*?)\}\}/g;

// Lists render as [a, b] and maps as {k: v}, so messages read like the YAML a developer wrote.
function formatValue(value: unknown): string {
  if (typeof value === 'number') return String(Math.round(value * 100) / 100);
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'boolean') {
    return String(value);
  }
  if (isCelList(value)) return `[${[...value].map(formatValue).join(', ')}]`;
  if (isCelMap(value)) {
    const entries = [...value.entries()];
    return `{${entries
      .map(([k, v]) => `${formatValue(k)}: ${formatValue(v)}`)
      .join(', ')}}`;
  }
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return `{${entries.map(([k, v]) => `${k}: ${formatValue(v)}`).join(', ')}}`;
  }
  return String(value);
}

function evaluate(
  source: string,
  vars: Record<string, unknown>,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const program = compile(source);
  if (!program.ok)
    return { ok: false, error: `does not compile: ${program.error}` };
  let value: CelResult;
  try {
    value = program.run(vars);
  } catch (e) {
    return { ok: false, error: `failed to evaluate: ${(e as Error).message}` };
  }
  if (isCelError(value))
    return { ok: false, error: `failed to evaluate: ${value.message}` };
  return { ok: true, value };
}

function renderMessage(
  template: string,
  vars: Record<string, unknown>,
): string {
  return template.replace(PLACEHOLDER, (_, expr: string) => {
    const result = evaluate(expr.trim(), vars);
    return result.ok
      ? formatValue(result.value)
      : `{{${expr.trim()}: ${result.error}}}`;
  });
}

// CEL maps have no notion of "undefined"; absent fields must be absent keys. Explanations are for people,
// not policies, so they are left out to keep evaluation fast.
function celView(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(celView);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined && k !== 'explanations') out[k] = celView(v);
    }
    return out;
  }
  return value;
}

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
  const result = evaluate(policy.expression, vars);
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
      message: `policy ${policy.id} must return a bool, got ${formatValue(
        result.value,
      )}`,
    };
  }
  if (result.value) return { ...head, status: 'pass' };
  return {
    ...head,
    status: 'violation',
    message: renderMessage(policy.message, vars),
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
