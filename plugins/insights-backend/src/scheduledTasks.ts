import { SchedulerService } from '@backstage/backend-plugin-api';
import { InsightsConfig } from './config';

const DAY_MS = 86_400_000;

/**
 * Every scheduled task of the insights backend, in one place. All are global: among several backend
 * replicas, exactly one runs each run.
 */
export async function scheduleInsightsTasks(
  scheduler: SchedulerService,
  config: InsightsConfig,
  work: {
    /** Brings derived facts up to date with the configuration and the catalog. */
    catchUp: () => Promise<unknown>;
    /** Forgets what is older than the retention (the cutoff is an epoch-ms instant). */
    retention: (cutoff: number) => Promise<void>;
    /** Reads the OpenSLO files components name in `cairn.dev/openslo`. */
    sloDefinitions: () => Promise<unknown>;
    /** Reads SLI data from data source modules (Prometheus). */
    sliCollection: () => Promise<unknown>;
    /** Computes every component's ownership report. */
    ownership: () => Promise<unknown>;
    /** Reads the scorecard rules and evaluates every entity. */
    scorecards: () => Promise<unknown>;
    /** Feeds the demo's generated history (only when `insights.demoData.enabled`). */
    demoHistory: () => Promise<unknown>;
    /** Pushes the demo's SLOs and brings their SLI minutes up to now (demo only). */
    demoSlos: () => Promise<unknown>;
  },
): Promise<void> {
  // Every task runs once across replicas: `scope` comes after the configured schedule, so a `scope`
  // in configuration cannot make one run on each replica.
  await scheduler.scheduleTask({
    id: 'insights-delivery-catch-up',
    ...config.catchUpSchedule,
    scope: 'global',
    fn: async () => {
      await work.catchUp();
    },
  });
  await scheduler.scheduleTask({
    id: 'insights-delivery-retention',
    ...config.retentionSchedule,
    scope: 'global',
    fn: async () => {
      await work.retention(Date.now() - config.retentionDays * DAY_MS);
    },
  });
  await scheduler.scheduleTask({
    id: 'insights-slo-definitions',
    ...config.slo.definitionsSchedule,
    scope: 'global',
    fn: async () => {
      await work.sloDefinitions();
    },
  });
  await scheduler.scheduleTask({
    id: 'insights-ownership',
    ...config.ownership.schedule,
    scope: 'global',
    fn: async () => {
      await work.ownership();
    },
  });
  await scheduler.scheduleTask({
    id: 'insights-scorecards',
    ...config.scorecards.schedule,
    scope: 'global',
    fn: async () => {
      await work.scorecards();
    },
  });
  await scheduler.scheduleTask({
    id: 'insights-sli-collection',
    ...config.slo.sliSchedule,
    scope: 'global',
    fn: async () => {
      await work.sliCollection();
    },
  });
  if (config.demoData) {
    await scheduler.scheduleTask({
      id: 'insights-demo-history',
      scope: 'global',
      frequency: { hours: 6 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 5 },
      fn: async () => {
        await work.demoHistory();
      },
    });
    // Every minute, so the demo's SLOs show live minutes; the catalog must know the components first
    // (a run before it does fails and the next one catches up).
    await scheduler.scheduleTask({
      id: 'insights-demo-slos',
      scope: 'global',
      frequency: { minutes: 1 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 10 },
      fn: async () => {
        await work.demoSlos();
      },
    });
  }
}
