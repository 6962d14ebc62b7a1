import { EntityFacts, FactProvider } from '@cairn/plugin-insights-node';
import { ReliabilityService } from './ReliabilityService';

/**
 * The reliability domain's facts for scorecard checks: each component's SLOs now. Every component asked
 * about has `slos` (0 when it has none: that is known); the states are absent until an objective has
 * data, so a check on them is not reported rather than failed.
 */
export function reliabilityFactProvider(
  service: Pick<ReliabilityService, 'statusesOf'>,
): FactProvider {
  return {
    id: 'slo',
    description: "A component's SLOs now: how many, their budgets and alerts.",
    facts: {
      slos: { type: 'int', description: 'SLOs defined' },
      objectives: { type: 'int', description: 'objectives of those SLOs' },
      objectivesWithData: {
        type: 'int',
        description: 'objectives with SLI data in their window',
      },
      healthy: {
        type: 'bool',
        description:
          'every objective with data has budget left and no page or ticket alert (absent without data)',
      },
      minBudgetRemaining: {
        type: 'double',
        description:
          'the lowest remaining error budget, 1 = untouched, 0 or less = spent (absent without data)',
      },
      alertsFiring: {
        type: 'int',
        description: 'objectives whose burn-rate alert pages or tickets',
      },
    },
    async factsFor(entityRefs) {
      const components = entityRefs.filter(r => r.startsWith('component:'));
      const result = new Map<string, EntityFacts>(
        components.map(ref => [
          ref,
          { slos: 0, objectives: 0, objectivesWithData: 0, alertsFiring: 0 },
        ]),
      );
      if (components.length === 0) return result;
      const budgets = new Map<string, number[]>();
      for (const status of await service.statusesOf(components)) {
        const facts = result.get(status.componentRef);
        if (!facts) continue;
        facts.slos = (facts.slos as number) + 1;
        for (const o of status.objectives) {
          facts.objectives = (facts.objectives as number) + 1;
          const alert = o.alert?.status;
          if (alert === 'page' || alert === 'ticket')
            facts.alertsFiring = (facts.alertsFiring as number) + 1;
          if (o.sli === null) continue;
          facts.objectivesWithData = (facts.objectivesWithData as number) + 1;
          if (o.budget)
            budgets.set(status.componentRef, [
              ...(budgets.get(status.componentRef) ?? []),
              o.budget.remaining,
            ]);
        }
      }
      for (const [ref, facts] of result) {
        if ((facts.objectivesWithData as number) === 0) continue;
        const remaining = budgets.get(ref) ?? [];
        if (remaining.length) facts.minBudgetRemaining = Math.min(...remaining);
        facts.healthy =
          (facts.alertsFiring as number) === 0 && remaining.every(r => r > 0);
      }
      return result;
    },
  };
}
