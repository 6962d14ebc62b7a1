import { runBenchmark } from '../bench/benchmark';
import { Engine } from '../bench/floors';

/*
 * The benchmark at a small size (CI's short version): it fails when a floor and Cairn disagree on the
 * numbers (summary, rollup) or on the rows written (ingest). Timings are printed by `yarn bench`, not
 * asserted here.
 */

jest.setTimeout(180_000);

const engines: Engine[] = process.env
  .BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
  ? ['sqlite', 'postgres']
  : ['sqlite'];

describe.each(engines)('the benchmark on %s', engine => {
  it('gets the same numbers and rows from Cairn and from every floor', async () => {
    const lines: string[] = [];
    const result = await runBenchmark(
      engine,
      {
        deployments: 250,
        components: 25,
        runs: 2,
        singles: 3,
        ingestOnly: false,
        databasePrefix: 'cairn_bench_test',
      },
      line => lines.push(line),
    );
    expect(result.disagreements).toEqual([]);
    // Every section ran and printed its figure.
    const replicas =
      engine === 'postgres'
        ? ['oneReplicaEventsPerSecond', 'twoReplicasEventsPerSecond']
        : [];
    expect(Object.keys(result.figures).sort()).toEqual(
      [
        'aggregateFloorP95',
        'aggregateP95',
        'databaseBytes',
        'firstLoadEventsPerSecond',
        'ingestEventsPerSecond',
        'ingestFloorEventsPerSecond',
        'ingestTableOrderEventsPerSecond',
        'rollupAggregateP95',
        'rollupBytes',
        'rollupFloorP95',
        'rollupHttpP95',
        'singleP95',
        'summaryFloorP95',
        'summaryP95',
        ...replicas,
      ].sort(),
    );
    expect(lines).toHaveLength(7 + (replicas.length ? 1 : 0));
  });
});
