import knexFactory, { Knex } from 'knex';
import { reuseSqliteStatements } from './database';

describe('reuseSqliteStatements', () => {
  let knex: Knex;
  let prepared: jest.SpyInstance;

  beforeEach(() => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    // better-sqlite3's Database, as knex loaded it: every statement it parses.
    const driver = (knex.client as { driver: { prototype: object } }).driver;
    prepared = jest.spyOn(
      driver.prototype as { prepare(sql: string): unknown },
      'prepare',
    );
  });
  afterEach(async () => {
    await knex.destroy();
    prepared.mockRestore();
  });

  const texts = () => prepared.mock.calls.map(([sql]) => sql);

  it('prepares a statement once and runs it with each call’s bindings', async () => {
    reuseSqliteStatements(knex);
    await knex.schema.createTable('t', table => table.integer('n'));
    await knex('t').insert([{ n: 1 }, { n: 2 }, { n: 3 }]);
    for (const n of [1, 2, 3, 2]) {
      expect(await knex('t').where('n', '>=', n).count({ c: '*' })).toEqual([
        { c: 4 - n },
      ]);
    }
    expect(texts().filter(sql => sql.includes('count(*)'))).toHaveLength(1);
  });

  it('keeps at most the given number of statements, dropping the least recently used', async () => {
    reuseSqliteStatements(knex, 2);
    const one = (n: number) => knex.raw(`select ${n} as n`);
    for (const n of [1, 2, 1, 3, 1, 2]) await one(n);
    // 1 and 2 prepared; 1 reused; 3 prepared (2 dropped); 1 reused; 2 prepared again.
    expect(texts()).toEqual([
      'select 1 as n',
      'select 2 as n',
      'select 3 as n',
      'select 2 as n',
    ]);
  });

  it('reuses statements inside transactions too', async () => {
    reuseSqliteStatements(knex);
    // Only transactions: the connection is never used by a query outside one.
    await knex.transaction(tx =>
      tx.schema.createTable('t', table => table.integer('n')),
    );
    for (const n of [1, 2, 3]) {
      await knex.transaction(async tx => {
        await tx('t').insert({ n });
        expect(await tx('t').count({ c: '*' })).toEqual([{ c: n }]);
      });
    }
    expect(texts().filter(sql => sql.includes('count(*)'))).toHaveLength(1);
    expect(texts().filter(sql => sql.startsWith('insert'))).toHaveLength(1);
  });

  it('answers with the new columns after the schema changes', async () => {
    reuseSqliteStatements(knex);
    await knex.schema.createTable('t', table => table.integer('a'));
    await knex('t').insert({ a: 1 });
    expect(await knex('t').select('*')).toEqual([{ a: 1 }]);
    await knex.schema.alterTable('t', table => table.integer('b'));
    expect(await knex('t').select('*')).toEqual([{ a: 1, b: null }]);
  });

  it('leaves other clients alone', async () => {
    const other = knexFactory({ client: 'pg' });
    const acquire = (other.client as { acquireConnection: unknown })
      .acquireConnection;
    reuseSqliteStatements(other);
    expect(
      (other.client as { acquireConnection: unknown }).acquireConnection,
    ).toBe(acquire);
    await other.destroy();
  });
});
