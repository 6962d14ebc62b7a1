import { runSloBenchmark } from '../bench/sloBenchmark';
import { Engine } from '../bench/floors';

/*
 * The SLO benchmark at a small size (CI's short version): it fails when a floor and Cairn disagree on
 * the status or rollup numbers or on the rows a push writes. Timings are printed by the benchmark, not
 * asserted here.
 */

jest.setTimeout(300_000);

const engines: Engine[] = process.env
  .BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
  ? ['sqlite', 'postgres']
  : ['sqlite'];

describe.each(engines)('the SLO benchmark on %s', engine => {
  it('gets the same numbers and rows from Cairn and from every floor', async () => {
    const lines: string[] = [];
    const result = await runSloBenchmark(
      engine,
      {
        slos: 12,
        pushed: 1,
        runs: 2,
        databasePrefix: 'cairn_slo_bench_test',
      },
      line => lines.push(line),
    );
    expect(result.disagreements).toEqual([]);
    expect(Object.keys(result.figures).sort()).toEqual(
      [
        'pushFloorPerSecond',
        'pushPerSecond',
        'rollupBytes',
        'rollupFloorP95',
        'rollupP95',
        'statusFloorP95',
        'statusP95',
      ].sort(),
    );
    expect(lines).toHaveLength(3);
  });
});
