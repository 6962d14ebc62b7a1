import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { retryTransaction } from '@cairn/backend-common';
import { Knex } from 'knex';

/**
 * A transaction several stores write in, so that what one request stores commits at once (the events,
 * their derived facts and their health counts). Stores accept it on their writes; only the plugin's
 * composition holds the database handle that opens it.
 */
export type StoreTransaction = Knex.Transaction;

/** Runs work in one transaction, retried from the start when it loses a race with another replica. */
export type TransactionRunner = <T>(
  work: (tx: StoreTransaction) => Promise<T>,
) => Promise<T>;

export function transactionRunner(db: Knex): TransactionRunner {
  return work => retryTransaction(db, work);
}

const migrationsDir = resolvePackagePath(
  '@cairn/plugin-insights-backend',
  'migrations',
);

/**
 * The plugin's database, migrated. Every domain's tables are in one migrations folder (one history for
 * the plugin's database); each domain's store is the only code that reads or writes its own tables.
 */
export async function insightsDatabase(
  database: DatabaseService,
  options: { skipMigrations?: boolean } = {},
): Promise<Knex> {
  const client = await database.getClient();
  if (!options.skipMigrations && !database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}
