import { Knex } from 'knex';
import {
  DependencyUnavailableError,
  isTransientConflict,
} from './dependencyErrors';

export type RetryTransactionOptions = {
  /** Attempts in all, the first included. Default 8. */
  attempts?: number;
  /** The first wait between attempts; it doubles each time, with jitter. Default 15 ms. */
  baseDelayMs?: number;
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
};

const defaultSleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * Runs `work` in a transaction and runs it again, from the start, when it lost a race with another
 * transaction (a deadlock, a serialization failure, two writers inserting the same identity): the
 * next attempt sees what the winner committed, so the same event sent to two replicas at once ends
 * as one insert and one "unchanged", never a 500. `work` must not call other services (it may run
 * several times, and nothing may wait on another service while a transaction holds a connection).
 * When every attempt lost, the caller gets a 503 with `Retry-After`.
 */
export async function retryTransaction<T>(
  db: Knex,
  work: (tx: Knex.Transaction) => Promise<T>,
  options: RetryTransactionOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 8;
  const base = options.baseDelayMs ?? 15;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (!isTransientConflict(error)) throw error;
      if (attempt >= attempts) {
        throw new DependencyUnavailableError(
          `the database kept refusing this write under concurrent writes (${attempts} attempts); retry shortly`,
          1,
          error,
        );
      }
      const delay = base * 2 ** (attempt - 1);
      await sleep(delay / 2 + Math.random() * delay);
    }
  }
}
