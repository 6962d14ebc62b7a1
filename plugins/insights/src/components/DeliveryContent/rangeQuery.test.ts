import { DEFAULT_QUERY, rangeOf, timeZones } from './rangeQuery';

describe('rangeOf', () => {
  const now = new Date(2026, 10, 22, 14, 30); // 22 Nov 2026, local

  it('starts a preset at the local date N days ago and leaves the end to the backend (now)', () => {
    expect(rangeOf({ ...DEFAULT_QUERY, preset: '30d' }, now)).toEqual({
      from: '2026-10-23',
    });
    expect(rangeOf({ ...DEFAULT_QUERY, preset: '90d' }, now)).toEqual({
      from: '2026-08-24',
    });
  });

  it('includes the last day of a custom range: to is the day after', () => {
    expect(
      rangeOf(
        {
          ...DEFAULT_QUERY,
          preset: 'custom',
          fromDate: '2026-03-01',
          toDate: '2026-03-31',
        },
        now,
      ),
    ).toEqual({ from: '2026-03-01', to: '2026-04-01' });
  });
});

describe('timeZones', () => {
  it('lists IANA zones', () => {
    expect(timeZones()).toContain('Europe/Berlin');
  });
});
