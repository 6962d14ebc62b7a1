import { isNewerVersion } from './isNewerVersion';

const v = (
  updatedAt: number | null,
  lifecycle: number,
  contentHash: string,
) => ({
  updatedAt,
  lifecycle,
  contentHash,
});

describe('isNewerVersion', () => {
  it('lets a later update win and ignores an earlier one arriving late', () => {
    expect(isNewerVersion(v(2, 0, 'a'), v(1, 2, 'z'))).toBe(true);
    expect(isNewerVersion(v(1, 2, 'z'), v(2, 0, 'a'))).toBe(false);
  });

  it('orders by lifecycle without both timestamps or with equal ones, then by content', () => {
    expect(isNewerVersion(v(null, 2, 'a'), v(5, 1, 'z'))).toBe(true);
    expect(isNewerVersion(v(5, 1, 'z'), v(5, 2, 'a'))).toBe(false);
    expect(isNewerVersion(v(5, 1, 'b'), v(5, 1, 'a'))).toBe(true);
    expect(isNewerVersion(v(5, 1, 'a'), v(5, 1, 'b'))).toBe(false);
  });

  it('never takes the same version as newer, so replays change nothing', () => {
    expect(isNewerVersion(v(5, 1, 'a'), v(5, 1, 'a'))).toBe(false);
    expect(isNewerVersion(v(null, 0, 'a'), v(null, 0, 'a'))).toBe(false);
  });
});
