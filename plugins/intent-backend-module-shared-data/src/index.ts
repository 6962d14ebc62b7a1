/**
 * Provisioners for the Cairn intent backend on shared infrastructure.
 *
 * @packageDocumentation
 */
export { intentModuleSharedData as default } from './module';
export { SharedPostgresProvisioner } from './SharedPostgresProvisioner';
export type { SharedPostgresOptions } from './SharedPostgresProvisioner';
export {
  SharedRedisProvisioner,
  DENIED_COMMANDS,
} from './SharedRedisProvisioner';
export type { SharedRedisOptions } from './SharedRedisProvisioner';
export { resourceName } from './resourceNames';
