/**
 * Catalog entity provider for Cairn's environment registry: live environments as Resources.
 *
 * @packageDocumentation
 */
export { catalogModuleIntentEnvironments as default } from './module';
export {
  IntentEnvironmentProvider,
  environmentEntity,
} from './IntentEnvironmentProvider';
