import {
  PostgresCluster,
  describeWithServices,
  startPostgresCluster,
  startTcpProxy,
} from '@cairn/test-utils';
import { Client } from 'pg';
import { SharedPostgresProvisioner } from './SharedPostgresProvisioner';

jest.setTimeout(120_000);

const alpha = {
  environmentId: 'env-alpha-1',
  name: 'alpha',
  limits: { connectionLimit: 3, statementTimeoutMs: 1500 },
};
const beta = { environmentId: 'env-beta-1', name: 'beta', limits: {} };

/**
 * On a real PostgreSQL started for the test with password authentication (the machine's server
 * trusts every login, so it could not prove that a wrong password is refused).
 */
describeWithServices({ postgresBinaries: true })(
  'SharedPostgresProvisioner',
  () => {
    let cluster: PostgresCluster;
    let provisioner: SharedPostgresProvisioner;

    beforeAll(async () => {
      cluster = await startPostgresCluster();
      provisioner = new SharedPostgresProvisioner({
        admin: {
          host: cluster.host,
          port: cluster.port,
          user: cluster.user,
          password: cluster.password,
        },
      });
    });
    afterAll(async () => cluster?.stop());

    const login = async (
      user: string,
      password: string,
      database: string,
      port = cluster.port,
    ) => {
      const client = new Client({
        host: cluster.host,
        port,
        user,
        password,
        database,
        connectionTimeoutMillis: 3000,
      });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    };
    const refusal = async (
      user: string,
      password: string,
      database: string,
    ) => {
      try {
        const client = await login(user, password, database);
        await client.end();
        return 'connected';
      } catch (error) {
        return (error as Error).message;
      }
    };

    it('gives each environment its own database and login, isolated from the other', async () => {
      const a = await provisioner.apply(alpha);
      const b = await provisioner.apply(beta);
      expect(a.resource).toMatchObject({
        service: 'postgres',
        database: a.credentials.username,
        port: cluster.port,
      });
      expect(a.credentials.password).toHaveLength(43);

      const clientA = await login(
        a.credentials.username,
        a.credentials.password,
        a.resource.database!,
      );
      await clientA.query('CREATE TABLE orders (id int)');
      await clientA.query('INSERT INTO orders VALUES (1)');
      const limits = await clientA.query(
        "SELECT current_setting('statement_timeout') AS timeout, rolconnlimit FROM pg_roles WHERE rolname = current_user",
      );
      expect(limits.rows[0]).toEqual({ timeout: '1500ms', rolconnlimit: 3 });
      await clientA.end();

      // Neither can connect to the other's database (CONNECT revoked from PUBLIC), nor log in with a
      // wrong password.
      expect(
        await refusal(
          b.credentials.username,
          b.credentials.password,
          a.resource.database!,
        ),
      ).toMatch(/permission denied for database/);
      expect(
        await refusal(
          a.credentials.username,
          b.credentials.password,
          a.resource.database!,
        ),
      ).toMatch(/password authentication failed/);
      // Nor to the server's own databases (where every login may connect by default).
      for (const shared of ['postgres', 'template1'])
        expect([
          shared,
          await refusal(b.credentials.username, b.credentials.password, shared),
        ]).toEqual([
          shared,
          expect.stringMatching(/permission denied for database/),
        ]);
      // Listing the server's databases reveals names, but reading another environment's tables needs a
      // connection to its database, which is refused; nor can a login create databases or roles.
      const clientB = await login(
        b.credentials.username,
        b.credentials.password,
        b.resource.database!,
      );
      await expect(clientB.query('CREATE DATABASE sneaky')).rejects.toThrow(
        /permission denied/,
      );
      await expect(clientB.query('CREATE ROLE sneaky')).rejects.toThrow(
        /permission denied/,
      );
      await clientB.end();

      expect(await provisioner.status(alpha, a.credentials)).toMatchObject({
        state: 'healthy',
      });
      expect(await provisioner.status(alpha, b.credentials)).toMatchObject({
        state: 'missing',
      });
    });

    it('applies idempotently, keeping a password it is given and the data', async () => {
      const first = await provisioner.apply(alpha);
      const again = await provisioner.apply(alpha, first.credentials);
      expect(again.credentials).toEqual(first.credentials);
      const client = await login(
        first.credentials.username,
        first.credentials.password,
        first.resource.database!,
      );
      expect(
        (await client.query('SELECT count(*)::int AS n FROM orders')).rows[0].n,
      ).toBe(1);
      await client.end();
    });

    it('tears one environment down and leaves the other untouched; tearing down again is fine', async () => {
      const a = await provisioner.apply(alpha);
      const b = await provisioner.apply(beta);
      await provisioner.teardown(alpha);
      expect(
        await refusal(
          a.credentials.username,
          a.credentials.password,
          a.resource.database!,
        ),
      ).toMatch(/password authentication failed|does not exist/);
      expect(await provisioner.status(alpha, a.credentials)).toMatchObject({
        state: 'missing',
      });
      expect(await provisioner.status(beta, b.credentials)).toMatchObject({
        state: 'healthy',
      });
      await expect(provisioner.teardown(alpha)).resolves.toBeUndefined();

      const admin = await login(cluster.user, cluster.password, 'postgres');
      const left = await admin.query(
        'SELECT rolname FROM pg_roles WHERE rolname = $1',
        [a.credentials.username],
      );
      const databases = await admin.query(
        'SELECT datname FROM pg_database WHERE datname = $1',
        [a.resource.database],
      );
      await admin.end();
      expect([left.rowCount, databases.rowCount]).toEqual([0, 0]);
    });

    it('repairs drift: a dropped database comes back on the next apply', async () => {
      const b = await provisioner.apply(beta);
      const admin = await login(cluster.user, cluster.password, 'postgres');
      await admin.query(`DROP DATABASE ${b.resource.database} WITH (FORCE)`);
      await admin.end();
      expect(await provisioner.status(beta, b.credentials)).toMatchObject({
        state: 'missing',
      });
      await provisioner.apply(beta, b.credentials);
      expect(await provisioner.status(beta, b.credentials)).toMatchObject({
        state: 'healthy',
      });
    });

    it('fails with a clear reason when the server cannot be reached, and succeeds on retry', async () => {
      const proxy = await startTcpProxy({
        host: cluster.host,
        port: cluster.port,
      });
      const through = new SharedPostgresProvisioner({
        admin: {
          host: cluster.host,
          port: proxy.port,
          user: cluster.user,
          password: cluster.password,
        },
        connectTimeoutMs: 2000,
      });
      const gamma = { environmentId: 'env-gamma-1', name: 'gamma', limits: {} };
      proxy.setMode('drop');
      await expect(through.apply(gamma)).rejects.toThrow(
        new RegExp(
          `cannot reach the shared PostgreSQL at 127.0.0.1:${proxy.port} as postgres`,
        ),
      );
      proxy.setMode('pass');
      const result = await through.apply(gamma);
      expect(await provisioner.status(gamma, result.credentials)).toMatchObject(
        {
          state: 'healthy',
        },
      );
      await proxy.close();

      const closed = new SharedPostgresProvisioner({
        admin: {
          host: cluster.host,
          port: proxy.port,
          user: cluster.user,
          password: cluster.password,
        },
        connectTimeoutMs: 2000,
      });
      await expect(closed.teardown(gamma)).rejects.toThrow(/ECONNREFUSED/);
    });
  },
);
