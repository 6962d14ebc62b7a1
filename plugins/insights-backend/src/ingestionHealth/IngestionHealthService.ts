import { InputError } from '@backstage/errors';
import {
  IngestionHealth,
  IngestionHealthQuery,
  IngestionSourceHealth,
  UnattributedEvents,
  isoTime,
} from '@cairn/plugin-insights-common';
import { DateTime } from 'luxon';
import { CatalogGateway } from '../shared/CatalogGateway';
import type { DeliveryStore } from '../delivery';
import { ComponentIndex } from '../shared/ComponentIndex';
import {
  HOUR_MS,
  IngestionHealthStore,
  OutcomeCounts,
  zeroCounts,
} from './IngestionHealthStore';
import { unattributedHint } from './unattributedHint';

const DAY_MS = 24 * HOUR_MS;
const MAX_BUCKETS = 1000;
const MAX_GROUPS_PER_TYPE = 50;

/**
 * The ingestion health view: per source, what arrived over time and why input was refused or ignored;
 * and the stored events no component claims, with the annotation that would attribute them.
 */
export class IngestionHealthService {
  constructor(
    private readonly options: {
      /** Unattributed events are the delivery domain's records: read through its store. */
      delivery: Pick<DeliveryStore, 'unattributed'>;
      health: IngestionHealthStore;
      catalog: CatalogGateway;
      /** The sources installed now: the REST batch, CDEvents, modules. */
      registeredSources: () => string[];
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  async health(query: IngestionHealthQuery): Promise<IngestionHealth> {
    const parse = (value: string, field: string) => {
      const parsed = DateTime.fromISO(value, { zone: 'UTC' });
      if (!parsed.isValid) {
        throw new InputError(
          `${field}: '${value}' is not an ISO 8601 date or timestamp`,
        );
      }
      return parsed.toMillis();
    };
    const to = query.to ? parse(query.to, 'to') : this.now();
    let from = query.from ? parse(query.from, 'from') : to - 7 * DAY_MS;
    if (from >= to) throw new InputError('from: must be before to');
    const bucket = query.bucket ?? (to - from <= 2 * DAY_MS ? 'hour' : 'day');
    if (bucket !== 'hour' && bucket !== 'day') {
      throw new InputError(`bucket: must be 'hour' or 'day'`);
    }
    const size = bucket === 'hour' ? HOUR_MS : DAY_MS;
    from = Math.floor(from / size) * size;
    const starts: number[] = [];
    for (let t = from; t < to; t += size) starts.push(t);
    if (starts.length > MAX_BUCKETS) {
      throw new InputError(
        `bucket: the range holds ${starts.length} ${bucket}s, at most ${MAX_BUCKETS}; use a shorter range or bucket=day`,
      );
    }

    const stored = await this.options.health.read({ from, to });
    const registered = new Set(this.options.registeredSources());
    const names = [...new Set([...registered, ...stored.map(s => s.source)])];
    const sources: IngestionSourceHealth[] = names.map(name => {
      const s = stored.find(x => x.source === name);
      const buckets = starts.map(start => ({
        start: isoTime(start),
        end: isoTime(Math.min(start + size, to)),
        ...zeroCounts(),
      }));
      const totals = zeroCounts();
      for (const h of s?.hours ?? []) {
        const index = Math.floor((h.hour - from) / size);
        if (index < 0 || index >= buckets.length) continue;
        for (const k of Object.keys(totals) as Array<keyof OutcomeCounts>) {
          buckets[index][k] += h[k];
          totals[k] += h[k];
        }
      }
      const notes = (outcome: 'rejected' | 'ignored') =>
        (s?.notes ?? [])
          .filter(n => n.outcome === outcome)
          .map(n => ({ at: isoTime(n.at), count: n.count, reason: n.reason }));
      return {
        source: name,
        registered: registered.has(name),
        lastReceivedAt:
          s?.lastReceivedAt !== null && s?.lastReceivedAt !== undefined
            ? isoTime(s.lastReceivedAt)
            : null,
        lastAcceptedAt:
          s?.lastAcceptedAt !== null && s?.lastAcceptedAt !== undefined
            ? isoTime(s.lastAcceptedAt)
            : null,
        totals,
        buckets,
        recentRejections: notes('rejected'),
        recentIgnored: notes('ignored'),
      };
    });
    sources.sort(
      (a, b) =>
        Number(b.registered) - Number(a.registered) ||
        a.source.localeCompare(b.source),
    );

    return {
      range: { from: isoTime(from), to: isoTime(to), bucket },
      sources,
      unattributed: await this.unattributed(
        await this.options.catalog.componentIndex(),
      ),
    };
  }

  private async unattributed(
    components: ComponentIndex,
  ): Promise<UnattributedEvents[]> {
    const groups = await this.options.delivery.unattributed({
      groupsPerType: MAX_GROUPS_PER_TYPE,
    });
    return groups
      .map(group => ({
        ...group,
        lastReceivedAt: isoTime(group.lastReceivedAt),
        ...unattributedHint(
          {
            type: group.type,
            source: group.source,
            repository: group.repository,
          },
          components,
        ),
      }))
      .sort((a, b) => b.count - a.count);
  }
}
