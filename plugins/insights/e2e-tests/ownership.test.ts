import { expect, test } from '@playwright/test';
import { screenshots, signIn, waitForInsights } from './demoPortal';

/*
 * The ownership cards in the running demo portal, on the generated repositories: the Checkout team's
 * shared monorepo (the guest is a member: names shown), the Logistics monolith one person knows
 * (another team's: counts only) and the Logistics team's risks, in the light and the dark theme.
 */
const waitForOwnership = () =>
  waitForInsights(
    '/v1/ownership?entity=component:default/shipping-service',
    report =>
      report.knowledge !== null || `no knowledge: ${report.knowledgeProblem}`,
    'the ownership reports',
    300,
  );

for (const theme of ['light', 'dark'] as const) {
  test.describe(`ownership card, ${theme} theme`, () => {
    test.use({ colorScheme: theme, viewport: { width: 1440, height: 1000 } });

    test.beforeAll(async () => {
      await waitForOwnership();
    });

    test.beforeEach(async ({ page }) => {
      await signIn(page, theme);
    });

    test('a shared monorepo and a monolith one person knows', async ({
      page,
    }) => {
      await page.goto('/catalog/default/component/checkout-service');
      const shared = page
        .locator('.MuiCard-root')
        .filter({ hasText: 'Ownership' })
        .filter({ hasText: 'Knowledge' });
      await expect(shared.getByLabel(/^Truck factor [2-9]/)).toBeVisible();
      await expect(
        shared.getByText('On-call: PagerDuty (on the component)'),
      ).toBeVisible();
      await shared.scrollIntoViewIfNeeded();
      await shared.screenshot({
        path: `${screenshots}/ownership-card-shared-${theme}.png`,
      });

      await page.goto('/catalog/default/component/shipping-service');
      const monolith = page
        .locator('.MuiCard-root')
        .filter({ hasText: 'Ownership' })
        .filter({ hasText: 'Knowledge' });
      await expect(monolith.getByLabel('Truck factor 1')).toBeVisible();
      await expect(monolith.getByText(/Pair someone on/).first()).toBeVisible();
      // Another team's component: counts, no names.
      await expect(
        monolith.getByText(/Names are shown to the owning team/),
      ).toBeVisible();
      await monolith.scrollIntoViewIfNeeded();
      await monolith.screenshot({
        path: `${screenshots}/ownership-card-monolith-${theme}.png`,
      });

      // The Logistics team's page: the monolith is among the components one person knows.
      await page.goto('/catalog/default/group/logistics');
      const team = page
        .locator('.MuiCard-root')
        .filter({ hasText: 'Ownership risks' });
      await expect(
        team
          .getByRole('list', { name: 'Components at risk' })
          .getByRole('link', { name: /Shipping service/ }),
      ).toBeVisible();
      await team.scrollIntoViewIfNeeded();
      await team.screenshot({
        path: `${screenshots}/ownership-team-card-${theme}.png`,
      });
    });
  });
}
