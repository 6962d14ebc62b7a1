import { ComponentIndex } from '../../shared/ComponentIndex';
import { StoreTransaction } from '../../shared/database';
import { EnvironmentKinds } from '../../shared/EnvironmentKinds';
import { DoraValues } from '../engine/computeDoraValues';
import { HeadlineInputs } from '../engine/headlineValues';
import { AggregateQuery } from './doraAggregates';
import {
  coverageCounts,
  DrillDownScope,
  listChanges,
  listDeployments,
  listEnvironments,
  listIncidents,
} from './drillDown';
import { ReviewRecord } from './reviews';
import { RunRecord } from '../engine/ciHealth';
import { PipelineRunScope } from './pipelineRuns';
import { ApplyOptions, ApplyResult, Pair, StoredEvent } from './types';

/** Stored events that no component claims, grouped by type, source and repository. */
export type UnattributedGroup = {
  type: 'deployment' | 'change' | 'incident' | 'pipelineRun';
  source: string;
  repository: string | null;
  count: number;
  lastReceivedAt: number;
  /** The ids of the latest few. */
  examples: string[];
};

type Awaited_<T> = T extends Promise<infer U> ? U : T;

/**
 * The delivery domain's store: reported events and the facts derived from them. The only code that
 * reads or writes the `delivery_*` tables; other domains go through this interface.
 */
export interface DeliveryStore {
  /** Stores a validated, attributed batch and re-derives what it affects, in the caller's transaction. */
  applyEvents(
    events: StoredEvent[],
    options: ApplyOptions,
    tx: StoreTransaction,
  ): Promise<ApplyResult>;
  /** Re-derives the facts of whole component/environment pairs (after configuration or catalog changes). */
  rederive(pairs: Pair[], options: ApplyOptions): Promise<void>;
  /** Every pair that has deployments or incidents. */
  listPairs(): Promise<Pair[]>;
  /** A value the domain's maintenance keeps between runs (e.g. the configuration facts were derived with). */
  readState(key: string): Promise<string | undefined>;
  writeState(key: string, value: string): Promise<void>;
  /** Re-keys environments after the production names changed; returns the pairs affected. */
  rekeyEnvironments(environments: EnvironmentKinds): Promise<Pair[]>;
  /** Attributes stored events that the catalog can now place; returns the pairs affected. */
  reattribute(components: ComponentIndex): Promise<Pair[]>;
  /** Deletes events received before the cutoff; returns what to re-derive at the edge. */
  purgeBefore(
    cutoff: number,
  ): Promise<{ pairs: Pair[]; deleted: number; changeIds: number[] }>;
  /**
   * Re-derives what a purge before the cutoff can have changed: each pair's facts around the cutoff
   * (as a batch touching that time would) and the facts of the given changes.
   */
  rederiveAfterPurge(
    pairs: Pair[],
    cutoff: number,
    changeIds: number[],
    options: ApplyOptions,
  ): Promise<void>;

  /** DORA aggregates per component or per time bucket (the hot path, in SQL). */
  aggregates(query: AggregateQuery): Promise<Map<string, DoraValues>>;
  /** What the headline values need per component (counts and medians), aggregated in the database. */
  headlines(
    query: Omit<AggregateQuery, 'grouping'>,
  ): Promise<Map<string, HeadlineInputs>>;
  /** Whether any reported deployment, change or incident names the component (index lookups). */
  namesComponent(componentRef: string): Promise<boolean>;
  /** Counts that explain missing or partial numbers for one component. */
  coverageCounts(
    scope: Parameters<typeof coverageCounts>[1],
  ): Promise<Awaited_<ReturnType<typeof coverageCounts>>>;
  listDeployments(
    scope: DrillDownScope,
    filter?: 'failed' | 'rework',
  ): Promise<Awaited_<ReturnType<typeof listDeployments>>>;
  listChanges(
    scope: DrillDownScope,
  ): Promise<Awaited_<ReturnType<typeof listChanges>>>;
  listIncidents(
    scope: DrillDownScope,
  ): Promise<Awaited_<ReturnType<typeof listIncidents>>>;
  listEnvironments(
    componentRefs: string[],
  ): Promise<Awaited_<ReturnType<typeof listEnvironments>>>;
  /** Each component's changes first reviewed in [from, to), with who reviewed (review concentration). */
  reviews(
    componentRefs: string[],
    range: { from: number; to: number },
  ): Promise<Map<string, ReviewRecord[]>>;
  /** Finished pipeline runs per component in [from, to), oldest first, with their failed tests. */
  pipelineRuns(scope: PipelineRunScope): Promise<Map<string, RunRecord[]>>;
  /** Pipeline runs of a repository that no component claims. */
  unattributedRuns(repository: string): Promise<number>;
  /** Stored events without a component, the largest groups first. */
  unattributed(options: {
    groupsPerType: number;
  }): Promise<UnattributedGroup[]>;
}
