/** What other parts of the plugin may use of ingestion: the service that takes events from any source. */
export { IngestionService } from './IngestionService';
