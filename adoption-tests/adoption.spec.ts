import { expect, Page, test } from '@playwright/test';

/*
 * Cairn in a fresh create-app portal, installed from a registry by the root README's steps: the DORA
 * card and Delivery tab after a CI pipeline pushes events, the Ingestion page, the preview template with
 * its live plan preview provisioning a database on the shared PostgreSQL, and the Environments page.
 * Runs once per frontend system (CAIRN_ADOPTION_FLAVOUR: new or legacy).
 */
const flavour = process.env.CAIRN_ADOPTION_FLAVOUR ?? 'new';
const shots =
  process.env.CAIRN_ADOPTION_SCREENSHOTS ?? 'artifacts/screenshots/adoption';
const backend = 'http://localhost:7007';
const CI_TOKEN = 'adoption-ci-0123456789abcdef0123456789';
const name = `adopt-${flavour}-${Date.now().toString(36).slice(-5)}`;
const component = 'component:default/example-website';

async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click();
  await expect(
    page.getByRole('link', { name: 'Create' }).first(),
  ).toBeVisible();
}

/** Opens a page the catalog may still be processing (a fresh portal loads its examples at start). */
async function openWhenProcessed(page: Page, path: string, text: string) {
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByText(text).first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
}

test.describe.configure({ mode: 'serial' });

test('a CI pipeline pushes events with its token; the DORA card and the Delivery tab show them', async ({
  page,
  request,
}) => {
  const day = 86_400_000;
  const now = Date.now();
  const events = Array.from({ length: 12 }, (_, i) => ({
    type: 'deployment',
    source: 'adoption-ci',
    id: `${name}-d${i}`,
    component: 'example-website',
    environment: 'production',
    commit: `${i}`.padStart(40, 'a'),
    finishedAt: new Date(now - (i * 2 + 1) * day).toISOString(),
    result: i === 3 ? 'failure' : 'success',
  }));
  const pushed = await request.post(`${backend}/api/insights/v1/events`, {
    headers: { Authorization: `Bearer ${CI_TOKEN}` },
    data: { events },
  });
  expect(pushed.status()).toBe(200);
  expect(await pushed.json()).toMatchObject({ inserted: 12, unattributed: 0 });

  await signIn(page);
  await openWhenProcessed(
    page,
    '/catalog/default/component/example-website',
    'Delivery performance (DORA)',
  );
  const card = page
    .locator('article, [class*="MuiCard"]')
    .filter({ hasText: 'Delivery performance (DORA)' })
    .first();
  await expect(card).toBeVisible();
  await expect(card).toContainText('Deployment frequency');
  await expect(card).not.toContainText('No deployments of this component');
  await page.screenshot({
    path: `${shots}/${flavour}-dora-card.png`,
    fullPage: true,
  });

  // A tab in the legacy entity layout, a link in the new one.
  await page
    .getByRole(flavour === 'legacy' ? 'tab' : 'link', {
      name: 'Delivery',
      exact: true,
    })
    .click();
  await expect(page.getByText(/Lead time|lead time/).first()).toBeVisible();
  await page.screenshot({
    path: `${shots}/${flavour}-delivery-tab.png`,
    fullPage: true,
  });
  expect(component).toBe('component:default/example-website');
});

test('the Ingestion page shows what the pipeline sent', async ({ page }) => {
  await signIn(page);
  await page.goto('/delivery-ingestion');
  await expect(page.getByText(/api/).first()).toBeVisible();
  await expect(page.getByText(/Accepted|accepted/).first()).toBeVisible();
  await page.screenshot({
    path: `${shots}/${flavour}-ingestion.png`,
    fullPage: true,
  });
});

test('the preview template plans live, registers, and provisions a database on the shared PostgreSQL', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/create/templates/default/preview-environment');
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  const owner = page.getByRole('textbox', { name: 'Owning team' });
  await owner.click();
  await owner.fill('guests');
  await page
    .getByRole('option', { name: /guests/ })
    .first()
    .click();
  await page.getByLabel('Cost centre').fill('CC-4711');
  await page.getByLabel('With a PostgreSQL database').check();
  await page.getByRole('button', { name: /^Cloud/ }).click();
  await page.getByRole('option', { name: 'azure', exact: true }).click();
  await page.getByLabel('Region').fill('westeurope');

  const preview = page.getByRole('region', { name: 'Plan preview' });
  await expect(preview.getByText(/The guardrails pass/)).toBeVisible();
  await expect(
    preview.getByRole('table', { name: 'Monthly cost by load' }),
  ).toContainText('100×');
  await preview.screenshot({ path: `${shots}/${flavour}-preview-field.png` });

  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  const environmentLink = page.getByRole('link', { name: 'Environment page' });
  await expect(environmentLink).toBeVisible({ timeout: 90_000 });
  await page.screenshot({
    path: `${shots}/${flavour}-task.png`,
    fullPage: true,
  });
  await environmentLink.click();
  await expect(
    page.getByRole('heading', { name: `${name} (preview)` }),
  ).toBeVisible();
  const resources = page.getByRole('table', { name: 'Resources' });
  await expect(resources).toContainText('postgres');
  await expect(resources).toContainText(/Healthy|healthy/);
  await page.screenshot({
    path: `${shots}/${flavour}-environment.png`,
    fullPage: true,
  });
});

test('the Environments page lists the new environment', async ({ page }) => {
  await signIn(page);
  await page.goto('/environments');
  await expect(page.getByRole('link', { name }).first()).toBeVisible();
  await page.screenshot({
    path: `${shots}/${flavour}-environments.png`,
    fullPage: true,
  });
});
