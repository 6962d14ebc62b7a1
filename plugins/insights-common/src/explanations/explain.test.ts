import { environmentPhrase, explain, explainAll } from './explain';

describe('explain', () => {
  it('words each code with its parameters, singular and plural', () => {
    expect(
      explain({ code: 'failures-not-recovered', params: { count: 1 } }),
    ).toBe('1 failed deployment in the range has not recovered yet.');
    expect(
      explain({ code: 'failures-not-recovered', params: { count: 3 } }),
    ).toBe('3 failed deployments in the range have not recovered yet.');
    expect(
      explain({
        code: 'changes-without-deployment',
        params: { count: 2, environment: 'production' },
      }),
    ).toBe(
      '2 changes merged in the range have not been shipped to production by any reported deployment (deployments must list their changes or commits).',
    );
    expect(
      explain({ code: 'worst-in-group', params: { metric: 'recoveryTime' } }),
    ).toBe('slowest recovery in the group');
  });

  it('joins several into sentences, and names environments as a sentence does', () => {
    expect(
      explainAll([
        { code: 'no-deployment-in-range' },
        { code: 'lead-time-runs-to-success' },
      ]),
    ).toBe(
      'No deployment finished in the range. Lead time runs to a successful deployment.',
    );
    expect(environmentPhrase('production')).toBe('production');
    expect(environmentPhrase('staging')).toBe('the staging environment');
  });
});
