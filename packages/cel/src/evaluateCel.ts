import {
  CelResult,
  celEnv,
  isCelError,
  isCelList,
  isCelMap,
  parse,
  plan,
} from '@bufbuild/cel';

type Program = (vars: Record<string, unknown>) => CelResult;
type Compiled = { ok: true; run: Program } | { ok: false; error: string };

/** A CEL result as data: the value, or why there is none (does not compile, failed to evaluate). */
export type CelOutcome =
  | { ok: true; value: unknown }
  | { ok: false; error: string };

const env = celEnv();
// Compiled programs by source text: an expression is compiled once, then evaluated on every call (the
// live preview evaluates every guardrail on every keystroke; scorecards evaluate each check per entity).
const programs = new Map<string, Compiled>();

function compile(source: string): Compiled {
  let compiled = programs.get(source);
  if (!compiled) {
    try {
      compiled = { ok: true, run: plan(env, parse(source)) as Program };
    } catch (e) {
      compiled = { ok: false, error: (e as Error).message };
    }
    programs.set(source, compiled);
  }
  return compiled;
}

/** Whether an expression compiles; the reason when it does not. */
export function checkCel(
  source: string,
): { ok: true } | { ok: false; error: string } {
  const compiled = compile(source);
  return compiled.ok ? { ok: true } : { ok: false, error: compiled.error };
}

/** Evaluates a CEL expression over variables; never throws. */
export function evaluateCel(
  source: string,
  vars: Record<string, unknown>,
): CelOutcome {
  const program = compile(source);
  if (!program.ok) {
    return { ok: false, error: `does not compile: ${program.error}` };
  }
  let value: CelResult;
  try {
    value = program.run(vars);
  } catch (e) {
    return { ok: false, error: `failed to evaluate: ${(e as Error).message}` };
  }
  if (isCelError(value)) {
    return { ok: false, error: `failed to evaluate: ${value.message}` };
  }
  return { ok: true, value };
}

/** A CEL value as people read it: lists as [a, b], maps as {k: v}, numbers to two decimals. */
export function formatCelValue(value: unknown): string {
  if (typeof value === 'number') return String(Math.round(value * 100) / 100);
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'boolean') {
    return String(value);
  }
  if (isCelList(value)) return `[${[...value].map(formatCelValue).join(', ')}]`;
  if (isCelMap(value)) {
    const entries = [...value.entries()];
    return `{${entries
      .map(([k, v]) => `${formatCelValue(k)}: ${formatCelValue(v)}`)
      .join(', ')}}`;
  }
  if (Array.isArray(value)) return `[${value.map(formatCelValue).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return `{${entries
      .map(([k, v]) => `${k}: ${formatCelValue(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

const PLACEHOLDER = /\{\{(.*?)\}\}/g;

/** Fills `{{ expression }}` placeholders of a message with the expressions' values over `vars`. */
export function renderCelTemplate(
  template: string,
  vars: Record<string, unknown>,
): string {
  return template.replace(PLACEHOLDER, (_, expr: string) => {
    const result = evaluateCel(expr.trim(), vars);
    return result.ok
      ? formatCelValue(result.value)
      : `{{${expr.trim()}: ${result.error}}}`;
  });
}

/**
 * Plain data as CEL variables: CEL maps have no "undefined", so absent fields must be absent keys;
 * keys listed in `omit` (e.g. explanations meant for people) are left out to keep evaluation fast.
 */
export function celVariables(
  value: unknown,
  omit: ReadonlySet<string> = new Set(),
): unknown {
  if (Array.isArray(value)) return value.map(v => celVariables(v, omit));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined && !omit.has(k)) out[k] = celVariables(v, omit);
    }
    return out;
  }
  return value;
}
