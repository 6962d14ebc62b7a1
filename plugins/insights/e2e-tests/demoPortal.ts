import { expect, Page } from '@playwright/test';

/* What the insights end-to-end tests share: the demo portal's backend, waiting for its data, signing in. */

export const screenshots = 'artifacts/screenshots';
const backend = process.env.CAIRN_BACKEND_URL ?? 'http://localhost:7007';

/**
 * Asks an insights route as the guest user until `ready` says its answer is there (the demo's data is
 * seeded after the backend starts), for at most `seconds`.
 */
export async function waitForInsights(
  path: string,
  ready: (body: any) => string | true,
  what: string,
  seconds = 240,
) {
  const deadline = Date.now() + seconds * 1000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const auth = await fetch(`${backend}/api/auth/guest/refresh`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      const token = (await auth.json()).backstageIdentity.token;
      const res = await fetch(`${backend}/api/insights${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (res.ok) {
        const verdict = ready(await res.json());
        if (verdict === true) return;
        last = verdict;
      } else {
        last = `HTTP ${res.status}`;
      }
    } catch (error) {
      last = String(error);
    }
    await new Promise(r => setTimeout(r, 2000));
  }
  throw new Error(`${what} never arrived (${last})`);
}

/** Signs in as the guest, in the theme the test asked for (Backstage keeps it in local storage). */
export async function signIn(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript(mode => {
    window.localStorage.setItem('theme', mode);
  }, theme);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** A card by its exact title (other cards may mention the same words). */
export const cardTitle = (page: Page, title: string) =>
  page.locator('.MuiCardHeader-title').getByText(title, { exact: true });
