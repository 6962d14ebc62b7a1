import { test, expect } from '@playwright/test';

const screenshots = 'artifacts/screenshots';

test('a guest signs in, browses the catalog and opens a component', async ({
  page,
}) => {
  await page.goto('/');

  // Guest sign-in resolves to the example user of the checkout team.
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  // The catalog lists the example organisation's components.
  await expect(
    page.getByRole('link', { name: 'Checkout service' }),
  ).toBeVisible();
  await page.screenshot({ path: `${screenshots}/catalog.png`, fullPage: true });

  await page.getByRole('link', { name: 'Checkout service' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-service/,
  );
  await expect(page.getByText('Orchestrates the checkout flow')).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'checkout', exact: true }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: `${screenshots}/component-checkout-service.png`,
    fullPage: true,
  });

  // The signed-in identity is the example user, a member of the checkout team.
  await page.goto('/settings');
  await expect(page.getByText('ada.okafor').first()).toBeVisible();
});
