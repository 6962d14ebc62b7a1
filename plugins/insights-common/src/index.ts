/**
 * Cairn delivery insights, isomorphic: the event contract every source maps into, the API types and
 * client, catalog annotations, permissions and the DORA benchmark tables.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './events/schema';
export * from './events/validateEvents';
export { describeIssue, issuePath } from './events/describeIssue';
export { isNewerVersion } from './events/isNewerVersion';
export { isoTime } from './events/isoTime';
export type { RecordVersion } from './events/isNewerVersion';
export * from './api/types';
export * from './api/sloTypes';
export * from './api/ownershipTypes';
export * from './api/scorecardTypes';
export * from './api/ciTypes';
export * from './benchmarks/types';
export * from './benchmarks/doraBenchmarks';
export * from './benchmarks/classifyTier';
export * from './client/InsightsClient';
export * from './metrics/metricInfo';
export * from './explanations/explain';
