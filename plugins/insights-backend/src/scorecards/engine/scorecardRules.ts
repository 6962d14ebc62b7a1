import { checkCel, evaluateCel } from '@cairn/cel';
import { FactDefinition } from '@cairn/plugin-insights-node';
import { isMap, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { z } from 'zod';

/*
 * Scorecard rules as the platform team writes them (../shared/DESIGN.md, "Scorecards"): YAML documents
 * of kind Scorecard, each with ordered levels and checks written in CEL over the facts registry's typed
 * fact set. A file that fails to parse, to validate or to check is refused whole, naming the line and
 * the reason, so that the last good version keeps running.
 */

/** A system's or component's stage, as in the speed-versus-scale decision matrix. */
export const STAGES = ['0-1', '1-10', '10-100', '100plus'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  '0-1': '0→1',
  '1-10': '1→10',
  '10-100': '10→100',
  '100plus': '100+',
};

const id = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'must be lower-case letters, digits and dashes (at most 63)',
  );
const names = z.array(z.string().min(1).max(255)).max(100);

const appliesTo = z
  .object({
    kinds: names.optional(),
    types: names.optional(),
    lifecycles: names.optional(),
    tags: names.optional(),
    /** Owner entity references (group:default/checkout). */
    owners: names.optional(),
  })
  .strict();
export type AppliesTo = z.infer<typeof appliesTo>;

const stage = z.enum(STAGES, {
  error: `must be one of ${STAGES.join(', ')}`,
});

const check = z
  .object({
    id,
    title: z.string().min(1).max(200),
    /** The level this check belongs to; a level is reached when all its checks (and the lower levels') pass. */
    level: z.string().min(1).max(63),
    /** CEL: true passes, false fails; or a string state ('pass', 'warn', 'fail'). */
    expression: z.string().min(1).max(4000).optional(),
    /**
     * Computed elsewhere (a security scanner, coverage): the state is the last result pushed to
     * POST /v1/scorecards/external-results, instead of an expression.
     */
    external: z.literal(true, { error: 'must be true' }).optional(),
    /** An external result older than this many days is not-reported (stale). */
    maxAgeDays: z.number().int().min(1).max(366).optional(),
    /** CEL: when the expression fails and this holds, the result is a warning instead. */
    warn: z.string().min(1).max(4000).optional(),
    /** A message shown with the result; `{{ expression }}` placeholders are filled in. */
    value: z.string().max(1000).optional(),
    /** What to do when it does not pass. */
    fix: z.string().max(2000).optional(),
    /** The stages it applies to (all by default); at other stages it is not-applicable. */
    stages: z.array(stage).min(1).optional(),
    /** A target per stage, the `target` variable of its expressions (a stage without one: not-applicable). */
    targets: z.partialRecord(stage, z.number()).optional(),
    /** More filters than the scorecard's. */
    appliesTo: appliesTo.optional(),
    /** A campaign: until this date a failure shows as due, and does not cost the level. */
    deadline: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
      .optional(),
  })
  .strict();
export type ScorecardCheck = z.infer<typeof check>;

const scorecard = z
  .object({
    apiVersion: z.literal('cairn.dev/v1alpha1', {
      error: "must be 'cairn.dev/v1alpha1'",
    }),
    kind: z.literal('Scorecard', { error: "must be 'Scorecard'" }),
    metadata: z
      .object({
        name: id,
        title: z.string().min(1).max(200).optional(),
        description: z.string().max(2000).optional(),
      })
      .strict(),
    spec: z
      .object({
        appliesTo: appliesTo.optional(),
        /** Lowest first, e.g. [bronze, silver, gold]. */
        levels: z.array(z.string().min(1).max(63)).min(1).max(10),
        checks: z.array(check).min(1).max(200),
      })
      .strict(),
  })
  .strict();
export type Scorecard = z.infer<typeof scorecard>;

export type RuleProblem = { line: number | null; message: string };

/** A value of each fact type, to find type errors before a rule runs (CEL checks types when it evaluates). */
const SAMPLES: Record<FactDefinition['type'], unknown> = {
  bool: true,
  int: 1,
  double: 1.5,
  string: 'x',
  timestamp: new Date(0),
  'list<string>': ['x'],
  'map<string, string>': { x: 'x' },
};

/** Every declared fact with a value of its type, as checks see them. */
export function sampleFacts(definitions: FactDefinitions) {
  return Object.fromEntries(
    Object.entries(definitions).map(([provider, d]) => [
      provider,
      Object.fromEntries(
        Object.entries(d.facts).map(([name, f]) => [name, SAMPLES[f.type]]),
      ),
    ]),
  );
}

/** The facts a check may read: provider id → fact name → definition. */
export type FactDefinitions = Record<
  string,
  { facts: Record<string, FactDefinition> }
>;

/** Identifiers an expression reads as `provider.fact` (the providers it needs data from). */
export function referencedFacts(
  expression: string,
  providers: string[],
): Array<{ provider: string; fact: string }> {
  const found: Array<{ provider: string; fact: string }> = [];
  // Outside string literals only.
  const code = expression.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  for (const m of code.matchAll(
    /(?<![\w.])([a-z][a-zA-Z0-9]*)\.([a-zA-Z_]\w*)/g,
  ))
    if (providers.includes(m[1])) found.push({ provider: m[1], fact: m[2] });
  return found;
}

/**
 * Reads a rule file: every Scorecard document in it, or every problem with its line. Checks must
 * compile, read only declared facts, name one of the scorecard's levels and have unique ids.
 */
export function parseScorecardRules(
  text: string,
  definitions: FactDefinitions,
):
  | { ok: true; scorecards: Scorecard[] }
  | { ok: false; problems: RuleProblem[] } {
  const lineCounter = new LineCounter();
  const problems: RuleProblem[] = [];
  const scorecards: Scorecard[] = [];
  const documents = parseAllDocuments(text, { lineCounter });
  const docs = Array.isArray(documents) ? documents : [documents];
  const providers = Object.keys(definitions);
  for (const doc of docs) {
    for (const error of doc.errors)
      problems.push({
        line: lineCounter.linePos(error.pos[0]).line,
        message: error.message.split('\n')[0],
      });
    if (doc.errors.length) continue;
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    // The line of a path in the document (for the messages).
    const lineOf = (path: Array<string | number>) => {
      let node: unknown = doc.contents;
      for (const key of path) {
        if (isMap(node)) node = node.get(key, true);
        else if (isSeq(node)) node = node.get(key as number, true);
        else break;
      }
      const range = (node as { range?: [number, number, number] } | null)
        ?.range;
      return range ? lineCounter.linePos(range[0]).line : null;
    };
    const parsed = scorecard.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          line: lineOf(issue.path as Array<string | number>),
          message: `${issue.path.join('.') || 'document'}: ${issue.message}`,
        });
      continue;
    }
    const card = parsed.data;
    const seen = new Set<string>();
    card.spec.checks.forEach((c, i) => {
      const at = (field: string) => lineOf(['spec', 'checks', i, field]);
      if (seen.has(c.id))
        problems.push({
          line: at('id'),
          message: `spec.checks[${i}].id: '${c.id}' is used twice`,
        });
      seen.add(c.id);
      if (!card.spec.levels.includes(c.level))
        problems.push({
          line: at('level'),
          message: `spec.checks[${i}].level: '${
            c.level
          }' is not one of the levels (${card.spec.levels.join(', ')})`,
        });
      if (c.external) {
        for (const field of ['expression', 'warn', 'value', 'targets'] as const)
          if (c[field] !== undefined)
            problems.push({
              line: at(field),
              message: `spec.checks[${i}].${field}: an external check takes its state and message from the pushed result; remove ${field}`,
            });
        return;
      }
      if (!c.expression)
        problems.push({
          line: lineOf(['spec', 'checks', i]),
          message: `spec.checks[${i}].expression: is required (or external: true for a check computed elsewhere)`,
        });
      if (c.maxAgeDays !== undefined)
        problems.push({
          line: at('maxAgeDays'),
          message: `spec.checks[${i}].maxAgeDays: only for external checks`,
        });
      // The value message's placeholders are CEL too, evaluated over the same sample.
      for (const m of (c.value ?? '').matchAll(/\{\{(.*?)\}\}/g)) {
        const sample = evaluateCel(m[1].trim(), {
          ...sampleFacts(definitions),
          stage: '1-10',
          target: 1.5,
        });
        if (!sample.ok && !/field not found|no such key/.test(sample.error))
          problems.push({
            line: at('value'),
            message: `spec.checks[${i}].value: {{${m[1].trim()}}} ${
              sample.error
            }`,
          });
      }
      for (const field of ['expression', 'warn'] as const) {
        const source = c[field];
        if (!source) continue;
        const compiled = checkCel(source);
        if (!compiled.ok) {
          problems.push({
            line: at(field),
            message: `spec.checks[${i}].${field}: does not compile: ${
              compiled.error.split('\n')[0]
            }`,
          });
          continue;
        }
        const code = source.replace(
          /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g,
          '""',
        );
        for (const ref of referencedFacts(source, providers))
          if (!definitions[ref.provider].facts[ref.fact])
            problems.push({
              line: at(field),
              message: `spec.checks[${i}].${field}: ${ref.provider}.${
                ref.fact
              } is not a fact (${ref.provider} has ${Object.keys(
                definitions[ref.provider].facts,
              ).join(', ')})`,
            });
        // Types: evaluated once over a value of every fact's type. A missing map key is a run-time
        // matter (not-reported or error then), a type mismatch is refused now.
        const sample = evaluateCel(source, {
          ...sampleFacts(definitions),
          stage: '1-10',
          target: 1.5,
        });
        if (!sample.ok && /unresolved attribute/.test(sample.error))
          problems.push({
            line: at(field),
            message: `spec.checks[${i}].${field}: reads a variable that is not a fact provider (${[
              ...providers,
              'stage',
              'target',
            ].join(', ')})`,
          });
        else if (!sample.ok && /no matching overload/.test(sample.error))
          problems.push({
            line: at(field),
            message: `spec.checks[${i}].${field}: ${sample.error.replace(
              /^failed to evaluate: /,
              '',
            )}`,
          });
        else if (
          sample.ok &&
          typeof sample.value !== 'boolean' &&
          !(field === 'expression' && typeof sample.value === 'string')
        )
          problems.push({
            line: at(field),
            message: `spec.checks[${i}].${field}: must give a bool${
              field === 'expression' ? " or one of 'pass', 'warn', 'fail'" : ''
            }`,
          });
        if (/\btarget\b/.test(code) && !c.targets)
          problems.push({
            line: at(field),
            message: `spec.checks[${i}].${field}: reads target, but the check has no targets`,
          });
      }
    });
    scorecards.push(card);
  }
  const seenNames = new Set<string>();
  for (const card of scorecards) {
    if (seenNames.has(card.metadata.name))
      problems.push({
        line: null,
        message: `metadata.name: the scorecard '${card.metadata.name}' is defined twice`,
      });
    seenNames.add(card.metadata.name);
  }
  if (problems.length === 0 && scorecards.length === 0)
    problems.push({ line: null, message: 'no Scorecard document in the file' });
  return problems.length ? { ok: false, problems } : { ok: true, scorecards };
}
