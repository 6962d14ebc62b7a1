import { InputError } from '@backstage/errors';
import { UserInfoService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  insightsOwnershipPeopleReadPermission,
  insightsOwnershipReadPermission,
} from '@cairn/plugin-insights-common';
import { InsightsApiRouter, RouteContext, text } from '../shared/routes';
import { OwnershipService } from './OwnershipService';

/**
 * The ownership domain's routes (ownership/openapi.yaml). Reading takes insights.ownership.read; people's
 * names show for members of the owning team (from the caller's ownership references) and for holders
 * of insights.ownership.people.read.
 */
export function addOwnershipRoutes(
  router: InsightsApiRouter,
  context: RouteContext,
  options: { ownership: OwnershipService; userInfo: UserInfoService },
) {
  /** Who is asking: their ownership references, and whether they may read people's names. */
  const viewerOf = async (
    credentials: Awaited<ReturnType<RouteContext['authorize']>>,
  ) => {
    const [people] = await context.permissions.authorize(
      [{ permission: insightsOwnershipPeopleReadPermission }],
      { credentials },
    );
    const ownershipRefs =
      (credentials.principal as { type: string }).type === 'user'
        ? (
            await options.userInfo.getUserInfo(credentials)
          ).ownershipEntityRefs.map(r => r.toLowerCase())
        : [];
    return {
      ownershipRefs,
      mayReadPeople: people.result === AuthorizeResult.ALLOW,
    };
  };

  router.get('/v1/ownership/rollup', async (req, res) => {
    const credentials = await context.authorize(
      req,
      insightsOwnershipReadPermission,
    );
    const entity = text(req.query.entity);
    if (!entity)
      throw new InputError(
        'entity: is required (a group or system reference such as group:default/checkout)',
      );
    res.json(
      await options.ownership.rollup(entity, await viewerOf(credentials)),
    );
  });

  router.get('/v1/ownership', async (req, res) => {
    const credentials = await context.authorize(
      req,
      insightsOwnershipReadPermission,
    );
    const entity = text(req.query.entity);
    if (!entity)
      throw new InputError(
        'entity: is required (a component reference such as component:default/checkout)',
      );
    res.json(
      await options.ownership.report(entity, await viewerOf(credentials)),
    );
  });
}
