import {
  Entity,
  getEntitySourceLocation,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ANNOTATION_OPENSLO,
  SloObjectiveStatus,
  SloStatus as CommonSloStatus,
} from '@cairn/plugin-insights-common';
import { OpensloProblem, readOpenslo } from './engine/openslo';
import { prometheusRules } from './engine/prometheusRules';
import { DateTime } from 'luxon';
import {
  AlertStatus,
  alertTimeline,
  judgeAlert,
  LONGEST_ALERT_WINDOW_MS,
  MinuteSums,
  WindowCounts,
  WORKBOOK_WINDOWS,
  budgetAtWindowEnd,
  burnRate,
  countsIn,
  coverage,
  errorBudget,
  errorRatio,
  SliBucket,
  timesliceSli,
  timeToExhaustionMs,
} from './engine/sloMath';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  periodWindow,
  Window,
} from './engine/windows';
import { LoggerService } from '@backstage/backend-plugin-api';
import { SliSource } from '@cairn/plugin-insights-node';
import { collectSli } from './SliCollector';
import { seriesPlan } from './engine/sliSeries';
import {
  ReliabilityStore,
  SliCursor,
  SliKey,
  sliKeyText,
  StoredSlo,
} from './store/ReliabilityStore';

/**
 * A file named by the annotation: an absolute URL as it is, a path relative to the component's source
 * location (`url:` locations only).
 */
export function resolveFileUrl(entity: Entity, path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  const location = getEntitySourceLocation(entity);
  if (location.type !== 'url')
    throw new Error(
      `${ANNOTATION_OPENSLO}: ${path} is relative, and the source location is not a URL`,
    );
  const base = location.target.endsWith('/')
    ? location.target
    : `${location.target}/`;
  return new URL(path, base).toString();
}

/** Pushed documents are this origin; fetched files are their URL. */
export const API_ORIGIN = 'api';

/** The bands of a rollup's budget distribution: spent, then quarters of the budget. */
const BUDGET_BANDS: Array<{
  band: 'spent' | '0-25' | '25-50' | '50-75' | '75-100';
  above?: number;
  atMost?: number;
}> = [
  { band: 'spent', atMost: 0 },
  { band: '0-25', above: 0, atMost: 0.25 },
  { band: '25-50', above: 0.25, atMost: 0.5 },
  { band: '50-75', above: 0.5, atMost: 0.75 },
  { band: '75-100', above: 0.75 },
];

/** The longest history one request may ask for. */
export const MAX_HISTORY_DAYS = 90;
/** A day burns unusually when it spends its budget at least this many times too fast. */
export const UNUSUAL_DAY_BURN_RATE = 2;
/** Deployments that finished this long before an alert or a burn are named beside it. */
export const DEPLOYMENT_LOOKBACK_MS = 6 * HOUR_MS;

/** A deployment named beside a burn, from the delivery domain. */
export type DeploymentNearBurn = {
  id: string;
  source: string;
  finishedAt: string;
  result: string | null;
  version: string | null;
  commit: string | null;
  url: string | null;
};

/** What an SLO push or an SLI push may hold. */
export const MAX_DOCUMENT_BYTES = 256 * 1024;
export const MAX_BUCKETS_PER_PUSH = 50_000;

export class InvalidDocumentsError extends InputError {
  constructor(readonly problems: OpensloProblem[]) {
    super(
      `${problems.length} problem${
        problems.length > 1 ? 's' : ''
      } in the OpenSLO documents, nothing applied: ${problems
        .slice(0, 5)
        .map(p => `${p.document}${p.path ? ` ${p.path}` : ''}: ${p.message}`)
        .join('; ')}`,
    );
    this.name = 'InputError';
  }
}

/** An objective's status: the API's type (insights-common), computed here. */
export type ObjectiveStatus = SloObjectiveStatus;

/** Where an SLO's SLI data comes from, and how its reading went. */
export type SloDataSource = CommonSloStatus['dataSource'];

/** An SLO's status: the API's type, with the indicator as the engine reads it. */
export type SloStatus = Omit<CommonSloStatus, 'indicator'> & {
  indicator: StoredSlo['definition']['indicator'];
};

const iso = (t: number) => new Date(t).toISOString();
function windowText(ms: number): string {
  if (ms % (24 * HOUR_MS) === 0) return `${ms / (24 * HOUR_MS)}d`;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS}h`;
  return `${ms / MINUTE_MS}m`;
}

/**
 * The reliability domain's service: pushed OpenSLO documents and SLI data, and each SLO's status at a
 * moment (../shared/reference/slo-math.md through the engine).
 */
export class ReliabilityService {
  constructor(
    private readonly options: {
      store: ReliabilityStore;
      /** Resolves an entity reference against the catalog; a component's SLOs only. */
      component: (ref: string) => Promise<string>;
      /** Events a window needs before its alert is judged (the low-traffic guard). */
      minEvents: number;
      /** A group's (whole sub-tree) or a system's components, from the catalog (rollups). */
      members?: (
        entityRef: string,
      ) => Promise<{ ref: string; components: string[] }>;
      /** Components with the `cairn.dev/openslo` annotation (refreshDefinitions). */
      annotated?: () => Promise<Entity[]>;
      /** Reads a file through the portal's integrations (UrlReader). */
      readUrl?: (url: string) => Promise<string>;
      /**
       * The component's production deployments finished in [from, to), newest first, at most a
       * thousand (delivery domain).
       */
      deployments?: (
        componentRef: string,
        from: number,
        to: number,
      ) => Promise<DeploymentNearBurn[]>;
      /** Days of rolling SLOs' history are cut in this zone (calendar SLOs use their own). */
      timeZone?: string;
      /** Data source modules (Prometheus) and how SLI data is read from them. */
      sources?: () => SliSource[];
      collection?: {
        concurrency: number;
        timeoutMs: number;
        retentionDays: number;
      };
      logger?: LoggerService;
      now?: () => number;
    },
  ) {}

  /**
   * Reads every annotated component's OpenSLO files and stores a version of each file that changed
   * (an invalid file, or one that could not be read, is stored as invalid and the last valid version
   * keeps serving). SLOs of files no longer named are forgotten; pushed ones stay. Each file is its own
   * origin. Run by a scheduled task; the catalog and the files are read before each write.
   */
  async refreshDefinitions(): Promise<{
    read: number;
    changed: number;
    failed: number;
  }> {
    const counts = { read: 0, changed: 0, failed: 0 };
    if (!this.options.annotated || !this.options.readUrl) return counts;
    for (const entity of await this.options.annotated()) {
      const componentRef = stringifyEntityRef(entity).toLowerCase();
      const paths = entity.metadata
        .annotations![ANNOTATION_OPENSLO].split(',')
        .map(p => p.trim())
        .filter(Boolean);
      const origins: string[] = [API_ORIGIN];
      for (const path of paths) {
        let url: string;
        let content: string;
        let problems: OpensloProblem[] = [];
        try {
          url = resolveFileUrl(entity, path);
        } catch {
          // A relative path without a URL source location: nothing to read (the documents route
          // shows no version for it).
          counts.failed++;
          continue;
        }
        origins.push(url);
        try {
          content = await this.options.readUrl(url);
          counts.read++;
        } catch (error) {
          content = '';
          problems = [
            {
              document: url,
              path: '',
              message: `could not be read: ${(error as Error).message}`,
            },
          ];
          counts.failed++;
        }
        const result = problems.length
          ? { slos: [], problems, unsupported: [] }
          : readOpenslo(content);
        if (!problems.length && !result.problems.length && !result.slos.length)
          result.problems.push({
            document: url,
            path: '',
            message: 'holds no SLO document (kind: SLO)',
          });
        // The store keeps one version per content and state: an unchanged file, or the same failure
        // again, writes nothing.
        const stored = await this.options.store.saveDocuments({
          componentRef,
          origin: url,
          content,
          slos: result.problems.length ? null : result.slos,
          problems: result.problems,
          unsupported: result.unsupported,
          receivedBy: 'catalog',
          receivedAt: this.now(),
        });
        if (stored.created) counts.changed++;
      }
      await this.options.store.removeOrigins(componentRef, origins);
    }
    return counts;
  }

  private now() {
    return this.options.now ? this.options.now() : Date.now();
  }

  /** Reads SLI data from the installed data source modules (a scheduled task). */
  async collect() {
    const { sources, collection, logger } = this.options;
    if (!sources || !collection || !logger)
      return { series: 0, minutes: 0, failed: 0, noModule: 0 };
    return collectSli({
      store: this.options.store,
      sources,
      logger,
      ...collection,
      now: () => this.now(),
    });
  }

  /** Forgets SLI minutes past the retention. */
  async purge() {
    if (!this.options.collection) return 0;
    return this.options.store.purgeMinutesBefore(
      this.now() - this.options.collection.retentionDays * DAY_MS,
    );
  }

  private dataSourceOf(
    slo: StoredSlo,
    cursorsBySlo: Map<string, SliCursor[]>,
  ): SloDataSource {
    const plan = seriesPlan(slo.definition);
    const types = [
      ...new Set(plan.flatMap(p => p.parts.map(x => x.source.type))),
    ];
    if (types.length === 0)
      return {
        type: 'push',
        module: null,
        readTo: null,
        lastAttemptAt: null,
        lastError: null,
      };
    const installed = new Set(
      (this.options.sources?.() ?? []).map(s => s.type.toLowerCase()),
    );
    const mine =
      cursorsBySlo.get(`${slo.componentRef}\u0000${slo.definition.name}`) ?? [];
    const readTo = mine.length
      ? Math.min(...mine.map(c => c.fetchedTo ?? -Infinity))
      : null;
    const failing = mine.find(c => c.lastError);
    return {
      type: types.join(', '),
      module: types.every(t => installed.has(t.toLowerCase()))
        ? 'installed'
        : 'not-installed',
      readTo: readTo === null || readTo === -Infinity ? null : iso(readTo),
      lastAttemptAt: mine.length
        ? iso(Math.max(...mine.map(c => c.lastAttemptAt)))
        : null,
      lastError: failing?.lastError ?? null,
    };
  }

  async pushDocuments(input: {
    entityRef: string;
    content: string;
    actor: string;
  }) {
    const componentRef = await this.options.component(input.entityRef);
    if (Buffer.byteLength(input.content) > MAX_DOCUMENT_BYTES)
      throw new InputError(
        `content: at most ${MAX_DOCUMENT_BYTES / 1024} KB of OpenSLO documents`,
      );
    const result = readOpenslo(input.content);
    if (result.problems.length === 0 && result.slos.length === 0)
      result.problems.push({
        document: 'content',
        path: '',
        message: 'holds no SLO document (kind: SLO)',
      });
    const stored = await this.options.store.saveDocuments({
      componentRef,
      origin: API_ORIGIN,
      content: input.content,
      slos: result.problems.length ? null : result.slos,
      problems: result.problems,
      unsupported: result.unsupported,
      receivedBy: input.actor,
      receivedAt: this.now(),
    });
    if (result.problems.length)
      throw new InvalidDocumentsError(result.problems);
    return {
      entityRef: componentRef,
      version: stored.version,
      slos: result.slos.map(s => s.name),
      unsupported: result.unsupported,
    };
  }

  async pushSli(input: {
    entityRef: string;
    slo: string;
    objective?: number;
    buckets: Array<{ start: string; good: number; total: number }>;
  }) {
    const componentRef = await this.options.component(input.entityRef);
    const slos = await this.options.store.listSlos([componentRef]);
    const slo = slos.find(s => s.definition.name === input.slo);
    if (!slo)
      throw new InputError(
        `slo: ${componentRef} has no SLO named ${input.slo} (push its OpenSLO document first)`,
      );
    const objective = input.objective ?? 0;
    if (objective >= slo.definition.objectives.length)
      throw new InputError(
        `objective: ${input.slo} has ${slo.definition.objectives.length} objective(s), numbered from 0`,
      );
    if (input.buckets.length > MAX_BUCKETS_PER_PUSH)
      throw new InputError(
        `buckets: at most ${MAX_BUCKETS_PER_PUSH} per request`,
      );
    const seen = new Set<number>();
    const buckets: SliBucket[] = input.buckets.map((b, i) => {
      const start = Date.parse(b.start);
      if (!/(Z|[+-]\d{2}:\d{2})$/.test(b.start) || Number.isNaN(start))
        throw new InputError(
          `buckets[${i}].start: must be an ISO 8601 time with a zone, e.g. 2026-03-01T12:00:00Z`,
        );
      if (start % MINUTE_MS !== 0)
        throw new InputError(
          `buckets[${i}].start: must be the start of a minute (buckets are one minute long)`,
        );
      if (seen.has(start))
        throw new InputError(
          `buckets[${i}].start: ${b.start} appears twice in the request`,
        );
      seen.add(start);
      for (const field of ['good', 'total'] as const)
        if (!Number.isFinite(b[field]) || b[field] < 0)
          throw new InputError(
            `buckets[${i}].${field}: must be a number of events, 0 or more`,
          );
      if (b.good > b.total)
        throw new InputError(
          `buckets[${i}].good: must not exceed total (${b.good} > ${b.total})`,
        );
      return { start, good: b.good, total: b.total };
    });
    // A ratio SLO's objectives share one series (objective 0); a threshold SLO has one per objective.
    const key = {
      componentRef,
      slo: input.slo,
      objective: slo.definition.indicator.kind === 'ratio' ? 0 : objective,
    };
    const written = await this.options.store.putBuckets(key, buckets);
    return { entityRef: componentRef, slo: input.slo, buckets: written };
  }

  /** The start of the newest SLI minute of an SLO's series (its objective's, for a threshold SLO). */
  async lastMinute(input: {
    entityRef: string;
    slo: string;
    objective: number;
  }): Promise<number | null> {
    const componentRef = await this.options.component(input.entityRef);
    const slo = (await this.options.store.listSlos([componentRef])).find(
      s => s.definition.name === input.slo,
    );
    return this.options.store.lastBucketStart({
      componentRef,
      slo: input.slo,
      objective:
        slo?.definition.indicator.kind === 'ratio' ? 0 : input.objective,
    });
  }

  async documents(entityRef: string) {
    const componentRef = await this.options.component(entityRef);
    return {
      entityRef: componentRef,
      documents: (await this.options.store.latestDocuments(componentRef)).map(
        ({ created: _created, ...d }) => ({
          ...d,
          receivedAt: iso(d.receivedAt),
        }),
      ),
    };
  }

  private evaluationTime(at?: string): number {
    if (at === undefined) return this.now();
    const time = Date.parse(at);
    if (Number.isNaN(time))
      throw new InputError('at: must be an ISO 8601 time');
    return time;
  }

  async status(entityRef: string, at?: string) {
    const componentRef = await this.options.component(entityRef);
    const time = this.evaluationTime(at);
    const slos = await this.options.store.listSlos([componentRef]);
    return {
      entityRef: componentRef,
      at: iso(time),
      slos: (await this.statusOf(slos, time)).map(
        ({ componentRef: _c, ...status }) => status,
      ),
    };
  }

  /** The status of every SLO of these components now, each with its component (scorecard facts). */
  async statusesOf(componentRefs: string[]) {
    const slos = await this.options.store.listSlos(componentRefs);
    return this.statusOf(slos, this.evaluationTime());
  }

  /**
   * A group's (its whole sub-tree's) or a system's SLOs at a moment: objectives by state, the lowest
   * budgets, and the alerts firing, each linked to its component.
   */
  async rollup(entityRef: string, at?: string) {
    if (!this.options.members)
      throw new InputError('entity: rollups are not available');
    const { ref, components } = await this.options.members(entityRef);
    const time = this.evaluationTime(at);
    const slos = await this.options.store.listSlos(components);
    const byState = { healthy: 0, burning: 0, exhausted: 0, noData: 0 };
    let tooLittleTraffic = 0;
    const objectives: Array<{
      entityRef: string;
      slo: string;
      objective: number;
      name: string | null;
      state: keyof typeof byState;
      remaining: number | null;
      burnRate1h: number | null;
      alert: AlertStatus | null;
    }> = [];
    for (const status of await this.statusOf(slos, time)) {
      for (const [index, o] of status.objectives.entries()) {
        const alert = o.alert?.status ?? null;
        let state: keyof typeof byState = 'healthy';
        if (o.sli === null) state = 'noData';
        else if (o.budget && o.budget.remaining <= 0) state = 'exhausted';
        else if (alert === 'page' || alert === 'ticket') state = 'burning';
        if (alert === 'too-little-traffic') tooLittleTraffic++;
        byState[state]++;
        objectives.push({
          entityRef: status.componentRef,
          slo: status.name,
          objective: index,
          name: o.name,
          state,
          remaining: o.budget?.remaining ?? null,
          burnRate1h: o.burnRate1h,
          alert,
        });
      }
    }
    const withBudget = objectives.filter(o => o.remaining !== null);
    // How the objectives' remaining budgets spread (spent, then quarters of the budget).
    const budgetDistribution = BUDGET_BANDS.map(band => ({
      ...band,
      objectives: withBudget.filter(
        o =>
          o.remaining! > (band.above ?? -Infinity) &&
          o.remaining! <= (band.atMost ?? Infinity),
      ).length,
    }));
    return {
      entityRef: ref,
      at: iso(time),
      components: components.length,
      componentsWithSlos: new Set(slos.map(s => s.componentRef)).size,
      objectives: objectives.length,
      byState,
      tooLittleTraffic,
      budgetDistribution,
      lowestBudgets: withBudget
        .sort((a, b) => a.remaining! - b.remaining!)
        .slice(0, 5),
      // Burning faster than the budget lasts, fastest first.
      fastestBurning: objectives
        .filter(o => o.burnRate1h !== null && o.burnRate1h > 1)
        .sort((a, b) => b.burnRate1h! - a.burnRate1h!)
        .slice(0, 5),
      firing: objectives
        .filter(o => o.alert === 'page' || o.alert === 'ticket')
        .sort((a, b) => (b.burnRate1h ?? 0) - (a.burnRate1h ?? 0))
        .slice(0, 100),
    };
  }

  /** The status of SLOs at a moment: Occurrences from the store's window sums, time slices from minutes. */
  private async statusOf(
    slos: StoredSlo[],
    time: number,
  ): Promise<Array<SloStatus & { componentRef: string }>> {
    const cursors = slos.length
      ? await this.options.store.cursors([
          ...new Set(slos.map(s => s.componentRef)),
        ])
      : [];
    const cursorsBySlo = new Map<string, SliCursor[]>();
    for (const c of cursors) {
      const k = `${c.componentRef}\u0000${c.slo}`;
      cursorsBySlo.set(k, [...(cursorsBySlo.get(k) ?? []), c]);
    }
    const alertWindows = WORKBOOK_WINDOWS.flatMap(p => [p.longMs, p.shortMs]);
    // Occurrences objectives: every window they need, summed in the database in one query per
    // distinct set of windows (SLOs with the same period share one).
    type Need = { key: SliKey; windows: Window[] };
    const needs = new Map<string, Need>();
    const byWindows = new Map<string, { windows: Window[]; keys: SliKey[] }>();
    slos.forEach(slo => {
      const d = slo.definition;
      if (d.budgetingMethod !== 'Occurrences') return;
      const period = periodWindow(d.period, time);
      const windows = [
        { from: period.from, to: Math.min(period.to, time) },
        { from: time - HOUR_MS, to: time },
        ...alertWindows.map(ms => ({ from: time - ms, to: time })),
      ];
      const signature = windows.map(w => `${w.from}-${w.to}`).join(',');
      const group = byWindows.get(signature) ?? { windows, keys: [] };
      d.objectives.forEach((_, i) => {
        const key = {
          componentRef: slo.componentRef,
          slo: d.name,
          objective: d.indicator.kind === 'ratio' ? 0 : i,
        };
        if (needs.has(sliKeyText(key))) return;
        needs.set(sliKeyText(key), { key, windows });
        group.keys.push(key);
      });
      byWindows.set(signature, group);
    });
    const counted = new Map<string, WindowCounts[]>();
    for (const group of byWindows.values())
      for (const [k, v] of await this.options.store.windowCounts(
        group.keys,
        group.windows,
      ))
        counted.set(k, v);

    const statuses: Array<SloStatus & { componentRef: string }> = [];
    for (const slo of slos) {
      const d = slo.definition;
      const { componentRef } = slo;
      const period = periodWindow(d.period, time);
      // A calendar window holds `at`; its numbers count up to `at`.
      const upTo = { from: period.from, to: Math.min(period.to, time) };
      const periodMs = period.to - period.from;
      const objectives: ObjectiveStatus[] = [];
      const seriesRead = new Map<number, SliBucket[]>();
      for (let i = 0; i < d.objectives.length; i++) {
        const objective = d.objectives[i];
        const series = d.indicator.kind === 'ratio' ? 0 : i;
        const key = { componentRef, slo: d.name, objective: series };
        let counts: WindowCounts;
        let budgetCounts: { good: number; total: number };
        let sli: number | null;
        let lastHour: WindowCounts;
        let alert: ReturnType<typeof judgeAlert> | null = null;
        if (d.budgetingMethod === 'Occurrences') {
          const need = needs.get(sliKeyText(key))!;
          const values = counted.get(sliKeyText(key))!;
          const of = (w: Window) =>
            values[
              need.windows.findIndex(x => x.from === w.from && x.to === w.to)
            ];
          counts = values[0];
          lastHour = values[1];
          budgetCounts = { good: counts.good, total: counts.total };
          const e = errorRatio(counts);
          sli = e === null ? null : 1 - e;
          alert = judgeAlert(of, {
            at: time,
            target: objective.target,
            periodMs,
            minEvents: this.options.minEvents,
          });
        } else {
          // Time slices need each slice's ratio: the period's minutes are read (at most a period's).
          let buckets = seriesRead.get(series);
          if (!buckets) {
            buckets = await this.options.store.readBuckets(
              key,
              upTo.from,
              upTo.to,
            );
            seriesRead.set(series, buckets);
          }
          counts = countsIn(buckets, upTo, MINUTE_MS);
          lastHour = countsIn(
            buckets,
            { from: time - HOUR_MS, to: time },
            MINUTE_MS,
          );
          const slices = timesliceSli(
            buckets,
            upTo,
            objective.timeSliceWindowMs!,
            objective.timeSliceTarget ?? objective.target,
            d.budgetingMethod,
          );
          sli = slices.sli;
          budgetCounts = {
            good: slices.goodSlices,
            total: slices.slicesWithData,
          };
        }
        const budget = errorBudget(budgetCounts, objective.target, periodMs);
        const br =
          d.budgetingMethod === 'Occurrences'
            ? burnRate(lastHour, objective.target)
            : null;
        objectives.push({
          name: objective.name ?? null,
          target: objective.target,
          op: objective.op ?? null,
          value: objective.value ?? null,
          window: { from: iso(upTo.from), to: iso(upTo.to) },
          sli,
          events: budgetCounts,
          coverage: coverage(counts),
          budget: budget && {
            consumed: budget.consumed,
            remaining: budget.remaining,
            badEventsLeft: budget.badEventsLeft,
            outageMinutesLeft: budget.outageMinutesLeft,
          },
          burnRate1h: br,
          timeToExhaustionHours: budget
            ? (() => {
                const ms = timeToExhaustionMs(budget.remaining, periodMs, br);
                return ms === null ? null : ms / HOUR_MS;
              })()
            : null,
          budgetAtWindowEnd:
            budget && d.period.kind === 'calendar'
              ? budgetAtWindowEnd(
                  budget.remaining,
                  periodMs,
                  br,
                  period.to - time,
                )
              : null,
          alert: alert && {
            status: alert.status,
            pairs: alert.pairs.map(p => ({
              severity: p.severity,
              factor: p.factor,
              long: windowText(p.longMs),
              short: windowText(p.shortMs),
              longBurnRate: p.long.burnRate,
              shortBurnRate: p.short.burnRate,
              firing: p.firing,
              tooLittleTraffic: p.tooLittleTraffic,
            })),
          },
        });
      }
      statuses.push({
        componentRef,
        name: d.name,
        displayName: d.displayName ?? null,
        service: d.service,
        origin: slo.origin,
        version: slo.version,
        dataSource: this.dataSourceOf(slo, cursorsBySlo),
        budgetingMethod: d.budgetingMethod,
        period: d.period,
        indicator: d.indicator,
        objectives,
      });
    }
    return statuses;
  }

  /**
   * An SLO objective's history over [from, to) (default: the last 30 days; at most 90): per day, the
   * budget left and the alert state at the day's end, the day's SLI and burn rate; every change of the
   * alert state with its windows' values; and beside each alert that fires and each day that burns
   * unusually (UNUSUAL_DAY_BURN_RATE), the component's production deployments that finished in the
   * DEPLOYMENT_LOOKBACK_MS before it. Derived from the stored minutes, so re-pushed data corrects it.
   */
  async history(input: {
    entityRef: string;
    slo: string;
    objective?: number;
    from?: string;
    to?: string;
  }) {
    const componentRef = await this.options.component(input.entityRef);
    const slo = (await this.options.store.listSlos([componentRef])).find(
      s => s.definition.name === input.slo,
    );
    if (!slo)
      throw new NotFoundError(`${componentRef} has no SLO named ${input.slo}`);
    const d = slo.definition;
    const index = input.objective ?? 0;
    const objective = d.objectives[index];
    if (!objective)
      throw new InputError(
        `objective: ${input.slo} has ${d.objectives.length} objective(s), numbered from 0`,
      );
    const zone =
      d.period.kind === 'calendar'
        ? d.period.timeZone
        : this.options.timeZone ?? 'UTC';
    const now = this.now();
    const to = Math.min(
      input.to === undefined ? now : this.evaluationTime(input.to),
      now,
    );
    const from =
      input.from === undefined
        ? DateTime.fromMillis(to, { zone })
            .startOf('day')
            .minus({ days: 29 })
            .toMillis()
        : this.evaluationTime(input.from);
    if (!(from < to))
      throw new InputError('from: must be before to (and before now)');
    if (to - from > MAX_HISTORY_DAYS * DAY_MS + HOUR_MS)
      throw new InputError(
        `from: at most ${MAX_HISTORY_DAYS} days of history at once`,
      );

    // Day ends in the zone: each day is judged at its end (the last one at `to`).
    const days: Array<{ start: number; end: number }> = [];
    for (
      let day = DateTime.fromMillis(from, { zone }).startOf('day');
      day.toMillis() < to;
      day = day.plus({ days: 1 })
    )
      days.push({
        start: Math.max(day.toMillis(), from),
        end: Math.min(day.plus({ days: 1 }).toMillis(), to),
      });
    const periodOfDay = (end: number) => {
      // A rolling period ends at `end`; a calendar one is the one holding the day's last minute.
      const period = periodWindow(
        d.period,
        d.period.kind === 'rolling' ? end : end - 1,
      );
      return {
        from: period.from,
        to: Math.min(period.to, end),
        length: period.to - period.from,
      };
    };
    const readFrom = Math.min(
      ...days.map(day => periodOfDay(day.end).from),
      from - LONGEST_ALERT_WINDOW_MS,
    );
    const series = d.indicator.kind === 'ratio' ? 0 : index;
    const buckets = await this.options.store.readBuckets(
      { componentRef, slo: d.name, objective: series },
      readFrom,
      to,
    );
    const sums = new MinuteSums(buckets, readFrom, to);
    const occurrences = d.budgetingMethod === 'Occurrences';

    const dayRows = days.map(day => {
      const period = periodOfDay(day.end);
      let budgetCounts: { good: number; total: number } = sums.countsIn(period);
      if (!occurrences) {
        const slices = timesliceSli(
          buckets,
          period,
          objective.timeSliceWindowMs!,
          objective.timeSliceTarget ?? objective.target,
          d.budgetingMethod as 'Timeslices' | 'RatioTimeslices',
        );
        budgetCounts = {
          good: slices.goodSlices,
          total: slices.slicesWithData,
        };
      }
      const budget = errorBudget(budgetCounts, objective.target, period.length);
      const inDay = sums.countsIn({ from: day.start, to: day.end });
      const ratio = errorRatio(inDay);
      return {
        day: DateTime.fromMillis(day.start, { zone }).toISODate()!,
        at: iso(day.end),
        sli: ratio === null ? null : 1 - ratio,
        events: { good: inDay.good, total: inDay.total },
        coverage: coverage(inDay),
        burnRate: burnRate(inDay, objective.target),
        budgetRemaining: budget?.remaining ?? null,
        alert: occurrences
          ? judgeAlert(w => sums.countsIn(w), {
              at: day.end,
              target: objective.target,
              periodMs: period.length,
              minEvents: this.options.minEvents,
            }).status
          : null,
        start: day.start,
      };
    });

    const changes = occurrences
      ? alertTimeline({
          buckets,
          from,
          to,
          target: objective.target,
          periodMs: periodOfDay(to).length,
          minEvents: this.options.minEvents,
        })
      : [];

    // The range's production deployments, read once; each burn names those just before it.
    const deployments = this.options.deployments
      ? await this.options.deployments(
          componentRef,
          from - DEPLOYMENT_LOOKBACK_MS,
          to + 1,
        )
      : [];
    const near = (at: number) =>
      deployments.filter(deployment => {
        const finished = Date.parse(deployment.finishedAt);
        return finished >= at - DEPLOYMENT_LOOKBACK_MS && finished <= at;
      });
    const alerts = [];
    for (const change of changes) {
      const fires = change.to === 'page' || change.to === 'ticket';
      alerts.push({
        at: iso(change.at),
        from: change.from,
        to: change.to,
        windows: change.pairs.map(p => ({
          severity: p.severity,
          factor: p.factor,
          long: windowText(p.longMs),
          short: windowText(p.shortMs),
          longBurnRate: p.long.burnRate,
          shortBurnRate: p.short.burnRate,
          firing: p.firing,
          tooLittleTraffic: p.tooLittleTraffic,
        })),
        ...(fires ? { deploymentsBefore: near(change.at) } : {}),
      });
    }
    const result = [];
    for (const { start, ...row } of dayRows) {
      const unusual =
        row.burnRate !== null && row.burnRate >= UNUSUAL_DAY_BURN_RATE;
      let onset: number | null = null;
      if (unusual) {
        // The first minute of the day whose last hour burned unusually.
        const dayEnd = Date.parse(row.at);
        for (
          let t = start + MINUTE_MS;
          t <= dayEnd && onset === null;
          t += MINUTE_MS
        ) {
          const br = burnRate(
            sums.countsIn({ from: t - HOUR_MS, to: t }),
            objective.target,
          );
          if (br !== null && br >= UNUSUAL_DAY_BURN_RATE) onset = t;
        }
        onset ??= start;
      }
      result.push({
        ...row,
        unusualBurn: unusual,
        ...(onset !== null
          ? { burnOnset: iso(onset), deploymentsBefore: near(onset) }
          : {}),
      });
    }
    return {
      entityRef: componentRef,
      slo: d.name,
      objective: index,
      from: iso(from),
      to: iso(to),
      timeZone: zone,
      days: result,
      alerts,
    };
  }

  async rules(entityRef: string, sloName: string) {
    const componentRef = await this.options.component(entityRef);
    const slo = (await this.options.store.listSlos([componentRef])).find(
      s => s.definition.name === sloName,
    );
    if (!slo)
      throw new NotFoundError(`${componentRef} has no SLO named ${sloName}`);
    const result = prometheusRules(slo.definition, { at: this.now() });
    if (!result.generated) throw new InputError(`slo: ${result.reason}`);
    return result.yaml;
  }
}
