import { MetricId } from '@cairn/plugin-insights-common';
import { DoraValues } from './computeDoraValues';

/** part / whole, or null when there is no whole. */
export const ratio = (part: number, whole: number) =>
  whole === 0 ? null : part / whole;

/** The number each metric is shown as (see DoraMetrics). */
export function headlineValues(
  v: DoraValues,
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
  v: DoraValues,
  days: number,
): number | null {
  if (id === 'deploymentFrequency') return v.deploymentDays / (days / 7);
  return headlineValues(v, days)[id];
}
