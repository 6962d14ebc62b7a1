import { estimateRunsPerMonth } from './estimateRunsPerMonth';

describe('estimateRunsPerMonth', () => {
  it.each([
    ['0 3 * * *', 30.42],
    ['*/15 * * * *', 4 * 24 * 30.42],
    ['0 9 * * 1-5', 5 * (30.42 / 7)],
    ['0 9 * * MON-FRI', 5 * (30.42 / 7)],
    ['0 0 1 JAN,JUL *', 2 / 12],
    ['0 0 1,15 * *', 2],
    ['0 0 1 1 *', 1 / 12],
  ])('%s runs about %f times a month', (cron, runs) => {
    expect(estimateRunsPerMonth(cron, 'schedule')).toBeCloseTo(runs, 5);
  });

  it('names the field when the expression cannot be read', () => {
    expect(() =>
      estimateRunsPerMonth('@daily', 'spec.workload.schedule'),
    ).toThrow(/spec\.workload\.schedule: must be a five-field/);
    expect(() =>
      estimateRunsPerMonth('0 L * * *', 'spec.workload.schedule'),
    ).toThrow(/spec\.workload\.schedule: cannot read/);
  });
});
