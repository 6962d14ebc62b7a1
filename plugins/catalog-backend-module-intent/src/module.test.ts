import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import intentPlugin from '@cairn/plugin-intent-backend';
import {
  defaultPlatformConfig,
  evaluateIntent,
  renderBundle,
} from '@cairn/plugin-intent-common';
import {
  createTestDatabases,
  perPluginDatabaseFactory,
  teamCatalog,
  teamUserInfo,
} from '@cairn/test-utils';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import catalogModule from './index';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const ADA = 'user:default/ada.okafor';
// The registry checks the owner against the catalog: Checkout and its member, in a file location.
const teams: Record<string, string[]> = { [ADA]: ['group:default/checkout'] };
const catalogDir = mkdtempSync(join(tmpdir(), 'cairn-catalog-teams-'));
writeFileSync(
  join(catalogDir, 'teams.yaml'),
  teamCatalog(teams)
    // The catalog computes relations itself (from spec.memberOf).
    .map(({ relations, ...e }) => JSON.stringify(e))
    .join('\n---\n'),
);
afterAll(() => rmSync(catalogDir, { recursive: true, force: true }));

/** Captures a plugin's scheduler, to run its tasks when the test says so. */
function schedulerOf(
  pluginId: string,
  found: Record<string, SchedulerService>,
) {
  return createBackendModule({
    pluginId,
    moduleId: 'test-scheduler',
    register(reg) {
      reg.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init({ scheduler }) {
          found[pluginId] = scheduler;
        },
      });
    },
  });
}

const previewIntent = {
  apiVersion: 'cairn.dev/v1alpha1',
  kind: 'EnvironmentIntent',
  metadata: {
    name: 'checkout-pr-7',
    owner: 'group:default/checkout',
    costCentre: 'CC-4711',
    description: 'Preview of pull request 7',
  },
  spec: {
    environment: 'preview',
    workload: { type: 'web-service' },
    target: { provider: 'gcp', region: 'europe-west1' },
    sizing: { level: 'explicit', compute: { size: 'small', count: 1 } },
    constraints: { ttlHours: 24 },
  },
};

describe.each(databases.eachSupportedId())(
  'intent environments in the catalog on %p',
  databaseId => {
    const schedulers: Record<string, SchedulerService> = {};
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

    beforeAll(async () => {
      ({ server } = await startTestBackend({
        features: [
          perPluginDatabaseFactory(databases, databaseId),
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://portal.example' },
              catalog: {
                rules: [{ allow: ['Resource', 'Location', 'Group', 'User'] }],
                processingInterval: { seconds: 1 },
                locations: [
                  { type: 'file', target: join(catalogDir, 'teams.yaml') },
                ],
              },
            },
          }),
          catalogPlugin,
          intentPlugin,
          teamUserInfo(teams),
          catalogModule,
          schedulerOf('catalog', schedulers),
          schedulerOf('intent', schedulers),
        ],
      }));
    });

    async function resource(): Promise<{ status: number; entity?: Entity }> {
      const res = await request(server)
        .get(
          '/api/catalog/entities/by-name/resource/default/checkout-pr-7-preview',
        )
        .set('Authorization', mockCredentials.user.header(ADA));
      return { status: res.status, entity: res.body };
    }

    async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const value = await probe();
        if (done(value) || Date.now() > deadline) return value;
        await new Promise(r => setTimeout(r, 250));
      }
    }

    it('publishes a registered environment as a Resource and removes it once it has expired', async () => {
      // The owning group is in the catalog before the registry asks.
      const group = await until(
        () =>
          request(server)
            .get('/api/catalog/entities/by-name/group/default/checkout')
            .set('Authorization', mockCredentials.user.header(ADA)),
        r => r.status === 200,
      );
      expect(group.status).toBe(200);
      const now = new Date();
      const { plan } = evaluateIntent(previewIntent, defaultPlatformConfig, {
        requester: ADA,
        now,
      });
      const registered = await request(server)
        .post('/api/intent/v1/environments')
        .set('Authorization', mockCredentials.user.header(ADA))
        .send({
          intent: previewIntent,
          plannedAt: now.toISOString(),
          bundleSha256: renderBundle(plan, defaultPlatformConfig).manifest
            .sha256,
          system: 'checkout',
          reviewUrl: 'https://github.com/northwind/checkout/pull/7',
          taskId: 'task-7',
        });
      expect(registered.status).toBe(201);
      const env = registered.body.environment;

      await schedulers.catalog.triggerTask('cairn-intent-environments:refresh');
      const published = await until(resource, r => r.status === 200);
      expect(published.status).toBe(200);
      const entity = published.entity!;
      expect(entity.spec).toEqual({
        type: 'environment',
        owner: 'group:default/checkout',
        system: 'system:default/checkout',
      });
      expect(entity.metadata).toMatchObject({
        title: 'checkout-pr-7 (preview)',
        description: 'Preview of pull request 7',
        tags: ['cairn-environment', 'preview'],
        annotations: expect.objectContaining({
          'cairn.dev/environment-id': env.id,
          'cairn.dev/environment-status': 'active',
          'cairn.dev/expires-at': env.expiresAt,
          'cairn.dev/bundle-sha256': env.bundleSha256,
        }),
      });
      expect(entity.metadata.links).toEqual([
        {
          url: `http://portal.example/environments/${env.id}`,
          title: 'Environment page (plan, cost, guardrails, files)',
          type: 'environment',
        },
        {
          url: expect.stringMatching(
            new RegExp(
              `/api/intent/v1/environments/${env.id}/file\\?path=PLAN\\.md$`,
            ),
          ),
          title: 'Plan (PLAN.md)',
          type: 'plan',
        },
        {
          url: 'http://portal.example/create/tasks/task-7',
          title: 'Request (scaffolder task)',
          type: 'request',
        },
        {
          url: 'https://github.com/northwind/checkout/pull/7',
          title: 'Review',
          type: 'review',
        },
      ]);
      expect(
        entity.metadata.annotations!['backstage.io/managed-by-location'],
      ).toMatch(
        new RegExp(
          `^cairn-intent:http.*/api/intent/v1/environments/${env.id}$`,
        ),
      );
      expect(entity.relations).toEqual(
        expect.arrayContaining([
          { type: 'ownedBy', targetRef: 'group:default/checkout' },
          { type: 'partOf', targetRef: 'system:default/checkout' },
        ]),
      );

      const teardown = await request(server)
        .post(`/api/intent/v1/environments/${env.id}/teardown`)
        .set('Authorization', mockCredentials.user.header(ADA))
        .send({});
      expect(teardown.status).toBe(200);
      await schedulers.intent.triggerTask('intent-environment-expiry');
      await schedulers.catalog.triggerTask('cairn-intent-environments:refresh');
      const removed = await until(resource, r => r.status === 404);
      expect(removed.status).toBe(404);
    });
  },
);
