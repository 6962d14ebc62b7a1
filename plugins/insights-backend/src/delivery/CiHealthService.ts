import { InputError, NotFoundError } from '@backstage/errors';
import {
  CiHealth,
  CiSeriesPoint,
  isoTime,
  MetricsQuery,
  PipelineHealth,
} from '@cairn/plugin-insights-common';
import { CatalogGateway } from '../shared/CatalogGateway';
import { QueryResolver } from '../shared/QueryResolver';
import { bucketBoundaries } from '../shared/timeZones';
import {
  flakyTests,
  pipelinePeriod,
  rerunLoss,
  RunRecord,
} from './engine/ciHealth';
import { DeliveryStore } from './store/DeliveryStore';

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
      range: {
        from: isoTime(range.from),
        to: isoTime(range.to),
        timezone: range.timezone,
        days: range.days,
      },
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
