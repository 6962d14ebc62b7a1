import { HEALTH_RANGES, healthQueryOf } from './healthRange';

describe('healthQueryOf', () => {
  const now = Date.parse('2026-11-22T13:50:00Z');

  it('asks for hours over a day and days over a week or a month, ending now', () => {
    expect(healthQueryOf('24h', now)).toEqual({
      from: '2026-11-21T13:50:00.000Z',
      to: '2026-11-22T13:50:00.000Z',
      bucket: 'hour',
    });
    expect(healthQueryOf('7d', now)).toEqual({
      from: '2026-11-15T13:50:00.000Z',
      to: '2026-11-22T13:50:00.000Z',
      bucket: 'day',
    });
    expect(healthQueryOf('30d', now).from).toBe('2026-10-23T13:50:00.000Z');
  });

  it('stays within the backend limit of 1,000 buckets', () => {
    for (const range of HEALTH_RANGES) {
      const perBucket = range.bucket === 'hour' ? 1 : 24;
      // The backend floors `from` to the bucket, so a range can hold one bucket more.
      expect(range.hours / perBucket + 1).toBeLessThanOrEqual(1000);
    }
  });
});
