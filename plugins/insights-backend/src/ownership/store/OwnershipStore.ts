import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { chunk, toNumber } from '../../shared/sql';
import { KnowledgeReport } from '../engine/knowledge';
import { OwnerHealth } from '../engine/ownerHealth';
import { ReviewConcentration } from '../engine/reviewConcentration';

/** A component's review concentration with the DORA lead-time bottleneck it is read with. */
export type ReviewReport = ReviewConcentration & {
  /** The days of first reviews read. */
  windowDays: number;
  /** The component's lead-time bottleneck stage in production (the DORA card's), if known. */
  leadTimeBottleneck: string | null;
  /** Concentrated and the lead time's bottleneck is pickup: the team's decision bottleneck. */
  bottleneck: boolean;
};

/**
 * A team's (Group's) own report: its current members, the components it owns directly, who knows
 * what (each member's share of each component's commits in the year before its newest) and review load per
 * member (first reviews on its components in the review window).
 */
export type TeamReport = {
  groupRef: string;
  computedAt: number;
  members: string[];
  components: string[];
  whoKnowsWhat: Array<{
    component: string;
    commits: number;
    shares: Array<{ member: string; share: number }>;
  }>;
  reviewLoad: Array<{ member: string; reviews: number }>;
  /** First reviews on the team's components by people outside it. */
  reviewsByOthers: number;
};

export type OwnershipReport = {
  componentRef: string;
  computedAt: number;
  ownerHealth: OwnerHealth;
  knowledge: (KnowledgeReport & { unmatchedAuthors: number }) | null;
  /** Why there is no knowledge report (no source location, the clone failed, ...). */
  knowledgeProblem: string | null;
  /** The repository and commit analysed. */
  source: string | null;
  /** Review concentration; null when no change of the component was reviewed in the window. */
  reviews: ReviewReport | null;
};

/**
 * The ownership domain's store: each component's and each team's report, a new row only when it
 * changed (the history).
 * The only code that reads or writes the `ownership_*` tables.
 */
export interface OwnershipStore {
  /** Stores the report unless it equals the newest one; says whether it wrote. */
  save(report: OwnershipReport): Promise<boolean>;
  /** The newest report of each component. */
  latest(componentRefs: string[]): Promise<Map<string, OwnershipReport>>;
  /** A component's reports, newest first. */
  history(componentRef: string, limit: number): Promise<OwnershipReport[]>;
  /** Stores a team's report unless it equals the newest one; says whether it wrote. */
  saveTeam(report: TeamReport): Promise<boolean>;
  /** The newest report of each team. */
  latestTeams(groupRefs: string[]): Promise<Map<string, TeamReport>>;
}

const hashOf = (r: OwnershipReport) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        r.ownerHealth,
        r.knowledge,
        r.knowledgeProblem,
        r.source,
        r.reviews,
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
    reviews: row.reviews ? JSON.parse(row.reviews) : null,
  };
}

const teamHash = (r: TeamReport) =>
  createHash('sha256')
    .update(JSON.stringify({ ...r, computedAt: 0 }))
    .digest('hex');

/** The newest row per key (`computed_at`, then `id`), for many keys at once. */
async function newestRows(
  db: Knex,
  table: string,
  key: string,
  values: string[],
) {
  const rows: Array<Record<string, any>> = [];
  for (const part of chunk(values, 500)) {
    rows.push(
      ...(await db(`${table} as r`)
        .whereIn(`r.${key}`, part)
        .whereNotExists(
          db(`${table} as n`)
            .select(db.raw('1'))
            .whereRaw(`n.${key} = r.${key}`)
            .whereRaw(
              '(n.computed_at > r.computed_at OR (n.computed_at = r.computed_at AND n.id > r.id))',
            ),
        )
        .select()),
    );
  }
  return rows;
}

/** Writes a row unless the newest row of its key has the same content hash. */
async function insertIfChanged(
  db: Knex,
  table: string,
  key: [string, string],
  row: Record<string, unknown> & { content_hash: string },
) {
  const newest = await db(table)
    .where(key[0], key[1])
    .orderBy([
      { column: 'computed_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first('content_hash');
  if (newest?.content_hash === row.content_hash) return false;
  await db(table).insert(row);
  return true;
}

export class DatabaseOwnershipStore implements OwnershipStore {
  constructor(private readonly db: Knex) {}

  async save(report: OwnershipReport): Promise<boolean> {
    return insertIfChanged(
      this.db,
      'ownership_reports',
      ['component_ref', report.componentRef],
      {
        component_ref: report.componentRef,
        computed_at: report.computedAt,
        content_hash: hashOf(report),
        owner_health: JSON.stringify(report.ownerHealth),
        knowledge: report.knowledge ? JSON.stringify(report.knowledge) : null,
        knowledge_problem: report.knowledgeProblem,
        source: report.source,
        reviews: report.reviews ? JSON.stringify(report.reviews) : null,
      },
    );
  }

  async latest(componentRefs: string[]) {
    const rows = await newestRows(
      this.db,
      'ownership_reports',
      'component_ref',
      componentRefs,
    );
    return new Map(rows.map(row => [row.component_ref, fromRow(row)]));
  }

  async saveTeam(report: TeamReport): Promise<boolean> {
    return insertIfChanged(
      this.db,
      'ownership_team_reports',
      ['group_ref', report.groupRef],
      {
        group_ref: report.groupRef,
        computed_at: report.computedAt,
        content_hash: teamHash(report),
        report: JSON.stringify(report),
      },
    );
  }

  async latestTeams(groupRefs: string[]) {
    const rows = await newestRows(
      this.db,
      'ownership_team_reports',
      'group_ref',
      groupRefs,
    );
    return new Map(
      rows.map(row => [
        row.group_ref as string,
        {
          ...(JSON.parse(row.report) as TeamReport),
          computedAt: toNumber(row.computed_at),
        },
      ]),
    );
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
