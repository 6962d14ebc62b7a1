/**
 * Extension points of the Cairn insights backend (pluginId `insights`).
 *
 * @packageDocumentation
 */
export * from './ingestion';
export * from './facts';
export * from './sli';
export * from './history';
