import { MetricId } from '@cairn/plugin-insights-common';
import { DoraValues } from './computeDoraValues';

type Median = { median: number | null; count: number };

/** The counted part of DoraValues (what the store's countAggregates fills in). */
export type CountValues = Pick<
  DoraValues,
  | 'deployments'
  | 'deploymentDays'
  | 'total'
  | 'failed'
  | 'failedByResult'
  | 'failedByFix'
  | 'failedByIncident'
  | 'rework'
  | 'manual'
  | 'unrecovered'
  | 'incidents'
  | 'openIncidents'
>;

/**
 * What the headline values and tiers are computed from: the counts of DoraValues and the medians of
 * lead time, recovery and incident duration. DoraValues is one; a rollup computes only this.
 */
export type HeadlineInputs = CountValues & {
  leadTime: Median;
  recovery: Median;
  mttr: Median;
};

/** part / whole, or null when there is no whole. */
export const ratio = (part: number, whole: number) =>
  whole === 0 ? null : part / whole;

/** The number each metric is shown as (see DoraMetrics). */
export function headlineValues(
  v: HeadlineInputs,
  days: number,
): Record<MetricId, number | null> {
  return {
    deploymentFrequency: v.deployments / days,
    changeLeadTime: v.leadTime.median,
    changeFailRate: ratio(v.failed, v.total),
    recoveryTime: v.recovery.median,
    reworkRate: ratio(v.rework, v.total),
    mttr: v.mttr.median,
  };
}

/** What tiers are placed on: deployment days per week for frequency, the headline otherwise. */
export function tierInput(
  id: MetricId,
  v: HeadlineInputs,
  days: number,
): number | null {
  if (id === 'deploymentFrequency') return v.deploymentDays / (days / 7);
  return headlineValues(v, days)[id];
}
