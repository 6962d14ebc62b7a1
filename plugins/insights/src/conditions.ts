import { Entity } from '@backstage/catalog-model';

const kindIs = (entity: Entity, kinds: string[]) =>
  kinds.includes(entity.kind.toLocaleLowerCase('en-US'));

/**
 * Whether the component views apply: every Component, with data or not, because a component without
 * data yet is where the card explains what to send.
 *
 * @public
 */
export function isInsightsAvailable(entity: Entity): boolean {
  return kindIs(entity, ['component']);
}

/**
 * Whether the team views apply: Groups (their whole sub-tree of teams) and Systems.
 *
 * @public
 */
export function isTeamInsightsAvailable(entity: Entity): boolean {
  return kindIs(entity, ['group', 'system']);
}
