import { mkdirSync } from 'node:fs';
import { expect, Page, test } from '@playwright/test';
import { endEnvironment, signIn } from './session';

/*
 * "Environment for an existing repository" in the running demo portal: the demo's example repository
 * with Terraform is read through the portal's URL readers, its values shown with their files and lines,
 * one corrected, planned live, submitted; the task fetches the repository, records what it says and
 * registers the environment. A repository that does not exist says so in the form.
 */
const screenshots = 'artifacts/screenshots';
const name = `repo-${Date.now().toString(36).slice(-6)}`;
const REPOSITORIES = 'https://git.cairn.example/repositories';

async function firstStep(page: Page, repoUrl: string) {
  await signIn(page, 'light');
  await page.goto('/create/templates/default/existing-repository-environment');
  await page.getByRole('textbox', { name: /^Repository URL/ }).fill(repoUrl);
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  const owner = page.getByRole('textbox', { name: 'Owning team' });
  await owner.click();
  await owner.fill('checkout');
  await page.getByRole('option', { name: 'Checkout team' }).click();
  await page.getByLabel('Cost centre').fill('CC-4711');
  await page.getByRole('button', { name: 'Next' }).click();
}

test.describe('an environment for an existing repository', () => {
  test.use({ viewport: { width: 1440, height: 1000 } });
  test.beforeAll(() => mkdirSync(screenshots, { recursive: true }));

  test('proposes the intent from the repository with its sources, takes a correction, and registers it', async ({
    page,
  }) => {
    await firstStep(page, `${REPOSITORIES}/billing-terraform`);

    // Step 2: what the repository says, each value with its file and line.
    await expect(page.getByText(/^Read 4 files of/)).toBeVisible();
    await expect(page.getByRole('textbox', { name: /^Region/ })).toHaveValue(
      'eu-central-1',
    );
    await expect(
      page.getByText(/the aws provider's region — infra\/main\.tf:11/),
    ).toBeVisible();
    await expect(page.getByText(/Workload type/).first()).toBeVisible();
    await expect(
      page.getByRole('button', { name: /^Workload type/ }),
    ).toContainText('web-service');
    await expect(page.getByRole('spinbutton', { name: 'Port' })).toHaveValue(
      '8081',
    );
    for (const service of ['PostgreSQL', 'Redis', 'Queue', 'Object storage']) {
      await expect(page.getByRole('checkbox', { name: service })).toBeChecked();
    }
    await expect(page.getByRole('checkbox', { name: 'CDN' })).not.toBeChecked();
    await expect(
      page.getByText(
        /the Terraform declares aws_s3_bucket — infra\/storage\.tf\.json:3/,
      ),
    ).toBeVisible();
    await page.screenshot({
      path: `${screenshots}/intent-inferred-repository.png`,
      fullPage: true,
    });
    // The developer corrects what is wrong: the bucket is not this service's.
    await page.getByRole('checkbox', { name: 'Object storage' }).uncheck();
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 3: the outcomes and the live plan of the corrected intent.
    const preview = page.getByRole('region', { name: 'Plan preview' });
    await expect(preview.getByText(/The guardrails pass/)).toBeVisible();
    const sizing = preview.getByRole('table', { name: 'Sizing and why' });
    await expect(sizing).toContainText('compute.port8081');
    await expect(sizing).toContainText('database.vcpu');
    await expect(sizing).toContainText('queue.messagesPerMonth');
    await expect(sizing).not.toContainText('objectStorage');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    // The task fetched the repository and recorded what it says beside the plan.
    await expect(
      page.getByRole('link', { name: 'Environment page' }),
    ).toBeVisible({ timeout: 60_000 });
    await page
      .getByRole('button', { name: 'What the repository says' })
      .click();
    await expect(
      page.getByText(/Region: eu-central-1 \(high; infra\/main\.tf:11\)/),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Environment page' }).click();
    await expect(
      page.getByRole('heading', { name: `${name} (dev)` }),
    ).toBeVisible();

    // Ended by its owner: its database and cache on the machine's shared servers are dropped.
    const resources = page.getByRole('table', { name: 'Resources' });
    await expect(resources).toContainText('Healthy', { timeout: 30_000 });
    await endEnvironment(page);
  });

  test('says when the repository cannot be read', async ({ page }) => {
    await firstStep(page, `${REPOSITORIES}/no-such-repository`);
    await expect(
      page.getByText('The repository could not be read'),
    ).toBeVisible();
    await expect(page.getByText(/url: no repository at/)).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(
      page.getByText(/Read the repository first/).first(),
    ).toBeVisible();
  });
});
