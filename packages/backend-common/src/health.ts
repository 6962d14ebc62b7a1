import { Knex } from 'knex';

export type HealthCheck = {
  name: string;
  /** Resolves when the dependency answers; rejects (or times out) when it does not. */
  check: () => Promise<unknown>;
};

export type HealthReport = {
  status: 'ok' | 'unavailable';
  checks: Record<string, { status: 'ok' | 'unavailable'; message?: string }>;
};

/** A database check: `select 1` through the plugin's own pool. */
export function databaseHealthCheck(db: Knex, name = 'database'): HealthCheck {
  return { name, check: () => db.raw('select 1') };
}

/**
 * Runs every check with a timeout (default 2 s) and reports each; the whole is `ok` only when every
 * check is. Messages say what failed without hosts, ports or credentials.
 */
export async function checkHealth(
  checks: HealthCheck[],
  options: { timeoutMs?: number } = {},
): Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no answer within ${timeoutMs} ms`)),
              timeoutMs,
            );
          }),
        ]);
        return [name, { status: 'ok' as const }] as const;
      } catch (error) {
        const message = String((error as Error)?.message ?? error);
        return [
          name,
          {
            status: 'unavailable' as const,
            message: /no answer within/.test(message)
              ? message
              : 'did not answer',
          },
        ] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const report: HealthReport = {
    status: results.every(([, r]) => r.status === 'ok') ? 'ok' : 'unavailable',
    checks: Object.fromEntries(results),
  };
  return report;
}
