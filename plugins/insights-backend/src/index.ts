/**
 * Cairn delivery insights backend plugin (pluginId `insights`).
 *
 * @packageDocumentation
 */
export { insightsPlugin as default } from './plugin';
