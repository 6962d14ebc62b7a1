import { Benchmark, BenchmarkedMetric, TierClassification } from './types';

const describe = (metric: BenchmarkedMetric) =>
  ({
    deploymentFrequency: 'deployment frequency',
    changeLeadTime: 'change lead time',
    changeFailRate: 'change fail rate',
    recoveryTime: 'failed deployment recovery time',
  }[metric]);

/**
 * Places a metric value in the clusters of one benchmark. Returns every matching cluster (reports
 * overlap), or no tier with the reason (a gap between clusters, a metric the report gives no ranges
 * for). Never invents a tier.
 */
export function classifyTier(
  benchmark: Benchmark,
  metric: BenchmarkedMetric | 'reworkRate' | 'mttr',
  value: number | null,
): TierClassification {
  const none = (reason: string): TierClassification => ({
    benchmarkId: benchmark.id,
    tiers: [],
    reportText: [],
    reason,
  });
  if (metric === 'reworkRate' || metric === 'mttr') {
    return none(
      `No DORA report gives performance clusters for ${
        metric === 'mttr' ? 'MTTR' : 'rework rate'
      }.`,
    );
  }
  const definition = benchmark.metrics[metric];
  if (!definition)
    return none(
      `${benchmark.label} gives no clusters for ${describe(metric)}.`,
    );
  if (!definition.bands)
    return none(
      definition.noRangesReason ??
        `${benchmark.label} gives no ranges for ${describe(metric)}.`,
    );
  if (value === null || Number.isNaN(value))
    return none('There is no value to place.');

  const matches = definition.bands.filter(
    band =>
      (band.min === undefined || value >= band.min) &&
      (band.max === undefined || value < band.max),
  );
  if (matches.length === 0) {
    return none(
      `The value falls outside every cluster of ${
        benchmark.label
      } for ${describe(metric)} (the report's clusters leave gaps).`,
    );
  }
  return {
    benchmarkId: benchmark.id,
    tiers: matches.map(m => m.tier),
    reportText: [...new Set(matches.map(m => m.reportText))],
  };
}
