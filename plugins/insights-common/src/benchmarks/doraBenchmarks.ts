import { Benchmark, MetricBenchmark } from './types';

/*
 * DORA performance clusters as versioned data. Sources: the 2021, 2023 and 2024 Accelerate State of
 * DevOps reports, as tabulated by dora.dev and by Apache DevLake's metric documentation
 * (apache/incubator-devlake-website, docs/Metrics/*.md). The reports describe clusters of survey
 * answers, not official cut-offs: where they overlap or leave gaps, Cairn says so instead of
 * inventing a tier. No report gives clusters for rework rate or MTTR.
 */

const HOUR = 3600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** A month is read as 30 days and six months as 180 days. */
const MONTH = 30 * DAY;
const SIX_MONTHS = 180 * DAY;

/** Deployment days per week for "once per month" and "once per six months" (52 weeks a year). */
const MONTHLY = 12 / 52;
const SIX_MONTHLY = 2 / 52;

const frequencyInterpretation =
  "Measured as deployment days per week (distinct local dates with a successful deployment). The reports give no number for 'on demand'; Cairn reads it as deploying on at least 5 days a week, as Apache DevLake does. 'Once per day' is the upper edge of the next cluster.";

const leadTime = (bands: MetricBenchmark['bands']): MetricBenchmark => ({
  unit: 'seconds',
  bands,
  interpretation: 'A month is read as 30 days, six months as 180 days.',
});

export const dora2021: Benchmark = {
  id: '2021',
  label: 'DORA 2021',
  source: 'Accelerate State of DevOps Report 2021 (DORA / Google Cloud)',
  metrics: {
    deploymentFrequency: {
      unit: 'deploymentDaysPerWeek',
      interpretation: frequencyInterpretation,
      bands: [
        {
          tier: 'elite',
          reportText: 'on demand (multiple deploys per day)',
          min: 5,
        },
        {
          tier: 'high',
          reportText: 'once per week – once per month',
          min: MONTHLY,
          max: 1,
        },
        {
          tier: 'medium',
          reportText: 'once per month – once per 6 months',
          min: SIX_MONTHLY,
          max: MONTHLY,
        },
        {
          tier: 'low',
          reportText: 'fewer than once per 6 months',
          max: SIX_MONTHLY,
        },
      ],
    },
    changeLeadTime: leadTime([
      { tier: 'elite', reportText: 'less than one hour', max: HOUR },
      { tier: 'high', reportText: '1 day – 1 week', min: DAY, max: WEEK },
      {
        tier: 'medium',
        reportText: '1 month – 6 months',
        min: MONTH,
        max: SIX_MONTHS,
      },
      { tier: 'low', reportText: 'more than 6 months', min: SIX_MONTHS },
    ]),
    changeFailRate: {
      unit: 'ratio',
      interpretation:
        'The report prints whole percentages (0–15%, 16–30%); a rate is rounded to a whole percentage before it is placed.',
      bands: [
        { tier: 'elite', reportText: '0–15%', min: 0, max: 0.155 },
        { tier: 'high', reportText: '16–30%', min: 0.155, max: 0.305 },
        { tier: 'medium', reportText: '16–30%', min: 0.155, max: 0.305 },
        { tier: 'low', reportText: '16–30%', min: 0.155, max: 0.305 },
      ],
    },
    recoveryTime: {
      unit: 'seconds',
      interpretation: 'A month is read as 30 days, six months as 180 days.',
      bands: [
        { tier: 'elite', reportText: 'less than one hour', max: HOUR },
        { tier: 'high', reportText: 'less than one day', min: HOUR, max: DAY },
        { tier: 'medium', reportText: '1 day – 1 week', min: DAY, max: WEEK },
        { tier: 'low', reportText: 'more than 6 months', min: SIX_MONTHS },
      ],
    },
  },
};

export const dora2023: Benchmark = {
  id: '2023',
  label: 'DORA 2023',
  source: 'Accelerate State of DevOps Report 2023 (DORA / Google Cloud)',
  metrics: {
    deploymentFrequency: {
      unit: 'deploymentDaysPerWeek',
      interpretation: frequencyInterpretation,
      bands: [
        { tier: 'elite', reportText: 'on demand', min: 5 },
        {
          tier: 'high',
          reportText: 'once per day – once per week',
          min: 1,
          max: 5,
        },
        {
          tier: 'medium',
          reportText: 'once per week – once per month',
          min: MONTHLY,
          max: 1,
        },
        {
          tier: 'low',
          reportText: 'once per week – once per month',
          min: MONTHLY,
          max: 1,
        },
      ],
    },
    changeLeadTime: leadTime([
      { tier: 'elite', reportText: 'less than one day', max: DAY },
      { tier: 'high', reportText: '1 day – 1 week', min: DAY, max: WEEK },
      { tier: 'medium', reportText: '1 week – 1 month', min: WEEK, max: MONTH },
      { tier: 'low', reportText: '1 week – 1 month', min: WEEK, max: MONTH },
    ]),
    changeFailRate: {
      unit: 'ratio',
      bands: null,
      noRangesReason:
        'The 2023 report gives a typical change fail rate per cluster (elite 5%, high 10%, medium 15%, low 64%), not ranges, so it cannot place a value in a tier.',
      clusterValues: [
        { tier: 'elite', reportText: '5%' },
        { tier: 'high', reportText: '10%' },
        { tier: 'medium', reportText: '15%' },
        { tier: 'low', reportText: '64%' },
      ],
    },
    recoveryTime: {
      unit: 'seconds',
      interpretation: 'A month is read as 30 days, six months as 180 days.',
      bands: [
        { tier: 'elite', reportText: 'less than one hour', max: HOUR },
        { tier: 'high', reportText: 'less than one day', min: HOUR, max: DAY },
        { tier: 'medium', reportText: '1 day – 1 week', min: DAY, max: WEEK },
        {
          tier: 'low',
          reportText: '1 month – 6 months',
          min: MONTH,
          max: SIX_MONTHS,
        },
      ],
    },
  },
};

export const dora2024: Benchmark = {
  id: '2024',
  label: 'DORA 2024',
  source: 'Accelerate State of DevOps Report 2024 (DORA / Google Cloud)',
  metrics: {
    deploymentFrequency: {
      unit: 'deploymentDaysPerWeek',
      interpretation: frequencyInterpretation,
      bands: [
        { tier: 'elite', reportText: 'on demand', min: 5 },
        {
          tier: 'high',
          reportText: 'once per day – once per week',
          min: 1,
          max: 5,
        },
        {
          tier: 'medium',
          reportText: 'once per week – once per month',
          min: MONTHLY,
          max: 1,
        },
        {
          tier: 'low',
          reportText: 'once per month – once per 6 months',
          min: SIX_MONTHLY,
          max: MONTHLY,
        },
      ],
    },
    changeLeadTime: leadTime([
      { tier: 'elite', reportText: 'less than one day', max: DAY },
      { tier: 'high', reportText: '1 day – 1 week', min: DAY, max: WEEK },
      { tier: 'medium', reportText: '1 week – 1 month', min: WEEK, max: MONTH },
      {
        tier: 'low',
        reportText: '1 month – 6 months',
        min: MONTH,
        max: SIX_MONTHS,
      },
    ]),
    changeFailRate: {
      unit: 'ratio',
      bands: null,
      noRangesReason:
        "The 2024 report gives a typical change fail rate per cluster (elite 5%, high 20%, medium 10%, low 40%), not ranges; its 'high' cluster fails more often than 'medium', so the clusters are not ordered on this metric and cannot place a value.",
      clusterValues: [
        { tier: 'elite', reportText: '5%' },
        { tier: 'high', reportText: '20%' },
        { tier: 'medium', reportText: '10%' },
        { tier: 'low', reportText: '40%' },
      ],
    },
    recoveryTime: {
      unit: 'seconds',
      interpretation: 'A month is read as 30 days.',
      bands: [
        { tier: 'elite', reportText: 'less than one hour', max: HOUR },
        { tier: 'high', reportText: 'less than one day', min: HOUR, max: DAY },
        {
          tier: 'medium',
          reportText: 'less than one day',
          min: HOUR,
          max: DAY,
        },
        { tier: 'low', reportText: '1 week – 1 month', min: WEEK, max: MONTH },
      ],
    },
  },
};

export const builtInBenchmarks: Benchmark[] = [dora2024, dora2023, dora2021];
export const DEFAULT_BENCHMARK_ID = '2024';
