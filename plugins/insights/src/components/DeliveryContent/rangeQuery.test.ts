import { DEFAULT_QUERY, rangeOf, timeZones } from './rangeQuery';

describe('rangeOf', () => {
  // 22 Nov 2026, 14:30 in Berlin (13:30 UTC).
  const now = Date.parse('2026-11-22T13:30:00Z');
  const berlin = 'Europe/Berlin';

  it("sends no range for the last 30 days: the backend default, the DORA card's range", () => {
    expect(rangeOf({ ...DEFAULT_QUERY, preset: '30d' }, now, berlin)).toEqual({
      from: undefined,
      firstDay: '2026-10-23',
      lastDay: '2026-11-22',
    });
    expect(DEFAULT_QUERY.preset).toBe('30d');
  });

  it("starts a longer preset at this moment N days ago on the zone's clock, across a DST change", () => {
    // 90 days back from 22 Nov (CET, +01:00) is 24 Aug (CEST, +02:00), at the same wall-clock time.
    expect(rangeOf({ ...DEFAULT_QUERY, preset: '90d' }, now, berlin)).toEqual({
      from: '2026-08-24T14:30:00.000+02:00',
      firstDay: '2026-08-24',
      lastDay: '2026-11-22',
    });
    expect(rangeOf({ ...DEFAULT_QUERY, preset: '90d' }, now, 'UTC').from).toBe(
      '2026-08-24T13:30:00.000Z',
    );
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
        berlin,
      ),
    ).toEqual({
      from: '2026-03-01',
      to: '2026-04-01',
      firstDay: '2026-03-01',
      lastDay: '2026-03-31',
    });
  });
});

describe('timeZones', () => {
  it('lists IANA zones', () => {
    expect(timeZones()).toContain('Europe/Berlin');
  });
});
