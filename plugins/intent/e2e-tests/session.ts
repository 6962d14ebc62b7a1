import { expect, Page } from '@playwright/test';

/** Signs in as the guest in a theme and waits for the sidebar's Environments link. */
export async function signIn(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript(mode => {
    window.localStorage.setItem('theme', mode);
  }, theme);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Environments' }),
  ).toBeVisible();
}

/**
 * Ends the environment whose page is open, as its owner does (End now, confirmed), and waits until the
 * next expiry run has torn every one of its resources down (those never provisioned included), so the
 * machine's shared servers keep no logins of the test.
 */
export async function endEnvironment(page: Page) {
  const rows = page
    .getByRole('table', { name: 'Resources' })
    .locator('tbody tr');
  await page.getByRole('button', { name: 'End now' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'End now' })
    .click();
  await expect
    .poll(
      async () => {
        await page.reload();
        // The page renders after the reload: wait for its rows before reading them.
        await rows.first().waitFor();
        const states = await rows.allTextContents();
        return states.length > 0 && states.every(s => s.includes('Torn down'));
      },
      {
        message: 'every resource torn down',
        timeout: 60_000,
        intervals: [2_000],
      },
    )
    .toBe(true);
}
