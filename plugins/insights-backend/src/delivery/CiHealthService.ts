import { InputError, NotFoundError } from '@backstage/errors';
import {
  CiComponentRow,
  CiHealth,
  CiRollup,
  CiSeriesPoint,
  CiSpread,
  isoTime,
  MetricsQuery,
  PipelineHealth,
} from '@cairn/plugin-insights-common';
import { CatalogGateway } from '../shared/CatalogGateway';
import { QueryResolver, ResolvedRange } from '../shared/QueryResolver';
import { bucketBoundaries } from '../shared/timeZones';
import { percentileOfSorted } from './engine/percentile';
import {
  flakyTests,
  pipelinePeriod,
  rerunLoss,
  RunRecord,
} from './engine/ciHealth';
import { DeliveryStore } from './store/DeliveryStore';

const rangeOut = (range: ResolvedRange) => ({
  from: isoTime(range.from),
  to: isoTime(range.to),
  timezone: range.timezone,
  days: range.days,
});

const BUCKETS = ['day', 'week', 'month'] as const;
type CiBucket = (typeof BUCKETS)[number];
const MAX_FLAKY_TESTS = 20;

/**
 * CI health of one component (docs/DESIGN.md, "CI health"): per pipeline and kind, durations, queue
 * times and success rates against the previous period; default-branch runs per bucket; flaky tests and
 * the time lost to reruns. Reads the runs that finished in both periods and applies the engine.
 */
export class CiHealthService {
  constructor(
    private readonly options: {
      store: DeliveryStore;
      catalog: CatalogGateway;
      query: QueryResolver;
    },
  ) {}

  /**
   * CI across a group's (whole sub-tree's) or a system's components: each component's default-branch
   * runs, success rate and durations, flaky tests and reruns, as its own CI health computes them, and
   * their spread across the components.
   */
  async rollup(query: MetricsQuery): Promise<CiRollup> {
    const { ref, kind, components } = await this.options.query.entity(
      query.entityRef,
    );
    if (kind === 'component') {
      throw new InputError(
        'entity: the CI rollup is for groups and systems; use /v1/ci/health for a component',
      );
    }
    const range = this.options.query.range(query);
    const runs = await this.options.store.pipelineRuns({
      componentRefs: components,
      from: range.from,
      to: range.to,
    });
    const rows: CiComponentRow[] = [];
    const without: string[] = [];
    for (const component of components) {
      const mine = runs.get(component) ?? [];
      if (mine.length === 0) {
        without.push(component);
        continue;
      }
      const main = pipelinePeriod(mine.filter(r => r.kind === 'defaultBranch'));
      rows.push({
        entityRef: component,
        runs: main.runs,
        successRate: main.successRate,
        duration: main.duration,
        queue: main.queue,
        flakyTests: flakyTests(mine).length,
        rerunSecondsLost: rerunLoss(mine).secondsLost,
      });
    }
    rows.sort(
      (a, b) =>
        (b.duration.p50 ?? -1) - (a.duration.p50 ?? -1) ||
        a.entityRef.localeCompare(b.entityRef),
    );
    return {
      entityRef: ref,
      range: rangeOut(range),
      components: rows,
      componentsWithoutRuns: without.sort(),
      distribution: {
        durationP50: spread(rows.map(r => r.duration.p50)),
        successRate: spread(
          rows.map(r => r.successRate),
          true,
        ),
        queueP50: spread(rows.map(r => r.queue.p50)),
      },
      flakyTests: rows.reduce((n, r) => n + r.flakyTests, 0),
      rerunSecondsLost: rows.reduce((n, r) => n + r.rerunSecondsLost, 0),
    };
  }

  async health(query: MetricsQuery & { bucket?: string }): Promise<CiHealth> {
    const { ref } = await this.options.query.entity(query.entityRef);
    if (!ref.startsWith('component:')) {
      throw new InputError(
        'entity: CI health is per component; ask for each component of a group or system',
      );
    }
    const bucket = (query.bucket ?? 'week') as CiBucket;
    if (!BUCKETS.includes(bucket)) {
      throw new InputError(`bucket: must be one of ${BUCKETS.join(', ')}`);
    }
    const range = this.options.query.range(query);
    const previous = {
      from: range.from - (range.to - range.from),
      to: range.from,
    };
    const location = (await this.options.catalog.componentIndex()).get(ref);
    const [runs, unattributed] = await Promise.all([
      this.options.store.pipelineRuns({
        componentRefs: [ref],
        from: previous.from,
        to: range.to,
      }),
      location?.repository
        ? this.options.store.unattributedRuns(location.repository)
        : Promise.resolve(0),
    ]);
    const all = runs.get(ref) ?? [];
    if (
      !location &&
      all.length === 0 &&
      !(await this.options.store.namesComponent(ref)) &&
      !(await this.options.catalog.entities([ref]))[0]
    ) {
      throw new NotFoundError(
        `entity: no component ${ref} in the catalog, and no reported event names it; check the reference`,
      );
    }
    const current = all.filter(r => r.finishedAt >= range.from);
    const before = all.filter(r => r.finishedAt < range.from);

    return {
      entityRef: ref,
      range: rangeOut(range),
      previousRange: { from: isoTime(previous.from), to: isoTime(previous.to) },
      pipelines: pipelines(current, before),
      series: {
        bucket,
        points: bucketBoundaries(
          range.from,
          range.to,
          range.timezone,
          bucket,
        ).map(b => point(b, current)),
      },
      flakyTests: flakyTests(current).slice(0, MAX_FLAKY_TESTS),
      reruns: rerunLoss(current),
      coverage: coverage(current, unattributed, location?.repository ?? null),
    };
  }
}

/** The middle, the best and the worst of values where lower (or, for `higherIsBetter`, higher) is better. */
function spread(
  values: Array<number | null>,
  higherIsBetter = false,
): CiSpread {
  const present = values
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  if (present.length === 0) return { median: null, best: null, worst: null };
  const sorted = Float64Array.from(present);
  const low = present[0];
  const high = present[present.length - 1];
  return {
    median: percentileOfSorted(sorted, 50),
    best: higherIsBetter ? high : low,
    worst: higherIsBetter ? low : high,
  };
}

const pipelineKey = (r: Pick<RunRecord, 'pipeline' | 'kind'>) =>
  `${r.kind}\u0000${r.pipeline}`;

function pipelines(
  current: RunRecord[],
  before: RunRecord[],
): PipelineHealth[] {
  const keys = new Map<string, Pick<RunRecord, 'pipeline' | 'kind'>>();
  for (const r of [...current, ...before])
    keys.set(pipelineKey(r), { pipeline: r.pipeline, kind: r.kind });
  const kindOrder = { defaultBranch: 0, pullRequest: 1, other: 2 };
  return [...keys.entries()]
    .map(([key, { pipeline, kind }]) => {
      const mine = current.filter(r => pipelineKey(r) === key);
      const last = mine[mine.length - 1];
      return {
        pipeline,
        kind,
        ...pipelinePeriod(mine),
        previous: pipelinePeriod(before.filter(r => pipelineKey(r) === key)),
        lastRun: last
          ? {
              finishedAt: isoTime(last.finishedAt),
              result: last.result,
              url: last.url,
            }
          : null,
      };
    })
    .sort(
      (a, b) =>
        kindOrder[a.kind] - kindOrder[b.kind] ||
        b.runs - a.runs ||
        a.pipeline.localeCompare(b.pipeline),
    );
}

function point(
  b: { start: number; end: number },
  runs: RunRecord[],
): CiSeriesPoint {
  const {
    runs: count,
    successRate,
    duration,
    queue,
  } = pipelinePeriod(
    runs.filter(
      r =>
        r.kind === 'defaultBranch' &&
        r.finishedAt >= b.start &&
        r.finishedAt < b.end,
    ),
  );
  return {
    from: isoTime(b.start),
    to: isoTime(b.end),
    runs: count,
    successRate,
    duration,
    queue,
  };
}

function coverage(
  runs: RunRecord[],
  unattributedInRepository: number,
  repository: string | null,
): CiHealth['coverage'] {
  const notes: CiHealth['coverage']['notes'] = [];
  const withTests = runs.filter(r => r.tests !== null).length;
  const withQueueTime = runs.filter(
    r => r.queuedAt !== null && r.startedAt !== null,
  ).length;
  if (runs.length === 0) {
    notes.push({
      severity: 'info',
      message:
        'No pipeline run of this component finished in the range. Send pipelineRun events (POST /v1/events), CDEvents pipelineRun events, or GitHub workflow_run webhooks through the GitHub module.',
    });
  } else {
    if (withTests === 0)
      notes.push({
        severity: 'info',
        message:
          'No run reported test results, so flaky tests cannot be found: add the tests summary (passed, failed, failures) to pipelineRun events.',
      });
    if (withQueueTime < runs.length)
      notes.push({
        severity: 'info',
        message: `${runs.length - withQueueTime} of ${
          runs.length
        } runs have no queuedAt or startedAt, so they are left out of the queue time.`,
      });
  }
  if (unattributedInRepository > 0)
    notes.push({
      severity: 'warning',
      message: `${unattributedInRepository} pipeline runs of ${repository} are not attributed to any component: name the component in the event, or give the repository's components path prefixes.`,
    });
  return {
    runs: runs.length,
    withTests,
    withQueueTime,
    unattributedInRepository,
    notes,
  };
}
