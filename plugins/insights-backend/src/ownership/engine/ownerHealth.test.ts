import { ownerHealth } from './ownerHealth';

const NOW = Date.parse('2026-12-03T00:00:00Z');
const group = (annotations: Record<string, string> = {}) => ({
  kind: 'group' as const,
  metadata: { annotations },
});

describe('owner health', () => {
  it('is healthy with a group that has members, a recent confirmation and on-call', () => {
    expect(
      ownerHealth({
        component: {
          owner: 'group:default/checkout',
          metadata: {
            annotations: {
              'cairn.dev/owner-verified': '2026-10-01',
              'pagerduty.com/service-id': 'P123',
            },
          },
        },
        owner: group(),
        members: 6,
        now: NOW,
        staleAfterDays: 180,
      }),
    ).toEqual({
      owner: 'group:default/checkout',
      ownerKind: 'group',
      members: 6,
      confirmedOn: '2026-10-01',
      confirmationAgeDays: 63,
      onCall: { provider: 'PagerDuty', on: 'component' },
      problems: [],
      healthy: true,
    });
  });

  it('finds on-call on the owning group', () => {
    expect(
      ownerHealth({
        component: {
          owner: 'group:default/logistics',
          metadata: {
            annotations: { 'cairn.dev/owner-verified': '2026-11-30' },
          },
        },
        owner: group({ 'opsgenie.com/team': 'logistics' }),
        members: 4,
        now: NOW,
        staleAfterDays: 180,
      }).onCall,
    ).toEqual({ provider: 'Opsgenie', on: 'group' });
  });

  it.each([
    [{ owner: undefined }, undefined, 0, 'no-owner'],
    [{ owner: 'group:default/ghost' }, undefined, 0, 'owner-missing'],
    [
      { owner: 'user:default/ana' },
      { kind: 'user' as const, metadata: {} },
      0,
      'owner-left',
    ],
    [
      { owner: 'user:default/ana' },
      { kind: 'user' as const, metadata: {} },
      1,
      'owner-is-person',
    ],
    [{ owner: 'group:default/empty' }, group(), 0, 'no-members'],
  ])(
    'names what is wrong with the owner: %j → %s',
    (component, owner, members, problem) => {
      const health = ownerHealth({
        component: { ...component, metadata: {} },
        owner,
        members,
        now: NOW,
        staleAfterDays: 180,
      });
      expect(health.problems[0]).toBe(problem);
      expect(health.healthy).toBe(false);
    },
  );

  it('says when the confirmation is missing, stale or unreadable', () => {
    const problems = (verified?: string) =>
      ownerHealth({
        component: {
          owner: 'group:default/checkout',
          metadata: {
            annotations: {
              'pagerduty.com/service-id': 'P1',
              ...(verified ? { 'cairn.dev/owner-verified': verified } : {}),
            },
          },
        },
        owner: group(),
        members: 3,
        now: NOW,
        staleAfterDays: 180,
      }).problems;
    expect(problems()).toEqual(['never-confirmed']);
    expect(problems('2026-01-01')).toEqual(['confirmation-stale']);
    expect(problems('last spring')).toEqual(['confirmation-unreadable']);
    expect(problems('2026-06-07')).toEqual([]);
  });
});
