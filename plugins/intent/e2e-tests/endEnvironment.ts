import { expect, Page } from '@playwright/test';

/**
 * Ends the environment whose page is open, as its owner does (End now, confirmed), and waits until the
 * next expiry run has torn its `provisioned` resources down, so the machine's shared servers keep no
 * logins of the test.
 */
export async function endEnvironment(page: Page, provisioned: number) {
  const resources = page.getByRole('table', { name: 'Resources' });
  await page.getByRole('button', { name: 'End now' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'End now' })
    .click();
  await expect
    .poll(
      async () => {
        await page.reload();
        const text = (await resources.textContent()) ?? '';
        return text.match(/Torn down/g)?.length ?? 0;
      },
      {
        message: `${provisioned} resource(s) torn down`,
        timeout: 60_000,
        intervals: [2_000],
      },
    )
    .toBe(provisioned);
}
