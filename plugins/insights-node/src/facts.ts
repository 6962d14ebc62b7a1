import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** A fact's type, as scorecard checks (CEL) read it. */
export type FactType =
  | 'bool'
  | 'int'
  | 'double'
  | 'string'
  | 'timestamp'
  | 'list<string>'
  | 'map<string, string>';

/** One fact a provider may give: its type and what it means. */
export type FactDefinition = { type: FactType; description: string };

/** An entity's facts from one provider, by fact name. A fact without data is absent, never zero. */
export type EntityFacts = Record<string, unknown>;

/**
 * Facts about entities for scorecard checks, from one domain or module. Checks read them as
 * `<id>.<fact>` (e.g. `dora.leadTimeP50Seconds < 86400.0`).
 */
export interface FactProvider {
  /** The namespace its facts appear under: `entity`, `dora`, `slo`, `ownership`, ... */
  id: string;
  /** What the facts describe, for the rules page. */
  description: string;
  /** Every fact it may give, by name: the typed fact set checks are written against. */
  facts: Record<string, FactDefinition>;
  /**
   * Facts for many entities in one call (providers read in bulk). An entity the provider has nothing
   * for is left out of the map: its facts are "not reported", which checks never count as a failure.
   */
  factsFor(
    entityRefs: string[],
    context: { now: Date },
  ): Promise<Map<string, EntityFacts>>;
}

export interface InsightsFactsExtensionPoint {
  addFactProvider(provider: FactProvider): void;
}

/** Lets modules add facts that scorecard checks can use (security scanners, coverage, ...). */
export const insightsFactsExtensionPoint =
  createExtensionPoint<InsightsFactsExtensionPoint>({
    id: 'insights.facts',
  });
