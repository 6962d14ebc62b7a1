import {
  MetricId,
  SeriesBucket,
  DoraSummary,
} from '@cairn/plugin-insights-common';
import {
  formatDuration,
  formatFrequency,
  formatRate,
  plural,
} from '../../format/format';

/** How each metric is named, explained and written (definitions: docs/DESIGN.md, "Metric definitions"). */
export type MetricInfo = {
  id: MetricId;
  label: string;
  /** What the headline value is, in a few words. */
  measure: string;
  format: (value: number | null) => string;
  /** Whether a higher value is better (for colouring bars and trends without a backend verdict). */
  higherIsBetter: boolean;
  kind: 'frequency' | 'duration' | 'rate';
};

export const METRICS: Record<MetricId, MetricInfo> = {
  deploymentFrequency: {
    id: 'deploymentFrequency',
    label: 'Deployment frequency',
    measure: 'successful deployments',
    format: formatFrequency,
    higherIsBetter: true,
    kind: 'frequency',
  },
  changeLeadTime: {
    id: 'changeLeadTime',
    label: 'Change lead time',
    measure: 'median, first commit to production',
    format: formatDuration,
    higherIsBetter: false,
    kind: 'duration',
  },
  changeFailRate: {
    id: 'changeFailRate',
    label: 'Change fail rate',
    measure: 'failed / all deployments',
    format: formatRate,
    higherIsBetter: false,
    kind: 'rate',
  },
  recoveryTime: {
    id: 'recoveryTime',
    label: 'Failed deployment recovery time',
    measure: 'median, failure to restored',
    format: formatDuration,
    higherIsBetter: false,
    kind: 'duration',
  },
  reworkRate: {
    id: 'reworkRate',
    label: 'Rework rate',
    measure: 'rollbacks, hotfixes, reverts / all deployments',
    format: formatRate,
    higherIsBetter: false,
    kind: 'rate',
  },
  mttr: {
    id: 'mttr',
    label: 'MTTR',
    measure: 'median, incident detected to resolved',
    format: formatDuration,
    higherIsBetter: false,
    kind: 'duration',
  },
};

const DAY_MS = 86_400_000;

/** The value a bucket of a series gives for a metric, in the metric's headline unit. */
export function bucketValue(
  bucket: SeriesBucket,
  metric: MetricId,
): number | null {
  switch (metric) {
    case 'deploymentFrequency': {
      const days =
        (new Date(bucket.end).getTime() - new Date(bucket.start).getTime()) /
        DAY_MS;
      return days > 0 ? bucket.deployments / days : null;
    }
    case 'changeLeadTime':
      return bucket.leadTime.median;
    case 'changeFailRate':
      return bucket.changeFailRate;
    case 'recoveryTime':
      return bucket.recovery.median;
    case 'reworkRate':
      return bucket.reworkRate;
    case 'mttr':
      return bucket.mttr.median;
    default:
      return null;
  }
}

/** What the sample behind a headline value is, e.g. "35 changes", for the tile's small print. */
export function sampleText(
  summary: DoraSummary,
  metric: MetricId,
): string | undefined {
  const m = summary.metrics;
  const n = (count: number, noun: string, nouns?: string) =>
    plural(count, noun, nouns);
  switch (metric) {
    case 'deploymentFrequency':
      return `${n(
        m.deploymentFrequency.details.deployments,
        'deployment',
      )} on ${n(m.deploymentFrequency.details.deploymentDays, 'day')}`;
    case 'changeLeadTime':
      return `${n(m.changeLeadTime.sampleSize, 'change')}`;
    case 'changeFailRate':
      return `${m.changeFailRate.details.failed} of ${n(
        m.changeFailRate.details.total,
        'deployment',
      )}`;
    case 'recoveryTime': {
      const open = m.recoveryTime.details.unrecovered;
      return `${n(m.recoveryTime.sampleSize, 'recovery', 'recoveries')}${
        open > 0 ? `, ${open} not recovered` : ''
      }`;
    }
    case 'reworkRate':
      return `${m.reworkRate.details.rework} of ${n(
        m.reworkRate.details.total,
        'deployment',
      )}`;
    case 'mttr': {
      const open = m.mttr.details.open;
      return `${n(m.mttr.sampleSize, 'resolved incident')}${
        open > 0 ? `, ${open} open` : ''
      }`;
    }
    default:
      return undefined;
  }
}
