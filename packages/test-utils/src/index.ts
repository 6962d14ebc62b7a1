export { createTestDatabases, testDatabaseIds } from './testDatabases';
export { perPluginDatabaseFactory } from './perPluginDatabaseFactory';
