import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntityForScorecards } from './engine/evaluateScorecard';
import { Stage, STAGES } from './engine/scorecardRules';

/** An entity's stage (0-1, 1-10, 10-100, 100plus), as a label or an annotation. */
export const STAGE_KEY = 'cairn.dev/stage';

const stageOf = (e: Entity | undefined): Stage | undefined => {
  const value = (
    e?.metadata.labels?.[STAGE_KEY] ?? e?.metadata.annotations?.[STAGE_KEY]
  )
    ?.trim()
    .toLowerCase()
    .replace('+', 'plus')
    .replace('→', '-');
  return STAGES.includes(value as Stage) ? (value as Stage) : undefined;
};

/** The reference of the system an entity names in spec.system. */
export function scorecardSystemRef(system: string, e: Entity) {
  return stringifyEntityRef(
    parseEntityRef(system, {
      defaultKind: 'system',
      defaultNamespace: e.metadata.namespace ?? 'default',
    }),
  ).toLowerCase();
}

/**
 * What the scorecards engine reads of a catalog entity: kind, type, lifecycle, tags, owner and its
 * stage: its own label or annotation, else its system's, else the configured default.
 */
export function scorecardEntity(
  e: Entity,
  systems: Map<string, Entity>,
  defaultStage: Stage,
): EntityForScorecards {
  const spec = (e.spec ?? {}) as Record<string, unknown>;
  let system: Entity | undefined;
  if (typeof spec.system === 'string') {
    try {
      system = systems.get(scorecardSystemRef(spec.system, e));
    } catch {
      system = undefined;
    }
  }
  let owner: string | undefined;
  if (typeof spec.owner === 'string') {
    try {
      owner = stringifyEntityRef(
        parseEntityRef(spec.owner, {
          defaultKind: 'group',
          defaultNamespace: e.metadata.namespace ?? 'default',
        }),
      ).toLowerCase();
    } catch {
      owner = spec.owner;
    }
  }
  return {
    entityRef: stringifyEntityRef(e).toLowerCase(),
    kind: e.kind,
    type: typeof spec.type === 'string' ? spec.type : undefined,
    lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined,
    tags: e.metadata.tags ?? [],
    owner,
    stage: stageOf(e) ?? stageOf(system) ?? defaultStage,
  };
}
