import { runOwnershipBenchmark } from '../bench/ownershipBenchmark';

/*
 * The ownership benchmark at a small size (CI's short version): it fails when Cairn and the floor
 * (`git log --numstat`) disagree on the commits per author, or when the next read after new commits
 * asks git for more than those. Timings are printed by the benchmark, not asserted here.
 */

jest.setTimeout(300_000);

describe('the ownership benchmark', () => {
  it('counts the same commits as git log and reads only what is new the next time', async () => {
    const lines: string[] = [];
    const result = await runOwnershipBenchmark(
      { commits: 3000, files: 600, runs: 2 },
      line => lines.push(line),
    );
    expect(result.disagreements).toEqual([]);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/× the floor\.$/);
    expect(result.figures.analysisMs).toBeGreaterThan(0);
  });
});
