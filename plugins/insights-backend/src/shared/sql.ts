/*
 * Small helpers for values that differ between the two engines: PostgreSQL returns bigint and
 * count(*) as strings and booleans as booleans; SQLite returns numbers and 0/1.
 */

export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

export function chunk<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    parts.push(items.slice(i, i + size));
  return parts;
}

/**
 * Rows per multi-row INSERT. Knex writes them for SQLite as one SELECT per row joined by UNION ALL,
 * and SQLite allows at most 500 terms in a compound SELECT; PostgreSQL takes up to 65,535 bound
 * parameters per statement, and fewer, larger statements are faster there.
 */
export function insertBatchRows(db: {
  client: { config: { client?: unknown } };
}): number {
  return String(db.client.config.client).includes('pg') ? 1500 : 400;
}
