import { createTestDatabases } from '@cairn/test-utils';
import express from 'express';
import Router from 'express-promise-router';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import { freePort } from '@cairn/test-utils';
import { DependencyUnavailableError } from './dependencyErrors';
import { createErrorMiddleware } from './errorMiddleware';
import { retryTransaction } from './retryTransaction';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('retryTransaction on %p', id => {
  let db: Knex;
  let second: Knex;

  beforeAll(async () => {
    db = await databases.init(id);
    second =
      db.client.config.client === 'pg'
        ? knexFactory({
            client: 'pg',
            connection: db.client.config.connection,
          })
        : db;
    await db.schema.createTable('items', t => {
      t.string('id').primary();
      t.integer('n').notNullable();
    });
  });
  afterAll(async () => {
    if (second !== db) await second.destroy();
  });

  /** Insert-if-absent as a read then a write: the shape that races between replicas. */
  const insertIfAbsent = (client: Knex, key: string) =>
    retryTransaction(
      client,
      async tx => {
        const existing = await tx('items').first('n').where({ id: key });
        if (existing) return 'unchanged';
        await tx('items').insert({ id: key, n: 1 });
        return 'inserted';
      },
      { baseDelayMs: 1 },
    );

  it('turns a race on the same identity into one insert and the rest unchanged', async () => {
    for (let round = 0; round < 20; round++) {
      const key = `k${round}`;
      const outcomes = await Promise.all([
        insertIfAbsent(db, key),
        insertIfAbsent(second, key),
        insertIfAbsent(db, key),
        insertIfAbsent(second, key),
      ]);
      expect(outcomes.filter(o => o === 'inserted')).toHaveLength(1);
      expect(outcomes.filter(o => o === 'unchanged')).toHaveLength(3);
    }
    expect(Number((await db('items').count({ c: '*' }))[0].c)).toBe(20);
  });

  it('gives up with a 503 error after the last attempt, and never retries other errors', async () => {
    let calls = 0;
    await expect(
      retryTransaction(
        db,
        async () => {
          calls++;
          throw Object.assign(new Error('deadlock detected'), {
            code: '40P01',
          });
        },
        { attempts: 3, sleep: async () => {} },
      ),
    ).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      retryTransaction(db, async () => {
        calls++;
        throw new Error('a bug');
      }),
    ).rejects.toThrow('a bug');
    expect(calls).toBe(1);
  });
});

describe('a database that does not answer', () => {
  it('is a 503 with Retry-After and no host or port in the body', async () => {
    const port = await freePort();
    const down = knexFactory({
      client: 'pg',
      connection: { host: '127.0.0.1', port, user: 'postgres' },
      acquireConnectionTimeout: 2000,
    });
    const logger = mockServices.logger.mock();
    const app = express();
    const router = Router();
    router.get('/read', async (_req, res) => {
      res.json(await down('anything').select());
    });
    app.use(router);
    app.use(createErrorMiddleware({ logger, database: 'the test database' }));
    app.use(
      MiddlewareFactory.create({
        config: new ConfigReader({}),
        logger,
      }).error(),
    );
    try {
      const res = await request(app).get('/read');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.error).toEqual({
        name: 'ServiceUnavailableError',
        message: 'the test database is unavailable; retry shortly',
        retryAfterSeconds: 5,
      });
      expect(JSON.stringify(res.body)).not.toContain(String(port));
    } finally {
      await down.destroy();
    }
  });
});
