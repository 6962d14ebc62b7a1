import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';

/**
 * The catalog entities of a test's people and teams: a User per person (with memberOf relations), a
 * Group per team named in `teams` or in `groups`, and a User for each of `users` (people in no team).
 * For tests of code that checks owners and approvers against the catalog.
 */
export function teamCatalog(
  teams: Record<string, string[]>,
  extra: { groups?: string[]; users?: string[] } = {},
): Entity[] {
  const groups = new Set([
    ...Object.values(teams).flat(),
    ...(extra.groups ?? []),
  ]);
  const entity = (
    ref: string,
    kind: string,
    spec: object,
    relations: Entity['relations'] = [],
  ): Entity => {
    const { namespace, name } = parseEntityRef(ref);
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name, namespace },
      spec,
      relations,
    };
  };
  return [
    ...[...groups].map(ref =>
      entity(ref, 'Group', { type: 'team', children: [] }),
    ),
    ...[...new Set([...Object.keys(teams), ...(extra.users ?? [])])].map(ref =>
      entity(
        ref,
        'User',
        { memberOf: teams[ref] ?? [] },
        (teams[ref] ?? []).map(targetRef => ({ type: 'memberOf', targetRef })),
      ),
    ),
  ];
}

/**
 * Backstage's userInfo service for the same people: each user owns their own ref and their teams'
 * (what a sign-in resolver puts in `ownershipEntityRefs`); anyone else owns only their ref.
 */
export function teamUserInfo(teams: Record<string, string[]>) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials: BackstageCredentials) {
        const ref = (credentials.principal as BackstageUserPrincipal)
          .userEntityRef;
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(teams[ref] ?? [])],
        };
      },
    }),
  });
}
