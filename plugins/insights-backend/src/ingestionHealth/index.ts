/** What other domains may use of ingestion health: the interface through which they record outcomes. */
export type {
  HealthRecord,
  IngestionHealthStore,
  OutcomeCounts,
} from './IngestionHealthStore';
