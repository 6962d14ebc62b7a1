import { expect, test } from '@playwright/test';
import { cardTitle, screenshots, signIn, waitForInsights } from './demoPortal';

/*
 * The ownership cards in the running demo portal, on the generated repositories: the Checkout team's
 * shared monorepo (the guest is a member: names shown), the Logistics monolith one person knows
 * (another team's: counts only), its reviews waiting for one person, the Logistics team's risks and the
 * Checkout team's who-knows-what, in the light and the dark theme.
 */

/** Both components' reports with history and reviews (the run after the demo history is in). */
const waitForOwnership = async () => {
  for (const component of ['shipping-service', 'checkout-service'])
    await waitForInsights(
      `/v1/ownership?entity=component:default/${component}`,
      report =>
        (report.knowledge !== null && report.reviews !== null) ||
        `knowledge: ${report.knowledgeProblem ?? 'read'}, reviews: ${
          report.reviews ? 'read' : 'none yet'
        }`,
      `the ownership report of ${component}`,
      300,
    );
};

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
        .filter({ has: cardTitle(page, 'Ownership') });
      await expect(shared.getByLabel(/^Truck factor [2-9]/)).toBeVisible();
      await expect(
        shared.getByText('On-call: PagerDuty (on the component)'),
      ).toBeVisible();
      // The guest's own team: reviews spread over its four members, by name.
      await expect(shared.getByText(/4 reviewers in all/)).toBeVisible();
      await expect(shared.getByText(/Decision bottleneck/)).toHaveCount(0);
      await shared.scrollIntoViewIfNeeded();
      await shared.screenshot({
        path: `${screenshots}/ownership-card-shared-${theme}.png`,
      });

      await page.goto('/catalog/default/component/shipping-service');
      const monolith = page
        .locator('.MuiCard-root')
        .filter({ has: cardTitle(page, 'Ownership') });
      await expect(monolith.getByLabel('Truck factor 1')).toBeVisible();
      await expect(monolith.getByText(/Pair someone on/).first()).toBeVisible();
      // Another team's component: counts, no names.
      await expect(
        monolith.getByText(/Names are shown to the owning team/),
      ).toBeVisible();
      // Its changes wait for one reviewer, and pickup is the lead time's bottleneck.
      await expect(
        monolith.getByText(/Decision bottleneck: pickup/),
      ).toBeVisible();
      await expect(
        monolith.getByText(/for pickup while the top reviewer is away/),
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
      await expect(
        team
          .getByRole('list', { name: 'Review bottlenecks' })
          .getByText(/pickup is its lead time’s bottleneck/)
          .first(),
      ).toBeVisible();
      // Not the guest's team: who knows what stays with its members.
      await expect(
        team.getByText(/Who knows what and review load per member are shown/),
      ).toBeVisible();
      await team.scrollIntoViewIfNeeded();
      await team.screenshot({
        path: `${screenshots}/ownership-team-card-${theme}.png`,
      });

      // The guest's own team: who knows what, by name, with review load.
      await page.goto('/catalog/default/group/checkout');
      const own = page
        .locator('.MuiCard-root')
        .filter({ hasText: 'Ownership risks' });
      const matrix = own.getByRole('table', { name: 'Who knows what' });
      await expect(matrix.getByRole('row')).toHaveCount(5);
      await expect(
        matrix.getByRole('link', { name: /Ada Okafor|ada.okafor/ }),
      ).toBeVisible();
      await own.scrollIntoViewIfNeeded();
      await own.screenshot({
        path: `${screenshots}/ownership-team-matrix-${theme}.png`,
      });
    });
  });
}
