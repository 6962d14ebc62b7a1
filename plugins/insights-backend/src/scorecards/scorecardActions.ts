import { insightsScorecardsReadPermission } from '@cairn/plugin-insights-common';
import { ActionContext, componentInput } from '../shared/actions';
import { ScorecardService } from './ScorecardService';

/** The scorecards domain's action: a component's levels and checks. */
export function addScorecardActions(
  context: ActionContext,
  options: { scorecards: ScorecardService },
) {
  context.actionsRegistry.register({
    name: 'get-scorecard-status',
    title: "A component's scorecards",
    description:
      "A component's scorecards: the level reached on each and every check's state (pass, fail, warn, exempt ...) with what to do for a failing one.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: componentInput,
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
      await context.authorize(credentials, insightsScorecardsReadPermission);
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
