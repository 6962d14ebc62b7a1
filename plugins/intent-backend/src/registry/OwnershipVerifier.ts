import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { callCatalog } from '@cairn/backend-common';
import { Intent } from '@cairn/plugin-intent-common';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

const normalise = (ref: string, defaultKind: string) =>
  stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  ).toLowerCase();

/**
 * Ownership and approval as facts of the catalog, not free text: the owning group must exist and the
 * requester belong to it (or to the platform team, recorded as acting for the group); a named approver
 * must be a user, and only they approve (or a member of the override group, recorded as an override).
 * Entities are read with the user's own credentials; memberships come from the user's identity (the
 * catalog's memberOf relations at sign-in). A catalog that cannot answer is a 503, never a refusal.
 */
export class OwnershipVerifier {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      userInfo: UserInfoService;
      /** Members may request for any group (recorded as acting for it). */
      platformTeam: string;
      /** Members may approve in place of a named approver (recorded as an override). */
      overrideGroup: string;
    },
  ) {}

  private async entity(
    ref: string,
    credentials: UserCredentials,
  ): Promise<Entity | undefined> {
    return callCatalog(() =>
      this.options.catalog.getEntityByRef(ref, { credentials }),
    );
  }

  private async memberships(credentials: UserCredentials) {
    const info = await this.options.userInfo.getUserInfo(credentials);
    return new Set(info.ownershipEntityRefs.map(r => r.toLowerCase()));
  }

  /**
   * Before a registration (and a plan the portal previews): the owner is a group of the catalog the
   * requester belongs to, and the named approver a user of the catalog. Answers whom the requester acts
   * for when they are not a member but on the platform team.
   */
  async checkRequest(
    intent: Intent,
    credentials: UserCredentials,
  ): Promise<{ actingFor?: string }> {
    const requester = credentials.principal.userEntityRef;
    const owner = normalise(intent.metadata.owner, 'group');
    const group = await this.entity(owner, credentials);
    if (!group || group.kind.toLowerCase() !== 'group')
      throw new InputError(
        `intent: metadata.owner: ${owner} is not a group in the catalog; name the team that will own the environment`,
      );
    const approver = intent.spec.constraints.approver;
    if (approver) {
      const ref = normalise(approver, 'user');
      const user = await this.entity(ref, credentials);
      if (!user || user.kind.toLowerCase() !== 'user')
        throw new InputError(
          `intent: spec.constraints.approver: ${ref} is not a user in the catalog`,
        );
    }
    const memberships = await this.memberships(credentials);
    if (memberships.has(owner)) return {};
    if (memberships.has(this.options.platformTeam.toLowerCase()))
      return { actingFor: owner };
    const platform = this.options.platformTeam.toLowerCase();
    throw new NotAllowedError(
      `intent: metadata.owner: ${requester} is not a member of ${owner}; a member of ${owner}${
        platform === owner ? '' : ` (or of ${platform})`
      } must request it`,
    );
  }

  /**
   * Before an approval: when the intent names an approver, only they approve, or a member of the
   * override group in their place (an override, recorded). Without a named approver, any holder of the
   * approve permission may.
   */
  async checkApproval(
    intent: Intent,
    environmentId: string,
    credentials: UserCredentials,
  ): Promise<{ override?: string }> {
    const named = intent.spec.constraints.approver;
    const approver = credentials.principal.userEntityRef.toLowerCase();
    if (!named) return {};
    const ref = normalise(named, 'user');
    if (ref === approver) return {};
    const memberships = await this.memberships(credentials);
    const board = this.options.overrideGroup.toLowerCase();
    if (memberships.has(board))
      return {
        override: `override: approved by ${approver} of ${board} in place of the named approver ${ref}`,
      };
    throw new NotAllowedError(
      `approver: environment ${environmentId} names ${ref} as its approver; ${approver} may not approve it (members of ${board} may, recorded as an override)`,
    );
  }
}
