import { readdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser and API end-to-end tests. One portal serves every project: Playwright starts it with the
 * README's start command (unless CAIRN_PORTAL_RUNNING=1 says one is already up) and stops it at the end.
 * Each package with an `e2e-tests` folder is a project. Browsers: Debian's Chromium, never a download
 * (override the path with CAIRN_CHROMIUM). Screenshots go to artifacts/screenshots.
 */
const packageDirs = ['packages', 'plugins'].flatMap(parent =>
  existsSync(parent)
    ? readdirSync(parent).map(name => resolve(parent, name))
    : [],
);

export default defineConfig({
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  globalSetup: './scripts/lib/e2e-global-setup.ts',
  reporter: [['list'], ['json', { outputFile: 'artifacts/e2e-results.json' }]],
  outputDir: 'artifacts/e2e-output',
  webServer: process.env.CAIRN_PORTAL_RUNNING
    ? undefined
    : {
        command: 'scripts/start',
        // The end-to-end portal keeps its own data, apart from the developer's data/ folder.
        env: {
          CAIRN_DATA_DIR:
            process.env.CAIRN_E2E_DATA_DIR ?? resolve('artifacts/e2e-data'),
        },
        url: 'http://localhost:3000',
        reuseExistingServer: !process.env.CI,
        timeout: 600_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CAIRN_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: packageDirs
    .filter(dir => existsSync(resolve(dir, 'e2e-tests')))
    .map(dir => ({
      name: dir.split('/').slice(-2).join('/'),
      testDir: resolve(dir, 'e2e-tests'),
    })),
});
