import { TestDatabases, TestDatabaseId } from '@backstage/backend-test-utils';

/** The engines Cairn supports: SQLite for a laptop, PostgreSQL in production. */
export const testDatabaseIds: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];

const POSTGRES_VARIABLE =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * TestDatabases for every engine Cairn supports. PostgreSQL runs when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set (scripts/test sets it when a server
 * answers). Without it, a laptop run says loudly that PostgreSQL is skipped, and a CI run fails:
 * under CI=true store tests never skip an engine.
 */
export function createTestDatabases(): TestDatabases {
  // Docker is never available on the machines Cairn is built on; engines come from connection strings.
  const databases = TestDatabases.create({
    ids: testDatabaseIds,
    disableDocker: true,
  });
  if (!databases.supports('POSTGRES_15')) {
    const message = `PostgreSQL store tests skipped: ${POSTGRES_VARIABLE} is not set`;
    if (process.env.CI === 'true') {
      throw new Error(`${message}, and CI=true requires them`);
    }
    // eslint-disable-next-line no-console
    console.warn(message);
  }
  return databases;
}
