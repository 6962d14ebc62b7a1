import { Pair } from './types';

/** The delivery domain's tables of reported events. */
export const TABLES = {
  deployment: 'delivery_deployments',
  change: 'delivery_changes',
  incident: 'delivery_incidents',
  pipelineRun: 'delivery_pipeline_runs',
} as const;

/** Per-day counts the database keeps with triggers (migration 20261206130000); nobody writes them. */
export const DAY_COUNT_TABLES = [
  'delivery_deployment_days',
  'delivery_change_days',
  'delivery_shipped_days',
] as const;

/** A record's identity as one string: its source and its id. */
export const identityKey = (source: string, id: string) =>
  `${source}\u0000${id}`;

/** A component and environment as one string. */
export const pairKey = (p: Pair) => `${p.componentRef}\u0000${p.envKey}`;
