import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityFacts, FactProvider } from '@cairn/plugin-insights-node';
import {
  EnvironmentSummary,
  IntentApi,
  liveEnvironmentStatuses,
} from '@cairn/plugin-intent-common';

const PAGE = 500;

/** The live environments by owning group and by system (entity references, lower case). */
type Grouped = {
  byOwner: Map<string, EnvironmentSummary[]>;
  bySystem: Map<string, EnvironmentSummary[]>;
};

const normalise = (ref: string | undefined, kind: string) => {
  if (!ref) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind: kind, defaultNamespace: 'default' }),
    ).toLowerCase();
  } catch {
    return undefined;
  }
};
const DAY = 86_400_000;

/**
 * The environments domain's facts for scorecard checks: the live environments (awaiting approval or
 * active) in the intent registry of a Group (those it owns), a System (those in it) and a Component
 * (its system's), with their guardrail results and cost. A team or system with none has `live` 0 —
 * that is known. Nothing is reported when the registry cannot be read (checks are then not-reported,
 * never failed), for a component without a system, and for a moment more than a day ago (the
 * registry knows today, not the past).
 */
export function environmentFactProvider(options: {
  client: Pick<IntentApi, 'listEnvironments'>;
  /** A token for the intent backend (the plugin's own service credentials). */
  token: () => Promise<string>;
  /** Each component's system reference (spec.system), from the catalog. */
  systemsOf: (componentRefs: string[]) => Promise<Map<string, string>>;
  logger: LoggerService;
  clock?: () => number;
}): FactProvider {
  const clock = options.clock ?? Date.now;
  // One reading serves one evaluation: it asks for every entity in parts, all with the same moment.
  let cached: { now: number; environments: Promise<Grouped> } | undefined;
  let warnedAt = 0;

  const read = async (): Promise<Grouped> => {
    const token = await options.token();
    const list: EnvironmentSummary[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await options.client.listEnvironments(
        { status: liveEnvironmentStatuses, limit: PAGE, offset },
        { token },
      );
      list.push(...page.items);
      if (page.items.length < PAGE) break;
    }
    const byOwner = new Map<string, EnvironmentSummary[]>();
    const bySystem = new Map<string, EnvironmentSummary[]>();
    for (const e of list) {
      const owner = normalise(e.owner, 'group');
      const system = normalise(e.system, 'system');
      if (owner) byOwner.set(owner, [...(byOwner.get(owner) ?? []), e]);
      if (system) bySystem.set(system, [...(bySystem.get(system) ?? []), e]);
    }
    return { byOwner, bySystem };
  };

  const environments = (now: number) => {
    if (cached?.now !== now) cached = { now, environments: read() };
    return cached.environments;
  };

  const factsOf = (list: EnvironmentSummary[]): EntityFacts => ({
    live: list.length,
    production: list.filter(
      e => e.environment === 'prod' && e.status === 'active',
    ).length,
    awaitingApproval: list.filter(e => e.status === 'awaiting-approval').length,
    violations: list.reduce((n, e) => n + e.policies.violations, 0),
    warnings: list.reduce((n, e) => n + e.policies.warnings, 0),
    withinGuardrails: list.every(
      e => e.policies.passed && e.policies.violations === 0,
    ),
    monthlyCostHighUsd: list.reduce((n, e) => n + e.monthlyCostHighUsd, 0),
  });

  return {
    id: 'environments',
    description:
      "Live environments in the intent registry: a team's (owned), a system's, a component's (its system's), with their guardrail results and cost.",
    facts: {
      live: {
        type: 'int',
        description: 'environments awaiting approval or active',
      },
      production: {
        type: 'int',
        description: 'active production environments',
      },
      awaitingApproval: {
        type: 'int',
        description: 'environments waiting for an approval',
      },
      violations: {
        type: 'int',
        description: 'guardrail violations across the live environments',
      },
      warnings: {
        type: 'int',
        description: 'guardrail warnings across the live environments',
      },
      withinGuardrails: {
        type: 'bool',
        description:
          'every live environment passed its guardrails with no violation (true with none)',
      },
      monthlyCostHighUsd: {
        type: 'double',
        description: 'the high monthly cost estimate of the live environments',
      },
    },
    async factsFor(entityRefs, { now }) {
      const result = new Map<string, EntityFacts>();
      if (now.getTime() < clock() - DAY) return result;
      const wanted = entityRefs.filter(r =>
        /^(group|system|component):/.test(r),
      );
      if (wanted.length === 0) return result;
      let grouped: Grouped;
      try {
        grouped = await environments(now.getTime());
      } catch (error) {
        // Not installed, down or refusing: the checks are not reported; said once an hour at most.
        if (clock() - warnedAt > 3_600_000) {
          warnedAt = clock();
          options.logger.warn(
            `Environment facts: the intent registry could not be read, environment checks are not reported: ${
              (error as Error).message
            }`,
          );
        }
        return result;
      }
      const components = wanted.filter(r => r.startsWith('component:'));
      const systems = components.length
        ? await options.systemsOf(components)
        : new Map<string, string>();
      const { byOwner, bySystem } = grouped;
      for (const ref of wanted) {
        if (ref.startsWith('group:'))
          result.set(ref, factsOf(byOwner.get(ref) ?? []));
        else if (ref.startsWith('system:'))
          result.set(ref, factsOf(bySystem.get(ref) ?? []));
        else {
          const system = systems.get(ref);
          if (system) result.set(ref, factsOf(bySystem.get(system) ?? []));
        }
      }
      return result;
    },
  };
}
