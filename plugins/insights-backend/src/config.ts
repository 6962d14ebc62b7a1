import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  Benchmark,
  BenchmarkedMetric,
  builtInBenchmarks,
  DEFAULT_BENCHMARK_ID,
  MetricBenchmark,
  Tier,
} from '@cairn/plugin-insights-common';
import { isValidTimeZone } from './shared/timeZones';
import { EnvironmentKinds } from './shared/EnvironmentKinds';

export type InsightsConfig = {
  defaultTimezone: string;
  environments: EnvironmentKinds;
  linkWindowMs: number;
  defaultBenchmark: string;
  benchmarks: Benchmark[];
  maxEventsPerBatch: number;
  maxBodySize: string;
  retentionDays: number;
  catchUpSchedule: SchedulerServiceTaskScheduleDefinition;
  retentionSchedule: SchedulerServiceTaskScheduleDefinition;
  demoData: boolean;
  scorecards: {
    /** Rule files: local paths or URLs read through the UrlReader. */
    rules: string[];
    /** Groups whose catalog entities may name rule files (cairn.dev/scorecard-rules). */
    catalogOwners: string[];
    /** The stage of an entity that neither it nor its system labels. */
    defaultStage: '0-1' | '1-10' | '10-100' | '100plus';
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
  slo: {
    /** Events a window needs before its alert is judged (the low-traffic guard). */
    minEvents: number;
    /** SLI minutes older than this are purged and not read from data sources. */
    retentionDays: number;
    /** Series read from data source modules at once, and one request's time limit. */
    concurrency: number;
    timeoutMs: number;
    definitionsSchedule: SchedulerServiceTaskScheduleDefinition;
    sliSchedule: SchedulerServiceTaskScheduleDefinition;
  };
  ownership: {
    /** An owner confirmation older than this is stale. */
    staleAfterDays: number;
    /** The days of first reviews review concentration reads. */
    reviewWindowDays: number;
    /** Where repositories are cloned; none: no history is read. */
    workDir: string | undefined;
    /** A repository's clone URL, `{repository}` replaced by host/owner/name. */
    cloneUrl: string;
    /** At most this many commits per component (the newest). */
    maxCommits: number | undefined;
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
};

/** Reads `insights.*` (see config.d.ts), failing at start-up on values that cannot work. */
export function readInsightsConfig(config: RootConfigService): InsightsConfig {
  const c = config.getOptionalConfig('insights');
  // The portal's zone (`cairn.timeZone`, which the frontends show times in) unless insights names its own.
  const zoneKey = c?.has('defaultTimezone')
    ? 'insights.defaultTimezone'
    : 'cairn.timeZone';
  const defaultTimezone =
    c?.getOptionalString('defaultTimezone') ??
    config.getOptionalString('cairn.timeZone') ??
    'UTC';
  if (!isValidTimeZone(defaultTimezone)) {
    throw new Error(
      `${zoneKey}: '${defaultTimezone}' is not an IANA time zone`,
    );
  }
  const hours = c?.getOptionalNumber('incidentLinkWindowHours') ?? 24;
  if (!(hours >= 0))
    throw new Error('insights.incidentLinkWindowHours must be zero or more');
  const benchmarks = [
    ...builtInBenchmarks,
    ...readCustomBenchmarks(
      c?.getOptionalConfigArray('customBenchmarks') ?? [],
    ),
  ];
  const defaultBenchmark =
    c?.getOptionalString('defaultBenchmark') ?? DEFAULT_BENCHMARK_ID;
  if (!benchmarks.some(b => b.id === defaultBenchmark)) {
    throw new Error(
      `insights.defaultBenchmark: '${defaultBenchmark}' is not one of ${benchmarks
        .map(b => b.id)
        .join(', ')}`,
    );
  }
  const schedule = (
    key: string,
    fallback: SchedulerServiceTaskScheduleDefinition,
  ) =>
    c?.has(`schedules.${key}`)
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          c.getConfig(`schedules.${key}`),
        )
      : fallback;
  return {
    defaultTimezone,
    environments: new EnvironmentKinds(
      c?.getOptionalStringArray('productionEnvironments') ?? [
        'production',
        'prod',
        'live',
      ],
    ),
    linkWindowMs: hours * 3600 * 1000,
    defaultBenchmark,
    benchmarks,
    maxEventsPerBatch: c?.getOptionalNumber('ingest.maxEventsPerBatch') ?? 1000,
    maxBodySize: c?.getOptionalString('ingest.maxBodySize') ?? '5mb',
    retentionDays: c?.getOptionalNumber('retentionDays') ?? 730,
    catchUpSchedule: schedule('catchUp', {
      frequency: { minutes: 10 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 30 },
    }),
    retentionSchedule: schedule('retention', {
      frequency: { hours: 24 },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 5 },
    }),
    demoData: c?.getOptionalBoolean('demoData.enabled') ?? false,
    ownership: {
      staleAfterDays: positive('ownership.ownerConfirmationMaxAgeDays', 180),
      reviewWindowDays: positive('ownership.reviewWindowDays', 90),
      workDir: c?.getOptionalString('ownership.history.workDir'),
      cloneUrl:
        c?.getOptionalString('ownership.history.cloneUrl') ??
        'https://{repository}.git',
      maxCommits: positiveOptional('ownership.history.maxCommits'),
      schedule: schedule('ownership', {
        frequency: { hours: 6 },
        timeout: { minutes: 60 },
        initialDelay: { minutes: 1 },
      }),
    },
    scorecards: {
      rules: c?.getOptionalStringArray('scorecards.rules') ?? [],
      catalogOwners: (
        c?.getOptionalStringArray('scorecards.catalogOwners') ?? []
      ).map(owner => owner.toLowerCase()),
      defaultStage: (() => {
        const stage = c?.getOptionalString('scorecards.defaultStage') ?? '1-10';
        if (!['0-1', '1-10', '10-100', '100plus'].includes(stage))
          throw new Error(
            `insights.scorecards.defaultStage: '${stage}' is not one of 0-1, 1-10, 10-100, 100plus`,
          );
        return stage as '0-1' | '1-10' | '10-100' | '100plus';
      })(),
      schedule: schedule('scorecards', {
        frequency: { hours: 1 },
        timeout: { minutes: 30 },
        initialDelay: { minutes: 2 },
      }),
    },
    slo: {
      minEvents: positive('slo.minEvents', 100, { zero: true }),
      retentionDays: positive('slo.retentionDays', 90),
      concurrency: positive('slo.collection.concurrency', 4),
      timeoutMs: positive('slo.collection.timeoutSeconds', 30) * 1000,
      definitionsSchedule: schedule('sloDefinitions', {
        frequency: { minutes: 10 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 20 },
      }),
      sliSchedule: schedule('sliCollection', {
        frequency: { minutes: 1 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 30 },
      }),
    },
  };

  function positiveOptional(key: string): number | undefined {
    return c?.has(key) ? positive(key, 1) : undefined;
  }

  function positive(
    key: string,
    fallback: number,
    options: { zero?: boolean } = {},
  ): number {
    const value = c?.getOptionalNumber(key) ?? fallback;
    if (!Number.isFinite(value) || value < 0 || (!options.zero && value === 0))
      throw new Error(
        `insights.${key} must be a number ${
          options.zero ? '0 or more' : 'above 0'
        }`,
      );
    return value;
  }
}

const UNITS: Record<BenchmarkedMetric, MetricBenchmark['unit']> = {
  deploymentFrequency: 'deploymentDaysPerWeek',
  changeLeadTime: 'seconds',
  changeFailRate: 'ratio',
  recoveryTime: 'seconds',
};

function readCustomBenchmarks(
  entries: ReturnType<RootConfigService['getConfigArray']>,
): Benchmark[] {
  return entries.map(entry => {
    const metrics: Benchmark['metrics'] = {};
    const metricsConfig = entry.getConfig('metrics');
    for (const metric of Object.keys(UNITS) as BenchmarkedMetric[]) {
      const bands = metricsConfig.getOptionalConfigArray(`${metric}.bands`);
      if (!bands) continue;
      metrics[metric] = {
        unit: UNITS[metric],
        bands: bands.map(band => ({
          tier: band.getString('tier') as Tier,
          reportText: band.getString('reportText'),
          min: band.getOptionalNumber('min'),
          max: band.getOptionalNumber('max'),
        })),
      };
    }
    return {
      id: entry.getString('id'),
      label: entry.getString('label'),
      source: entry.getString('source'),
      metrics,
    };
  });
}
