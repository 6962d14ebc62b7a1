import { expect, test } from '@playwright/test';
import { screenshots, signIn, waitForInsights } from './demoPortal';

/*
 * The delivery insights in the running demo portal: the DORA card and delivery tab of a component,
 * the empty state of a component without production data, a team's card and tab, and the ingestion
 * health page, each photographed in the light and the dark theme.
 */
/** The demo history is seeded a few seconds after the backend starts: wait until it is there. */
const waitForDemoHistory = () =>
  waitForInsights(
    '/v1/metrics/summary?entity=component:default/checkout-service',
    summary =>
      summary.metrics.changeLeadTime.value !== null || 'no lead time yet',
    'demo history',
  );

for (const theme of ['light', 'dark'] as const) {
  test.describe(`delivery insights, ${theme} theme`, () => {
    test.use({ colorScheme: theme, viewport: { width: 1440, height: 1000 } });

    test.beforeAll(async () => {
      await waitForDemoHistory();
    });

    test.beforeEach(async ({ page }) => {
      await signIn(page, theme);
    });

    test('the DORA card and the delivery tab of a component', async ({
      page,
    }) => {
      await page.goto('/catalog/default/component/checkout-service');
      const card = page
        .locator('.MuiCard-root')
        .filter({ hasText: 'Delivery performance (DORA)' });
      await expect(card).toBeVisible();
      for (const metric of [
        'Deployment frequency',
        'Change lead time',
        'Change fail rate',
        'Failed deployment recovery time',
        'Rework rate',
        'MTTR',
      ]) {
        await expect(
          card.getByRole('heading', { name: metric, exact: true }),
        ).toBeVisible();
      }
      await expect(
        card.getByLabel(/^Deployment frequency: .+\/week$/),
      ).toBeVisible();
      await expect(
        card.getByRole('img', { name: /per week over the last/ }).first(),
      ).toBeVisible();
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({
        path: `${screenshots}/insights-dora-card-${theme}.png`,
      });

      await page.getByRole('link', { name: 'Delivery', exact: true }).click();
      await expect(page).toHaveURL(/checkout-service\/delivery/);
      await expect(page.getByText('Lead time breakdown')).toBeVisible();
      await expect(page.getByText(/^Bottleneck:/)).toBeVisible();
      await expect(
        page.getByRole('img', { name: /^Deployment frequency per week/ }),
      ).toBeVisible();
      await expect(
        page.getByRole('region', { name: 'Deployments behind the numbers' }),
      ).toBeVisible();
      // Wait for the drill-down rows before the photograph.
      await expect(
        page
          .getByRole('region', { name: 'Deployments behind the numbers' })
          .getByText('production')
          .first(),
      ).toBeVisible();
      await page.screenshot({
        path: `${screenshots}/insights-delivery-tab-${theme}.png`,
        fullPage: true,
      });
    });

    test('CI health of a struggling component: 40-minute builds and two flaky tests', async ({
      page,
    }) => {
      await page.goto('/catalog/default/component/shipping-service/delivery');
      const section = page
        .locator('.MuiCard-root')
        .filter({ has: page.getByText('CI health', { exact: true }) });
      const pipelines = section.getByRole('table', { name: 'Pipelines' });
      await expect(pipelines).toBeVisible();
      await expect(
        pipelines.getByRole('row').filter({ hasText: 'default branch' }),
      ).toContainText(/\b(3\d|4\d) min\b/);
      const flaky = section.getByRole('table', { name: 'Flaky tests' });
      await expect(
        flaky.getByText('books a courier for an express order'),
      ).toBeVisible();
      await expect(
        flaky.getByText('reconciles reserved stock after a cancelled order'),
      ).toBeVisible();
      await expect(section.getByText(/lost to reruns/)).toBeVisible();
      await expect(
        section.getByRole('img', {
          name: /^Default-branch pipeline durations per week/,
        }),
      ).toBeVisible();
      // The lead-time breakdown splits the deploy stage with the same CI data.
      await expect(page.getByText(/Deploy, split by CI data/)).toBeVisible();
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({
        path: `${screenshots}/insights-ci-health-${theme}.png`,
      });
    });

    test('a component without production data explains what to send', async ({
      page,
    }) => {
      await page.goto('/catalog/default/component/recommendations');
      const guidance = page.getByRole('region', {
        name: 'How to send delivery data',
      });
      await expect(guidance).toBeVisible();
      await expect(
        guidance.getByText('POST /api/insights/v1/events').first(),
      ).toBeVisible();
      await expect(
        page.getByText(/This component deploys to staging/),
      ).toBeVisible();
      const card = page
        .locator('.MuiCard-root')
        .filter({ hasText: 'Delivery performance (DORA)' });
      await card.screenshot({
        path: `${screenshots}/insights-empty-card-${theme}.png`,
      });
    });

    test('a team: distribution across components, attention and toil', async ({
      page,
    }) => {
      await page.goto('/catalog/default/group/logistics');
      const card = page
        .locator('.MuiCard-root')
        .filter({ hasText: 'Team delivery (DORA)' });
      await expect(card).toBeVisible();
      await expect(
        card.getByRole('table', { name: /Each metric across \d+ components/ }),
      ).toBeVisible();
      await expect(
        card.getByRole('list', { name: 'Toil signals' }),
      ).toBeVisible();
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({
        path: `${screenshots}/insights-team-card-${theme}.png`,
      });

      await page.getByRole('link', { name: 'Delivery', exact: true }).click();
      await expect(
        page.getByRole('img', { name: /^Change lead time by component/ }),
      ).toBeVisible();
      await expect(
        page.getByRole('region', { name: 'Components of the team' }),
      ).toBeVisible();
      await expect(
        page.getByRole('list', { name: 'Components that need attention' }),
      ).toBeVisible();
      // CI across the team's components: Logistics builds slowly on every one of them.
      await expect(
        page.getByRole('region', { name: 'CI of each component' }),
      ).toContainText(/Shipping service/);
      await page.screenshot({
        path: `${screenshots}/insights-team-tab-${theme}.png`,
        fullPage: true,
      });
    });

    test('the ingestion health page, from the sidebar', async ({ page }) => {
      await page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'Ingestion', exact: true })
        .click();
      await expect(page).toHaveURL(/\/delivery-ingestion$/);
      await expect(
        page.getByRole('button', { name: 'Last 24 hours' }),
      ).toHaveAttribute('aria-pressed', 'true');

      // The demo history arrived when the backend started: within the last 24 hours.
      const demo = page.getByRole('region', { name: 'Source demo' });
      await expect(demo).toBeVisible();
      // Relative, then exact: '12 min ago · 22 Nov 2026, 13:50' (or 'just now · ...' right after start).
      await expect(demo.locator('dd').first()).toContainText(
        /(ago|just now) · /,
      );
      await expect(
        demo.getByRole('list', { name: 'Totals, last 24 hours' }),
      ).toBeVisible();
      await expect(
        demo.getByRole('img', { name: /^Events from demo per hour, / }),
      ).toBeVisible();
      // The sources installed in the demo backend that nothing has arrived through.
      await expect(
        page
          .getByRole('list', { name: 'Sources without events yet' })
          .getByText('cdevents', { exact: true }),
      ).toBeVisible();
      await expect(
        page
          .getByRole('region', { name: 'Unattributed events' })
          .or(page.getByText('Every stored event belongs to a component.')),
      ).toBeVisible();
      await page.screenshot({
        path: `${screenshots}/insights-ingestion-health-${theme}.png`,
        fullPage: true,
      });

      await page.getByRole('button', { name: 'Last 7 days' }).click();
      await expect(
        demo.getByRole('img', { name: /^Events from demo per day, / }),
      ).toBeVisible();
      await expect(
        demo.getByRole('list', { name: 'Totals, last 7 days' }),
      ).toBeVisible();
    });
  });
}
