import { evaluateScorecard, EntityForScorecards } from './evaluateScorecard';
import {
  FactDefinitions,
  parseScorecardRules,
  Scorecard,
} from './scorecardRules';

const definitions: FactDefinitions = {
  entity: {
    facts: {
      kind: { type: 'string', description: '' },
      annotations: { type: 'map<string, string>', description: '' },
      links: { type: 'list<string>', description: '' },
    },
  },
  dora: {
    facts: {
      deployments: { type: 'int', description: '' },
      leadTimeP50Seconds: { type: 'double', description: '' },
    },
  },
  ownership: {
    facts: {
      ownerHealthy: { type: 'bool', description: '' },
      truckFactor: { type: 'int', description: '' },
    },
  },
};

const RULES = `apiVersion: cairn.dev/v1alpha1
kind: Scorecard
metadata:
  name: readiness
  title: Production readiness
spec:
  appliesTo:
    kinds: [Component]
  levels: [bronze, silver, gold]
  checks:
    - id: owner
      title: Owned by a team with members
      level: bronze
      expression: ownership.ownerHealthy
      fix: Point spec.owner at a group with members.
    - id: runbook
      title: Has a runbook link
      level: bronze
      expression: entity.links.exists(l, l.contains("runbook"))
    - id: lead-time
      title: Lead time within the stage's target
      level: silver
      targets: { '1-10': 604800, '10-100': 172800, '100plus': 86400 }
      expression: dora.leadTimeP50Seconds <= target
      warn: dora.leadTimeP50Seconds <= target * 2.0
      value: 'lead time p50 {{ dora.leadTimeP50Seconds / 86400.0 }} days; target {{ target / 86400.0 }} days'
    - id: truck-factor
      title: Known by two people
      level: gold
      stages: ['10-100', '100plus']
      expression: ownership.truckFactor >= 2
    - id: paging
      title: Pages someone
      level: gold
      expression: entity.annotations["pagerduty.com/service-id"] != ""
`;

const parsed = parseScorecardRules(RULES, definitions);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const card: Scorecard = parsed.scorecards[0];

const entity = (stage: EntityForScorecards['stage']): EntityForScorecards => ({
  entityRef: 'component:default/api',
  kind: 'Component',
  tags: [],
  stage,
});
const NOW = Date.parse('2026-12-01T00:00:00Z');
const DAY = 86_400;

const evaluate = (
  facts: Record<string, Record<string, unknown>>,
  stage: EntityForScorecards['stage'] = '10-100',
  extra: Partial<Parameters<typeof evaluateScorecard>[0]> = {},
) =>
  evaluateScorecard({
    scorecard: card,
    entity: entity(stage),
    facts,
    definitions,
    now: NOW,
    ...extra,
  })!;
const states = (r: ReturnType<typeof evaluate>) =>
  Object.fromEntries(r.checks.map(c => [c.checkId, c.state]));

const healthy = {
  entity: {
    kind: 'Component',
    annotations: { 'pagerduty.com/service-id': 'P1' },
    links: ['https://runbooks.example/api'],
  },
  dora: { deployments: 40, leadTimeP50Seconds: 1 * DAY },
  ownership: { ownerHealthy: true, truckFactor: 3 },
};

describe('evaluateScorecard', () => {
  it('passes every check and reaches the top level', () => {
    const r = evaluate(healthy);
    expect(states(r)).toEqual({
      owner: 'pass',
      runbook: 'pass',
      'lead-time': 'pass',
      'truck-factor': 'pass',
      paging: 'pass',
    });
    expect(r.level).toBe('gold');
    expect(r.checks.find(c => c.checkId === 'lead-time')!.message).toBe(
      'lead time p50 1 days; target 2 days',
    );
  });

  it('fails, warns within twice the target, and stops at the level below', () => {
    const r = evaluate({
      ...healthy,
      dora: { deployments: 4, leadTimeP50Seconds: 3 * DAY },
      ownership: { ownerHealthy: true, truckFactor: 1 },
    });
    expect(states(r)).toMatchObject({
      'lead-time': 'warn',
      'truck-factor': 'fail',
    });
    expect(r.level).toBe('bronze');
    expect(
      states(
        evaluate({
          ...healthy,
          dora: { deployments: 1, leadTimeP50Seconds: 9 * DAY },
        }),
      )['lead-time'],
    ).toBe('fail');
  });

  it('holds each stage to its own targets; a check outside its stages is not-applicable, not a fail', () => {
    const slow = {
      ...healthy,
      dora: { deployments: 2, leadTimeP50Seconds: 5 * DAY },
    };
    // An MVP is not held to a lead-time target nor to a truck factor.
    expect(states(evaluate(slow, '0-1'))).toMatchObject({
      'lead-time': 'not-applicable',
      'truck-factor': 'not-applicable',
    });
    // 1→10: a week is the target; 100+: a day.
    expect(states(evaluate(slow, '1-10'))['lead-time']).toBe('pass');
    expect(states(evaluate(slow, '100plus'))['lead-time']).toBe('fail');
    expect(
      evaluate(
        { ...healthy, ownership: { ownerHealthy: true, truckFactor: 1 } },
        '1-10',
      ).level,
    ).toBe('gold');
  });

  it('says not-reported when a fact has no data yet, never a fail', () => {
    const r = evaluate({
      entity: healthy.entity,
      ownership: healthy.ownership,
    });
    expect(r.checks.find(c => c.checkId === 'lead-time')).toEqual({
      checkId: 'lead-time',
      state: 'not-reported',
      message: 'no data yet: dora.leadTimeP50Seconds',
      dueBy: null,
    });
    // Without it, silver is not reached (not-reported does not pass), but nothing failed.
    expect(r.level).toBe('bronze');
    expect(
      states(evaluate({ ...healthy, ownership: { ownerHealthy: true } }))[
        'truck-factor'
      ],
    ).toBe('not-reported');
  });

  it('reports an expression failing at run time as an error with its message', () => {
    const r = evaluate({
      ...healthy,
      entity: { ...healthy.entity, annotations: {} },
    });
    expect(r.checks.find(c => c.checkId === 'paging')).toMatchObject({
      state: 'error',
      message: expect.stringContaining('pagerduty.com/service-id'),
    });
    expect(r.level).toBe('silver');
  });

  it('exempts a failing check until the exemption expires, then the real result returns', () => {
    const failing = {
      ...healthy,
      ownership: { ownerHealthy: false, truckFactor: 3 },
    };
    const exemptions = [{ checkId: 'owner', expiresAt: NOW + 1000 }];
    expect(states(evaluate(failing, '10-100', { exemptions })).owner).toBe(
      'exempt',
    );
    expect(evaluate(failing, '10-100', { exemptions }).level).toBe('gold');
    const expired = [{ checkId: 'owner', expiresAt: NOW - 1 }];
    expect(
      states(evaluate(failing, '10-100', { exemptions: expired })).owner,
    ).toBe('fail');
    expect(
      evaluate(failing, '10-100', { exemptions: expired }).level,
    ).toBeNull();
    // A passing check stays a pass under an exemption.
    expect(states(evaluate(healthy, '10-100', { exemptions })).owner).toBe(
      'pass',
    );
  });

  it('shows a failure before its campaign deadline as due, without costing the level', () => {
    const campaign: Scorecard = {
      ...card,
      spec: {
        ...card.spec,
        checks: card.spec.checks.map(c =>
          c.id === 'paging'
            ? { ...c, expression: 'false', deadline: '2026-12-31' }
            : c,
        ),
      },
    };
    const r = evaluateScorecard({
      scorecard: campaign,
      entity: entity('10-100'),
      facts: healthy,
      definitions,
      now: NOW,
    })!;
    expect(r.checks.find(c => c.checkId === 'paging')).toMatchObject({
      state: 'fail',
      dueBy: '2026-12-31',
    });
    expect(r.level).toBe('gold');
    const after = evaluateScorecard({
      scorecard: campaign,
      entity: entity('10-100'),
      facts: healthy,
      definitions,
      now: Date.parse('2027-01-01T00:00:00Z'),
    })!;
    expect(after.level).toBe('silver');
  });

  it('takes an external check’s state from the pushed result: none is not-reported, a stale one too', () => {
    const scanned: Scorecard = {
      ...card,
      spec: {
        ...card.spec,
        checks: card.spec.checks.map(c =>
          c.id === 'paging'
            ? {
                id: 'scan',
                title: 'No critical vulnerabilities',
                level: 'gold',
                external: true,
                maxAgeDays: 7,
              }
            : c,
        ),
      },
    };
    const run = (
      external: Parameters<typeof evaluateScorecard>[0]['external'],
      exemptions: Array<{ checkId: string; expiresAt: number }> = [],
    ) =>
      evaluateScorecard({
        scorecard: scanned,
        entity: entity('10-100'),
        facts: healthy,
        definitions,
        external,
        exemptions,
        now: NOW,
      })!;
    const scan = (r: ReturnType<typeof run>) =>
      r.checks.find(c => c.checkId === 'scan');
    expect(scan(run(undefined))).toMatchObject({
      state: 'not-reported',
      message: 'no result pushed yet',
    });
    const pushed = (state: 'pass' | 'fail' | 'warn' | 'error', ageDays = 1) => [
      {
        checkId: 'scan',
        state,
        message: `${state} from the scanner`,
        reportedAt: NOW - ageDays * DAY * 1000,
      },
    ];
    expect(scan(run(pushed('fail')))).toMatchObject({
      state: 'fail',
      message: 'fail from the scanner',
    });
    expect(run(pushed('fail')).level).toBe('silver');
    expect(run(pushed('pass')).level).toBe('gold');
    expect(scan(run(pushed('error')))?.state).toBe('error');
    expect(scan(run(pushed('pass', 8)))).toMatchObject({
      state: 'not-reported',
      message: 'the last result (2026-11-23) is older than 7 days',
    });
    // Exemptions apply as to any check.
    expect(
      scan(run(pushed('fail'), [{ checkId: 'scan', expiresAt: NOW + 1 }]))
        ?.state,
    ).toBe('exempt');
  });

  it('skips entities outside the scorecard’s filters', () => {
    expect(
      evaluateScorecard({
        scorecard: card,
        entity: { ...entity('1-10'), kind: 'System' },
        facts: healthy,
        definitions,
        now: NOW,
      }),
    ).toBeUndefined();
  });
});

describe('parseScorecardRules', () => {
  const problems = (text: string) => {
    const r = parseScorecardRules(text, definitions);
    return r.ok ? [] : r.problems;
  };

  it('refuses a file that does not parse, with the line', () => {
    expect(problems(`${RULES}    - id: [broken\n`)[0]).toMatchObject({
      line: expect.any(Number),
    });
  });

  it('names the line and the reason of each invalid check', () => {
    const bad = RULES.replace(
      'level: gold\n      stages',
      'level: platinum\n      stages',
    )
      .replace('ownership.truckFactor >= 2', 'ownership.truckFactors >= 2')
      .replace(
        'dora.leadTimeP50Seconds <= target\n',
        'dora.leadTimeP50Seconds <= "a day"\n',
      )
      .replace(
        'expression: ownership.ownerHealthy',
        'expression: ownership.ownerHealthy &&',
      );
    const found = problems(bad);
    const lines = RULES.split('\n');
    const lineOf = (text: string) => lines.findIndex(l => l.includes(text)) + 1;
    expect(found).toEqual(
      expect.arrayContaining([
        {
          line: lineOf('expression: ownership.ownerHealthy'),
          message: expect.stringMatching(
            /^spec\.checks\[0\]\.expression: does not compile/,
          ),
        },
        {
          line: lineOf('dora.leadTimeP50Seconds <= target'),
          message: expect.stringMatching(
            /spec\.checks\[2\]\.expression: found no matching overload/,
          ),
        },
        {
          line: lineOf('level: gold'),
          message:
            "spec.checks[3].level: 'platinum' is not one of the levels (bronze, silver, gold)",
        },
        {
          line: lineOf('ownership.truckFactor >= 2'),
          message: expect.stringMatching(
            /ownership\.truckFactors is not a fact/,
          ),
        },
      ]),
    );
  });

  it('refuses unknown fields, a wrong kind and a check reading a target it does not have', () => {
    expect(
      problems(RULES.replace('kind: Scorecard', 'kind: Scorecards'))[0].message,
    ).toBe("kind: must be 'Scorecard'");
    expect(
      problems(RULES.replace('      fix: Point', '      fixes: Point'))[0]
        .message,
    ).toMatch(/spec\.checks\.0: Unrecognized key/);
    expect(
      problems(
        RULES.replace(
          'ownership.truckFactor >= 2',
          'ownership.truckFactor >= target',
        ),
      )[0].message,
    ).toBe(
      'spec.checks[3].expression: reads target, but the check has no targets',
    );
    expect(
      problems(
        RULES.replace('ownership.truckFactor >= 2', 'owner.truckFactor >= 2'),
      )[0].message,
    ).toBe(
      'spec.checks[3].expression: reads a variable that is not a fact provider (entity, dora, ownership, stage, target)',
    );
    expect(
      problems(RULES.replace('{{ target / 86400.0 }}', '{{ target / }}'))[0]
        .message,
    ).toMatch(/^spec\.checks\[2\]\.value: \{\{target \/\}\} does not compile/);
    expect(problems('')[0].message).toBe('no Scorecard document in the file');
    // An external check has no expression; a check without either is refused.
    expect(
      problems(
        RULES.replace(
          '      expression: ownership.truckFactor >= 2',
          '      external: true\n      expression: ownership.truckFactor >= 2',
        ),
      )[0].message,
    ).toMatch(
      /^spec\.checks\[3\]\.expression: an external check takes its state/,
    );
    expect(
      problems(
        RULES.replace('      expression: ownership.truckFactor >= 2\n', ''),
      )[0].message,
    ).toBe(
      'spec.checks[3].expression: is required (or external: true for a check computed elsewhere)',
    );
    expect(
      problems(
        RULES.replace(
          '      expression: ownership.truckFactor >= 2',
          '      external: true\n      maxAgeDays: 7',
        ),
      ),
    ).toEqual([]);
  });
});
