import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { chunk, toNumber } from '../../shared/sql';
import { KnowledgeReport } from '../engine/knowledge';
import { OwnerHealth } from '../engine/ownerHealth';

export type OwnershipReport = {
  componentRef: string;
  computedAt: number;
  ownerHealth: OwnerHealth;
  knowledge: (KnowledgeReport & { unmatchedAuthors: number }) | null;
  /** Why there is no knowledge report (no source location, the clone failed, ...). */
  knowledgeProblem: string | null;
  /** The repository and commit analysed. */
  source: string | null;
};

/**
 * The ownership domain's store: each component's report, a new row only when it changed (the history).
 * The only code that reads or writes the `ownership_*` tables.
 */
export interface OwnershipStore {
  /** Stores the report unless it equals the newest one; says whether it wrote. */
  save(report: OwnershipReport): Promise<boolean>;
  /** The newest report of each component. */
  latest(componentRefs: string[]): Promise<Map<string, OwnershipReport>>;
  /** A component's reports, newest first. */
  history(componentRef: string, limit: number): Promise<OwnershipReport[]>;
}

const hashOf = (r: OwnershipReport) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        r.ownerHealth,
        r.knowledge,
        r.knowledgeProblem,
        r.source,
      ]),
    )
    .digest('hex');

function fromRow(row: Record<string, any>): OwnershipReport {
  return {
    componentRef: row.component_ref,
    computedAt: toNumber(row.computed_at),
    ownerHealth: JSON.parse(row.owner_health),
    knowledge: row.knowledge ? JSON.parse(row.knowledge) : null,
    knowledgeProblem: row.knowledge_problem ?? null,
    source: row.source ?? null,
  };
}

export class DatabaseOwnershipStore implements OwnershipStore {
  constructor(private readonly db: Knex) {}

  async save(report: OwnershipReport): Promise<boolean> {
    const hash = hashOf(report);
    const newest = await this.db('ownership_reports')
      .where({ component_ref: report.componentRef })
      .orderBy([
        { column: 'computed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first('content_hash');
    if (newest?.content_hash === hash) return false;
    await this.db('ownership_reports').insert({
      component_ref: report.componentRef,
      computed_at: report.computedAt,
      content_hash: hash,
      owner_health: JSON.stringify(report.ownerHealth),
      knowledge: report.knowledge ? JSON.stringify(report.knowledge) : null,
      knowledge_problem: report.knowledgeProblem,
      source: report.source,
    });
    return true;
  }

  async latest(componentRefs: string[]) {
    const result = new Map<string, OwnershipReport>();
    for (const part of chunk(componentRefs, 500)) {
      const rows = await this.db('ownership_reports as r')
        .whereIn('r.component_ref', part)
        .whereNotExists(
          this.db('ownership_reports as n')
            .select(this.db.raw('1'))
            .whereRaw('n.component_ref = r.component_ref')
            .whereRaw(
              '(n.computed_at > r.computed_at OR (n.computed_at = r.computed_at AND n.id > r.id))',
            ),
        )
        .select();
      for (const row of rows) result.set(row.component_ref, fromRow(row));
    }
    return result;
  }

  async history(componentRef: string, limit: number) {
    const rows = await this.db('ownership_reports')
      .where({ component_ref: componentRef })
      .orderBy([
        { column: 'computed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)
      .select();
    return rows.map(fromRow);
  }
}
