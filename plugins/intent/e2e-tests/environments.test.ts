import { mkdirSync } from 'node:fs';
import { expect, Locator, Page, test } from '@playwright/test';
import { endEnvironment, signIn } from './session';

/*
 * Self-service environments in the running demo portal, through the browser: the web-service template
 * with its live plan preview (the plan changes as the users and the availability change; a region
 * outside the EU is denied, explained, and blocks the form), a valid request submitted, the
 * environment's page reached from the task's output, then the environments list and the platform
 * rules. Screenshots go to artifacts/screenshots.
 */
const screenshots = 'artifacts/screenshots';
// Names must be unique among live environments; the e2e data folder may outlive a run.
const name = `ui-${Date.now().toString(36).slice(-6)}`;

/** Chooses an option of one of the form's select fields (MUI select, labelled by the field title). */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('button', { name: new RegExp(`^${label}`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const monthly = (preview: Locator) =>
  preview
    .getByText(/ \/ month$/)
    .first()
    .textContent();

test.describe('self-service environments in the browser', () => {
  test.use({ viewport: { width: 1440, height: 1000 } });

  test.beforeAll(() => {
    mkdirSync(screenshots, { recursive: true });
  });

  test('the web-service template previews the plan live, explains a denial, and leads to the environment', async ({
    page,
  }) => {
    await signIn(page, 'light');
    await page.goto('/create/templates/default/web-service-environment');

    // Step 1: the service.
    await page.getByRole('textbox', { name: /^Name/ }).fill(name);
    const owner = page.getByRole('textbox', { name: 'Owning team' });
    await owner.click();
    await owner.fill('checkout');
    await page.getByRole('option', { name: 'Checkout team' }).click();
    await page.getByLabel('Cost centre').fill('CC-4711');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 2: where and the limits (AWS, eu-west-1, EU residency by default).
    await expect(page.getByLabel('Region')).toHaveValue('eu-west-1');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 3: the outcomes, and the plan previewed in the browser.
    const preview = page.getByRole('region', { name: 'Plan preview' });
    await expect(preview.getByText(/The guardrails pass/)).toBeVisible();
    await expect(
      preview.getByRole('table', { name: 'Monthly cost by load' }),
    ).toContainText('100×');
    await expect(
      preview.getByRole('table', { name: 'Sizing and why' }),
    ).toContainText('compute.maxInstances');
    const atThousand = await monthly(preview);
    await expect(preview).toContainText('availability band single-zone');

    await page.getByLabel('Expected users').fill('3000');
    await expect
      .poll(() => monthly(preview), { message: 'cost follows the users' })
      .not.toBe(atThousand);
    await page.getByLabel('Expected users').fill('1000');
    await expect.poll(() => monthly(preview)).toBe(atThousand);

    await choose(page, 'Availability target', '99.5');
    await expect(preview).toContainText('availability band multi-zone');
    await expect
      .poll(() => monthly(preview), {
        message: 'cost follows the availability',
      })
      .not.toBe(atThousand);
    await expect(preview.getByText(/The guardrails pass/)).toBeVisible();
    await preview.screenshot({
      path: `${screenshots}/intent-preview-live.png`,
    });

    // A region outside the EU with EU residency: denied, explained, and the form stops.
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByLabel('Region').fill('us-east-1');
    await page.getByRole('button', { name: 'Next' }).click();
    const blocking = preview.getByRole('list', { name: 'Blocking policies' });
    await expect(blocking).toContainText('gdpr-eu-regions');
    await expect(blocking).toContainText(
      /requires EU regions, but the plan uses .*us-east-1.*: set Region to one of/,
    );
    await page.screenshot({
      path: `${screenshots}/intent-preview-denied.png`,
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Review' }).click();
    await expect(
      page.getByText(/Blocked by policy gdpr-eu-regions/).first(),
    ).toBeVisible();
    // Said once at the top of the form (the plan explains it once more), not again under the field.
    await expect(
      page.getByText(/Blocked by policy gdpr-eu-regions/),
    ).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Create' })).toHaveCount(0);

    // Back to an EU region: valid again, and the request goes through.
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByLabel('Region').fill('eu-west-1');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(preview.getByText(/The guardrails pass/)).toBeVisible();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    // The task runs plan and register; its output links to the environment's page.
    const environmentLink = page.getByRole('link', {
      name: 'Environment page',
    });
    await expect(environmentLink).toBeVisible({ timeout: 60_000 });
    await environmentLink.click();
    await expect(
      page.getByRole('heading', { name: `${name} (dev)` }),
    ).toBeVisible();
    await expect(page.getByText('Active', { exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Kept files' })).toContainText(
      'terraform/main.tf.json',
    );
    await expect(page.getByRole('table', { name: 'History' })).toContainText(
      'requested',
    );
    await page.getByRole('button', { name: 'View PLAN.md' }).click();
    await expect(page.getByLabel('Content of PLAN.md')).toContainText(name);
    await page.getByRole('button', { name: 'Close' }).click();
    await page.screenshot({
      path: `${screenshots}/intent-environment-page.png`,
      fullPage: true,
    });
    // (Its tables keeping words whole at 1280 and 1024 px: the portal walk, packages/app/e2e-tests.)
    const environmentUrl = page.url();

    // Its database was provisioned on the shared PostgreSQL before the task ended; its owner sees the
    // credentials on demand.
    await expect(page.getByRole('table', { name: 'Resources' })).toContainText(
      'Healthy',
    );
    await page.getByRole('button', { name: 'Show credentials' }).click();
    await expect(
      page.getByRole('table', { name: 'Credentials' }),
    ).toContainText('postgresql://');
    await page.getByRole('button', { name: 'Hide credentials' }).click();

    // The list shows it among the live environments.
    await page.getByRole('link', { name: 'Environments' }).first().click();
    await expect(page.getByRole('link', { name })).toBeVisible();
    await page.screenshot({
      path: `${screenshots}/intent-environments-list.png`,
      fullPage: true,
    });

    // The owning team's page lists it on the group card, linking to its page.
    await page.goto('/catalog/default/group/checkout');
    await expect(
      page.getByText(/live, up to \$[\d,.]+ a month at peak/),
    ).toBeVisible();
    await expect(page.getByRole('link', { name, exact: true })).toHaveAttribute(
      'href',
      new URL(environmentUrl).pathname,
    );

    // Day-2: "Change this environment" opens its template with the values it was made with and the
    // change ticked; the preview says what changes; the task makes version 2, applied in place.
    await page.goto(environmentUrl);
    await page.getByRole('link', { name: 'Change this environment' }).click();
    await expect(page.getByRole('textbox', { name: /^Name/ })).toHaveValue(
      name,
    );
    await expect(
      page.getByLabel('Change the live environment of this name'),
    ).toBeChecked();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Expected users').fill('3000');
    const change = preview.getByRole('region', {
      name: 'Change to the live environment',
    });
    await expect(change).toContainText(
      `Changes the live dev environment ${name} (version 1)`,
    );
    await expect(
      change.getByRole('list', { name: 'What the change does' }),
    ).toContainText('Kept in place with their data: postgres');
    await preview.screenshot({
      path: `${screenshots}/intent-change-preview.png`,
    });
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(environmentLink).toBeVisible({ timeout: 60_000 });
    await environmentLink.click();
    const versions = page.getByRole('table', { name: 'Versions' });
    await expect(versions).toContainText('live');
    await expect(
      versions.getByRole('list', { name: 'What version 2 changed' }),
    ).toContainText('Kept in place with their data: postgres');
    await expect(page.getByRole('table', { name: 'Resources' })).toContainText(
      'Healthy',
    );

    // Ended now by its owner: the next expiry run drops the database, and the page says so.
    await page.goto(environmentUrl);
    await endEnvironment(page);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the platform rules page, ${theme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await signIn(page, theme);
      await page.goto('/environments/platform');
      await expect(
        page.getByRole('link', { name: 'Environment for a web service' }),
      ).toBeVisible();
      await expect(page.getByText('gdpr-eu-regions')).toBeVisible();
      await expect(
        page.getByRole('table', { name: 'Size classes' }),
      ).toBeVisible();
      await expect(
        page.getByRole('table', { name: 'Price sources' }),
      ).toBeVisible();
      await page.screenshot({
        path: `${screenshots}/intent-platform-${theme}.png`,
        fullPage: true,
      });
    });
  }
});
