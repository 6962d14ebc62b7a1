import { Knex } from 'knex';

/** A reviewed change as review concentration reads it (the ownership domain). */
export type ReviewRecord = {
  author: string | null;
  firstReviewer: string | null;
  openedAt: number | null;
  firstReviewAt: number;
};

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Each component's changes whose first review falls in [from, to): the changes attributed to it at
 * ingest, and those a deployment of it shipped (in any environment), each once. Two index range
 * scans per chunk of components; the rows are a window of history, not all of it.
 */
export async function reviewsOf(
  db: Knex,
  componentRefs: string[],
  range: { from: number; to: number },
): Promise<Map<string, ReviewRecord[]>> {
  const out = new Map<string, Map<number, ReviewRecord>>();
  const columns = [
    'c.id',
    'c.author',
    'c.first_reviewer',
    'c.opened_at',
    'c.first_review_at',
  ];
  const add = (rows: Array<Record<string, unknown>>) => {
    for (const r of rows) {
      const ref = String(r.component_ref);
      const byId = out.get(ref) ?? new Map<number, ReviewRecord>();
      byId.set(Number(r.id), {
        author: (r.author as string | null) ?? null,
        firstReviewer: (r.first_reviewer as string | null) ?? null,
        openedAt: num(r.opened_at),
        firstReviewAt: Number(r.first_review_at),
      });
      out.set(ref, byId);
    }
  };
  for (let i = 0; i < componentRefs.length; i += 500) {
    const refs = componentRefs.slice(i, i + 500);
    add(
      await db('delivery_changes as c')
        .select(...columns, 'c.component_ref')
        .whereIn('c.component_ref', refs)
        .where('c.first_review_at', '>=', range.from)
        .where('c.first_review_at', '<', range.to),
    );
    add(
      await db('delivery_change_facts as f')
        .distinct(...columns, 'f.component_ref')
        .join('delivery_changes as c', 'c.id', 'f.change_id')
        .whereIn('f.component_ref', refs)
        .where('c.first_review_at', '>=', range.from)
        .where('c.first_review_at', '<', range.to),
    );
  }
  return new Map([...out].map(([ref, byId]) => [ref, [...byId.values()]]));
}
