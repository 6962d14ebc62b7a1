import { insightsSlosReadPermission } from '@cairn/plugin-insights-common';
import { ActionContext, componentInput } from '../shared/actions';
import { ReliabilityService } from './ReliabilityService';

/** The reliability domain's action: a component's SLOs with their error budgets and alerts. */
export function addReliabilityActions(
  context: ActionContext,
  options: { reliability: ReliabilityService },
) {
  context.actionsRegistry.register({
    name: 'get-slo-status',
    title: "A component's SLOs",
    description:
      "A component's service level objectives now: each objective's target, its SLI over the window, the error budget left, the 1-hour burn rate, the time to exhaustion and whether a burn-rate alert fires.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: componentInput,
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
      await context.authorize(credentials, insightsSlosReadPermission);
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
}
