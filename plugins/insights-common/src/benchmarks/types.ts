/** The DORA metrics that reports give performance clusters for. */
export type BenchmarkedMetric =
  | 'deploymentFrequency'
  | 'changeLeadTime'
  | 'changeFailRate'
  | 'recoveryTime';

export type Tier = 'elite' | 'high' | 'medium' | 'low';

/**
 * One cluster of a report: the report's own words and the numeric range Cairn reads them as
 * (`min` inclusive, `max` exclusive; absent means unbounded).
 */
export type TierBand = {
  tier: Tier;
  /** The report's words, e.g. "1 day – 1 week". */
  reportText: string;
  min?: number;
  max?: number;
};

export type MetricBenchmark = {
  /** deploymentFrequency: deployment days per week; lead/recovery: seconds; change fail rate: 0..1. */
  unit: 'deploymentDaysPerWeek' | 'seconds' | 'ratio';
  /** null when the report gives no ranges to place a value in (see `noRangesReason`). */
  bands: TierBand[] | null;
  /** Why the report cannot place a value, shown instead of a tier. */
  noRangesReason?: string;
  /** Typical values per cluster, when that is all the report gives. */
  clusterValues?: Array<{ tier: Tier; reportText: string }>;
  /** How the report's words were turned into numbers, when that needed a reading. */
  interpretation?: string;
};

export type Benchmark = {
  id: string;
  label: string;
  /** Where the table comes from. */
  source: string;
  metrics: Partial<Record<BenchmarkedMetric, MetricBenchmark>>;
};

export type TierClassification = {
  benchmarkId: string;
  /** Every cluster whose range holds the value; several when the report's clusters overlap. */
  tiers: Tier[];
  /** The report's words for the matching clusters. */
  reportText: string[];
  /** Set when no tier can be given, saying why. */
  reason?: string;
};
