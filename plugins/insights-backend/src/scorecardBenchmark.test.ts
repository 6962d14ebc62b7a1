import { runScorecardBenchmark } from '../bench/scorecardBenchmark';
import { Engine } from '../bench/floors';

/*
 * The scorecards benchmark at a small size (CI's short version): it fails when the floors and Cairn
 * disagree on the rows an evaluation writes, on a card's states or on a rollup's counts, or when an
 * evaluation with nothing new writes history. Timings are printed by the benchmark, not asserted here.
 */

jest.setTimeout(300_000);

const engines: Engine[] = process.env
  .BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
  ? ['sqlite', 'postgres']
  : ['sqlite'];

describe.each(engines)('the scorecards benchmark on %s', engine => {
  it('gets the same rows, states and counts from Cairn and from every floor', async () => {
    const lines: string[] = [];
    const result = await runScorecardBenchmark(
      engine,
      {
        entities: 200,
        historyEntities: 10,
        historyDays: 60,
        runs: 3,
        databasePrefix: 'cairn_scorecard_bench_test',
      },
      line => lines.push(line),
    );
    expect(result.disagreements).toEqual([]);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/200 entities × 30 checks/);
    // Unchanged evaluations write nothing: far fewer history rows than evaluations.
    expect(result.figures.historyRows).toBeLessThan(60 * 10 * 30);
    expect(result.figures.historyBytes).toBeGreaterThan(0);
  });
});
