import {
  celVariables,
  evaluateCel,
  formatCelValue,
  renderCelTemplate,
} from '@cairn/cel';
import {
  AppliesTo,
  FactDefinitions,
  referencedFacts,
  Scorecard,
  ScorecardCheck,
  Stage,
} from './scorecardRules';

/*
 * A scorecard over one entity's facts (../shared/DESIGN.md, "Scorecards"). Pure: the oracle of the
 * scorecards domain.
 *
 * - not-applicable: the entity is outside the check's filters, its stage is not among the check's
 *   stages, or the check has no target for its stage. Never a failure.
 * - not-reported: a fact the check reads has no data yet (its provider has nothing for the entity, or
 *   the fact is absent). Never a failure.
 * - error: the expression failed at run time (with the message), or gave something other than a state.
 * - exempt: a failing or warning check under an unexpired exemption.
 * - Levels, lowest first: a level is reached when every applicable check of it and of the levels below
 *   passes (warn, error and not-reported do not pass; not-applicable and exempt do not count; a failure
 *   before its campaign deadline does not cost the level).
 */

export type CheckState =
  | 'pass'
  | 'fail'
  | 'warn'
  | 'not-applicable'
  | 'not-reported'
  | 'error'
  | 'exempt';

export type EntityForScorecards = {
  entityRef: string;
  kind: string;
  type?: string;
  lifecycle?: string;
  tags: string[];
  owner?: string;
  stage: Stage;
};

export type CheckResult = {
  checkId: string;
  state: CheckState;
  /** The check's value message, or the error; null when there is none. */
  message: string | null;
  /** A failure before the campaign's deadline: shown as due, not as a lost level. */
  dueBy: string | null;
};

export type ScorecardResult = {
  scorecard: string;
  /** The highest level reached, null when not even the lowest. */
  level: string | null;
  checks: CheckResult[];
};

export type Exemption = { checkId: string; expiresAt: number };

/** The last result pushed for an external check (a scanner's, say). */
export type ExternalResult = {
  checkId: string;
  state: 'pass' | 'warn' | 'fail' | 'error';
  message: string | null;
  reportedAt: number;
};

const lower = (values?: string[]) => values?.map(v => v.toLowerCase());

/** Whether an entity passes a filter (every given list must contain the entity's value). */
export function applies(filter: AppliesTo | undefined, e: EntityForScorecards) {
  if (!filter) return true;
  const has = (list: string[] | undefined, value: string | undefined) =>
    !list ||
    (value !== undefined && lower(list)!.includes(value.toLowerCase()));
  return (
    has(filter.kinds, e.kind) &&
    has(filter.types, e.type) &&
    has(filter.lifecycles, e.lifecycle) &&
    has(filter.owners, e.owner) &&
    (!filter.tags ||
      filter.tags.some(t =>
        e.tags.map(x => x.toLowerCase()).includes(t.toLowerCase()),
      ))
  );
}

const STATES = new Set(['pass', 'warn', 'fail']);

const DAY = 86_400_000;

const dueByOf = (check: ScorecardCheck, state: CheckState, now: number) =>
  state === 'fail' &&
  check.deadline &&
  Date.parse(`${check.deadline}T23:59:59Z`) >= now
    ? check.deadline
    : null;

function evaluateCheck(
  check: ScorecardCheck,
  entity: EntityForScorecards,
  facts: Record<string, Record<string, unknown>>,
  definitions: FactDefinitions,
  external: ExternalResult | undefined,
  now: number,
): Omit<CheckResult, 'checkId'> {
  const none = { message: null, dueBy: null };
  if (!applies(check.appliesTo, entity))
    return { state: 'not-applicable', ...none };
  if (check.stages && !check.stages.includes(entity.stage))
    return { state: 'not-applicable', ...none };
  const target = check.targets?.[entity.stage];
  if (check.targets && target === undefined)
    return { state: 'not-applicable', ...none };

  if (check.external) {
    // (A result pushed after the moment evaluated, when history is rebuilt, did not exist yet.)
    if (!external || external.reportedAt > now)
      return {
        state: 'not-reported',
        message: 'no result pushed yet',
        dueBy: null,
      };
    if (check.maxAgeDays && external.reportedAt < now - check.maxAgeDays * DAY)
      return {
        state: 'not-reported',
        message: `the last result (${new Date(external.reportedAt)
          .toISOString()
          .slice(0, 10)}) is older than ${check.maxAgeDays} days`,
        dueBy: null,
      };
    return {
      state: external.state,
      message: external.message,
      dueBy: dueByOf(check, external.state, now),
    };
  }

  const providers = Object.keys(definitions);
  const expression = check.expression!;
  const sources = [expression, check.warn ?? ''];
  const missing = sources
    .flatMap(s => referencedFacts(s, providers))
    .filter(r => !facts[r.provider] || !(r.fact in facts[r.provider]));
  // A fact used only under has() may be absent by design.
  const needed = missing.filter(
    r =>
      !sources.some(s =>
        new RegExp(`has\\(\\s*${r.provider}\\.${r.fact}\\s*\\)`).test(s),
      ),
  );
  if (needed.length)
    return {
      state: 'not-reported',
      message: `no data yet: ${[
        ...new Set(needed.map(r => `${r.provider}.${r.fact}`)),
      ].join(', ')}`,
      dueBy: null,
    };

  const vars: Record<string, unknown> = {
    ...(celVariables(facts) as Record<string, unknown>),
    stage: entity.stage,
    ...(target !== undefined ? { target } : {}),
  };
  const outcome = evaluateCel(expression, vars);
  if (!outcome.ok)
    return { state: 'error', message: outcome.error, dueBy: null };
  let state: CheckState;
  if (typeof outcome.value === 'boolean')
    state = outcome.value ? 'pass' : 'fail';
  else if (typeof outcome.value === 'string' && STATES.has(outcome.value))
    state = outcome.value as CheckState;
  else
    return {
      state: 'error',
      message: `gave ${formatCelValue(
        outcome.value,
      )}, not a bool or 'pass', 'warn', 'fail'`,
      dueBy: null,
    };
  if (state === 'fail' && check.warn) {
    const warn = evaluateCel(check.warn, vars);
    if (!warn.ok) return { state: 'error', message: warn.error, dueBy: null };
    if (warn.value === true) state = 'warn';
  }
  const message = check.value ? renderCelTemplate(check.value, vars) : null;
  return { state, message, dueBy: dueByOf(check, state, now) };
}

export function evaluateScorecard(input: {
  scorecard: Scorecard;
  entity: EntityForScorecards;
  /** The entity's facts by provider (a provider with nothing for it is absent). */
  facts: Record<string, Record<string, unknown>>;
  definitions: FactDefinitions;
  exemptions?: Exemption[];
  /** The pushed results of the scorecard's external checks, for this entity. */
  external?: ExternalResult[];
  now: number;
}): ScorecardResult | undefined {
  const { scorecard, entity, now } = input;
  if (!applies(scorecard.spec.appliesTo, entity)) return undefined;
  const exempt = new Map(
    (input.exemptions ?? [])
      .filter(x => x.expiresAt > now)
      .map(x => [x.checkId, x]),
  );
  const checks: CheckResult[] = scorecard.spec.checks.map(check => {
    const result = evaluateCheck(
      check,
      entity,
      input.facts,
      input.definitions,
      input.external?.find(x => x.checkId === check.id),
      now,
    );
    if (
      (result.state === 'fail' || result.state === 'warn') &&
      exempt.has(check.id)
    )
      return { checkId: check.id, ...result, state: 'exempt', dueBy: null };
    return { checkId: check.id, ...result };
  });
  const byId = new Map(checks.map(c => [c.checkId, c]));
  let level: string | null = null;
  for (const name of scorecard.spec.levels) {
    const ofLevel = scorecard.spec.checks.filter(c => c.level === name);
    const reached = ofLevel.every(c => {
      const r = byId.get(c.id)!;
      return (
        r.state === 'pass' ||
        r.state === 'not-applicable' ||
        r.state === 'exempt' ||
        (r.state === 'fail' && r.dueBy !== null)
      );
    });
    if (!reached) break;
    level = name;
  }
  return { scorecard: scorecard.metadata.name, level, checks };
}
