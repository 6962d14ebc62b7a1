import { createHash } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityForScorecards,
  evaluateScorecard,
  ExternalResult,
  ScorecardResult,
} from './engine/evaluateScorecard';
import {
  FactDefinitions,
  parseScorecardRules,
  RuleProblem,
  Scorecard,
  STAGE_LABELS,
} from './engine/scorecardRules';
import { ScorecardStore, StoredExemption } from './store/ScorecardStore';

/** A configured rule file: where it is, and how to read it (UrlReader or a local file). */
export type RuleSourceReader = { source: string; read: () => Promise<string> };

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/** Thrown when a draft rule file is refused: its problems, each with a line. */
export class RulesRefusedError extends InputError {
  constructor(readonly problems: RuleProblem[]) {
    super(
      `rules: refused: ${problems
        .slice(0, 5)
        .map(p => (p.line ? `line ${p.line}: ${p.message}` : p.message))
        .join('; ')}`,
    );
  }
}

/**
 * The scorecards domain's service: loads the platform team's rule files (keeping the last good
 * version of each), evaluates every entity on a schedule (and one on demand) over the facts registry,
 * stores the results as state changes, and answers results, history, definitions, dry runs and
 * exemptions.
 */
export class ScorecardService {
  private scorecards: Scorecard[] = [];

  constructor(
    private readonly options: {
      store: ScorecardStore;
      definitions: () => FactDefinitions;
      factsFor: (
        entityRefs: string[],
        now: Date,
      ) => Promise<Map<string, Record<string, Record<string, unknown>>>>;
      /** Entities the scorecards may apply to, with their stage (all, or those asked for). */
      entities: (entityRefs?: string[]) => Promise<EntityForScorecards[]>;
      /**
       * The rule files in force: the configured ones and those the catalog names (read at every
       * refresh; when the list cannot be had, the last one is kept).
       */
      sources: () => Promise<RuleSourceReader[]>;
      /** A group's (whole sub-tree) or a system's components, from the catalog (rollups). */
      members?: (
        entityRef: string,
      ) => Promise<{ ref: string; components: string[] }>;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now ? this.options.now() : Date.now();
  }

  private loaded = false;
  private sourceList: RuleSourceReader[] = [];

  /** The rules are read once before the first use (the scheduled task reads them again each run). */
  private async ensureRules() {
    if (!this.loaded) await this.refreshRules();
  }

  /**
   * Reads every rule file; a changed file is parsed and checked against the facts' definitions, and
   * kept when good, refused (with its problems) otherwise; the last good version of each keeps running,
   * across restarts too.
   */
  async refreshRules(): Promise<{ scorecards: number; refused: string[] }> {
    const stored = new Map(
      (await this.options.store.sources()).map(s => [s.source, s]),
    );
    const definitions = this.options.definitions();
    const refused: string[] = [];
    const scorecards: Scorecard[] = [];
    try {
      this.sourceList = await this.options.sources();
    } catch (error) {
      this.options.logger.warn(
        `Scorecard rule files could not be listed, the last known ones keep running: ${
          (error as Error).message
        }`,
      );
    }
    for (const { source, read } of this.sourceList) {
      const before = stored.get(source);
      let text: string | undefined;
      try {
        text = await read();
      } catch (error) {
        this.options.logger.warn(
          `Scorecard rules ${source} could not be read, the last good version keeps running: ${
            (error as Error).message
          }`,
        );
      }
      if (text !== undefined) {
        const version = hash(text);
        if (version !== before?.version && version !== before?.refusedVersion) {
          const parsed = parseScorecardRules(text, definitions);
          if (parsed.ok) {
            await this.options.store.acceptSource(
              source,
              version,
              text,
              this.now(),
            );
            this.options.logger.info(
              `Scorecard rules ${source}: version ${version.slice(
                0,
                12,
              )} loaded`,
            );
          } else {
            await this.options.store.refuseSource(
              source,
              version,
              parsed.problems,
              this.now(),
            );
            refused.push(source);
            this.options.logger.warn(
              `Scorecard rules ${source} refused, the last good version keeps running: ${parsed.problems
                .slice(0, 3)
                .map(p => `line ${p.line ?? '?'}: ${p.message}`)
                .join('; ')}`,
            );
          }
        } else if (version === before?.refusedVersion) {
          refused.push(source);
        }
      }
    }
    for (const s of await this.options.store.sources()) {
      if (!s.content || !this.sourceList.some(x => x.source === s.source))
        continue;
      const parsed = parseScorecardRules(s.content, definitions);
      if (parsed.ok) scorecards.push(...parsed.scorecards);
    }
    this.scorecards = scorecards;
    this.loaded = true;
    return { scorecards: scorecards.length, refused };
  }

  private async evaluateEntities(
    entities: EntityForScorecards[],
    scorecards: Scorecard[],
    now = this.now(),
  ): Promise<Array<{ entityRef: string; results: ScorecardResult[] }>> {
    const definitions = this.options.definitions();
    const refs = entities.map(e => e.entityRef);
    const facts = await this.options.factsFor(refs, new Date(now));
    const exemptions = new Map<string, StoredExemption[]>();
    for (const x of await this.options.store.exemptions(refs, now))
      if (x.grantedAt <= now)
        exemptions.set(x.entityRef, [
          ...(exemptions.get(x.entityRef) ?? []),
          x,
        ]);
    const external = new Map<string, ExternalResult[]>();
    if (scorecards.some(card => card.spec.checks.some(c => c.external)))
      for (const x of await this.options.store.externalResults(refs)) {
        const k = `${x.entityRef}\u0000${x.scorecard}`;
        external.set(k, [...(external.get(k) ?? []), x]);
      }
    return entities.map(entity => ({
      entityRef: entity.entityRef,
      results: scorecards.flatMap(scorecard => {
        const result = evaluateScorecard({
          scorecard,
          entity,
          facts: facts.get(entity.entityRef) ?? {},
          definitions,
          exemptions: (exemptions.get(entity.entityRef) ?? []).filter(
            x => x.scorecard === scorecard.metadata.name,
          ),
          external: external.get(
            `${entity.entityRef}\u0000${scorecard.metadata.name}`,
          ),
          now,
        });
        return result ? [result] : [];
      }),
    }));
  }

  /**
   * Evaluates every entity (the scheduled task), or the ones asked for; stores what changed. `at`
   * evaluates as of an earlier moment (facts over the windows ending then), for rebuilding history.
   */
  async evaluate(
    entityRefs?: string[],
    options: { at?: number } = {},
  ): Promise<{ entities: number; changed: number }> {
    await this.ensureRules();
    const at = options.at ?? this.now();
    const entities = await this.options.entities(entityRefs);
    let changed = 0;
    for (let i = 0; i < entities.length; i += 500) {
      const results = await this.evaluateEntities(
        entities.slice(i, i + 500),
        this.scorecards,
        at,
      );
      changed += await this.options.store.writeResults(results, at);
    }
    if (!entityRefs)
      this.options.logger.info(
        `Scorecards: ${entities.length} entities evaluated, ${changed} results changed`,
      );
    return { entities: entities.length, changed };
  }

  /**
   * The demo's history: when nothing older than a day was recorded (the demo just started), the
   * results are rebuilt by evaluating every entity once a week from `from` (facts as of each week;
   * ownership and SLO facts are today's), so the portal shows trends and changes from the demo's
   * first months. A portal with real history never gets here.
   */
  async rebuildHistory(options: { from: number; stepDays: number }) {
    const oldest = await this.options.store.oldestChange();
    if (oldest !== null && oldest < this.now() - 86_400_000) return 0;
    await this.options.store.clearResults();
    let evaluations = 0;
    for (
      let at = options.from;
      at < this.now();
      at += options.stepDays * 86_400_000
    ) {
      await this.evaluate(undefined, { at });
      evaluations += 1;
    }
    await this.evaluate();
    return evaluations + 1;
  }

  /** A draft rule file against every entity, nothing stored: the states per check, with examples. */
  async dryRun(text: string) {
    const parsed = parseScorecardRules(text, this.options.definitions());
    if (!parsed.ok) throw new RulesRefusedError(parsed.problems);
    const entities = await this.options.entities();
    const summary = new Map<
      string,
      {
        counts: Record<string, number>;
        examples: Record<string, string[]>;
        levels: Record<string, number>;
      }
    >();
    for (let i = 0; i < entities.length; i += 500) {
      for (const { entityRef, results } of await this.evaluateEntities(
        entities.slice(i, i + 500),
        parsed.scorecards,
      ))
        for (const r of results) {
          const s = summary.get(r.scorecard) ?? {
            counts: {},
            examples: {},
            levels: {},
          };
          const level = r.level ?? 'none';
          s.levels[level] = (s.levels[level] ?? 0) + 1;
          for (const c of r.checks) {
            const k = `${c.checkId}\u0000${c.state}`;
            s.counts[k] = (s.counts[k] ?? 0) + 1;
            const examples = (s.examples[k] ??= []);
            if (examples.length < 5)
              examples.push(
                c.message ? `${entityRef}: ${c.message}` : entityRef,
              );
          }
          summary.set(r.scorecard, s);
        }
    }
    return {
      entities: entities.length,
      scorecards: parsed.scorecards.map(card => {
        const s = summary.get(card.metadata.name);
        return {
          name: card.metadata.name,
          title: card.metadata.title ?? card.metadata.name,
          evaluated: Object.values(s?.levels ?? {}).reduce((a, b) => a + b, 0),
          levels: s?.levels ?? {},
          checks: card.spec.checks.map(c => ({
            id: c.id,
            title: c.title,
            states: Object.fromEntries(
              Object.entries(s?.counts ?? {})
                .filter(([k]) => k.startsWith(`${c.id}\u0000`))
                .map(([k, n]) => [k.split('\u0000')[1], n]),
            ),
            examples: Object.fromEntries(
              Object.entries(s?.examples ?? {})
                .filter(([k]) => k.startsWith(`${c.id}\u0000`))
                .map(([k, list]) => [k.split('\u0000')[1], list]),
            ),
          })),
        };
      }),
    };
  }

  /** The scorecards in force, the rule files' versions and refusals, and the facts checks may read. */
  async definitions() {
    await this.ensureRules();
    const counts = await this.options.store.stateCounts();
    const statesOf = (scorecard: string, checkId: string) =>
      Object.fromEntries(
        counts
          .filter(c => c.scorecard === scorecard && c.checkId === checkId)
          .map(c => [c.state, c.entities]),
      );
    return {
      scorecards: this.scorecards.map(card => ({
        name: card.metadata.name,
        title: card.metadata.title ?? card.metadata.name,
        description: card.metadata.description ?? null,
        appliesTo: card.spec.appliesTo ?? {},
        levels: card.spec.levels,
        checks: card.spec.checks.map(c => ({
          id: c.id,
          title: c.title,
          level: c.level,
          expression: c.expression ?? null,
          external: c.external ?? false,
          maxAgeDays: c.maxAgeDays ?? null,
          warn: c.warn ?? null,
          fix: c.fix ?? null,
          stages: c.stages ?? null,
          targets: c.targets ?? null,
          appliesTo: c.appliesTo ?? null,
          deadline: c.deadline ?? null,
          // Entities per state across everything evaluated (pass rates on the rules page).
          states: statesOf(card.metadata.name, c.id),
        })),
      })),
      sources: (await this.options.store.sources())
        .filter(s => this.sourceList.some(x => x.source === s.source))
        .map(s => ({
          source: s.source,
          version: s.version?.slice(0, 12) ?? null,
          loadedAt:
            s.loadedAt === null ? null : new Date(s.loadedAt).toISOString(),
          refused:
            s.refusedVersion && s.problems
              ? {
                  version: s.refusedVersion.slice(0, 12),
                  at: new Date(s.refusedAt!).toISOString(),
                  problems: s.problems,
                }
              : null,
        })),
      stages: Object.entries(STAGE_LABELS).map(([id, label]) => ({
        id,
        label,
      })),
    };
  }

  private ref(entityRef: string) {
    try {
      return stringifyEntityRef(
        parseEntityRef(entityRef, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      ).toLowerCase();
    } catch {
      throw new InputError(
        'entity: must be an entity reference such as component:default/checkout',
      );
    }
  }

  /** An entity's current results per scorecard: its level, each check with its definition. */
  async results(entityRef: string) {
    const ref = this.ref(entityRef);
    await this.ensureRules();
    const [entity] = await this.options.entities([ref]);
    if (!entity) throw new NotFoundError(`No entity ${ref} in the catalog`);
    const { checks, levels } = await this.options.store.current([ref]);
    const exemptions = await this.options.store.exemptions([ref], this.now());
    return {
      entityRef: ref,
      stage: { id: entity.stage, label: STAGE_LABELS[entity.stage] },
      scorecards: this.scorecards
        .filter(card => levels.some(l => l.scorecard === card.metadata.name))
        .map(card => {
          const level = levels.find(l => l.scorecard === card.metadata.name)!;
          return {
            name: card.metadata.name,
            title: card.metadata.title ?? card.metadata.name,
            levels: card.spec.levels,
            level: level.level,
            levelSince: new Date(level.changedAt).toISOString(),
            checks: card.spec.checks.flatMap(c => {
              const r = checks.find(
                x => x.scorecard === card.metadata.name && x.checkId === c.id,
              );
              if (!r) return [];
              const x = exemptions.find(
                e => e.scorecard === card.metadata.name && e.checkId === c.id,
              );
              return [
                {
                  id: c.id,
                  title: c.title,
                  level: c.level,
                  state: r.state,
                  message: r.message,
                  dueBy: r.dueBy,
                  fix: c.fix ?? null,
                  since: new Date(r.changedAt).toISOString(),
                  exemption: x
                    ? {
                        id: x.id,
                        reason: x.reason,
                        expiresAt: new Date(x.expiresAt).toISOString(),
                        grantedBy: x.grantedBy,
                      }
                    : null,
                },
              ];
            }),
          };
        }),
    };
  }

  /**
   * A group's (whole sub-tree's) or a system's components per scorecard: how many reached each level
   * now and 30 days ago, each check's states, and the checks failing most with the entities failing
   * them. Distributions, never one pooled worst case.
   */
  async rollup(entityRef: string) {
    if (!this.options.members)
      throw new InputError('entity: rollups are not available');
    await this.ensureRules();
    const { ref, components } = await this.options.members(entityRef);
    const { checks, levels } = await this.options.store.current(components);
    const before = await this.options.store.levelsAt(
      components,
      this.now() - 30 * 86_400_000,
    );
    return {
      entityRef: ref,
      components: components.length,
      scorecards: this.scorecards.map(card => {
        const name = card.metadata.name;
        const count = (
          rows: Array<{ scorecard: string; level: string | null }>,
        ) => {
          const mine = rows.filter(r => r.scorecard === name);
          return Object.fromEntries(
            ['none', ...card.spec.levels].map(level => [
              level,
              mine.filter(r => (r.level ?? 'none') === level).length,
            ]),
          );
        };
        const ofCard = checks.filter(c => c.scorecard === name);
        const perCheck = card.spec.checks.map(c => {
          const rows = ofCard.filter(r => r.checkId === c.id);
          const states: Record<string, number> = {};
          for (const r of rows) states[r.state] = (states[r.state] ?? 0) + 1;
          return {
            id: c.id,
            title: c.title,
            level: c.level,
            states,
            failing: rows
              .filter(r => r.state === 'fail' && !r.dueBy)
              .map(r => r.entityRef)
              .sort()
              .slice(0, 10),
          };
        });
        return {
          name,
          title: card.metadata.title ?? name,
          levels: card.spec.levels,
          evaluated: levels.filter(l => l.scorecard === name).length,
          levelsNow: count(levels),
          levelsMonthAgo: count(before),
          checks: perCheck,
          topFailing: [...perCheck]
            .filter(c => c.failing.length)
            .sort(
              (a, b) =>
                (b.states.fail ?? 0) - (a.states.fail ?? 0) ||
                (a.id < b.id ? -1 : 1),
            )
            .slice(0, 5)
            .map(c => ({
              id: c.id,
              title: c.title,
              failing: c.states.fail ?? 0,
            })),
        };
      }),
    };
  }

  async history(entityRef: string, limit: number) {
    const ref = this.ref(entityRef);
    return {
      entityRef: ref,
      changes: (await this.options.store.history(ref, limit)).map(c => ({
        scorecard: c.scorecard,
        check: c.checkId,
        state: c.state,
        message: c.message,
        at: new Date(c.changedAt).toISOString(),
      })),
    };
  }

  /**
   * Results of external checks computed elsewhere (scanners, coverage): each names an entity, a
   * scorecard and one of its external checks, a state and when it was produced. Stored (the newest
   * per check), then the entities are evaluated at once so the change reaches the history.
   */
  async reportExternal(body: unknown, reportedBy: string) {
    await this.ensureRules();
    const results = (body as { results?: unknown } | null)?.results;
    if (!Array.isArray(results) || results.length === 0)
      throw new InputError(
        'results: is required (a list of { entity, scorecard, check, state, message?, reportedAt? })',
      );
    if (results.length > 1000)
      throw new InputError('results: at most 1,000 results per request');
    const now = this.now();
    const rows = results.map((r: Record<string, unknown>, i) => {
      const at = (field: string) => `results[${i}].${field}`;
      if (!r || typeof r !== 'object' || Array.isArray(r))
        throw new InputError(`results[${i}]: must be an object`);
      if (typeof r.entity !== 'string')
        throw new InputError(`${at('entity')}: is required (a string)`);
      let entityRef: string;
      try {
        entityRef = this.ref(r.entity);
      } catch {
        throw new InputError(
          `${at(
            'entity',
          )}: must be an entity reference such as component:default/checkout`,
        );
      }
      const card = this.scorecards.find(c => c.metadata.name === r.scorecard);
      if (!card)
        throw new InputError(
          `${at('scorecard')}: no scorecard '${String(r.scorecard)}'`,
        );
      const check = card.spec.checks.find(c => c.id === r.check);
      if (!check)
        throw new InputError(
          `${at('check')}: '${card.metadata.name}' has no check '${String(
            r.check,
          )}'`,
        );
      if (!check.external)
        throw new InputError(
          `${at('check')}: '${
            check.id
          }' is computed by its expression, not pushed (external: true in the rules)`,
        );
      if (!['pass', 'warn', 'fail', 'error'].includes(r.state as string))
        throw new InputError(
          `${at('state')}: must be one of pass, warn, fail, error`,
        );
      if (
        r.message !== undefined &&
        r.message !== null &&
        (typeof r.message !== 'string' || r.message.length > 1000)
      )
        throw new InputError(
          `${at('message')}: must be a string of at most 1,000 characters`,
        );
      let reportedAt = now;
      if (r.reportedAt !== undefined) {
        reportedAt =
          typeof r.reportedAt === 'string' ? Date.parse(r.reportedAt) : NaN;
        if (Number.isNaN(reportedAt))
          throw new InputError(`${at('reportedAt')}: must be a date-time`);
        if (reportedAt > now + 5 * 60_000)
          throw new InputError(`${at('reportedAt')}: is in the future`);
      }
      return {
        entityRef,
        scorecard: card.metadata.name,
        checkId: check.id,
        state: r.state as ExternalResult['state'],
        message: (r.message as string | undefined) ?? null,
        reportedAt,
        reportedBy,
      };
    });
    const refs = [...new Set(rows.map(r => r.entityRef))];
    const known = new Set(
      (await this.options.entities(refs)).map(e => e.entityRef),
    );
    const unknown = rows.findIndex(r => !known.has(r.entityRef));
    if (unknown >= 0)
      throw new InputError(
        `results[${unknown}].entity: no entity ${rows[unknown].entityRef} in the catalog`,
      );
    const stored = await this.options.store.putExternalResults(rows);
    const { changed } = await this.evaluate(refs);
    return { accepted: rows.length, newer: stored, changed };
  }

  /** Exempts one entity's check until a date, for a reason; the entity is evaluated again at once. */
  async exempt(input: {
    entityRef: string;
    scorecard: string;
    checkId: string;
    reason: string;
    expiresAt: string;
    grantedBy: string;
  }) {
    const ref = this.ref(input.entityRef);
    await this.ensureRules();
    const card = this.scorecards.find(c => c.metadata.name === input.scorecard);
    if (!card)
      throw new InputError(`scorecard: no scorecard '${input.scorecard}'`);
    if (!card.spec.checks.some(c => c.id === input.checkId))
      throw new InputError(
        `check: '${input.scorecard}' has no check '${input.checkId}'`,
      );
    if (!input.reason.trim()) throw new InputError('reason: is required');
    if (input.reason.length > 2000)
      throw new InputError('reason: at most 2,000 characters');
    const expiresAt = Date.parse(input.expiresAt);
    if (Number.isNaN(expiresAt))
      throw new InputError('expiresAt: must be a date-time');
    if (expiresAt <= this.now())
      throw new InputError('expiresAt: must be in the future');
    if (expiresAt > this.now() + 366 * 86_400_000)
      throw new InputError('expiresAt: at most a year ahead');
    const exemption = await this.options.store.addExemption({
      entityRef: ref,
      scorecard: input.scorecard,
      checkId: input.checkId,
      reason: input.reason.trim(),
      expiresAt,
      grantedBy: input.grantedBy,
      grantedAt: this.now(),
    });
    await this.evaluate([ref]);
    return exemption;
  }

  async revokeExemption(id: number) {
    const revoked = await this.options.store.revokeExemption(id, this.now());
    if (!revoked) throw new NotFoundError(`No active exemption ${id}`);
    await this.evaluate([revoked.entityRef]);
    return revoked;
  }
}
