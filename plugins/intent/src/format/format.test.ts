import {
  formatBytes,
  formatMonthlyRange,
  formatNumber,
  formatPlanValue,
  formatRelative,
  formatTime,
  formatUsd,
} from './format';

describe('format', () => {
  it('formats dollars with cents below $10,000 and without above', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(123456.78)).toBe('$123,457');
    expect(formatUsd(undefined)).toBe('–');
  });

  it('formats a monthly range, collapsing equal ends', () => {
    expect(formatMonthlyRange(10, 20)).toBe('$10.00–$20.00 / month');
    expect(formatMonthlyRange(20, 20)).toBe('$20.00 / month');
  });

  it('formats counts, sizes and times', () => {
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatNumber(2.25)).toBe('2.25');
    expect(formatNumber(99.9)).toBe('99.9');
    expect(formatNumber(99.95)).toBe('99.95');
    expect(formatNumber(0.125)).toBe('0.125');
    expect(formatNumber(1234.5)).toBe('1,235');
    expect(formatPlanValue('compute.port', 8080)).toBe('8080');
    expect(formatPlanValue('usage.peakRps', 8080)).toBe('8,080');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatTime('2026-11-22T09:05:00.000Z')).toBe(
      '22 Nov 2026, 09:05 UTC',
    );
    expect(formatTime('2026-11-22T09:05:00.000Z', 'Europe/Berlin')).toBe(
      '22 Nov 2026, 10:05 CET',
    );
    const now = new Date('2026-11-22T10:00:00Z');
    expect(formatRelative('2026-11-22T13:00:00Z', now)).toBe('in 3 h');
    expect(formatRelative('2026-11-20T10:00:00Z', now)).toBe('2 d ago');
    expect(formatRelative('2026-11-22T09:55:00Z', now)).toBe('5 min ago');
  });
});
