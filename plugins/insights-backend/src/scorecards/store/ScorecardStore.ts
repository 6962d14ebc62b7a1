import { Knex } from 'knex';
import { chunk, insertBatchRows, toNumber } from '../../shared/sql';
import {
  CheckState,
  ExternalResult,
  ScorecardResult,
} from '../engine/evaluateScorecard';
import { RuleProblem } from '../engine/scorecardRules';

export type RuleSource = {
  source: string;
  version: string | null;
  content: string | null;
  loadedAt: number | null;
  refusedVersion: string | null;
  problems: RuleProblem[] | null;
  refusedAt: number | null;
};

export type CurrentResult = {
  entityRef: string;
  scorecard: string;
  checkId: string;
  state: CheckState;
  message: string | null;
  dueBy: string | null;
  changedAt: number;
};

export type ResultChange = {
  entityRef: string;
  scorecard: string;
  checkId: string;
  state: CheckState;
  message: string | null;
  changedAt: number;
};

export type StoredExemption = {
  id: number;
  entityRef: string;
  scorecard: string;
  checkId: string;
  reason: string;
  expiresAt: number;
  grantedBy: string;
  grantedAt: number;
  revokedAt: number | null;
};

/**
 * The scorecards domain's store: rule sources (the last good version of each), the current result of
 * every entity's checks, the append-only history of their changes, levels and exemptions. The only
 * code that reads or writes the `scorecard_*` tables.
 */
export interface ScorecardStore {
  sources(): Promise<RuleSource[]>;
  acceptSource(
    source: string,
    version: string,
    content: string,
    now: number,
  ): Promise<void>;
  refuseSource(
    source: string,
    version: string,
    problems: RuleProblem[],
    now: number,
  ): Promise<void>;
  /**
   * Writes results where they changed (the current row, one history row, the level), in one
   * transaction per chunk of entities; checks no longer evaluated for an entity are removed from its
   * current results. Answers how many check results changed.
   */
  writeResults(
    results: Array<{ entityRef: string; results: ScorecardResult[] }>,
    now: number,
  ): Promise<number>;
  current(entityRefs: string[]): Promise<{
    checks: CurrentResult[];
    levels: Array<{
      entityRef: string;
      scorecard: string;
      level: string | null;
      changedAt: number;
    }>;
  }>;
  history(entityRef: string, limit: number): Promise<ResultChange[]>;
  /** When the oldest recorded change happened (null when nothing was evaluated yet). */
  oldestChange(): Promise<number | null>;
  /**
   * Forgets every result, level and their history (exemptions and external results stay): only for
   * rebuilding a demo's history from its first day.
   */
  clearResults(): Promise<void>;
  /** Entities per scorecard, check and state, across everything evaluated (the rules page). */
  stateCounts(): Promise<
    Array<{
      scorecard: string;
      checkId: string;
      state: CheckState;
      entities: number;
    }>
  >;
  /** Each entity's level per scorecard at a moment (from the level changes). */
  levelsAt(
    entityRefs: string[],
    at: number,
  ): Promise<
    Array<{ entityRef: string; scorecard: string; level: string | null }>
  >;
  exemptions(entityRefs: string[], now: number): Promise<StoredExemption[]>;
  /**
   * Keeps pushed results of external checks, the newest per entity and check (a result older than the
   * stored one changes nothing). Answers how many were newer.
   */
  putExternalResults(
    results: Array<
      ExternalResult & {
        entityRef: string;
        scorecard: string;
        reportedBy: string;
      }
    >,
  ): Promise<number>;
  externalResults(
    entityRefs: string[],
  ): Promise<Array<ExternalResult & { entityRef: string; scorecard: string }>>;
  addExemption(
    e: Omit<StoredExemption, 'id' | 'revokedAt'>,
  ): Promise<StoredExemption>;
  revokeExemption(
    id: number,
    now: number,
  ): Promise<StoredExemption | undefined>;
}

const fromResult = (r: Record<string, any>): CurrentResult => ({
  entityRef: r.entity_ref,
  scorecard: r.scorecard,
  checkId: r.check_id,
  state: r.state,
  message: r.message ?? null,
  dueBy: r.due_by ?? null,
  changedAt: toNumber(r.changed_at),
});

const fromExemption = (r: Record<string, any>): StoredExemption => ({
  id: toNumber(r.id),
  entityRef: r.entity_ref,
  scorecard: r.scorecard,
  checkId: r.check_id,
  reason: r.reason,
  expiresAt: toNumber(r.expires_at),
  grantedBy: r.granted_by,
  grantedAt: toNumber(r.granted_at),
  revokedAt:
    r.revoked_at === null || r.revoked_at === undefined
      ? null
      : toNumber(r.revoked_at),
});

const key = (entityRef: string, scorecard: string, checkId = '') =>
  `${entityRef}\u0000${scorecard}\u0000${checkId}`;

export class DatabaseScorecardStore implements ScorecardStore {
  /** SQL's null-safe "differs", as each engine writes it. */
  private readonly distinct: string;

  constructor(private readonly db: Knex) {
    this.distinct = String(db.client.config.client).includes('pg')
      ? 'IS DISTINCT FROM'
      : 'IS NOT';
  }

  async sources(): Promise<RuleSource[]> {
    const rows = await this.db('scorecard_rule_sources')
      .select()
      .orderBy('source');
    return rows.map(r => ({
      source: r.source,
      version: r.version ?? null,
      content: r.content ?? null,
      loadedAt: r.loaded_at === null ? null : toNumber(r.loaded_at),
      refusedVersion: r.refused_version ?? null,
      problems: r.problems ? JSON.parse(r.problems) : null,
      refusedAt: r.refused_at === null ? null : toNumber(r.refused_at),
    }));
  }

  async acceptSource(
    source: string,
    version: string,
    content: string,
    now: number,
  ) {
    await this.db('scorecard_rule_sources')
      .insert({
        source,
        version,
        content,
        loaded_at: now,
        refused_version: null,
        problems: null,
        refused_at: null,
      })
      .onConflict('source')
      .merge();
  }

  async refuseSource(
    source: string,
    version: string,
    problems: RuleProblem[],
    now: number,
  ) {
    await this.db('scorecard_rule_sources')
      .insert({
        source,
        refused_version: version,
        problems: JSON.stringify(problems),
        refused_at: now,
      })
      .onConflict('source')
      .merge(['refused_version', 'problems', 'refused_at']);
  }

  async writeResults(
    input: Array<{ entityRef: string; results: ScorecardResult[] }>,
    now: number,
  ): Promise<number> {
    let changed = 0;
    // Rows per statement: as many as the engine takes (fewer round trips on a first evaluation).
    const batch = insertBatchRows(this.db);
    for (const part of chunk(input, 500)) {
      const refs = part.map(p => p.entityRef);
      changed += await this.db.transaction(async tx => {
        const current = new Map(
          (
            await tx('scorecard_results').whereIn('entity_ref', refs).select()
          ).map(r => [
            key(r.entity_ref, r.scorecard, r.check_id),
            fromResult(r),
          ]),
        );
        const levels = new Map(
          (
            await tx('scorecard_levels').whereIn('entity_ref', refs).select()
          ).map(r => [
            key(r.entity_ref, r.scorecard),
            (r.level as string | null) ?? null,
          ]),
        );
        const seen = new Set<string>();
        const upserts: Array<Record<string, unknown>> = [];
        const changes: Array<Record<string, unknown>> = [];
        const levelUpserts: Array<Record<string, unknown>> = [];
        for (const { entityRef, results } of part) {
          for (const result of results) {
            const levelKey = key(entityRef, result.scorecard);
            if (!levels.has(levelKey) || levels.get(levelKey) !== result.level)
              levelUpserts.push({
                entity_ref: entityRef,
                scorecard: result.scorecard,
                level: result.level,
                changed_at: now,
              });
            levels.delete(levelKey);
            for (const check of result.checks) {
              const k = key(entityRef, result.scorecard, check.checkId);
              seen.add(k);
              const before = current.get(k);
              if (
                before &&
                before.state === check.state &&
                before.message === check.message &&
                before.dueBy === check.dueBy
              )
                continue;
              const row = {
                entity_ref: entityRef,
                scorecard: result.scorecard,
                check_id: check.checkId,
                state: check.state,
                message: check.message,
              };
              upserts.push({ ...row, due_by: check.dueBy, changed_at: now });
              changes.push({ ...row, changed_at: now });
            }
          }
        }
        const gone = [...current.keys()].filter(k => !seen.has(k));
        for (const k of gone) {
          const [entityRef, scorecard, checkId] = k.split('\u0000');
          await tx('scorecard_results')
            .where({ entity_ref: entityRef, scorecard, check_id: checkId })
            .delete();
        }
        // Scorecards that no longer apply to an entity: no level.
        for (const k of levels.keys()) {
          const [entityRef, scorecard] = k.split('\u0000');
          await tx('scorecard_levels')
            .where({ entity_ref: entityRef, scorecard })
            .delete();
        }
        // Only rows that really change are written and get a history row: two evaluations of the
        // same entity at once (two replicas, a push during the hourly run) record one change. On
        // PostgreSQL the second upsert waits for the first's row lock and then sees no difference.
        const { distinct } = this;
        const written: Array<Record<string, unknown>> = [];
        for (const rows of chunk(upserts, batch))
          written.push(
            ...(await tx('scorecard_results')
              .insert(rows, ['entity_ref', 'scorecard', 'check_id'])
              .onConflict(['entity_ref', 'scorecard', 'check_id'])
              .merge()
              .whereRaw(
                `scorecard_results.state ${distinct} excluded.state OR scorecard_results.message ${distinct} excluded.message OR scorecard_results.due_by ${distinct} excluded.due_by`,
              )),
          );
        const wrote = new Set(
          written.map(r =>
            key(
              r.entity_ref as string,
              r.scorecard as string,
              r.check_id as string,
            ),
          ),
        );
        const recorded = changes.filter(c =>
          wrote.has(
            key(
              c.entity_ref as string,
              c.scorecard as string,
              c.check_id as string,
            ),
          ),
        );
        for (const rows of chunk(recorded, batch))
          await tx('scorecard_result_changes').insert(rows);
        for (const rows of chunk(levelUpserts, batch)) {
          const levelled = new Set(
            (
              await tx('scorecard_levels')
                .insert(rows, ['entity_ref', 'scorecard'])
                .onConflict(['entity_ref', 'scorecard'])
                .merge()
                .whereRaw(`scorecard_levels.level ${distinct} excluded.level`)
            ).map(r => key(r.entity_ref, r.scorecard)),
          );
          const levelChanges = rows.filter(r =>
            levelled.has(key(r.entity_ref as string, r.scorecard as string)),
          );
          if (levelChanges.length)
            await tx('scorecard_level_changes').insert(levelChanges);
        }
        return recorded.length;
      });
    }
    return changed;
  }

  async current(entityRefs: string[]) {
    const checks: CurrentResult[] = [];
    const levels: Array<{
      entityRef: string;
      scorecard: string;
      level: string | null;
      changedAt: number;
    }> = [];
    for (const part of chunk(entityRefs, 500)) {
      checks.push(
        ...(
          await this.db('scorecard_results')
            .whereIn('entity_ref', part)
            .select()
        ).map(fromResult),
      );
      levels.push(
        ...(
          await this.db('scorecard_levels').whereIn('entity_ref', part).select()
        ).map(r => ({
          entityRef: r.entity_ref,
          scorecard: r.scorecard,
          level: r.level ?? null,
          changedAt: toNumber(r.changed_at),
        })),
      );
    }
    return { checks, levels };
  }

  async history(entityRef: string, limit: number): Promise<ResultChange[]> {
    const rows = await this.db('scorecard_result_changes')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'changed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)
      .select();
    return rows.map(r => ({
      entityRef: r.entity_ref,
      scorecard: r.scorecard,
      checkId: r.check_id,
      state: r.state,
      message: r.message ?? null,
      changedAt: toNumber(r.changed_at),
    }));
  }

  async oldestChange() {
    const row = await this.db('scorecard_result_changes')
      .min({ at: 'changed_at' })
      .first();
    return row?.at === null || row?.at === undefined ? null : toNumber(row.at);
  }

  async clearResults() {
    await this.db.transaction(async tx => {
      for (const table of [
        'scorecard_results',
        'scorecard_result_changes',
        'scorecard_levels',
        'scorecard_level_changes',
      ])
        await tx(table).delete();
    });
  }

  async stateCounts() {
    const rows: Array<Record<string, unknown>> = await this.db(
      'scorecard_results',
    )
      .select('scorecard', 'check_id', 'state')
      .count({ n: '*' })
      .groupBy('scorecard', 'check_id', 'state');
    return rows.map(r => ({
      scorecard: String(r.scorecard),
      checkId: String(r.check_id),
      state: r.state as CheckState,
      entities: Number(r.n),
    }));
  }

  async levelsAt(entityRefs: string[], at: number) {
    const out: Array<{
      entityRef: string;
      scorecard: string;
      level: string | null;
    }> = [];
    for (const part of chunk(entityRefs, 500)) {
      const rows = await this.db('scorecard_level_changes as c')
        .whereIn('c.entity_ref', part)
        .where('c.changed_at', '<=', at)
        .whereNotExists(
          this.db('scorecard_level_changes as n')
            .select(this.db.raw('1'))
            .whereRaw('n.entity_ref = c.entity_ref')
            .whereRaw('n.scorecard = c.scorecard')
            .where('n.changed_at', '<=', at)
            .whereRaw(
              '(n.changed_at > c.changed_at OR (n.changed_at = c.changed_at AND n.id > c.id))',
            ),
        )
        .select('c.entity_ref', 'c.scorecard', 'c.level');
      out.push(
        ...rows.map(r => ({
          entityRef: r.entity_ref as string,
          scorecard: r.scorecard as string,
          level: (r.level as string | null) ?? null,
        })),
      );
    }
    return out;
  }

  async exemptions(
    entityRefs: string[],
    now: number,
  ): Promise<StoredExemption[]> {
    const out: StoredExemption[] = [];
    for (const part of chunk(entityRefs, 500))
      out.push(
        ...(
          await this.db('scorecard_exemptions')
            .whereIn('entity_ref', part)
            .whereNull('revoked_at')
            .where('expires_at', '>', now)
            .select()
        ).map(fromExemption),
      );
    return out;
  }

  async putExternalResults(
    results: Array<
      ExternalResult & {
        entityRef: string;
        scorecard: string;
        reportedBy: string;
      }
    >,
  ) {
    let newer = 0;
    for (const rows of chunk(results, 200)) {
      const inserted = await this.db('scorecard_external_results')
        .insert(
          rows.map(r => ({
            entity_ref: r.entityRef,
            scorecard: r.scorecard,
            check_id: r.checkId,
            state: r.state,
            message: r.message,
            reported_at: r.reportedAt,
            reported_by: r.reportedBy,
          })),
          ['entity_ref'],
        )
        .onConflict(['entity_ref', 'scorecard', 'check_id'])
        .merge()
        // Replays and late deliveries of older results change nothing.
        .where(
          'scorecard_external_results.reported_at',
          '<',
          this.db.raw('excluded.reported_at'),
        );
      newer += inserted.length;
    }
    return newer;
  }

  async externalResults(entityRefs: string[]) {
    const out: Array<
      ExternalResult & { entityRef: string; scorecard: string }
    > = [];
    for (const part of chunk(entityRefs, 500))
      out.push(
        ...(
          await this.db('scorecard_external_results')
            .whereIn('entity_ref', part)
            .select()
        ).map(r => ({
          entityRef: r.entity_ref as string,
          scorecard: r.scorecard as string,
          checkId: r.check_id as string,
          state: r.state as ExternalResult['state'],
          message: (r.message as string | null) ?? null,
          reportedAt: toNumber(r.reported_at),
        })),
      );
    return out;
  }

  async addExemption(e: Omit<StoredExemption, 'id' | 'revokedAt'>) {
    const [row] = await this.db('scorecard_exemptions').insert(
      {
        entity_ref: e.entityRef,
        scorecard: e.scorecard,
        check_id: e.checkId,
        reason: e.reason,
        expires_at: e.expiresAt,
        granted_by: e.grantedBy,
        granted_at: e.grantedAt,
      },
      ['id'],
    );
    return { ...e, id: toNumber(row.id ?? row), revokedAt: null };
  }

  async revokeExemption(id: number, now: number) {
    const updated = await this.db('scorecard_exemptions')
      .where({ id })
      .whereNull('revoked_at')
      .update({ revoked_at: now });
    if (!updated) return undefined;
    return fromExemption(
      await this.db('scorecard_exemptions').where({ id }).first(),
    );
  }
}
