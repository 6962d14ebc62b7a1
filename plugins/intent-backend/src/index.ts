/**
 * Cairn intent backend plugin (pluginId `intent`): the environment registry with TTL expiry and
 * production approval, and the platform configuration.
 *
 * @packageDocumentation
 */
export { intentPlugin as default } from './plugin';
