import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { Benchmark } from '@cairn/plugin-insights-common';
import { DateTime } from 'luxon';
import { CatalogGateway } from './CatalogGateway';
import { EnvironmentKinds, PRODUCTION } from './EnvironmentKinds';
import { isValidTimeZone, remember } from './timeZones';

const DAY_MS = 86_400_000;
/** Longest range a request may ask for. */
const MAX_RANGE_DAYS = 731;
const DEFAULT_RANGE_DAYS = 30;

/**
 * A half-open range [from, to) in epoch ms, the time zone it is read in, and its length in days counted
 * on that zone's calendar: 2026-10-19 to 2026-11-02 in Europe/Berlin is 14 days although it spans 337
 * hours (the clocks go back on 25 October); a part of a day counts as its part of that local day.
 */
export type ResolvedRange = {
  from: number;
  to: number;
  timezone: string;
  days: number;
};

/** What an entity reference stands for: a component, or the components of a group's sub-tree or a system. */
export type ResolvedEntity = {
  ref: string;
  kind: 'component' | 'group' | 'system';
  components: string[];
  /** Distinct users of a group's sub-tree; 0 for a component or a system. */
  members: number;
  /** Set when the catalog's search disagrees with the groups' membership relations. */
  membersNote?: string;
  /** A group and every group below it (lower-case refs); absent for a component or a system. */
  groups?: string[];
};

// Answers kept for the ranges dashboards ask for again and again (bounded).
const dayCounts = new Map<string, number>();
const instants = new Map<string, number>();

/** Days between two instants on a zone's calendar (fractional for parts of days). */
export function localDays(from: number, to: number, zone: string): number {
  return remember(
    dayCounts,
    `${zone} ${from} ${to}`,
    () =>
      DateTime.fromMillis(to, { zone }).diff(
        DateTime.fromMillis(from, { zone }),
        'days',
      ).days,
  );
}

/** Parses an ISO 8601 date or timestamp in a zone, or says which field is wrong. */
export function parseInstant(value: string, field: string, zone: string) {
  const parsed = remember(instants, `${zone} ${value}`, () => {
    const instant = DateTime.fromISO(value, { zone });
    return instant.isValid ? instant.toMillis() : NaN;
  });
  if (Number.isNaN(parsed)) {
    throw new InputError(
      `${field}: '${value}' is not an ISO 8601 date or timestamp`,
    );
  }
  return parsed;
}

/**
 * The query layer every domain's routes share: a range in a time zone, an environment, a benchmark,
 * an entity and the components it stands for, and paging, each checked with the field it came from.
 */
export class QueryResolver {
  constructor(
    private readonly options: {
      catalog: CatalogGateway;
      environments: EnvironmentKinds;
      benchmarks: Benchmark[];
      defaultBenchmark: string;
      defaultTimezone: string;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** [from, to) in the request's time zone; the last 30 days by default, at most two years. */
  range(query: {
    from?: string;
    to?: string;
    timezone?: string;
  }): ResolvedRange {
    const timezone = query.timezone ?? this.options.defaultTimezone;
    if (!isValidTimeZone(timezone)) {
      throw new InputError(
        `timezone: '${timezone}' is not an IANA time zone such as Europe/Berlin`,
      );
    }
    const to = query.to ? parseInstant(query.to, 'to', timezone) : this.now();
    const from = query.from
      ? parseInstant(query.from, 'from', timezone)
      : DateTime.fromMillis(to, { zone: timezone })
          .minus({ days: DEFAULT_RANGE_DAYS })
          .toMillis();
    if (from >= to) throw new InputError('from: must be before to');
    if (to - from > MAX_RANGE_DAYS * DAY_MS) {
      throw new InputError(
        `from: the range may span at most ${MAX_RANGE_DAYS} days`,
      );
    }
    return { from, to, timezone, days: localDays(from, to, timezone) };
  }

  /** The environment key of a name (production names share `production`); production by default. */
  environment(environment?: string): string {
    return this.options.environments.keyOf(environment ?? PRODUCTION);
  }

  benchmark(id?: string): Benchmark {
    const wanted = id ?? this.options.defaultBenchmark;
    const found = this.options.benchmarks.find(b => b.id === wanted);
    if (!found) {
      throw new InputError(
        `benchmark: '${wanted}' is not one of ${this.options.benchmarks
          .map(b => b.id)
          .join(', ')}`,
      );
    }
    return found;
  }

  /** The components an entity stands for: itself, or a group's (whole sub-tree) or system's. */
  async entity(entityRef: string): Promise<ResolvedEntity> {
    let parsed;
    try {
      parsed = parseEntityRef(entityRef, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      });
    } catch (e) {
      throw new InputError(
        `entity: '${entityRef}' is not an entity reference such as component:default/checkout`,
      );
    }
    const ref = stringifyEntityRef(parsed).toLowerCase();
    const kind = parsed.kind.toLowerCase();
    if (kind === 'component') {
      return { ref, kind, components: [ref], members: 0 };
    }
    if (kind === 'group' || kind === 'system') {
      const membership = await this.options.catalog.membership(ref);
      return { ref, kind, ...membership };
    }
    throw new InputError(
      `entity: must be a Component, Group or System, not ${parsed.kind}`,
    );
  }

  /** Paging of a list: 50 by default, at most 500. */
  page(query: { limit?: number; offset?: number }) {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw new InputError('limit: must be an integer from 1 to 500');
    if (!Number.isInteger(offset) || offset < 0)
      throw new InputError('offset: must be a non-negative integer');
    return { limit, offset };
  }
}
