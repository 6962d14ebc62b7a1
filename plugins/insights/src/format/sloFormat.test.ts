import { formatHours, formatShare, formatTarget } from './sloFormat';

describe('SLO formatting', () => {
  it('never rounds a share up to the next step', () => {
    expect(formatShare(0.99995)).toBe('99.99 %');
    expect(formatShare(0.9995)).toBe('99.95 %');
    expect(formatShare(0.99949)).toBe('99.94 %');
    expect(formatShare(1)).toBe('100 %');
    expect(formatShare(0.9712)).toBe('97.12 %');
    expect(formatShare(-1.3091)).toBe('-130.91 %');
    expect(formatShare(null)).toBe('—');
  });

  it('reads targets and durations', () => {
    expect(formatTarget(0.999)).toBe('99.9 %');
    expect(formatTarget(0.9995)).toBe('99.95 %');
    expect(formatHours(0.75)).toBe('45 min');
    expect(formatHours(3 + 1 / 3)).toBe('3 h 20 min');
    expect(formatHours(52)).toBe('2 d 4 h');
  });
});
