import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  DoraSummary,
  insightsMetricsReadPermission,
  insightsScorecardsReadPermission,
  insightsSlosReadPermission,
} from '@cairn/plugin-insights-common';
import { DeliveryMetricsService } from '../delivery/DeliveryMetricsService';
import { ReliabilityService } from '../reliability/ReliabilityService';
import { ScorecardService } from '../scorecards/ScorecardService';

export interface InsightsActionsOptions {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  metrics: DeliveryMetricsService;
  reliability: ReliabilityService;
  scorecards: ScorecardService;
}

const ENTITY =
  'The component, as an entity reference such as component:default/checkout-service';

const hours = (seconds: number | null) =>
  seconds === null ? null : Math.round((seconds / 3600) * 10) / 10;

/** The summary an assistant relays: each metric's value, unit and tier, the bottleneck and the gaps. */
function describeSummary(summary: DoraSummary) {
  const { metrics } = summary;
  // The benchmark's tiers for the value ("high / medium" where the report's clusters overlap), or none
  // with the report's reason.
  const tier = (t: { tiers: string[]; reason?: string }) =>
    t.tiers.length ? t.tiers.join(' / ') : `none (${t.reason ?? 'no value'})`;
  const leadTime = metrics.changeLeadTime;
  return {
    entityRef: summary.entityRef,
    environment: summary.environment,
    range: {
      from: summary.range.from,
      to: summary.range.to,
      timezone: summary.range.timezone,
    },
    deploymentFrequency: {
      deploymentsPerWeek:
        metrics.deploymentFrequency.value === null
          ? null
          : Math.round(metrics.deploymentFrequency.value * 7 * 100) / 100,
      tier: tier(metrics.deploymentFrequency.tier),
    },
    changeLeadTime: {
      medianHours: hours(leadTime.value),
      tier: tier(leadTime.tier),
      bottleneck: leadTime.details.bottleneck,
      stageMedianHours: Object.fromEntries(
        Object.entries(leadTime.details.stages).map(([stage, p]) => [
          stage,
          hours(p.median),
        ]),
      ),
    },
    changeFailRate: {
      value: metrics.changeFailRate.value,
      tier: tier(metrics.changeFailRate.tier),
    },
    recoveryTime: {
      medianHours: hours(metrics.recoveryTime.value),
      tier: tier(metrics.recoveryTime.tier),
    },
    reworkRate: metrics.reworkRate.value,
    gaps: summary.coverage.notes
      .filter(n => n.severity === 'warning')
      .map(n => n.message),
  };
}

/**
 * Cairn's delivery, SLO and scorecard reads in Backstage's actions registry, for assistants through
 * the portal's MCP server: each checks the calling user's permission as the HTTP routes do.
 */
export function registerInsightsActions(options: InsightsActionsOptions) {
  const { actionsRegistry } = options;
  const authorize = async (
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) => {
    const [decision] = await options.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  };

  actionsRegistry.register({
    name: 'get-delivery-summary',
    title: "A component's DORA summary",
    description:
      "A component's delivery performance over a range (default the last 30 days, production): deployment frequency, change lead time with the stage that is its bottleneck (coding, pickup, review, deploy), change fail rate, recovery time and rework rate, each with its tier against the DORA benchmark, and what is missing from the data.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(3).max(300).describe(ENTITY),
          from: z
            .string()
            .optional()
            .describe('Start of the range, ISO 8601 (default 30 days ago)'),
          to: z.string().optional().describe('End of the range, ISO 8601'),
          environment: z
            .string()
            .optional()
            .describe('Deployment environment (default production)'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          environment: z.string(),
          range: z.object({
            from: z.string(),
            to: z.string(),
            timezone: z.string(),
          }),
          deploymentFrequency: z.object({
            deploymentsPerWeek: z.number().nullable(),
            tier: z.string(),
          }),
          changeLeadTime: z.object({
            medianHours: z.number().nullable(),
            tier: z.string(),
            bottleneck: z
              .string()
              .nullable()
              .describe('The lead-time stage with the largest median'),
            stageMedianHours: z.record(z.number().nullable()),
          }),
          changeFailRate: z.object({
            value: z.number().nullable(),
            tier: z.string(),
          }),
          recoveryTime: z.object({
            medianHours: z.number().nullable(),
            tier: z.string(),
          }),
          reworkRate: z.number().nullable(),
          gaps: z.array(z.string()).describe('What the data lacks, in words'),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorize(credentials, insightsMetricsReadPermission);
      const summary = await options.metrics.summary({
        entityRef: input.entityRef,
        environment: input.environment,
        from: input.from,
        to: input.to,
      });
      return { output: describeSummary(summary) };
    },
  });

  actionsRegistry.register({
    name: 'get-slo-status',
    title: "A component's SLOs",
    description:
      "A component's service level objectives now: each objective's target, its SLI over the window, the error budget left, the 1-hour burn rate, the time to exhaustion and whether a burn-rate alert fires.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({ entityRef: z.string().min(3).max(300).describe(ENTITY) }),
      output: z =>
        z.object({
          entityRef: z.string(),
          at: z.string(),
          objectives: z.array(
            z.object({
              slo: z.string(),
              objective: z.string().nullable(),
              target: z.number(),
              sli: z.number().nullable(),
              budgetRemaining: z.number().nullable(),
              burnRate1h: z.number().nullable(),
              timeToExhaustionHours: z.number().nullable(),
              alert: z.string().nullable(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorize(credentials, insightsSlosReadPermission);
      const status = await options.reliability.status(input.entityRef);
      return {
        output: {
          entityRef: status.entityRef,
          at: status.at,
          objectives: status.slos.flatMap(slo =>
            slo.objectives.map(o => ({
              slo: slo.displayName ?? slo.name,
              objective: o.name,
              target: o.target,
              sli: o.sli,
              budgetRemaining: o.budget?.remaining ?? null,
              burnRate1h: o.burnRate1h,
              timeToExhaustionHours: o.timeToExhaustionHours,
              alert: o.alert?.status ?? null,
            })),
          ),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-scorecard-status',
    title: "A component's scorecards",
    description:
      "A component's scorecards: the level reached on each and every check's state (pass, fail, warn, exempt ...) with what to do for a failing one.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({ entityRef: z.string().min(3).max(300).describe(ENTITY) }),
      output: z =>
        z.object({
          entityRef: z.string(),
          scorecards: z.array(
            z.object({
              title: z.string(),
              level: z.string().nullable(),
              levels: z.array(z.string()),
              checks: z.array(
                z.object({
                  title: z.string(),
                  level: z.string(),
                  state: z.string(),
                  fix: z
                    .string()
                    .nullable()
                    .describe('What to do, for a failing or warning check'),
                }),
              ),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorize(credentials, insightsScorecardsReadPermission);
      const results = await options.scorecards.results(input.entityRef);
      return {
        output: {
          entityRef: results.entityRef,
          scorecards: results.scorecards.map(s => ({
            title: s.title,
            level: s.level,
            levels: s.levels,
            checks: s.checks.map(c => ({
              title: c.title,
              level: c.level,
              state: c.state,
              fix: c.state === 'fail' || c.state === 'warn' ? c.fix : null,
            })),
          })),
        },
      };
    },
  });
}
