import {
  EnvironmentProvisioner,
  ProvisionedCredentials,
  ProvisionResult,
  ProvisionTarget,
  ResourceStatus,
} from '@cairn/plugin-intent-node';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { generatePassword } from './generatePassword';
import { resourceName } from './resourceNames';

export type SharedPostgresOptions = {
  /** An administrative login on the shared server: it creates roles and databases. */
  admin: {
    host: string;
    port: number;
    user: string;
    password?: string;
    database?: string;
  };
  /** The host developers connect to, when it differs from the admin host. */
  publicHost?: string;
  /** Default limits when the plan sets none. */
  defaults?: { connectionLimit?: number; statementTimeoutMs?: number };
  connectTimeoutMs?: number;
};

/**
 * Errors from the server that mean the resource, its login or the login's access is not there
 * (drift, repaired by applying again): wrong password or unknown role, no such database, CONNECT denied.
 */
const MISSING = new Set(['28P01', '28000', '3D000', '42501']);

/**
 * Per environment on a shared PostgreSQL: a database and a login role that owns only it, CONNECT
 * revoked from PUBLIC (so no other login can connect), a connection limit and a statement timeout
 * from the plan. Every identifier is derived from the environment (resourceName) and quoted; the only
 * literals are the generated password and numbers, escaped.
 */
export class SharedPostgresProvisioner implements EnvironmentProvisioner {
  readonly id = 'shared-postgres';
  readonly service = 'postgres' as const;

  constructor(private readonly options: SharedPostgresOptions) {}

  private async admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const { admin } = this.options;
    const client = new Client({
      host: admin.host,
      port: admin.port,
      user: admin.user,
      password: admin.password,
      database: admin.database ?? 'postgres',
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? 5000,
    });
    try {
      await client.connect();
    } catch (error) {
      throw new Error(
        `cannot reach the shared PostgreSQL at ${admin.host}:${admin.port} as ${
          admin.user
        }: ${(error as Error).message}`,
      );
    }
    // A dropped connection must fail the operation, not the process.
    client.on('error', () => undefined);
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async apply(
    target: ProvisionTarget,
    credentials?: ProvisionedCredentials,
  ): Promise<ProvisionResult> {
    const name = resourceName(target);
    const password = credentials?.password ?? generatePassword();
    const connectionLimit = Math.trunc(
      target.limits.connectionLimit ??
        this.options.defaults?.connectionLimit ??
        20,
    );
    const statementTimeoutMs = Math.trunc(
      target.limits.statementTimeoutMs ??
        this.options.defaults?.statementTimeoutMs ??
        30_000,
    );
    const role = escapeIdentifier(name);
    await this.admin(async client => {
      const { rowCount: roles } = await client.query(
        'SELECT 1 FROM pg_roles WHERE rolname = $1',
        [name],
      );
      const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT ${connectionLimit} PASSWORD ${escapeLiteral(
        password,
      )}`;
      await client.query(
        roles
          ? `ALTER ROLE ${role} WITH ${attributes}`
          : `CREATE ROLE ${role} WITH ${attributes}`,
      );
      await client.query(
        `ALTER ROLE ${role} SET statement_timeout = ${statementTimeoutMs}`,
      );
      const { rowCount: databases } = await client.query(
        'SELECT 1 FROM pg_database WHERE datname = $1',
        [name],
      );
      // CREATE DATABASE cannot run in a transaction block: each statement here is its own.
      if (!databases)
        await client.query(`CREATE DATABASE ${role} OWNER ${role}`);
      await client.query(`ALTER DATABASE ${role} OWNER TO ${role}`);
      await client.query(`REVOKE ALL ON DATABASE ${role} FROM PUBLIC`);
      // The server's own databases accept every login by default (CONNECT to PUBLIC): an environment's
      // login must reach its database only. The admin keeps its own CONNECT. (A REVOKE the admin has no
      // right to make is a warning, not an error; the test runs as an admin that may.)
      const adminRole = escapeIdentifier(this.options.admin.user);
      for (const shared of ['postgres', 'template1']) {
        await client.query(
          `GRANT CONNECT ON DATABASE ${escapeIdentifier(
            shared,
          )} TO ${adminRole}`,
        );
        await client.query(
          `REVOKE CONNECT ON DATABASE ${escapeIdentifier(shared)} FROM PUBLIC`,
        );
      }
    });
    return {
      resource: {
        service: 'postgres',
        host: this.options.publicHost ?? this.options.admin.host,
        port: this.options.admin.port,
        database: name,
        username: name,
      },
      credentials: { username: name, password },
    };
  }

  async status(
    target: ProvisionTarget,
    credentials: ProvisionedCredentials,
  ): Promise<ResourceStatus> {
    const name = resourceName(target);
    const checkedAt = new Date().toISOString();
    const client = new Client({
      host: this.options.admin.host,
      port: this.options.admin.port,
      user: credentials.username,
      password: credentials.password,
      database: name,
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? 5000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query(
        'SELECT current_database() AS db, current_user AS login',
      );
      return {
        state: 'healthy',
        checkedAt,
        detail: `connected to ${rows[0].db} as ${rows[0].login}`,
      };
    } catch (error) {
      const code = (error as { code?: string }).code;
      const detail = (error as Error).message;
      return MISSING.has(code ?? '')
        ? {
            state: 'missing',
            checkedAt,
            detail: `the database or its login is gone: ${detail}`,
          }
        : {
            state: 'unhealthy',
            checkedAt,
            detail: `cannot connect: ${detail}`,
          };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async teardown(target: ProvisionTarget): Promise<void> {
    const name = resourceName(target);
    const role = escapeIdentifier(name);
    await this.admin(async client => {
      const { rowCount: roles } = await client.query(
        'SELECT 1 FROM pg_roles WHERE rolname = $1',
        [name],
      );
      // The login stops working first, so a teardown that fails half-way leaves no usable credentials.
      if (roles)
        await client.query(`ALTER ROLE ${role} WITH NOLOGIN PASSWORD NULL`);
      await client.query(`DROP DATABASE IF EXISTS ${role} WITH (FORCE)`);
      if (roles) await client.query(`DROP ROLE IF EXISTS ${role}`);
    });
  }
}
