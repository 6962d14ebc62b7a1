import {
  formatBucketLabel,
  formatChange,
  formatDateTime,
  formatDuration,
  durationAxis,
  formatFrequency,
  formatRate,
  formatRelativeTime,
  plural,
} from './format';

describe('formatDuration', () => {
  it('picks the unit a person would say', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(45 * 60)).toBe('45 min');
    expect(formatDuration(3.2 * 3600)).toBe('3.2 h');
    expect(formatDuration(14.4 * 3600)).toBe('14 h');
    expect(formatDuration(36 * 3600)).toBe('36 h');
    expect(formatDuration(4 * 86400)).toBe('4 d');
    expect(formatDuration(10.5 * 86400)).toBe('11 d');
    expect(formatDuration(2.25 * 86400)).toBe('2.3 d');
  });

  it('shows a dash, never 0, when there is no value', () => {
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(undefined)).toBe('–');
  });
});

describe('formatRate', () => {
  it('shows whole percentages, and a decimal below one percent', () => {
    expect(formatRate(0.123)).toBe('12%');
    expect(formatRate(0.004)).toBe('0.4%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(null)).toBe('–');
  });
});

describe('formatFrequency', () => {
  it('writes every deployment frequency per week, whatever its size', () => {
    expect(formatFrequency(4.3)).toBe('30/week');
    expect(formatFrequency(12)).toBe('84/week');
    expect(formatFrequency(2 / 7)).toBe('2/week');
    expect(formatFrequency(0.13)).toBe('0.9/week');
    expect(formatFrequency(0.05)).toBe('0.4/week');
    expect(formatFrequency(0.004)).toBe('0.03/week');
    expect(formatFrequency(0)).toBe('0/week');
    expect(formatFrequency(null)).toBe('–');
  });
});

describe('formatChange', () => {
  it('signs the change with a real minus', () => {
    expect(formatChange(0.12)).toBe('+12%');
    expect(formatChange(-0.594)).toBe('−59%');
    expect(formatChange(0.001)).toBe('0%');
  });
});

describe('plural', () => {
  it('counts nouns', () => {
    expect(plural(1, 'deployment')).toBe('1 deployment');
    expect(plural(2, 'deployment')).toBe('2 deployments');
    expect(plural(0, 'change')).toBe('0 changes');
  });
});

describe('dates', () => {
  it('formats in the requested time zone', () => {
    expect(formatDateTime('2026-11-12T14:55:00Z', 'Europe/Berlin')).toBe(
      '12 Nov 2026, 15:55 CET',
    );
    expect(formatDateTime('2026-07-12T14:55:00Z', 'Europe/Berlin')).toBe(
      '12 Jul 2026, 16:55 CEST',
    );
    expect(formatDateTime('2026-11-12T00:05:00Z', 'UTC')).toBe(
      '12 Nov 2026, 00:05 UTC',
    );
    expect(formatDateTime(undefined)).toBe('–');
  });

  it('labels buckets by their local start', () => {
    // 23:00 UTC on 25 Oct is midnight on 26 Oct in Berlin.
    expect(
      formatBucketLabel('2026-10-25T23:00:00Z', 'week', 'Europe/Berlin'),
    ).toBe('26 Oct');
    expect(
      formatBucketLabel('2026-09-30T22:00:00Z', 'month', 'Europe/Berlin'),
    ).toBe('Oct 2026');
    expect(
      formatBucketLabel('2026-09-30T22:00:00Z', 'quarter', 'Europe/Berlin'),
    ).toBe('Q4 2026');
    expect(
      formatBucketLabel('2026-11-12T13:00:00Z', 'hour', 'Europe/Berlin'),
    ).toBe('12 Nov, 14:00');
  });
});

describe('formatRelativeTime', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it('says how long ago in the unit a person would say', () => {
    expect(formatRelativeTime(ago(20), now)).toBe('just now');
    expect(formatRelativeTime(ago(12 * 60 + 30), now)).toBe('12 min ago');
    expect(formatRelativeTime(ago(5.5 * 3600), now)).toBe('5 h ago');
    expect(formatRelativeTime(ago(47 * 3600), now)).toBe('47 h ago');
    expect(formatRelativeTime(ago(3.9 * 86400), now)).toBe('3 d ago');
  });

  it('never shows a negative age when the clock runs ahead', () => {
    expect(formatRelativeTime(ago(-300), now)).toBe('just now');
  });
});

describe('durationAxis', () => {
  it('writes every tick of an axis in the unit its largest value needs', () => {
    const hours = durationAxis([600, 3600, 90_000]);
    expect([0, 1800, 45_000, 90_000].map(hours)).toEqual([
      '0 h',
      '0.5 h',
      '13 h',
      '25 h',
    ]);
    expect(durationAxis([300, 1200])(600)).toBe('10 min');
    expect(durationAxis([5 * 86_400])(86_400)).toBe('1 d');
    expect(durationAxis([null])(null)).toBe('–');
  });
});
