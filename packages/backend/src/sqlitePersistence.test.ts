import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import userSettingsPlugin from '@backstage/plugin-user-settings-backend';
import request from 'supertest';

/**
 * The embedded default keeps its data across restarts: app-config.yaml points better-sqlite3 at a
 * directory, and each plugin gets a file there. This starts the real database service with that
 * configuration, writes through a real plugin, stops the backend, starts a new one on the same
 * directory and reads the value back.
 */
describe('the embedded SQLite default', () => {
  const directory = mkdtempSync(join(tmpdir(), 'cairn-sqlite-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const start = () =>
    startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost:7007',
              database: { client: 'better-sqlite3', connection: { directory } },
            },
          },
        }),
        databaseServiceFactory,
        userSettingsPlugin,
      ],
    });

  it('keeps data across a restart', async () => {
    const path = '/api/user-settings/buckets/cairn/keys/theme';
    const user = mockCredentials.user.header('user:default/ada.okafor');

    const first = await start();
    const put = await request(first.server)
      .put(path)
      .set('Authorization', user)
      .send({ value: 'dark' });
    expect(put.status).toBe(200);
    await first.stop();

    expect(readdirSync(directory)).toContain('user-settings.sqlite');

    const second = await start();
    const get = await request(second.server)
      .get(path)
      .set('Authorization', user);
    expect(get.status).toBe(200);
    expect(get.body.value).toBe('dark');
    await second.stop();
  });
});
