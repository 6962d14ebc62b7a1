/**
 * What other domains may use of delivery: the store's interface, the records it keeps and the rule
 * that says which lead-time stages of a change run backwards. The tables, the Database…Store and the
 * rest of the engine stay inside the folder.
 */
export { outOfOrderStages } from './engine/deriveChangeFacts';
export type { DeliveryStore, UnattributedGroup } from './store/DeliveryStore';
export type { ReviewRecord } from './store/reviews';
export type {
  Identity,
  StoredChange,
  StoredDeployment,
  StoredEvent,
  StoredIncident,
  StoredPipelineRun,
} from './store/types';
