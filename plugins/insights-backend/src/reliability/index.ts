/*
 * The reliability domain (SLOs): what other domains may use. Scorecards will read SLO states through
 * this index.
 */
export type { SloDefinition, Objective } from './engine/openslo';
export type {
  SloStatus,
  ObjectiveStatus,
  ReliabilityService,
} from './ReliabilityService';
export { MAX_BUCKETS_PER_PUSH } from './ReliabilityService';
export { reliabilityFactProvider } from './reliabilityFacts';
