import {
  DoraSummary,
  METRIC_METADATA,
  MetricId,
  MetricMetadata,
  SeriesBucket,
} from '@cairn/plugin-insights-common';
import {
  formatDuration,
  formatFrequency,
  formatRate,
  plural,
} from '../../format/format';

/**
 * How each metric is named and written in the views: the shared metadata (insights-common) plus the
 * formatter for its unit.
 */
export type MetricInfo = MetricMetadata & {
  format: (value: number | null) => string;
  kind: 'frequency' | 'duration' | 'rate';
};

const KIND: Record<MetricMetadata['unit'], MetricInfo['kind']> = {
  perDay: 'frequency',
  seconds: 'duration',
  ratio: 'rate',
};

const FORMAT: Record<MetricInfo['kind'], MetricInfo['format']> = {
  frequency: formatFrequency,
  duration: formatDuration,
  rate: formatRate,
};

export const METRICS = Object.fromEntries(
  Object.values(METRIC_METADATA).map(meta => [
    meta.id,
    { ...meta, kind: KIND[meta.unit], format: FORMAT[KIND[meta.unit]] },
  ]),
) as Record<MetricId, MetricInfo>;

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
