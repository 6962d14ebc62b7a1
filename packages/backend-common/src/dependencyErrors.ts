import { ServiceUnavailableError } from '@backstage/errors';

/** How long a client should wait before retrying after a 503 (seconds). */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** A dependency (the database, the catalog, a server) failed; the caller may retry: 503 with `Retry-After`. */
export class DependencyUnavailableError extends ServiceUnavailableError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number = DEFAULT_RETRY_AFTER_SECONDS,
    cause?: unknown,
  ) {
    super(message, cause instanceof Error ? cause : undefined);
  }
}

type ErrorLike = {
  name?: unknown;
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  cause?: unknown;
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);

function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let current = error as ErrorLike | undefined;
  for (let i = 0; current && typeof current === 'object' && i < 5; i++) {
    out.push(current);
    // AggregateError (several addresses refused) carries its causes in `errors`.
    const nested = (current as { errors?: unknown[] }).errors;
    if (Array.isArray(nested) && nested.length) {
      out.push(...(nested as ErrorLike[]));
    }
    current = current.cause as ErrorLike | undefined;
  }
  return out;
}

/**
 * Whether an error says that the database (or another server) could not be reached or is shutting
 * down, rather than that the request was wrong: connection refused or reset, a pool that could not
 * hand out a connection in time, PostgreSQL's connection-exception (08xxx) and operator-intervention
 * (57Pxx) classes, a busy SQLite file.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  return chain(error).some(e => {
    const code = typeof e.code === 'string' ? e.code : '';
    const name = typeof e.name === 'string' ? e.name : '';
    const message = typeof e.message === 'string' ? e.message : '';
    return (
      NETWORK_CODES.has(code) ||
      /^08/.test(code) ||
      /^57P0[1-3]$/.test(code) ||
      code === 'SQLITE_BUSY' ||
      name === 'KnexTimeoutError' ||
      /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
        message,
      )
    );
  });
}

/**
 * Whether a transaction lost a race with a concurrent one and may simply run again: PostgreSQL's
 * serialization failure (40001), deadlock (40P01) and unique violation (23505, two writers inserting
 * the same identity at once), SQLite's busy and constraint-on-insert races.
 */
export function isTransientConflict(error: unknown): boolean {
  return chain(error).some(e => {
    const code = typeof e.code === 'string' ? e.code : '';
    return (
      code === '40001' ||
      code === '40P01' ||
      code === '23505' ||
      code === 'SQLITE_BUSY' ||
      code === 'SQLITE_CONSTRAINT_UNIQUE' ||
      code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
    );
  });
}

/**
 * A call to the catalog whose failure is the catalog's, not the caller's: unreachable, a 5xx, or a
 * refusal of a token this backend holds or just accepted (the catalog could not fetch its keys in time)
 * is a 503 with Retry-After, so a client retries instead of being told it is unauthenticated.
 */
export async function callCatalog<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (
      isDependencyUnavailable(error) ||
      (typeof status === 'number' &&
        (status >= 500 || status === 401 || status === 403))
    ) {
      throw new DependencyUnavailableError(
        `the catalog is unavailable${
          status ? ` (it answered ${status})` : ''
        }; retry shortly`,
        DEFAULT_RETRY_AFTER_SECONDS,
        error,
      );
    }
    throw error;
  }
}
