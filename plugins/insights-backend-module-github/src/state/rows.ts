import { isNewerVersion } from '@cairn/plugin-insights-common';
import { Knex } from 'knex';

/** Row helpers shared by the GitHub module's stores. */
export const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
export const numOrNull = (v: unknown) =>
  v === null || v === undefined ? null : num(v);

/** A row's next version: now, or one past the previous one when the clock has not moved on. */
export const bump = (now: number, previous?: unknown) =>
  Math.max(now, previous === undefined ? 0 : num(previous) + 1);

/** Row locks where the engine has them (PostgreSQL); SQLite serialises writers anyway. */
export const locked = (tx: Knex.Transaction, q: Knex.QueryBuilder) =>
  String(tx.client.config.client).includes('pg') ? q.forUpdate() : q;

/**
 * Which of two reports of the same thing to keep, by the project's one replacement rule
 * (`isNewerVersion`): the later `updated_at`; for equal times the further lifecycle state, then the
 * content, so that replays in any order settle on the same one.
 */
export function keepNewer<T extends { updatedAt: number }>(
  stored: T,
  incoming: T,
  lifecycle: (x: T) => number = () => 0,
): T {
  const version = (x: T) => ({
    updatedAt: x.updatedAt,
    lifecycle: lifecycle(x),
    contentHash: JSON.stringify(x),
  });
  return isNewerVersion(version(incoming), version(stored)) ? incoming : stored;
}
