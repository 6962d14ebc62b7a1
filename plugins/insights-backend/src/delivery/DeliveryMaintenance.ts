import { LoggerService } from '@backstage/backend-plugin-api';
import { CatalogGateway } from '../shared/CatalogGateway';
import { EnvironmentKinds } from '../shared/EnvironmentKinds';
import { DeliveryStore } from './store/DeliveryStore';
import { Pair } from './store/types';

const DAY_MS = 86_400_000;
const FINGERPRINT = 'derivation-config';

const unique = (pairs: Pair[]) => [
  ...new Map(
    pairs.map(p => [`${p.componentRef}\u0000${p.envKey}`, p]),
  ).values(),
];

/**
 * The scheduled work of the delivery domain. Both tasks run with global scope, so among several
 * backend replicas exactly one does each run.
 */
export class DeliveryMaintenance {
  constructor(
    private readonly options: {
      store: DeliveryStore;
      catalog: CatalogGateway;
      environments: EnvironmentKinds;
      linkWindowMs: number;
      retentionDays: number;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /**
   * Brings derived facts up to date with the configuration (production names, link window) and the
   * catalog (events that can now be attributed). Cheap when nothing changed.
   */
  async catchUp(): Promise<{ rederived: number }> {
    const { store, environments, linkWindowMs } = this.options;
    const fingerprint = JSON.stringify({
      production: environments.fingerprint(),
      linkWindowMs,
    });
    const stored = await store.readState(FINGERPRINT);
    let pairs: Pair[] = [];
    if (stored !== fingerprint) {
      await store.rekeyEnvironments(environments);
      // A new link window or production set can change any pair's facts.
      pairs = await store.listPairs();
      this.options.logger.info(
        `Configuration changed since facts were derived; re-deriving ${pairs.length} component/environment pairs`,
      );
    }
    pairs.push(
      ...(await store.reattribute(await this.options.catalog.componentIndex())),
    );
    const todo = unique(pairs);
    await store.rederive(todo, { now: this.now(), linkWindowMs });
    await store.writeState(FINGERPRINT, fingerprint);
    return { rederived: todo.length };
  }

  /** Deletes events past retention and re-derives the facts at the edge (around the cutoff). */
  async purge(): Promise<{ deleted: number }> {
    const cutoff = this.now() - this.options.retentionDays * DAY_MS;
    const { pairs, deleted, changeIds } = await this.options.store.purgeBefore(
      cutoff,
    );
    await this.options.store.rederiveAfterPurge(
      unique(pairs),
      cutoff,
      changeIds,
      { now: this.now(), linkWindowMs: this.options.linkWindowMs },
    );
    if (deleted)
      this.options.logger.info(
        `Purged ${deleted} delivery events older than ${new Date(
          cutoff,
        ).toISOString()}`,
      );
    return { deleted };
  }
}
