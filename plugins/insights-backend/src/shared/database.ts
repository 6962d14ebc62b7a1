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
  reuseSqliteStatements(client);
  return client;
}

type SqliteConnection = { prepare(sql: string): unknown };
type SqliteClient = {
  driverName?: string;
  acquireConnection(): Promise<SqliteConnection>;
};
const reusing = new WeakSet<object>();

/**
 * On SQLite, knex has better-sqlite3 prepare every statement it sends, and parsing and planning were
 * about a fifth of a summary's time. Each connection of this knex keeps its most recently used
 * statements by their text (at most `size`, the least recently used dropped), as PostgreSQL drivers
 * keep named statements: the same text with other bindings is not parsed again. Connections are
 * equipped as knex hands them out, to queries and to transactions alike. Statements are run to
 * completion (knex calls all() or run()), so one is never busy when reused, and SQLite re-prepares a
 * statement by itself when the schema changes.
 */
export function reuseSqliteStatements(db: Knex, size = 500) {
  const client = db.client as SqliteClient;
  if (client.driverName !== 'better-sqlite3' || reusing.has(client)) return;
  reusing.add(client);
  const acquire = client.acquireConnection;
  const equipped = new WeakSet<SqliteConnection>();
  client.acquireConnection = async function acquireReusing() {
    const connection = await acquire.call(this);
    if (!equipped.has(connection)) {
      equipped.add(connection);
      const prepare = connection.prepare.bind(connection);
      const statements = new Map<string, unknown>();
      connection.prepare = (sql: string) => {
        let statement = statements.get(sql);
        if (statement) statements.delete(sql);
        else statement = prepare(sql);
        statements.set(sql, statement);
        if (statements.size > size)
          statements.delete(statements.keys().next().value!);
        return statement;
      };
    }
    return connection;
  };
}
