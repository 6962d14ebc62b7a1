import { expect, test } from '@playwright/test';
import { screenshots, signIn, waitForInsights } from './demoPortal';

/*
 * The SLO views in the running demo portal: a healthy component's card, the shipping service paging
 * since a bad release (its Reliability tab shows the release beside the burn), and the logistics team's
 * card naming it, photographed in the light and the dark theme.
 */
/** The demo's SLOs are pushed once the catalog knows the components: wait until they are there. */
const waitForDemoSlos = () =>
  waitForInsights(
    '/v1/slos/status?entity=component:default/shipping-service',
    status =>
      status.slos[0]?.objectives[0]?.alert?.status === 'page' ||
      `shipping-service: ${JSON.stringify(
        status.slos.map((s: any) => s.objectives[0]?.alert?.status),
      )}`,
    'the demo SLOs',
    300,
  );

for (const theme of ['light', 'dark'] as const) {
  test.describe(`SLO cards, ${theme} theme`, () => {
    test.use({ colorScheme: theme, viewport: { width: 1440, height: 1000 } });

    test.beforeAll(async () => {
      await waitForDemoSlos();
    });

    test.beforeEach(async ({ page }) => {
      await signIn(page, theme);
    });

    test('a healthy component, a burning one and its team', async ({
      page,
    }) => {
      await page.goto('/catalog/default/component/checkout-service');
      const card = page
        .locator('.MuiCard-root')
        .filter({ hasText: 'SLOs and error budgets' });
      const availability = card.getByRole('listitem', {
        name: /checkout-service availability/,
      });
      await expect(availability).toBeVisible();
      await expect(availability.getByLabel('Alert state: OK')).toBeVisible();
      await expect(availability.getByText(/target 99.9 %/)).toBeVisible();
      await expect(
        card.getByRole('listitem', { name: /p95 under 400 ms/ }),
      ).toBeVisible();
      // The demo's documents read from Prometheus, which no module of the demo reads.
      await expect(
        card.getByText(/No module of this portal reads Prometheus/),
      ).toBeVisible();
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({
        path: `${screenshots}/slo-card-healthy-${theme}.png`,
      });

      await page.goto('/catalog/default/component/shipping-service');
      const burning = page
        .locator('.MuiCard-root')
        .filter({ hasText: 'SLOs and error budgets' })
        .getByRole('listitem', { name: /shipping-service availability/ });
      await expect(burning.getByLabel('Alert state: Page')).toBeVisible();
      await expect(
        burning.getByText(/^Burning \d+× over the last hour/),
      ).toBeVisible();
      await burning.scrollIntoViewIfNeeded();
      await burning.screenshot({
        path: `${screenshots}/slo-card-burning-${theme}.png`,
      });

      // The Reliability tab: the release is a marker beside the burn, and the alert history names it.
      await page.goto(
        '/catalog/default/component/shipping-service/reliability',
      );
      await expect(
        page.getByRole('img', {
          name: /Error budget left at the end of each day.*\(4\.18\.0, before a burn\)/,
        }),
      ).toBeVisible();
      const alerts = page.getByRole('table', { name: 'Alert history' });
      // The first page after the release (a burn this noisy may clear and page again later).
      await expect(
        alerts.getByRole('row').filter({ hasText: 'OK → Page' }).first(),
      ).toContainText('4.18.0');
      await page.screenshot({
        path: `${screenshots}/slo-reliability-tab-${theme}.png`,
        fullPage: true,
      });
      // At 1024 px the tab still fits: nothing scrolls sideways.
      await page.setViewportSize({ width: 1024, height: 768 });
      await expect(alerts).toBeVisible();
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth <= window.innerWidth,
        ),
      ).toBe(true);
      await page.screenshot({
        path: `${screenshots}/slo-reliability-tab-1024-${theme}.png`,
        fullPage: true,
      });
      await page.setViewportSize({ width: 1440, height: 1000 });

      await page.goto('/catalog/default/group/logistics');
      const team = page
        .locator('.MuiCard-root')
        .filter({ hasText: 'SLOs of the team' });
      const firing = team.getByRole('table', { name: 'Alerts firing now' });
      await expect(
        firing.getByRole('link', { name: /Shipping service/ }),
      ).toBeVisible();
      await team.scrollIntoViewIfNeeded();
      await team.screenshot({
        path: `${screenshots}/slo-team-card-${theme}.png`,
      });
    });
  });
}
