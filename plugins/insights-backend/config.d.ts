import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Cairn delivery insights (pluginId `insights`). */
  insights?: {
    /**
     * IANA time zone for days, weeks and buckets when a request names none. Default: the portal's
     * `cairn.timeZone` (the zone the frontends show times in), else UTC.
     */
    defaultTimezone?: string;
    /**
     * Environment names that count as production (case-insensitive). Default: production, prod, live.
     * Changing it re-derives stored facts on the next catch-up run.
     */
    productionEnvironments?: string[];
    /**
     * How long before an incident's detection a deployment may have finished to be linked to it by
     * inference, in hours. Default: 24.
     */
    incidentLinkWindowHours?: number;
    /** The benchmark tiers are taken from: 2024 (default), 2023, 2021, or the id of a custom one. */
    defaultBenchmark?: string;
    /**
     * Your own tier thresholds, next to the DORA reports' (e.g. an internal target). Units: deployment
     * days per week, seconds, and 0..1 for the change fail rate; `min` inclusive, `max` exclusive.
     */
    customBenchmarks?: Array<{
      id: string;
      label: string;
      source: string;
      metrics: {
        [metric in
          | 'deploymentFrequency'
          | 'changeLeadTime'
          | 'changeFailRate'
          | 'recoveryTime']?: {
          bands: Array<{
            tier: 'elite' | 'high' | 'medium' | 'low';
            reportText: string;
            min?: number;
            max?: number;
          }>;
        };
      };
    }>;
    ingest?: {
      /** Largest number of events in one batch. Default: 1000. */
      maxEventsPerBatch?: number;
      /** Largest request body, e.g. '5mb'. Default: 5mb. */
      maxBodySize?: string;
    };
    /** Raw events older than this are purged. Default: 730 days. */
    retentionDays?: number;
    schedules?: {
      /** Re-derives facts after configuration or catalog changes. Default: every 10 minutes. */
      catchUp?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Purges events past retention. Default: daily. */
      retention?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Reads the OpenSLO files components name in `cairn.dev/openslo`. Default: every 10 minutes. */
      sloDefinitions?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Reads SLI data from data source modules (Prometheus). Default: every minute. */
      sliCollection?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Computes every component's ownership report. Default: every 6 hours. */
      ownership?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Reads the scorecard rules and evaluates every entity. Default: hourly. */
      scorecards?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Scorecards: the platform team's rules over every domain's facts. */
    scorecards?: {
      /**
       * Rule files (YAML documents of kind Scorecard): URLs read with the portal's integrations, or
       * local paths. A file that fails to parse or check is refused; its last good version keeps running.
       */
      rules?: string[];
      /**
       * Groups (entity references) whose catalog entities may name more rule files with the
       * `cairn.dev/scorecard-rules` annotation (a URL, or a path relative to the entity's own file).
       * Default: none (only the configured files).
       */
      catalogOwners?: string[];
      /** The stage of an entity without a `cairn.dev/stage` label or annotation (nor its system). Default: 1-10. */
      defaultStage?: '0-1' | '1-10' | '10-100' | '100plus';
    };
    /** Ownership health and knowledge concentration. */
    ownership?: {
      /** An owner confirmation (`cairn.dev/owner-verified`) older than this is stale. Default: 180. */
      ownerConfirmationMaxAgeDays?: number;
      /** The days of first reviews that review concentration reads. Default: 90. */
      reviewWindowDays?: number;
      history?: {
        /**
         * Where repositories are cloned (bare) to read their history. Without it no history is read
         * and the reports say so.
         */
        workDir?: string;
        /**
         * A repository's clone URL; `{repository}` is replaced by host/owner/name. Default:
         * https://{repository}.git. The portal's integrations give the credentials.
         */
        cloneUrl?: string;
        /** At most this many of a component's newest commits. Default: all. */
        maxCommits?: number;
      };
    };
    /** SLOs and error budgets. */
    slo?: {
      /**
       * Events an alert window needs before its burn rate is judged; below it the window reports "too
       * little traffic" instead of an alert. Default: 100.
       */
      minEvents?: number;
      /** SLI minutes older than this many days are purged (and not read from sources). Default: 90. */
      retentionDays?: number;
      collection?: {
        /** Series read from data source modules at once. Default: 4. */
        concurrency?: number;
        /** One query's time limit in seconds. Default: 30. */
        timeoutSeconds?: number;
      };
    };
    /**
     * Generates months of deterministic example history for the example organisation's components on
     * the first start (the demo portal only). Default: false.
     */
    demoData?: {
      enabled?: boolean;
    };
  };
}
