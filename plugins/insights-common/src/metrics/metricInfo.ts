import { MetricId } from '../api/types';

/** What a metric's headline value is measured in. */
export type MetricUnit = 'perDay' | 'seconds' | 'ratio';

/** How each DORA metric is named and read, the same in the backend and every view. */
export type MetricMetadata = {
  id: MetricId;
  label: string;
  /** What the headline value is, in a few words. */
  measure: string;
  unit: MetricUnit;
  /** Whether a higher value is better: trends and distributions read "better" and "worst" from it. */
  higherIsBetter: boolean;
};

/** Definitions: docs/DESIGN.md, "Metric definitions". */
export const METRIC_METADATA: Record<MetricId, MetricMetadata> = {
  deploymentFrequency: {
    id: 'deploymentFrequency',
    label: 'Deployment frequency',
    measure: 'successful deployments',
    unit: 'perDay',
    higherIsBetter: true,
  },
  changeLeadTime: {
    id: 'changeLeadTime',
    label: 'Change lead time',
    measure: 'median, first commit to production',
    unit: 'seconds',
    higherIsBetter: false,
  },
  changeFailRate: {
    id: 'changeFailRate',
    label: 'Change fail rate',
    measure: 'failed / all deployments',
    unit: 'ratio',
    higherIsBetter: false,
  },
  recoveryTime: {
    id: 'recoveryTime',
    label: 'Failed deployment recovery time',
    measure: 'median, failure to restored',
    unit: 'seconds',
    higherIsBetter: false,
  },
  reworkRate: {
    id: 'reworkRate',
    label: 'Rework rate',
    measure: 'rollbacks, hotfixes, reverts / all deployments',
    unit: 'ratio',
    higherIsBetter: false,
  },
  mttr: {
    id: 'mttr',
    label: 'MTTR',
    measure: 'median, incident detected to resolved',
    unit: 'seconds',
    higherIsBetter: false,
  },
};
