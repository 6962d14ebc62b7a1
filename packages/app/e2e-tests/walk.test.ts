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
  /** What a person does on the page before it is checked. */
  arrive?: (page: Page) => Promise<void>;
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
  const checkoutEnvironments = async () =>
    (
      await (
        await fetch(
          `${backend}/api/intent/v1/environments?owner=group%3Adefault%2Fcheckout&limit=500`,
          { headers: auth },
        )
      ).json()
    ).items as Array<any>;
  // One left by an earlier walk on the same data folder will do.
  const found = (await checkoutEnvironments()).find(
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
  const registered = (await checkoutEnvironments()).find(
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
    // The form filled in (as "Change this environment" does), on its last step with the plan preview.
    path: `/create/templates/default/web-service-environment?formData=${encodeURIComponent(
      JSON.stringify({
        name: 'walk-form',
        owner: 'group:default/checkout',
        costCentre: 'CC-4711',
      }),
    )}`,
    arrive: async page => {
      await expect(page.getByRole('textbox', { name: /^Name/ })).toHaveValue(
        'walk-form',
      );
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Next' }).click();
    },
    ready: page =>
      page
        .getByRole('region', { name: 'Plan preview' })
        .getByText(/The guardrails pass/),
  },
  {
    name: 'repository-template',
    // An existing repository read, on the step that shows what it declares.
    path: `/create/templates/default/existing-repository-environment?formData=${encodeURIComponent(
      JSON.stringify({
        repoUrl: 'https://git.cairn.example/repositories/orders-spring',
        name: 'walk-repo',
        owner: 'group:default/checkout',
        costCentre: 'CC-4711',
      }),
    )}`,
    arrive: async page => {
      await expect(page.getByRole('textbox', { name: /^Name/ })).toHaveValue(
        'walk-repo',
      );
      await page.getByRole('button', { name: 'Next' }).click();
    },
    ready: page => page.getByText(/^Read 5 files of/),
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
  // The catalog is where Backstage users expect it; the portal's root leads there.
  await expect(page).toHaveURL(/\/catalog$/);
}

/**
 * Words of the page's tables drawn across two lines ("requ este d"), except text that allows it for
 * long unbroken values (code, logins, notes) and hashes of 32 characters or more.
 */
const wordsBrokenInTables = (page: Page) =>
  page.evaluate(() => {
    const broken: string[] = [];
    for (const cell of Array.from(document.querySelectorAll('td, th'))) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // Text that opts in to breaking anywhere (code, logins, notes).
        const style =
          node.parentElement && getComputedStyle(node.parentElement);
        if (style?.overflowWrap === 'anywhere') continue;
        for (const m of (node.textContent ?? '').matchAll(
          /\b[A-Za-z0-9]{3,31}\b/g,
        )) {
          const range = document.createRange();
          range.setStart(node, m.index!);
          range.setEnd(node, m.index! + m[0].length);
          const lines = new Set(
            Array.from(range.getClientRects()).map(r => Math.round(r.top)),
          );
          if (lines.size > 1) broken.push(m[0]);
        }
      }
    }
    return broken;
  });

/**
 * Whether a console error comes from Cairn's code: the first component of its stack with a source is
 * one of Cairn's (the plugins or the app). Warnings raised inside libraries (material-table's
 * defaultProps, findDOMNode in MUI) name a library component first and are not Cairn's to fix.
 */
function fromCairn(text: string): boolean {
  const first = text
    .split('\n')
    .map(line => /^\s*at \S+ \((.+)\)$/.exec(line)?.[1])
    .find(Boolean);
  return (
    first !== undefined &&
    !first.includes('node_modules') &&
    /\/(plugins\/(insights|intent)|src\/modules)\//.test(first)
  );
}

for (const theme of ['light', 'dark'] as const) {
  test(`every page, ${theme} theme, at 1280 and 1024 px`, async ({ page }) => {
    test.setTimeout(600_000);
    mkdirSync(screenshots, { recursive: true });
    const problems: string[] = [];
    let where = 'sign-in';
    page.on('console', message => {
      if (message.type() === 'error' && fromCairn(message.text())) {
        problems.push(
          `${where}: console error ${message.text().slice(0, 600)}`,
        );
      }
    });
    page.on('pageerror', error =>
      problems.push(`${where}: uncaught ${String(error)}`),
    );
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, theme);
    for (const stop of stops) {
      const path =
        typeof stop.path === 'string' ? stop.path : await stop.path();
      where = stop.name;
      await page.goto(path);
      await stop.arrive?.(page);
      await expect(stop.ready(page)).toBeVisible();
      for (const width of stop.ours === false ? [] : [1280, 1024]) {
        await page.setViewportSize({
          width,
          height: width === 1280 ? 800 : 768,
        });
        // Let the layout settle (charts and tables measure themselves).
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
        for (const v of axe.violations) {
          if (v.impact !== 'serious' && v.impact !== 'critical') continue;
          problems.push(
            `${stop.name} at ${width} px: ${v.impact} ${v.id}: ${v.nodes
              .slice(0, 3)
              .map(n => `${n.html.slice(0, 160)} (${n.failureSummary})`)
              .join(' | ')}`,
          );
        }
        for (const word of await wordsBrokenInTables(page)) {
          problems.push(
            `${stop.name} at ${width} px: "${word}" broken in a table`,
          );
        }
        await page.screenshot({
          path: `${screenshots}/${stop.name}-${width}-${theme}.png`,
          fullPage: true,
        });
      }
    }
    expect(problems).toEqual([]);
  });
}

test('the keyboard skips the sidebar: the first Tab offers "Skip to content"', async ({
  page,
}) => {
  await signIn(page, 'light');
  const url = '/catalog/default/component/checkout-service/delivery';
  const range = page.getByRole('button', { name: /^Range/ });
  /** Tab presses until the Range filter has the focus, checking each stop with `check`. */
  const tabsToRange = async (check?: () => Promise<void>) => {
    let presses = 0;
    while (
      presses < 80 &&
      !(await range.evaluate(e => e === document.activeElement))
    ) {
      await page.keyboard.press('Tab');
      presses++;
      await check?.();
    }
    return presses;
  };

  // Without the skip link: through the sidebar's links.
  await page.goto(url);
  await expect(range).toBeVisible();
  const through = await tabsToRange();

  // The page as loaded: the first Tab reaches the skip link.
  await page.goto(url);
  await expect(range).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(
    page.getByRole('link', { name: 'Skip to content' }),
  ).toBeFocused();
  await page.keyboard.press('Enter');
  // Into the page: the focus never goes back to the sidebar on its way to the delivery filters.
  const skipping = await tabsToRange(async () => {
    expect(
      await page.evaluate(
        () =>
          !!document.activeElement?.closest('nav[aria-label="sidebar nav"]'),
      ),
      'the focus stays out of the sidebar',
    ).toBe(false);
  });
  test.info().annotations.push({
    type: 'measured',
    description: `Tab presses to the Range filter: ${through} through the sidebar, 2 + ${skipping} with "Skip to content"`,
  });
  expect(2 + skipping).toBeLessThan(through - 10);
});
