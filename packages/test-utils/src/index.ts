export { createTestDatabases, testDatabaseIds } from './testDatabases';
export { perPluginDatabaseFactory } from './perPluginDatabaseFactory';
export { startPostgresCluster, postgresBinDir } from './postgresCluster';
export type { PostgresCluster } from './postgresCluster';
export { startTcpProxy } from './tcpProxy';
export type { TcpProxy } from './tcpProxy';
export { freePort } from './freePort';
export {
  describeWithServices,
  missingServices,
  redisHost,
  redisPort,
} from './sharedServices';
export type { ServiceNeeds } from './sharedServices';
export { startPrometheus, prometheusAvailable } from './prometheusServer';
export type { PrometheusServer } from './prometheusServer';
export { teamCatalog, teamUserInfo } from './teamCatalog';
export {
  startTerraformWorkspace,
  terraformAvailable,
  terraformProviderMirror,
} from './terraformCli';
export type { TerraformDiagnostic, TerraformWorkspace } from './terraformCli';
