import {
  Benchmark,
  classifyTier,
  METRIC_IDS,
} from '@cairn/plugin-insights-common';
import { EntityFacts, FactProvider } from '@cairn/plugin-insights-node';
import { offsetSegments } from '../shared/timeZones';
import { bottleneckOf } from './engine/deriveChangeFacts';
import { headlineValues, tierInput } from './engine/headlineValues';
import { DeliveryStore } from './store/DeliveryStore';

const DAY_MS = 86_400_000;
/** Scorecards judge delivery over the same window the DORA card shows. */
const WINDOW_DAYS = 30;

/**
 * The delivery domain's facts for scorecard checks: each component's DORA values in production over
 * the last 30 days, their tiers under the configured benchmark, and the lead-time bottleneck. Read in
 * bulk: one aggregate query for all the components asked about.
 */
export function deliveryFactProvider(options: {
  store: Pick<DeliveryStore, 'aggregates'>;
  benchmark: () => Benchmark;
}): FactProvider {
  return {
    id: 'dora',
    description: `DORA metrics of a component in production over the last ${WINDOW_DAYS} days (UTC), with their tiers.`,
    facts: {
      deployments: { type: 'int', description: 'successful deployments' },
      deploymentsPerDay: {
        type: 'double',
        description: 'successful deployments per day',
      },
      deploymentDaysPerWeek: {
        type: 'double',
        description: 'days with a deployment, per week (what tiers use)',
      },
      leadTimeP50Seconds: {
        type: 'double',
        description: 'median change lead time, first commit to production',
      },
      changeFailRate: {
        type: 'double',
        description: 'failed / all deployments (0 to 1)',
      },
      recoveryP50Seconds: {
        type: 'double',
        description: 'median failed deployment recovery time',
      },
      reworkRate: {
        type: 'double',
        description: 'rollbacks, hotfixes and reverts / all deployments',
      },
      mttrP50Seconds: {
        type: 'double',
        description: 'median incident time to restore (legacy MTTR)',
      },
      unrecoveredFailures: {
        type: 'int',
        description: 'failed deployments not recovered yet',
      },
      openIncidents: { type: 'int', description: 'incidents still open' },
      tiers: {
        type: 'map<string, string>',
        description:
          "each metric's best tier under the benchmark (elite, high, medium, low); absent without one",
      },
      bottleneck: {
        type: 'string',
        description:
          'the lead-time stage with the largest median (coding, pickup, review, deploy)',
      },
    },
    async factsFor(entityRefs, { now }) {
      const components = entityRefs.filter(r => r.startsWith('component:'));
      const result = new Map<string, EntityFacts>();
      if (components.length === 0) return result;
      const to = now.getTime();
      const from = to - WINDOW_DAYS * DAY_MS;
      const values = await options.store.aggregates({
        componentRefs: components,
        envKey: 'production',
        from,
        to,
        offsets: offsetSegments(from, to, 'UTC'),
        grouping: { by: 'component' },
      });
      const benchmark = options.benchmark();
      for (const ref of components) {
        const v = values.get(ref);
        // Nothing reported: no facts, so checks on them are "not reported", not failed.
        if (!v || (v.total === 0 && v.incidents === 0)) continue;
        const headline = headlineValues(v, WINDOW_DAYS);
        const tiers: Record<string, string> = {};
        for (const id of METRIC_IDS) {
          const tier = classifyTier(
            benchmark,
            id,
            tierInput(id, v, WINDOW_DAYS),
          ).tiers[0];
          if (tier) tiers[id] = tier;
        }
        const bottleneck = bottleneckOf(v.stages, v.deployParts);
        const facts: EntityFacts = {
          deployments: v.deployments,
          deploymentsPerDay: headline.deploymentFrequency,
          deploymentDaysPerWeek: v.deploymentDays / (WINDOW_DAYS / 7),
          unrecoveredFailures: v.unrecovered,
          openIncidents: v.openIncidents,
          tiers,
        };
        const optional: Record<string, number | string | null> = {
          leadTimeP50Seconds: headline.changeLeadTime,
          changeFailRate: headline.changeFailRate,
          recoveryP50Seconds: headline.recoveryTime,
          reworkRate: headline.reworkRate,
          mttrP50Seconds: headline.mttr,
          bottleneck,
        };
        for (const [name, value] of Object.entries(optional)) {
          if (value !== null) facts[name] = value;
        }
        result.set(ref, facts);
      }
      return result;
    },
  };
}
