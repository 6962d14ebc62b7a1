import { InputError, NotFoundError } from '@backstage/errors';
import {
  Benchmark,
  Bucket,
  classifyTier,
  ComponentRollupRow,
  Coverage,
  CoverageNote,
  DoraMetrics,
  DoraRollup,
  DoraSeries,
  DoraSummary,
  LEAD_TIME_STAGES,
  LeadTimeStage,
  METRIC_IDS,
  METRIC_METADATA,
  Explanation,
  environmentPhrase,
  explain,
  explainAll,
  MetricDistribution,
  MetricId,
  MetricsQuery,
  Tier,
  Trend,
  isoTime,
} from '@cairn/plugin-insights-common';
import { CatalogGateway } from '../shared/CatalogGateway';
import {
  QueryResolver,
  ResolvedEntity,
  ResolvedRange,
} from '../shared/QueryResolver';
import { DoraValues } from './engine/computeDoraValues';
import { bottleneckOf } from './engine/deriveChangeFacts';
import {
  HeadlineInputs,
  headlineValues,
  ratio,
  tierInput,
} from './engine/headlineValues';
import { percentileOfSorted } from './engine/percentile';
import { bucketBoundaries, offsetSegments } from '../shared/timeZones';
import { emptyDoraValues } from './store/doraAggregates';
import { DrillDownScope } from './store/drillDown';
import { DeliveryStore } from './store/DeliveryStore';

const DAY_MS = 86_400_000;

type Options = {
  store: DeliveryStore;
  catalog: CatalogGateway;
  query: QueryResolver;
  retentionDays: number;
  now?: () => number;
};

export function trendOf(
  current: number | null,
  previous: number | null,
  metric: MetricId,
): Trend {
  if (current === null || previous === null) {
    return { previous, change: null, direction: null, better: null };
  }
  let direction: 'up' | 'down' | 'flat' = 'flat';
  if (current > previous) direction = 'up';
  else if (current < previous) direction = 'down';
  return {
    previous,
    change: previous === 0 ? null : (current - previous) / previous,
    direction,
    better:
      direction === 'flat'
        ? null
        : (direction === 'up') === METRIC_METADATA[metric].higherIsBetter,
  };
}

const rangeOut = (range: ResolvedRange) => ({
  from: isoTime(range.from),
  to: isoTime(range.to),
  timezone: range.timezone,
  days: range.days,
});

/**
 * Delivery metrics for components, groups and systems: the summary with trend, tiers and coverage,
 * series, rollups and drill-downs. Reads the store's aggregates; composes, never recomputes.
 */
export class DeliveryMetricsService {
  constructor(private readonly options: Options) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** The instant before which retention may have purged events. */
  earliestAvailable(): number {
    return this.now() - this.options.retentionDays * DAY_MS;
  }

  async summary(query: MetricsQuery): Promise<DoraSummary> {
    const { ref } = await this.options.query.entity(query.entityRef);
    if (!ref.startsWith('component:')) {
      throw new InputError(
        'entity: the summary is per component; use /v1/metrics/rollup for groups and systems',
      );
    }
    const range = this.options.query.range(query);
    const envKey = this.options.query.environment(query.environment);
    const benchmark = this.options.query.benchmark(query.benchmark);
    const previous = {
      ...range,
      from: range.from - (range.to - range.from),
      to: range.from,
    };
    const location = (await this.options.catalog.componentIndex()).get(ref);
    // Both periods in one read, as two buckets: the previous one for its trend only (its headline
    // values), this one in full; and the coverage counts, independent of them, at the same time.
    const periods = this.options.store
      .aggregates({
        componentRefs: [ref],
        envKey,
        from: previous.from,
        to: range.to,
        offsets: offsetSegments(previous.from, range.to, range.timezone),
        grouping: { by: 'bucket', bucketEnds: [range.from, range.to] },
        series: ['headline', 'all'],
      })
      .then(m => [
        m.get('1') ?? emptyDoraValues(),
        m.get('0') ?? emptyDoraValues(),
      ]);
    const [[values, previousValues], counts] = await Promise.all([
      periods,
      this.options.store.coverageCounts({
        componentRef: ref,
        envKey,
        from: range.from,
        to: range.to,
        repository: location?.repository ?? null,
      }),
    ]);
    // A reference the catalog does not know and no event names is a typo, not "no data".
    if (
      !location &&
      !counts.everDeployed &&
      !(await this.options.store.namesComponent(ref)) &&
      !(await this.options.catalog.entities([ref]))[0]
    ) {
      throw new NotFoundError(
        `entity: no component ${ref} in the catalog, and no reported event names it; check the reference`,
      );
    }
    const measured = {
      deployments: { finished: values.total, ...counts.deployments },
      changes: {
        shipped: values.changes,
        withoutFirstCommit: values.changes - values.leadTime.count,
        // Changes with a review whose review stage ran backwards are not "without review".
        withoutReview:
          values.changes -
          values.stages.review.count -
          counts.changes.outOfOrder.review,
        withoutBuild:
          values.stages.deploy.count -
          Math.min(
            values.stages.deploy.count,
            Math.max(
              values.deployParts.build.count,
              values.deployParts.release.count,
            ),
          ),
        ...counts.changes,
      },
      incidents: counts.incidents,
    };
    const coverage: Coverage = {
      ...measured,
      attribution: {
        repository: location?.repository ?? null,
        pathPrefix: location?.pathPrefix ?? null,
      },
      notes: coverageNotes(
        ref,
        envKey,
        counts.everDeployed,
        measured,
        {
          inCatalog: location !== undefined,
          repository: location?.repository ?? null,
        },
        Math.max(
          values.deployParts.build.count,
          values.deployParts.release.count,
        ),
      ),
    };
    return {
      entityRef: ref,
      environment: envKey,
      range: rangeOut(range),
      previousRange: { from: isoTime(previous.from), to: isoTime(previous.to) },
      earliestAvailable: isoTime(this.earliestAvailable()),
      benchmark: {
        id: benchmark.id,
        label: benchmark.label,
        source: benchmark.source,
      },
      metrics: buildMetrics(
        values,
        previousValues,
        range.days,
        benchmark,
        counts.everDeployed,
        envKey,
      ),
      coverage,
    };
  }

  async series(query: MetricsQuery & { bucket: Bucket }): Promise<DoraSeries> {
    const { ref, components } = await this.options.query.entity(
      query.entityRef,
    );
    const range = this.options.query.range(query);
    const envKey = this.options.query.environment(query.environment);
    const buckets = bucketBoundaries(
      range.from,
      range.to,
      range.timezone,
      query.bucket,
    );
    const grouped = await this.options.store.aggregates({
      componentRefs: components,
      envKey,
      from: range.from,
      to: range.to,
      offsets: offsetSegments(range.from, range.to, range.timezone),
      grouping: { by: 'bucket', bucketEnds: buckets.map(b => b.end) },
    });
    return {
      entityRef: ref,
      environment: envKey,
      bucket: query.bucket,
      range: {
        from: isoTime(range.from),
        to: isoTime(range.to),
        timezone: range.timezone,
      },
      buckets: buckets.map((b, i) => {
        const v = grouped.get(String(i)) ?? emptyDoraValues();
        return {
          start: isoTime(b.start),
          end: isoTime(b.end),
          deployments: v.deployments,
          deploymentDays: v.deploymentDays,
          total: v.total,
          failed: v.failed,
          rework: v.rework,
          changeFailRate: ratio(v.failed, v.total),
          reworkRate: ratio(v.rework, v.total),
          leadTime: v.leadTime,
          stageMedians: Object.fromEntries(
            LEAD_TIME_STAGES.map(s => [s, v.stages[s].median]),
          ) as Record<LeadTimeStage, number | null>,
          recovery: v.recovery,
          incidents: v.incidents,
          mttr: v.mttr,
        };
      }),
    };
  }

  async rollup(
    query: MetricsQuery,
    membership?: Pick<
      ResolvedEntity,
      'ref' | 'components' | 'members' | 'membersNote'
    >,
  ): Promise<DoraRollup> {
    const { ref, components, members, membersNote } =
      membership ?? (await this.options.query.entity(query.entityRef));
    if (ref.startsWith('component:')) {
      throw new InputError(
        'entity: a rollup is for a Group or a System; use /v1/metrics/summary for a component',
      );
    }
    const range = this.options.query.range(query);
    const envKey = this.options.query.environment(query.environment);
    const benchmark = this.options.query.benchmark(query.benchmark);
    const values = await this.options.store.headlines({
      componentRefs: components,
      envKey,
      from: range.from,
      to: range.to,
      offsets: offsetSegments(range.from, range.to, range.timezone),
    });

    const rows: ComponentRollupRow[] = [];
    const withoutData: string[] = [];
    const totals = emptyDoraValues();
    for (const component of components) {
      const v = values.get(component);
      if (!v || (v.total === 0 && v.incidents === 0)) {
        withoutData.push(component);
        continue;
      }
      totals.total += v.total;
      totals.manual += v.manual;
      totals.rework += v.rework;
      totals.incidents += v.incidents;
      const headline = headlineValues(v, range.days);
      rows.push({
        entityRef: component,
        deployments: v.deployments,
        metrics: Object.fromEntries(
          METRIC_IDS.map(id => [
            id,
            {
              value: headline[id],
              tiers: classifyTier(benchmark, id, tierInput(id, v, range.days))
                .tiers,
            },
          ]),
        ) as ComponentRollupRow['metrics'],
      });
    }
    return {
      entityRef: ref,
      environment: envKey,
      range: rangeOut(range),
      benchmark: {
        id: benchmark.id,
        label: benchmark.label,
        source: benchmark.source,
      },
      components: rows,
      componentsWithoutData: withoutData,
      distribution: Object.fromEntries(
        METRIC_IDS.map(id => [id, distribution(rows, id)]),
      ) as DoraRollup['distribution'],
      attention: attention(rows, values, benchmark),
      toil: {
        deployments: totals.total,
        manualDeploymentShare: ratio(totals.manual, totals.total),
        reworkRate: ratio(totals.rework, totals.total),
        incidents: totals.incidents,
        members,
        ...(membersNote ? { membersNote } : {}),
        incidentsPerMember: members === 0 ? null : totals.incidents / members,
      },
    };
  }

  async drillDownScope(
    query: MetricsQuery & { limit?: number; offset?: number },
  ): Promise<DrillDownScope> {
    const { components } = await this.options.query.entity(query.entityRef);
    const range = this.options.query.range(query);
    const { limit, offset } = this.options.query.page(query);
    return {
      componentRefs: components,
      envKey: this.options.query.environment(query.environment),
      from: range.from,
      to: range.to,
      limit,
      offset,
    };
  }

  async deployments(
    query: MetricsQuery & {
      limit?: number;
      offset?: number;
      filter?: 'failed' | 'rework';
    },
  ) {
    return this.options.store.listDeployments(
      await this.drillDownScope(query),
      query.filter,
    );
  }

  async changes(query: MetricsQuery & { limit?: number; offset?: number }) {
    return this.options.store.listChanges(await this.drillDownScope(query));
  }

  async incidents(query: MetricsQuery & { limit?: number; offset?: number }) {
    return this.options.store.listIncidents(await this.drillDownScope(query));
  }

  async environments(entityRef: string) {
    const { components } = await this.options.query.entity(entityRef);
    return { items: await this.options.store.listEnvironments(components) };
  }
}

function buildMetrics(
  v: DoraValues,
  previous: DoraValues,
  days: number,
  benchmark: Benchmark,
  everDeployed: boolean,
  envKey: string,
): DoraMetrics {
  const now = headlineValues(v, days);
  const before = headlineValues(previous, days);
  const noDeployments: Explanation[] = everDeployed
    ? []
    : [
        {
          code: 'no-deployments-reported',
          params: { environment: environmentPhrase(envKey) },
        },
      ];
  const common = (id: MetricId, sampleSize: number, why?: Explanation[]) => {
    const reasons = why?.length ? why : noDeployments;
    const missing = now[id] === null ? reasons : undefined;
    return {
      value: now[id],
      sampleSize,
      missing: missing?.length ? missing : undefined,
      missingReason: missing?.length ? explainAll(missing) : undefined,
      trend: trendOf(now[id], before[id], id),
      tier: classifyTier(benchmark, id, tierInput(id, v, days)),
      unit: METRIC_METADATA[id].unit,
    };
  };
  const stageBottleneck = bottleneckOf(v.stages, v.deployParts);

  const nothingInRange: Explanation[] = noDeployments.length
    ? noDeployments
    : [{ code: 'no-deployment-in-range' }];
  return {
    deploymentFrequency: {
      ...common('deploymentFrequency', v.deployments),
      // Zero deployments in a range is a real value once the component has ever deployed.
      value: !everDeployed ? null : now.deploymentFrequency,
      missing: !everDeployed ? noDeployments : undefined,
      missingReason: !everDeployed ? explainAll(noDeployments) : undefined,
      // Without a value there is nothing to place in a cluster.
      tier: classifyTier(
        benchmark,
        'deploymentFrequency',
        everDeployed ? tierInput('deploymentFrequency', v, days) : null,
      ),
      details: {
        deployments: v.deployments,
        deploymentDays: v.deploymentDays,
        deploymentsPerDay: v.deployments / days,
        deploymentDaysPerWeek: v.deploymentDays / (days / 7),
      },
    },
    changeLeadTime: {
      ...common(
        'changeLeadTime',
        v.leadTime.count,
        v.deployments === 0
          ? [...nothingInRange, { code: 'lead-time-runs-to-success' }]
          : [{ code: 'no-first-commit' }],
      ),
      details: {
        ...v.leadTime,
        stages: v.stages,
        deployParts: v.deployParts,
        bottleneck: stageBottleneck,
      },
    },
    changeFailRate: {
      ...common('changeFailRate', v.total, nothingInRange),
      details: {
        failed: v.failed,
        total: v.total,
        byReason: {
          result: v.failedByResult,
          fixed: v.failedByFix,
          incident: v.failedByIncident,
        },
      },
    },
    recoveryTime: {
      ...common(
        'recoveryTime',
        v.recovery.count,
        recoveryMissing(v, nothingInRange),
      ),
      details: { ...v.recovery, unrecovered: v.unrecovered },
    },
    reworkRate: {
      ...common('reworkRate', v.total, nothingInRange),
      details: { rework: v.rework, total: v.total },
    },
    mttr: {
      ...common(
        'mttr',
        v.mttr.count,
        v.incidents === 0
          ? [{ code: 'no-incident-in-range' }]
          : [
              {
                code: 'incidents-still-open',
                params: { count: v.openIncidents },
              },
            ],
      ),
      details: { ...v.mttr, open: v.openIncidents },
    },
  };
}

function recoveryMissing(
  v: DoraValues,
  nothingInRange: Explanation[],
): Explanation[] {
  if (v.total === 0) return nothingInRange;
  if (v.failed === 0) return [{ code: 'nothing-to-recover' }];
  return [{ code: 'failures-not-recovered', params: { count: v.unrecovered } }];
}

function coverageNotes(
  ref: string,
  envKey: string,
  everDeployed: boolean,
  counts: Pick<Coverage, 'deployments' | 'changes' | 'incidents'>,
  catalog: { inCatalog: boolean; repository: string | null },
  withBuild: number,
): CoverageNote[] {
  const notes: Array<{ severity: 'info' | 'warning'; why: Explanation }> = [];
  const note = (severity: 'info' | 'warning', why: Explanation) =>
    notes.push({ severity, why });
  if (!catalog.inCatalog) {
    note('warning', { code: 'not-in-catalog', params: { entityRef: ref } });
  } else if (!catalog.repository) {
    note('info', { code: 'no-repository' });
  }
  if (!everDeployed) {
    note('warning', {
      code: 'no-deployments',
      params: { environment: envKey },
    });
  }
  if (counts.deployments.unattributedInRepository > 0) {
    note('warning', {
      code: 'unattributed-events',
      params: {
        count: counts.deployments.unattributedInRepository,
        repository: catalog.repository,
      },
    });
  }
  if (counts.changes.withoutFirstCommit > 0) {
    note('info', {
      code: 'changes-without-first-commit',
      params: { count: counts.changes.withoutFirstCommit },
    });
  }
  const outOfOrder = counts.changes.outOfOrder;
  const backwards =
    outOfOrder.coding +
    outOfOrder.pickup +
    outOfOrder.review +
    outOfOrder.deploy;
  if (backwards > 0) {
    note('info', {
      code: 'out-of-order-stages',
      params: { count: backwards, ...outOfOrder },
    });
  }
  // Only where CI data splits some changes' deploy stage: without any, the breakdown says so itself.
  if (counts.changes.withoutBuild > 0 && withBuild > 0) {
    note('info', {
      code: 'changes-without-build',
      params: { count: counts.changes.withoutBuild, withBuild },
    });
  }
  if (counts.changes.mergedWithoutDeployment > 0) {
    note('info', {
      code: 'changes-without-deployment',
      params: {
        count: counts.changes.mergedWithoutDeployment,
        environment: envKey,
      },
    });
  }
  if (counts.incidents.unresolvedReferences > 0) {
    note('warning', {
      code: 'unresolved-incident-causes',
      params: { count: counts.incidents.unresolvedReferences },
    });
  }
  if (counts.incidents.inferred > 0) {
    note('info', {
      code: 'inferred-incident-links',
      params: { count: counts.incidents.inferred },
    });
  }
  return notes.map(({ severity, why }) => ({
    code: why.code,
    ...('params' in why ? { params: why.params } : {}),
    severity,
    message: explain(why),
  }));
}

const TIER_ORDER: Array<Tier | 'none'> = [
  'elite',
  'high',
  'medium',
  'low',
  'none',
];

function distribution(
  rows: ComponentRollupRow[],
  id: MetricId,
): MetricDistribution {
  const withValue = rows.filter(r => r.metrics[id].value !== null);
  const sorted = withValue.map(r => r.metrics[id].value!).sort((a, b) => a - b);
  const ordered = [...withValue].sort(
    (a, b) => a.metrics[id].value! - b.metrics[id].value!,
  );
  const [low, high] = [ordered[0], ordered[ordered.length - 1]];
  const best = METRIC_METADATA[id].higherIsBetter ? high : low;
  const worst = METRIC_METADATA[id].higherIsBetter ? low : high;
  const tierCounts = Object.fromEntries(TIER_ORDER.map(t => [t, 0])) as Record<
    Tier | 'none',
    number
  >;
  for (const row of rows) {
    // A component counts once, under the best cluster it reaches.
    tierCounts[row.metrics[id].tiers[0] ?? 'none']++;
  }
  return {
    componentsWithValue: withValue.length,
    median: percentileOfSorted(sorted, 50),
    best: best
      ? { entityRef: best.entityRef, value: best.metrics[id].value! }
      : null,
    worst: worst
      ? { entityRef: worst.entityRef, value: worst.metrics[id].value! }
      : null,
    tierCounts,
  };
}

/**
 * Components with the most reasons for attention: unrecovered failures, open incidents, and the worst
 * value of the group where that value is below the benchmark's top tier (being last among elite
 * components is not a problem).
 */
function attention(
  rows: ComponentRollupRow[],
  values: Map<string, HeadlineInputs>,
  benchmark: Benchmark,
) {
  const reasons = new Map<string, Explanation[]>();
  const add = (ref: string, why: Explanation) =>
    reasons.set(ref, [...(reasons.get(ref) ?? []), why]);
  for (const row of rows) {
    const v = values.get(row.entityRef)!;
    if (v.unrecovered > 0)
      add(row.entityRef, {
        code: 'unrecovered-failures',
        params: { count: v.unrecovered },
      });
    if (v.openIncidents > 0)
      add(row.entityRef, {
        code: 'open-incidents',
        params: { count: v.openIncidents },
      });
  }
  if (rows.length >= 2) {
    for (const metric of [
      'changeFailRate',
      'changeLeadTime',
      'recoveryTime',
      'deploymentFrequency',
    ] as const) {
      const d = distribution(rows, metric);
      if (!d.worst || !d.best || d.worst.value === d.best.value) continue;
      const top = benchmark.metrics[metric]?.bands?.find(
        band => band.tier === 'elite',
      )
        ? 'elite'
        : 'high';
      const worst = rows.find(r => r.entityRef === d.worst!.entityRef)!;
      if (!worst.metrics[metric].tiers.includes(top))
        add(d.worst.entityRef, { code: 'worst-in-group', params: { metric } });
    }
  }
  return [...reasons.entries()]
    .map(([entityRef, why]) => ({
      entityRef,
      reasons: why.map(explain),
      why,
    }))
    .sort((a, b) => b.reasons.length - a.reasons.length)
    .slice(0, 5);
}
