/**
 * Waits until the portal is really usable before any end-to-end test runs: the backend is ready,
 * guest sign-in works, and the catalog has processed the example organisation.
 */
const backend = process.env.CAIRN_BACKEND_URL ?? 'http://localhost:7007';

async function poll<T>(what: string, probe: () => Promise<T | undefined>) {
  const deadline = Date.now() + 300_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`portal not ready: ${what} (${lastError ?? 'timed out'})`);
}

export default async function globalSetup() {
  await poll('backend readiness', async () => {
    const res = await fetch(`${backend}/.backstage/health/v1/readiness`);
    return res.ok ? true : undefined;
  });
  const token = await poll('guest sign-in', async () => {
    const res = await fetch(`${backend}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    const body = res.ok ? await res.json() : undefined;
    return body?.backstageIdentity?.token as string | undefined;
  });
  await poll('example catalog', async () => {
    const res = await fetch(
      `${backend}/api/catalog/entities/by-name/component/default/checkout-service`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    return res.ok ? true : undefined;
  });
}
