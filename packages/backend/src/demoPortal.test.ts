import {
  defaultPlatformConfig,
  evaluateIntent,
  outcomeIntentYaml,
  renderBundle,
} from '@cairn/plugin-intent-common';
import { createTestDatabases } from '@cairn/test-utils';
import request from 'supertest';
import { CloudEvent, HTTP } from 'cloudevents';
import {
  CI_TOKEN,
  GuestSession,
  signInAsGuest,
  startDemoBackend,
} from './__testUtils__/demoBackend';

jest.setTimeout(120_000);

const databases = createTestDatabases();

/**
 * The demo portal's identity and permission wiring, on the real Backstage backend: the catalog loads
 * the example organisation, guest sign-in resolves to an example user with team ownership, every API
 * call needs a token, and permission checks go through Cairn's policy module.
 */
describe.each(databases.eachSupportedId())('demo portal on %p', databaseId => {
  let server: Awaited<ReturnType<typeof startDemoBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startDemoBackend({
      database: { databases, id: databaseId },
    }));
  });

  async function waitForEntities(token: string, filter: string, count: number) {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const res = await request(server)
        .get(`/api/catalog/entities/by-query?filter=${filter}&limit=500`)
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      if (res.body.items.length >= count || Date.now() > deadline) {
        return res.body.items as Array<{ metadata: { name: string } }>;
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }

  it('signs the guest in as an example user who belongs to an example team', async () => {
    // The user entity must be in the catalog before sign-in can resolve it.
    const session = await signInAsGuestAfterCatalogLoaded();
    expect(session.identity.userEntityRef).toBe('user:default/ada.okafor');
    expect(session.identity.ownershipEntityRefs).toEqual(
      expect.arrayContaining([
        'user:default/ada.okafor',
        'group:default/checkout',
      ]),
    );
  });

  it('lists the example organisation through the catalog API with a guest token', async () => {
    const { token } = await signInAsGuestAfterCatalogLoaded();
    const components = await waitForEntities(token, 'kind=component', 14);
    expect(components.map(c => c.metadata.name)).toEqual(
      expect.arrayContaining([
        'checkout-service',
        'shipping-service',
        'deploy-bot',
      ]),
    );
    const groups = await waitForEntities(token, 'kind=group', 8);
    expect(groups).toHaveLength(8);
  });

  it('refuses catalog reads without credentials', async () => {
    const res = await request(server).get('/api/catalog/entities');
    expect(res.status).toBe(401);
  });

  it('answers permission checks through the Cairn policy', async () => {
    const { token } = await signInAsGuestAfterCatalogLoaded();
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', `Bearer ${token}`)
      .send({
        items: [
          {
            id: 'probe',
            permission: {
              type: 'basic',
              name: 'catalog.location.create',
              attributes: { action: 'create' },
            },
          },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([{ id: 'probe', result: 'ALLOW' }]);
  });

  it('lets a CI token push delivery events, and refuses a user outside the platform team', async () => {
    const batch = {
      events: [
        {
          type: 'deployment',
          source: 'ci',
          id: 'demo-portal-1',
          component: 'checkout-service',
          environment: 'production',
          finishedAt: '2026-03-02T10:00:00Z',
          result: 'success',
        },
      ],
    };
    const { token } = await signInAsGuestAfterCatalogLoaded();
    const denied = await request(server)
      .post('/api/insights/v1/events')
      .set('Authorization', `Bearer ${token}`)
      .send(batch);
    expect(denied.status).toBe(403);

    const accepted = await request(server)
      .post('/api/insights/v1/events')
      .set('Authorization', `Bearer ${CI_TOKEN}`)
      .send(batch);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ inserted: 1, unattributed: 0 });

    // The same token is limited to ingestion: it cannot read the catalog.
    const catalog = await request(server)
      .get('/api/catalog/entities')
      .set('Authorization', `Bearer ${CI_TOKEN}`);
    expect(catalog.status).toBe(403);

    // The guest reads the metrics the CI pushed.
    const summary = await request(server)
      .get('/api/insights/v1/metrics/summary')
      .query({
        entity: 'component:default/checkout-service',
        from: '2026-03-01',
        to: '2026-03-31',
      })
      .set('Authorization', `Bearer ${token}`);
    expect(summary.status).toBe(200);
    expect(summary.body.metrics.deploymentFrequency.details.deployments).toBe(
      1,
    );
  });

  it('lets the same CI token send CDEvents; the GitHub webhook waits for its secret', async () => {
    const cdevent = {
      context: {
        specversion: '0.5.1',
        id: 'demo-portal-cdevent-1',
        source: '/ci/demo',
        type: 'dev.cdevents.service.deployed.0.3.0',
        timestamp: '2026-03-03T10:00:00Z',
      },
      subject: {
        id: 'service/checkout-service',
        content: {
          environment: { id: 'production' },
          artifactId: 'pkg:oci/checkout-service@sha256%3Aabc',
        },
      },
    };
    const message = HTTP.binary(
      new CloudEvent({
        id: cdevent.context.id,
        source: cdevent.context.source,
        type: cdevent.context.type,
        time: cdevent.context.timestamp,
        datacontenttype: 'application/json',
        data: cdevent,
      }),
    );
    const accepted = await request(server)
      .post('/api/insights/v1/cdevents')
      .set(message.headers as Record<string, string>)
      .set('Authorization', `Bearer ${CI_TOKEN}`)
      .send(message.body as string);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ inserted: 1, unattributed: 0 });

    // The demo has no GitHub secret: the webhook says so, and opens nothing else.
    const webhook = await request(server)
      .post('/api/insights/github/webhook')
      .set('X-GitHub-Event', 'ping')
      .send({});
    expect(webhook.status).toBe(503);
    expect(webhook.body.error.message).toMatch(
      /insights\.github\.webhook\.secret/,
    );
    const health = await request(server).get(
      '/api/insights/v1/ingestion/health',
    );
    expect(health.status).toBe(401);
  });

  it("loads the platform team's environment templates", async () => {
    const { token } = await signInAsGuestAfterCatalogLoaded();
    const found = await waitForEntities(token, 'kind=template', 5);
    expect(found.map(t => t.metadata.name).sort()).toEqual([
      'approve-production-environment',
      'data-pipeline-environment',
      'existing-repository-environment',
      'preview-environment',
      'web-service-environment',
    ]);
  });

  it('lets the guest request production, which only the platform team may approve', async () => {
    const { token, identity } = await signInAsGuestAfterCatalogLoaded();
    const now = new Date();
    const { plan } = evaluateIntent(outcomeIntentYaml, defaultPlatformConfig, {
      requester: identity.userEntityRef,
      now,
    });
    const registered = await request(server)
      .post('/api/intent/v1/environments')
      .set('Authorization', `Bearer ${token}`)
      .send({
        intent: outcomeIntentYaml,
        plannedAt: now.toISOString(),
        bundleSha256: renderBundle(plan, defaultPlatformConfig).manifest.sha256,
      });
    expect(registered.status).toBe(201);
    expect(registered.body.environment).toMatchObject({
      status: 'awaiting-approval',
      requester: 'user:default/ada.okafor',
    });
    // ada is in Checkout, not Platform: the portal's policy refuses her.
    const approval = await request(server)
      .post(
        `/api/intent/v1/environments/${registered.body.environment.id}/approve`,
      )
      .set('Authorization', `Bearer ${token}`)
      .send({});
    expect(approval.status).toBe(403);
    expect(approval.body.error.message).toBe(
      'Not allowed: intent.environment.approve',
    );
  });

  // Sign-in resolves the user through the catalog, so it succeeds only once the examples are loaded.
  function signInAsGuestAfterCatalogLoaded(): Promise<GuestSession> {
    return signInAsGuest(server);
  }
});
