import { createHash } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { SliSource } from '@cairn/plugin-insights-node';
import { SloDefinition } from './engine/openslo';
import {
  histogramBuckets,
  MinuteValue,
  ratioBuckets,
  rawBuckets,
  seriesPlan,
  SeriesPlan,
  valueBuckets,
} from './engine/sliSeries';
import { LONGEST_ALERT_WINDOW_MS, SliBucket } from './engine/sloMath';
import { DAY_MS, MINUTE_MS, periodLengthMs } from './engine/windows';
import {
  ReliabilityStore,
  SliCursor,
  sliKeyText,
  StoredSlo,
} from './store/ReliabilityStore';

/** Minutes read again on every run, for samples a source received late. */
const OVERLAP_MS = 5 * MINUTE_MS;
/** One range request covers at most a week of minutes (10,080 points; Prometheus allows 11,000). */
const CHUNK_MS = 7 * DAY_MS;

export type CollectOptions = {
  store: ReliabilityStore;
  sources: () => SliSource[];
  logger: LoggerService;
  /** Series read at once. */
  concurrency: number;
  /** One request's time limit. */
  timeoutMs: number;
  /** SLI data older than this many days is neither read nor kept. */
  retentionDays: number;
  now?: () => number;
};

export type CollectResult = {
  series: number;
  minutes: number;
  failed: number;
  /** Series whose data source type has no module. */
  noModule: number;
};

/** The types of an SLO's metric sources (lower case). */
function sourceTypes(plan: SeriesPlan[]) {
  return [
    ...new Set(
      plan.flatMap(p => p.parts.map(x => x.source.type.toLowerCase())),
    ),
  ];
}

/** What a series is read from: a change starts its backfill again. */
function definitionHash(slo: SloDefinition, plan: SeriesPlan) {
  return createHash('sha256')
    .update(
      JSON.stringify({
        plan,
        objective:
          slo.indicator.kind === 'threshold'
            ? slo.objectives[plan.objective]
            : null,
        rawType: slo.indicator.ratio?.rawType ?? null,
      }),
    )
    .digest('hex');
}

/**
 * Reads SLI data from data source modules (Prometheus) into the minute buckets, for every SLO whose
 * metrics all come from one installed module: the whole window on first sight (the SLO's period, at
 * least the longest alert window, within the retention), then from where the last run stopped, a few
 * minutes back. A source that fails leaves its minutes missing (never good) and records the error;
 * the next run asks again. Only whole minutes before the current one are read.
 */
export async function collectSli(
  options: CollectOptions,
): Promise<CollectResult> {
  const now = options.now ? options.now() : Date.now();
  const to = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const registered = new Map(
    options.sources().map(s => [s.type.toLowerCase(), s] as const),
  );
  const result: CollectResult = {
    series: 0,
    minutes: 0,
    failed: 0,
    noModule: 0,
  };
  if (registered.size === 0) return result;
  const slos = await options.store.allSlos();
  const cursors = new Map(
    (
      await options.store.cursors([...new Set(slos.map(s => s.componentRef))])
    ).map(c => [sliKeyText(c), c] as const),
  );
  const work: Array<() => Promise<void>> = [];
  for (const slo of slos) {
    const plan = seriesPlan(slo.definition);
    const types = sourceTypes(plan);
    if (plan.length === 0 || types.length !== 1) continue;
    const source = registered.get(types[0]);
    if (!source) {
      result.noModule += plan.length;
      continue;
    }
    for (const series of plan) {
      const key = {
        componentRef: slo.componentRef,
        slo: slo.definition.name,
        objective: series.objective,
      };
      const hash = definitionHash(slo.definition, series);
      const cursor = cursors.get(sliKeyText(key));
      const earliest = Math.max(
        to - options.retentionDays * DAY_MS,
        to -
          Math.max(
            periodLengthMs(slo.definition.period, now),
            LONGEST_ALERT_WINDOW_MS,
          ),
      );
      const from =
        cursor && cursor.definitionHash === hash && cursor.fetchedTo !== null
          ? Math.max(earliest, cursor.fetchedTo - OVERLAP_MS)
          : Math.floor(earliest / MINUTE_MS) * MINUTE_MS;
      work.push(async () => {
        result.series++;
        const outcome = await collectSeries(
          options,
          source,
          slo,
          series,
          from,
          to,
        );
        result.minutes += outcome.minutes;
        if (outcome.error) result.failed++;
        const saved: SliCursor = {
          ...key,
          sourceType: source.type,
          definitionHash: hash,
          fetchedTo:
            outcome.fetchedTo ??
            (cursor?.definitionHash === hash ? cursor.fetchedTo : null),
          lastAttemptAt: now,
          lastError: outcome.error ?? null,
        };
        await options.store.saveCursor(saved);
      });
    }
  }
  await runBounded(work, options.concurrency);
  return result;
}

async function runBounded(work: Array<() => Promise<void>>, limit: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, work.length) }, async () => {
      while (next < work.length) await work[next++]();
    }),
  );
}

/** Reads one series chunk by chunk; stops at the first failure, keeping what was stored before. */
async function collectSeries(
  options: CollectOptions,
  source: SliSource,
  slo: StoredSlo,
  series: SeriesPlan,
  from: number,
  to: number,
): Promise<{ minutes: number; fetchedTo?: number; error?: string }> {
  let minutes = 0;
  let fetchedTo: number | undefined;
  for (let start = from; start < to; start += CHUNK_MS) {
    const end = Math.min(to, start + CHUNK_MS);
    let buckets: SliBucket[];
    try {
      buckets = await readChunk(
        options,
        source,
        slo.definition,
        series,
        start,
        end,
      );
    } catch (error) {
      const message = `${source.type}: ${(error as Error).message}`;
      options.logger.warn(
        `SLI data of ${slo.componentRef} ${slo.definition.name} could not be read: ${message}`,
      );
      return { minutes, fetchedTo, error: message };
    }
    await options.store.putBuckets(
      {
        componentRef: slo.componentRef,
        slo: slo.definition.name,
        objective: series.objective,
      },
      buckets,
    );
    minutes += buckets.length;
    fetchedTo = end;
  }
  return { minutes, fetchedTo };
}

async function readChunk(
  options: CollectOptions,
  source: SliSource,
  slo: SloDefinition,
  series: SeriesPlan,
  from: number,
  to: number,
): Promise<SliBucket[]> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const window = { from, to, signal };
  const [first] = series.parts;
  if (first.role === 'raw')
    return rawBuckets(
      await source.readValues({ source: first.source, ...window }),
      slo.indicator.ratio?.rawType,
    );
  if (first.role === 'threshold') {
    const objective = slo.objectives[series.objective];
    const op = objective.op!;
    const value = objective.value!;
    const histogram = source.readHistogram
      ? await source.readHistogram({ source: first.source, ...window })
      : undefined;
    if (histogram) {
      const read = histogramBuckets(histogram, { op, value });
      if (read.bound === undefined && histogram.length)
        throw new Error(
          `no histogram bucket bound is at or under the threshold ${value}`,
        );
      return read.buckets;
    }
    return valueBuckets(
      await source.readValues({ source: first.source, ...window }),
      { op, value },
    );
  }
  const counter = slo.indicator.ratio?.counter ?? true;
  const read = await Promise.all(
    series.parts.map(
      async part =>
        [
          part.role,
          await source.readEvents({ source: part.source, counter, ...window }),
        ] as [string, MinuteValue[]],
    ),
  );
  return ratioBuckets(Object.fromEntries(read));
}
