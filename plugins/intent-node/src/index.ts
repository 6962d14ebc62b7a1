/**
 * Extension points of the Cairn intent backend (pluginId `intent`).
 *
 * @packageDocumentation
 */
export * from './provisioning';
export * from './repositoryFiles';
