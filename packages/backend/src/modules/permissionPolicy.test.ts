import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  insightsEventsCreatePermission,
  insightsMetricsReadPermission,
  insightsOwnershipPeopleReadPermission,
  insightsScorecardsManagePermission,
  insightsSlosPushPermission,
  insightsScorecardsReportPermission,
  insightsSlosReadPermission,
} from '@cairn/plugin-insights-common';
import {
  intentCredentialsReadPermission,
  intentEnvironmentApprovePermission,
  intentEnvironmentRequestPermissions,
} from '@cairn/plugin-intent-common';
import { CairnPermissionPolicy } from './permissionPolicy';

const policy = new CairnPermissionPolicy({
  platformTeam: 'group:default/platform',
});

const member = (...groups: string[]): PolicyQueryUser =>
  ({
    identity: {
      type: 'user',
      userEntityRef: 'user:default/x',
      ownershipEntityRefs: groups,
    },
    info: {
      userEntityRef: 'user:default/x',
      ownershipEntityRefs: ['user:default/x', ...groups],
    },
    credentials: {} as PolicyQueryUser['credentials'],
    token: 't',
  } as PolicyQueryUser);

describe('CairnPermissionPolicy', () => {
  it.each([
    ['delivery events', insightsEventsCreatePermission],
    ['OpenSLO documents and SLI data', insightsSlosPushPermission],
    ['external scorecard results', insightsScorecardsReportPermission],
  ])(
    'lets platform team members and services push %s, and no one else',
    async (_what, permission) => {
      const request = { permission };
      expect(
        (await policy.handle(request, member('group:default/platform'))).result,
      ).toBe(AuthorizeResult.ALLOW);
      expect((await policy.handle(request)).result).toBe(AuthorizeResult.ALLOW);
      expect(
        (await policy.handle(request, member('group:default/checkout'))).result,
      ).toBe(AuthorizeResult.DENY);
    },
  );

  it.each([
    ['metrics', insightsMetricsReadPermission],
    ['SLOs', insightsSlosReadPermission],
  ])('lets everyone read %s', async (_what, permission) => {
    const request = { permission };
    expect(
      (await policy.handle(request, member('group:default/checkout'))).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('lets only platform team members see names in ownership reports (owners see them in the backend)', async () => {
    const request = { permission: insightsOwnershipPeopleReadPermission };
    expect(
      (await policy.handle(request, member('group:default/platform'))).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await policy.handle(request, member('group:default/checkout'))).result,
    ).toBe(AuthorizeResult.DENY);
    expect((await policy.handle(request)).result).toBe(AuthorizeResult.DENY);
  });

  it('lets only platform team members grant scorecard exemptions', async () => {
    const request = { permission: insightsScorecardsManagePermission };
    expect(
      (await policy.handle(request, member('group:default/platform'))).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await policy.handle(request, member('group:default/checkout'))).result,
    ).toBe(AuthorizeResult.DENY);
    expect((await policy.handle(request)).result).toBe(AuthorizeResult.DENY);
  });

  it('lets only platform team members approve production environments', async () => {
    const request = { permission: intentEnvironmentApprovePermission };
    expect(
      (await policy.handle(request, member('group:default/platform'))).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await policy.handle(request, member('group:default/checkout'))).result,
    ).toBe(AuthorizeResult.DENY);
    // A service never approves: approval is a person's decision.
    expect((await policy.handle(request)).result).toBe(AuthorizeResult.DENY);
  });

  it('lets everyone request an environment of any kind', async () => {
    for (const permission of Object.values(
      intentEnvironmentRequestPermissions,
    )) {
      expect(
        (await policy.handle({ permission }, member('group:default/checkout')))
          .result,
      ).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('lets users read credentials (the backend narrows it to owners and the requester), never a service', async () => {
    const request = { permission: intentCredentialsReadPermission };
    expect(
      (await policy.handle(request, member('group:default/checkout'))).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect((await policy.handle(request)).result).toBe(AuthorizeResult.DENY);
  });
});
