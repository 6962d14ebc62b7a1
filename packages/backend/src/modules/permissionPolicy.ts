import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  insightsEventsCreatePermission,
  insightsOwnershipPeopleReadPermission,
  insightsScorecardsManagePermission,
  insightsSlosPushPermission,
  insightsScorecardsReportPermission,
} from '@cairn/plugin-insights-common';
import {
  intentCredentialsReadPermission,
  intentEnvironmentApprovePermission,
} from '@cairn/plugin-intent-common';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The demo portal's permission policy. Backstage's permission framework is enabled
 * (`permission.enabled: true`) so that every Cairn plugin's permission checks run through this
 * policy; it allows everything except what a rule below restricts. Each rule has a test in
 * permissionPolicy.test.ts with an allowed and a denied case.
 *
 * - insights.events.create, insights.slos.push and insights.scorecards.report: services (CI systems
 *   and scanners with external-access tokens, other plugins) and members of the platform team; other
 *   users read metrics, SLOs and scorecards but do not push delivery events, OpenSLO documents, SLI
 *   data or external scorecard results (owners keep their SLOs in their repository,
 *   read through the cairn.dev/openslo annotation).
 * - insights.ownership.people.read (names in ownership reports): members of the platform team only; the
 *   insights backend also shows them to members of the owning team.
 * - insights.scorecards.manage (granting and revoking exemptions): members of the platform team only.
 * - intent.environment.approve: members of the platform team only (users; a service cannot approve).
 *   The intent backend also refuses an approver who requested the environment, whatever this says.
 * - intent.environment.request.<kind>, .read, .teardown: everyone (the backend lets only owners and
 *   requesters tear an environment down).
 * - intent.credentials.read: users only, never a service (credentials are for people; no plugin needs
 *   them). The backend narrows it to the environment's owners (members of the owning group) and its
 *   requester, as for teardown.
 */
export class CairnPermissionPolicy implements PermissionPolicy {
  constructor(private readonly options: { platformTeam: string }) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, intentEnvironmentApprovePermission)) {
      return user?.info.ownershipEntityRefs.includes(this.options.platformTeam)
        ? ALLOW
        : DENY;
    }
    if (
      isPermission(request.permission, insightsOwnershipPeopleReadPermission) ||
      isPermission(request.permission, insightsScorecardsManagePermission)
    ) {
      return user?.info.ownershipEntityRefs.includes(this.options.platformTeam)
        ? ALLOW
        : DENY;
    }
    if (isPermission(request.permission, intentCredentialsReadPermission)) {
      return user ? ALLOW : DENY;
    }
    if (
      isPermission(request.permission, insightsEventsCreatePermission) ||
      isPermission(request.permission, insightsSlosPushPermission) ||
      isPermission(request.permission, insightsScorecardsReportPermission)
    ) {
      if (!user) return ALLOW;
      return user.info.ownershipEntityRefs.includes(this.options.platformTeam)
        ? ALLOW
        : DENY;
    }
    return ALLOW;
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'cairn-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new CairnPermissionPolicy({
            platformTeam:
              config.getOptionalString('cairn.platformTeam') ??
              'group:default/platform',
          }),
        );
      },
    });
  },
});
