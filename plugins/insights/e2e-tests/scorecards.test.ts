import { expect, test } from '@playwright/test';
import { cardTitle, screenshots, signIn, waitForInsights } from './demoPortal';

/*
 * The scorecard card in the running demo portal, over the example production readiness rules: the
 * Checkout service held to the enterprise-ready stage of its system, the Inventory service with the
 * demo's exemption, and the Logistics team's rollup, in the light and the dark theme.
 */

const waitForScorecards = () =>
  waitForInsights(
    '/v1/scorecards/results?entity=component:default/inventory-service',
    body => {
      const card = body.scorecards?.[0];
      if (!card) return 'not evaluated yet';
      const slo = card.checks.find(
        (c: { id: string }) => c.id === 'slo-defined',
      );
      return (
        slo?.state === 'exempt' || `slo-defined is ${slo?.state ?? 'missing'}`
      );
    },
    'the scorecard results',
    300,
  );

for (const theme of ['light', 'dark'] as const) {
  test.describe(`scorecard card, ${theme} theme`, () => {
    test.use({ colorScheme: theme, viewport: { width: 1440, height: 1000 } });

    test.beforeAll(async () => {
      // The demo evaluates once its delivery history and ownership reports exist (a few minutes
      // after a cold start), then rebuilds its months of history.
      test.setTimeout(330_000);
      await waitForScorecards();
    });

    test.beforeEach(async ({ page }) => {
      await signIn(page, theme);
    });

    test('levels, failing checks first, the stage and an exemption', async ({
      page,
    }) => {
      await page.goto('/catalog/default/component/checkout-service');
      const card = page
        .locator('.MuiCard-root')
        .filter({ has: cardTitle(page, 'Scorecards') });
      await expect(
        card.getByText(/Stage 100\+: enterprise-ready/),
      ).toBeVisible();
      await expect(
        card
          .getByLabel('Levels of Production readiness')
          .getByLabel(/^bronze: /),
      ).toBeVisible();
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({
        path: `${screenshots}/scorecard-card-checkout-${theme}.png`,
      });

      // The Scorecards tab: every check, and when each changed.
      await page.goto('/catalog/default/component/checkout-service/scorecards');
      await expect(
        page.getByRole('table', {
          name: 'Every check of Production readiness',
        }),
      ).toBeVisible();
      await expect(
        page.getByRole('table', { name: 'Scorecard history' }).getByRole('row'),
      ).not.toHaveCount(0);
      await page.screenshot({
        path: `${screenshots}/scorecards-tab-${theme}.png`,
        fullPage: true,
      });

      await page.goto('/catalog/default/component/inventory-service');
      const inventory = page
        .locator('.MuiCard-root')
        .filter({ has: cardTitle(page, 'Scorecards') });
      await expect(inventory.getByText(/Stage 10→100/)).toBeVisible();
      await expect(
        inventory.getByText(
          /Exempt until .*: Its first SLO comes with the warehouse migration/,
        ),
      ).toBeVisible();
      await inventory.scrollIntoViewIfNeeded();
      await inventory.screenshot({
        path: `${screenshots}/scorecard-card-exemption-${theme}.png`,
      });

      // The Logistics team: its components per level and the checks failing most; its changes wait
      // for one reviewer (pickup is its services' bottleneck), which stays among the five.
      await page.goto('/catalog/default/group/logistics');
      const team = page
        .locator('.MuiCard-root')
        .filter({ has: cardTitle(page, 'Scorecards') });
      await expect(
        team
          .getByRole('list', {
            name: 'Checks of Production readiness failing most',
          })
          .getByText(
            /Reviews do not wait for one person: \d+ components failing/,
          ),
      ).toBeVisible();
      await team.scrollIntoViewIfNeeded();
      await team.screenshot({
        path: `${screenshots}/scorecard-team-card-${theme}.png`,
      });
    });

    test('the rules page: each check’s CEL and pass rate, and a dry run of a draft', async ({
      page,
    }) => {
      await page.goto('/scorecard-rules');
      const checks = page.getByRole('table', {
        name: 'Checks of Production readiness',
      });
      await expect(
        checks.getByText('entity.links.exists(l, l == "Runbook")'),
      ).toBeVisible();
      // The configured file and the one the catalog names (the API standards).
      await expect(
        page.getByText(/Version [0-9a-f]{12} in force since/),
      ).toHaveCount(2);
      await expect(
        page
          .getByRole('table', { name: 'Checks of API standards' })
          .getByText('entity.owner.startsWith("group:")'),
      ).toBeVisible();
      // A check whose results a scanner pushes.
      await expect(checks.getByText(/^Pushed by a tool/)).toBeVisible();

      // A draft with a mistake names its line; fixed, it shows what each check would give.
      const draft = [
        'apiVersion: cairn.dev/v1alpha1',
        'kind: Scorecard',
        'metadata: { name: on-call }',
        'spec:',
        '  levels: [basic]',
        '  checks:',
        '    - id: paged',
        '      title: Someone is paged',
        '      level: basic',
        '      expression: ownership.onCal',
      ].join('\n');
      const editor = page.getByLabel('Draft rule file');
      await editor.fill(draft);
      await page.getByRole('button', { name: 'Dry run' }).click();
      await expect(
        page
          .getByRole('list', { name: 'Problems of the draft' })
          .getByText(/^Line 10: .*ownership\.onCal is not a fact/),
      ).toBeVisible();
      await editor.fill(draft.replace('ownership.onCal', 'ownership.onCall'));
      await page.getByRole('button', { name: 'Dry run' }).click();
      await expect(
        page.getByRole('table', { name: 'Dry run of on-call' }),
      ).toBeVisible();
      await page.screenshot({
        path: `${screenshots}/scorecard-rules-${theme}.png`,
        fullPage: true,
      });
    });
  });
}
