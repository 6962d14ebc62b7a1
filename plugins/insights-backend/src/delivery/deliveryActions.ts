import {
  DoraSummary,
  insightsMetricsReadPermission,
} from '@cairn/plugin-insights-common';
import { ActionContext, componentInput } from '../shared/actions';
import { DeliveryMetricsService } from './DeliveryMetricsService';

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

/** The delivery domain's action: a component's DORA summary and its lead-time bottleneck. */
export function addDeliveryActions(
  context: ActionContext,
  options: { metrics: DeliveryMetricsService },
) {
  context.actionsRegistry.register({
    name: 'get-delivery-summary',
    title: "A component's DORA summary",
    description:
      "A component's delivery performance over a range (default the last 30 days, production): deployment frequency, change lead time with the stage that is its bottleneck (coding, pickup, review, deploy), change fail rate, recovery time and rework rate, each with its tier against the DORA benchmark, and what is missing from the data.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        componentInput(z).extend({
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
      await context.authorize(credentials, insightsMetricsReadPermission);
      const summary = await options.metrics.summary({
        entityRef: input.entityRef,
        environment: input.environment,
        from: input.from,
        to: input.to,
      });
      return { output: describeSummary(summary) };
    },
  });
}
