import { Knex } from 'knex';
import { StoreTransaction } from '../shared/database';
import { toNumber, toNumberOrNull } from '../shared/sql';

export const HOUR_MS = 3_600_000;

/** How many recent reasons are kept per source and outcome. */
export const NOTES_KEPT = 20;

export type OutcomeCounts = {
  accepted: number;
  updated: number;
  ignored: number;
  rejected: number;
  unattributed: number;
};

export const zeroCounts = (): OutcomeCounts => ({
  accepted: 0,
  updated: 0,
  ignored: 0,
  rejected: 0,
  unattributed: 0,
});

export type HealthRecord = Partial<OutcomeCounts> & {
  source: string;
  /** When the input arrived (epoch ms). */
  at: number;
  /** Why input was rejected or ignored, kept among the latest reasons. */
  note?: { outcome: 'rejected' | 'ignored'; count: number; reason: string };
};

export type StoredSourceHealth = {
  source: string;
  lastReceivedAt: number | null;
  lastAcceptedAt: number | null;
  /** Per hour in the range: the hour's start and its counts. */
  hours: Array<{ hour: number } & OutcomeCounts>;
  notes: Array<{
    outcome: 'rejected' | 'ignored';
    at: number;
    count: number;
    reason: string;
  }>;
};

const COUNTS: Array<keyof OutcomeCounts> = [
  'accepted',
  'updated',
  'ignored',
  'rejected',
  'unattributed',
];

/**
 * The ingestion health domain's store: per-source counters by UTC hour and the latest reasons for
 * rejected and ignored input. The only code that touches the `ingestion_health_*` tables.
 */
export interface IngestionHealthStore {
  /** Counts input; within the ingestion's transaction when given, so counted means committed. */
  record(record: HealthRecord, tx?: StoreTransaction): Promise<void>;
  /** Every source ever recorded, with its hours in [from, to) and its latest reasons. */
  read(range: { from: number; to: number }): Promise<StoredSourceHealth[]>;
  /** Forgets the hours before the cutoff (retention); returns how many rows went. */
  purgeBefore(cutoff: number): Promise<number>;
}

/**
 * The health store on SQLite or PostgreSQL. Writes are increments (insert or add), so concurrent
 * replicas never lose a count.
 */
export class DatabaseIngestionHealthStore implements IngestionHealthStore {
  constructor(private readonly db: Knex) {}

  async record(record: HealthRecord, tx: Knex = this.db): Promise<void> {
    const hour = Math.floor(record.at / HOUR_MS) * HOUR_MS;
    const counts = Object.fromEntries(
      COUNTS.map(k => [k, record[k] ?? 0]),
    ) as OutcomeCounts;
    await tx('ingestion_health_buckets')
      .insert({ source: record.source, hour, ...counts })
      .onConflict(['source', 'hour'])
      .merge(
        Object.fromEntries(
          COUNTS.map(k => [
            k,
            tx.raw('?? + ??', [
              `ingestion_health_buckets.${k}`,
              `excluded.${k}`,
            ]),
          ]),
        ),
      );
    const accepted = counts.accepted + counts.updated > 0;
    await tx('ingestion_health_sources')
      .insert({
        source: record.source,
        last_received_at: record.at,
        last_accepted_at: accepted ? record.at : null,
      })
      .onConflict('source')
      .merge(
        accepted
          ? ['last_received_at', 'last_accepted_at']
          : ['last_received_at'],
      );
    if (record.note) {
      await tx('ingestion_health_notes').insert({
        source: record.source,
        outcome: record.note.outcome,
        at: record.at,
        count: record.note.count,
        reason: storableText(record.note.reason).slice(0, 2000),
      });
      const cutoff = await tx('ingestion_health_notes')
        .first('id')
        .where({ source: record.source, outcome: record.note.outcome })
        .orderBy('id', 'desc')
        .offset(NOTES_KEPT);
      if (cutoff) {
        await tx('ingestion_health_notes')
          .where({ source: record.source, outcome: record.note.outcome })
          .where('id', '<=', cutoff.id)
          .delete();
      }
    }
  }

  /** Every source ever recorded, with its hours in [from, to) and its latest reasons. */
  async read(range: {
    from: number;
    to: number;
  }): Promise<StoredSourceHealth[]> {
    const sources = await this.db('ingestion_health_sources').select();
    const hours = await this.db('ingestion_health_buckets')
      .select()
      .where('hour', '>=', Math.floor(range.from / HOUR_MS) * HOUR_MS)
      .where('hour', '<', range.to)
      .orderBy('hour');
    const notes = await this.db('ingestion_health_notes')
      .select()
      .orderBy('id', 'desc');
    const bySource = new Map<string, StoredSourceHealth>();
    for (const s of sources) {
      bySource.set(s.source, {
        source: s.source,
        lastReceivedAt: toNumberOrNull(s.last_received_at),
        lastAcceptedAt: toNumberOrNull(s.last_accepted_at),
        hours: [],
        notes: [],
      });
    }
    for (const h of hours) {
      bySource.get(h.source)?.hours.push({
        hour: toNumber(h.hour),
        ...(Object.fromEntries(
          COUNTS.map(k => [k, toNumber(h[k])]),
        ) as OutcomeCounts),
      });
    }
    for (const n of notes) {
      bySource.get(n.source)?.notes.push({
        outcome: n.outcome,
        at: toNumber(n.at),
        count: toNumber(n.count),
        reason: n.reason,
      });
    }
    return [...bySource.values()];
  }

  /** Deletes hours before the cutoff (retention). */
  async purgeBefore(cutoff: number): Promise<number> {
    return this.db('ingestion_health_buckets')
      .where('hour', '<', cutoff)
      .delete();
  }
}

/** A reason as both engines store it: no NUL (PostgreSQL refuses it), no lone surrogates. */
function storableText(text: string): string {
  return text
    .replaceAll('\u0000', '')
    .replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    );
}
