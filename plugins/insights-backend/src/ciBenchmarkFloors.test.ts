import { runCiBenchmark } from '../bench/ciBenchmark';
import { Engine } from '../bench/floors';

/*
 * The CI benchmark at a small size (CI's short version): it fails when the floor's SQL and Cairn
 * disagree on the CI health numbers (pipelines in both periods, reruns, flaky tests) or on the rows
 * ingest writes. Timings are printed by the benchmark, not asserted here.
 */

jest.setTimeout(300_000);

const engines: Engine[] = process.env
  .BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
  ? ['sqlite', 'postgres']
  : ['sqlite'];

describe.each(engines)('the CI benchmark on %s', engine => {
  it('gets the same numbers and rows from Cairn and from the floor', async () => {
    const lines: string[] = [];
    const result = await runCiBenchmark(
      engine,
      { runs: 2200, reads: 2, databasePrefix: 'cairn_ci_bench_test' },
      line => lines.push(line),
    );
    expect(result.disagreements).toEqual([]);
    expect(Object.keys(result.figures).sort()).toEqual(
      [
        'healthFloorP95',
        'healthP95',
        'ingestFloorPerSecond',
        'ingestPerSecond',
      ].sort(),
    );
    expect(lines).toHaveLength(2);
  });
});
