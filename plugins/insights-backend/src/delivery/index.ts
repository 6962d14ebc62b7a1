/**
 * What other domains may use of delivery: the store's interface and the records it keeps. The tables,
 * the Database…Store and the engine stay inside the folder.
 */
export type { DeliveryStore, UnattributedGroup } from './store/DeliveryStore';
export type {
  Identity,
  StoredChange,
  StoredDeployment,
  StoredEvent,
  StoredIncident,
} from './store/types';
