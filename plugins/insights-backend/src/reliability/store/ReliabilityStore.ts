import { retryTransaction } from '@cairn/backend-common';
import { Knex } from 'knex';
import { SloDefinition, OpensloProblem } from '../engine/openslo';
import { SliBucket, WindowCounts } from '../engine/sloMath';
import { HOUR_MS, MINUTE_MS, Window } from '../engine/windows';
import { chunk, insertBatchRows, toNumber } from '../../shared/sql';

export type StoredDocument = {
  componentRef: string;
  origin: string;
  version: number;
  state: 'valid' | 'invalid';
  problems: OpensloProblem[];
  unsupported: OpensloProblem[];
  receivedBy: string;
  receivedAt: number;
  /** The documents as received. */
  content: string;
  /** False when the same content and state were already the newest version (nothing written). */
  created: boolean;
};

export type StoredSlo = {
  componentRef: string;
  origin: string;
  definition: SloDefinition;
  /** The document version it came from. */
  version: number;
  receivedAt: number;
};

/** Minute buckets of one SLO objective (a ratio SLO's objectives share objective 0). */
export type SliKey = { componentRef: string; slo: string; objective: number };

/** A series' key as text, for maps. */
export const sliKeyText = (key: SliKey) =>
  `${key.componentRef}\u0000${key.slo}\u0000${key.objective}`;

/** The start of the hour holding t, and of the next hour at or after t. */
const floorHour = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;
const ceilHour = (t: number) => Math.ceil(t / HOUR_MS) * HOUR_MS;

/** The hour a minute's start falls in, in SQL (the same literal in SELECT and GROUP BY). */
const HOUR_OF_START = `start - (start % ${HOUR_MS})`;

/** A window as whole hours and the minute ranges at its edges. */
function splitWindow(w: Window): { hours?: Window; minutes: Window[] } {
  const a = ceilHour(w.from);
  const z = floorHour(w.to);
  if (a >= z) return { minutes: [w] };
  return {
    hours: { from: a, to: z },
    minutes: [
      { from: w.from, to: a },
      { from: z, to: w.to },
    ].filter(m => m.from < m.to),
  };
}

/** How far a data source module has read one series. */
export type SliCursor = SliKey & {
  sourceType: string;
  definitionHash: string;
  /** Minutes before this instant are read; null before the first success. */
  fetchedTo: number | null;
  lastAttemptAt: number;
  lastError: string | null;
};

/**
 * The reliability domain's store: OpenSLO documents and their versions, the SLOs the last valid version
 * of each origin defines, and SLI data per minute. The only code that reads or writes the
 * `reliability_*` tables.
 */
export interface ReliabilityStore {
  /**
   * Stores a version of a component's documents from one origin. A valid version replaces the SLOs that
   * origin defined; an invalid one is kept beside them (the last valid version keeps serving).
   */
  saveDocuments(input: {
    componentRef: string;
    origin: string;
    content: string;
    slos: SloDefinition[] | null;
    problems: OpensloProblem[];
    unsupported: OpensloProblem[];
    receivedBy: string;
    receivedAt: number;
  }): Promise<StoredDocument>;
  /** The newest version of each origin's documents of a component. */
  latestDocuments(componentRef: string): Promise<StoredDocument[]>;
  /** Forgets the SLOs of origins no longer named (documents stay as history); returns how many. */
  removeOrigins(componentRef: string, keep: string[]): Promise<number>;
  /** The SLOs of components. */
  listSlos(componentRefs: string[]): Promise<StoredSlo[]>;
  /** Every component's SLOs (the SLI collection's work list). */
  allSlos(): Promise<StoredSlo[]>;
  /** The collection cursors of components' series. */
  cursors(componentRefs: string[]): Promise<SliCursor[]>;
  /** Records a collection attempt of one series. */
  saveCursor(cursor: SliCursor): Promise<void>;
  /** Forgets SLI minutes (and their hours) before the hour holding the cutoff; returns how many minutes. */
  purgeMinutesBefore(cutoff: number): Promise<number>;
  /** Writes minute buckets; a bucket already stored is replaced, never added to. */
  putBuckets(key: SliKey, buckets: SliBucket[]): Promise<number>;
  /** The start of the newest minute of a series; null when it has none. */
  lastBucketStart(key: SliKey): Promise<number | null>;
  /** The minute buckets of [from, to), by start. */
  readBuckets(key: SliKey, from: number, to: number): Promise<SliBucket[]>;
  /**
   * Good, total and minutes with data of each series in each minute-aligned window, summed in the
   * database: whole hours from the hourly sums, the minutes at the windows' edges from the minutes.
   * The SQL path of the engine's countsIn (equal on the same data).
   */
  windowCounts(
    keys: SliKey[],
    windows: Window[],
  ): Promise<Map<string, WindowCounts[]>>;
}

export class DatabaseReliabilityStore implements ReliabilityStore {
  constructor(private readonly db: Knex) {}

  async saveDocuments(input: Parameters<ReliabilityStore['saveDocuments']>[0]) {
    const state = input.slos ? 'valid' : 'invalid';
    // Two writers of the same origin at once race for the next version: the unique index refuses the
    // second, which is retried and then finds the first.
    return retryTransaction(this.db, async tx => {
      const latest = await tx('reliability_documents')
        .where({ component_ref: input.componentRef, origin: input.origin })
        .orderBy('version', 'desc')
        .first('version', 'content', 'state', 'received_by', 'received_at');
      // The same content again (a replay) is the version already stored.
      if (latest && latest.content === input.content && latest.state === state)
        return {
          componentRef: input.componentRef,
          origin: input.origin,
          version: toNumber(latest.version),
          state,
          problems: input.problems,
          unsupported: input.unsupported,
          receivedBy: latest.received_by,
          receivedAt: toNumber(latest.received_at),
          content: input.content,
          created: false,
        } as StoredDocument;
      const version = (latest ? toNumber(latest.version) : 0) + 1;
      const [row] = await tx('reliability_documents')
        .insert({
          component_ref: input.componentRef,
          origin: input.origin,
          version,
          content: input.content,
          state,
          problems: JSON.stringify(input.problems),
          unsupported: JSON.stringify(input.unsupported),
          received_by: input.receivedBy,
          received_at: input.receivedAt,
        })
        .returning('id');
      const documentId = toNumber(typeof row === 'object' ? row.id : row);
      if (input.slos) {
        await tx('reliability_slos')
          .where({ component_ref: input.componentRef, origin: input.origin })
          .delete();
        // A name another origin already defines moves to this one.
        const names = input.slos.map(s => s.name);
        if (names.length)
          await tx('reliability_slos')
            .where({ component_ref: input.componentRef })
            .whereIn('name', names)
            .delete();
        if (input.slos.length)
          await tx('reliability_slos').insert(
            input.slos.map(definition => ({
              component_ref: input.componentRef,
              name: definition.name,
              origin: input.origin,
              document_id: documentId,
              definition: JSON.stringify(definition),
            })),
          );
      }
      return {
        componentRef: input.componentRef,
        origin: input.origin,
        version,
        state,
        problems: input.problems,
        unsupported: input.unsupported,
        receivedBy: input.receivedBy,
        receivedAt: input.receivedAt,
        content: input.content,
        created: true,
      } as StoredDocument;
    });
  }

  async latestDocuments(componentRef: string): Promise<StoredDocument[]> {
    const rows = await this.db('reliability_documents as d')
      .where('d.component_ref', componentRef)
      .whereNotExists(
        this.db('reliability_documents as n')
          .select(this.db.raw('1'))
          .whereRaw('n.component_ref = d.component_ref')
          .whereRaw('n.origin = d.origin')
          .whereRaw('n.version > d.version'),
      )
      .orderBy('d.origin')
      .select();
    return rows.map(r => ({
      created: true,
      componentRef: r.component_ref,
      origin: r.origin,
      version: toNumber(r.version),
      state: r.state,
      problems: JSON.parse(r.problems),
      unsupported: JSON.parse(r.unsupported),
      receivedBy: r.received_by,
      receivedAt: toNumber(r.received_at),
      content: r.content,
    }));
  }

  async removeOrigins(componentRef: string, keep: string[]) {
    return this.db('reliability_slos')
      .where({ component_ref: componentRef })
      .whereNotIn('origin', keep)
      .delete();
  }

  async listSlos(componentRefs: string[]): Promise<StoredSlo[]> {
    const result: StoredSlo[] = [];
    for (const part of chunk(componentRefs, 500))
      result.push(
        ...(await this.selectSlos(q => q.whereIn('s.component_ref', part))),
      );
    return result;
  }

  allSlos() {
    return this.selectSlos(q => q);
  }

  private async selectSlos(
    filter: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
  ): Promise<StoredSlo[]> {
    const rows = await filter(
      this.db('reliability_slos as s').join(
        'reliability_documents as d',
        'd.id',
        's.document_id',
      ),
    )
      .orderBy(['s.component_ref', 's.name'])
      .select(
        's.component_ref',
        's.origin',
        's.definition',
        'd.version',
        'd.received_at',
      );
    return rows.map((r: Record<string, any>) => ({
      componentRef: r.component_ref,
      origin: r.origin,
      definition: JSON.parse(r.definition),
      version: toNumber(r.version),
      receivedAt: toNumber(r.received_at),
    }));
  }

  async cursors(componentRefs: string[]): Promise<SliCursor[]> {
    const result: SliCursor[] = [];
    for (const part of chunk(componentRefs, 500)) {
      const rows = await this.db('reliability_sli_cursors')
        .whereIn('component_ref', part)
        .select();
      for (const r of rows)
        result.push({
          componentRef: r.component_ref,
          slo: r.slo,
          objective: toNumber(r.objective),
          sourceType: r.source_type,
          definitionHash: r.definition_hash,
          fetchedTo: r.fetched_to === null ? null : toNumber(r.fetched_to),
          lastAttemptAt: toNumber(r.last_attempt_at),
          lastError: r.last_error,
        });
    }
    return result;
  }

  async purgeMinutesBefore(cutoff: number) {
    // Whole hours only, so every hour kept is still the sum of its minutes.
    const hour = floorHour(cutoff);
    await this.db('reliability_sli_hours').where('start', '<', hour).delete();
    return this.db('reliability_sli_minutes')
      .where('start', '<', hour)
      .delete();
  }

  async saveCursor(cursor: SliCursor) {
    await this.db('reliability_sli_cursors')
      .insert({
        component_ref: cursor.componentRef,
        slo: cursor.slo,
        objective: cursor.objective,
        source_type: cursor.sourceType,
        definition_hash: cursor.definitionHash,
        fetched_to: cursor.fetchedTo,
        last_attempt_at: cursor.lastAttemptAt,
        last_error: cursor.lastError,
      })
      .onConflict(['component_ref', 'slo', 'objective'])
      .merge();
  }

  async putBuckets(key: SliKey, buckets: SliBucket[]): Promise<number> {
    const rows = buckets.map(b => ({
      component_ref: key.componentRef,
      slo: key.slo,
      objective: key.objective,
      start: b.start,
      good: b.good,
      total: b.total,
    }));
    const hours = [...new Set(buckets.map(b => floorHour(b.start)))].sort(
      (a, b) => a - b,
    );
    // Contiguous runs of the hours written: each is re-summed from its minutes.
    const runs: Window[] = [];
    for (const hour of hours) {
      const last = runs[runs.length - 1];
      if (last && last.to === hour) last.to = hour + HOUR_MS;
      else runs.push({ from: hour, to: hour + HOUR_MS });
    }
    const series = {
      component_ref: key.componentRef,
      slo: key.slo,
      objective: key.objective,
    };
    await retryTransaction(this.db, async tx => {
      // The hours' rows first, in order: a writer of the same hours at once waits here for this
      // transaction, then sums minutes that include these (no lost update between replicas).
      for (const part of chunk(hours, insertBatchRows(tx)))
        await tx('reliability_sli_hours')
          .insert(
            part.map(start => ({
              ...series,
              start,
              good: 0,
              total: 0,
              minutes: 0,
            })),
          )
          .onConflict(['component_ref', 'slo', 'objective', 'start'])
          .merge(['minutes']);
      for (const part of chunk(rows, insertBatchRows(tx)))
        await tx('reliability_sli_minutes')
          .insert(part)
          .onConflict(['component_ref', 'slo', 'objective', 'start'])
          .merge(['good', 'total']);
      for (const run of runs) {
        const sums: Array<Record<string, unknown>> = await tx(
          'reliability_sli_minutes',
        )
          .where(series)
          .where('start', '>=', run.from)
          .where('start', '<', run.to)
          .groupByRaw(HOUR_OF_START)
          .select(
            tx.raw(`${HOUR_OF_START} as hour`),
            tx.raw('sum(good) as good'),
            tx.raw('sum(total) as total'),
            tx.raw('count(*) as minutes'),
          );
        for (const part of chunk(sums, insertBatchRows(tx)))
          await tx('reliability_sli_hours')
            .insert(
              part.map(r => ({
                ...series,
                start: toNumber(r.hour),
                good: toNumber(r.good),
                total: toNumber(r.total),
                minutes: toNumber(r.minutes),
              })),
            )
            .onConflict(['component_ref', 'slo', 'objective', 'start'])
            .merge(['good', 'total', 'minutes']);
      }
    });
    return rows.length;
  }

  async windowCounts(
    keys: SliKey[],
    windows: Window[],
  ): Promise<Map<string, WindowCounts[]>> {
    const result = new Map<string, WindowCounts[]>();
    for (const key of keys)
      result.set(
        sliKeyText(key),
        windows.map(w => ({
          good: 0,
          total: 0,
          buckets: Math.ceil((w.to - w.from) / MINUTE_MS),
          bucketsWithData: 0,
        })),
      );
    if (keys.length === 0 || windows.length === 0) return result;
    const split = windows.map(splitWindow);

    const read = async (
      table: string,
      ranges: Array<Window[]>,
      countColumn: string | null,
    ) => {
      // The windows' edges cut the time into segments; each row is summed into its segment once (one
      // CASE per row, however many windows), and a window adds up the segments it covers.
      const points = [
        ...new Set(ranges.flat().flatMap(r => [r.from, r.to])),
      ].sort((a, b) => a - b);
      if (points.length < 2) return;
      const segment = `CASE ${points
        .slice(0, -1)
        .map((_, i) => i)
        .reverse()
        .map(i => `WHEN t.start >= ${points[i]} THEN ${i}`)
        .join(' ')} END`;
      const covers = ranges.map(list =>
        points
          .slice(0, -1)
          .map((_, i) => i)
          .filter(i =>
            list.some(r => points[i] >= r.from && points[i + 1] <= r.to),
          ),
      );
      // The series as a list joined on the primary key: one index range per series, however many.
      for (const part of chunk(keys, 300)) {
        const values = part.map(() => '(?, ?, CAST(? AS integer))').join(', ');
        const rowsRead: Array<Record<string, unknown>> = await this.db
          .with(
            'wanted',
            ['component_ref', 'slo', 'objective'],
            this.db.raw(
              `VALUES ${values}`,
              part.flatMap(k => [k.componentRef, k.slo, k.objective]),
            ),
          )
          .from('wanted')
          // CROSS JOIN keeps the list as SQLite's outer loop (it cannot know the list is short).
          .crossJoin(this.db.raw('?? as t', [table]))
          .whereRaw('t.component_ref = wanted.component_ref')
          .whereRaw('t.slo = wanted.slo')
          .whereRaw('t.objective = wanted.objective')
          .where('t.start', '>=', points[0])
          .where('t.start', '<', points[points.length - 1])
          .groupByRaw('1, 2, 3, 4')
          .select(
            't.component_ref',
            't.slo',
            't.objective',
            this.db.raw(`${segment} as segment`),
            this.db.raw('sum(t.good) as good'),
            this.db.raw('sum(t.total) as total'),
            this.db.raw(
              `sum(${countColumn ? `t.${countColumn}` : '1'}) as minutes`,
            ),
          );
        for (const r of rowsRead) {
          const counts = result.get(
            sliKeyText({
              componentRef: String(r.component_ref),
              slo: String(r.slo),
              objective: toNumber(r.objective),
            }),
          )!;
          const seg = toNumber(r.segment);
          covers.forEach((list, i) => {
            if (!list.includes(seg)) return;
            counts[i].good += toNumber(r.good);
            counts[i].total += toNumber(r.total);
            counts[i].bucketsWithData += toNumber(r.minutes);
          });
        }
      }
    };
    await Promise.all([
      read(
        'reliability_sli_hours',
        split.map(w => (w.hours ? [w.hours] : [])),
        'minutes',
      ),
      read(
        'reliability_sli_minutes',
        split.map(w => w.minutes),
        null,
      ),
    ]);
    return result;
  }

  async lastBucketStart(key: SliKey): Promise<number | null> {
    const row = await this.db('reliability_sli_minutes')
      .where({
        component_ref: key.componentRef,
        slo: key.slo,
        objective: key.objective,
      })
      .max({ last: 'start' })
      .first();
    return row?.last === null || row?.last === undefined
      ? null
      : toNumber(row.last);
  }

  async readBuckets(
    key: SliKey,
    from: number,
    to: number,
  ): Promise<SliBucket[]> {
    const rows = await this.db('reliability_sli_minutes')
      .where({
        component_ref: key.componentRef,
        slo: key.slo,
        objective: key.objective,
      })
      .where('start', '>=', from)
      .where('start', '<', to)
      .orderBy('start')
      .select('start', 'good', 'total');
    return rows.map(r => ({
      start: toNumber(r.start),
      good: toNumber(r.good),
      total: toNumber(r.total),
    }));
  }
}
