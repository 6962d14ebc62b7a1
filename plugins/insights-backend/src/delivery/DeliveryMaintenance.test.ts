import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@cairn/test-utils';
import { CatalogGateway } from '../shared/CatalogGateway';
import { EnvironmentKinds } from '../shared/EnvironmentKinds';
import { DeliveryMaintenance } from './DeliveryMaintenance';
import {
  createDeliveryHarness,
  testDeployment,
  LINK_WINDOW_MS,
} from './__testUtils__/deliveryHarness';

jest.setTimeout(60_000);
const databases = createTestDatabases();
const MARCH = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' };
const DAY = 86_400_000;

const component = (name: string, slug: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'github.com/project-slug': slug },
  },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

describe.each(databases.eachSupportedId())(
  'delivery maintenance on %p',
  databaseId => {
    function maintenance(
      h: Awaited<ReturnType<typeof createDeliveryHarness>>,
      options: {
        production?: string[];
        linkWindowMs?: number;
        entities?: Entity[];
        now?: number;
      } = {},
    ) {
      return new DeliveryMaintenance({
        store: h.store,
        catalog: new CatalogGateway(
          catalogServiceMock({
            entities: options.entities ?? [component('api', 'acme/api')],
          }),
          mockServices.auth(),
        ),
        environments: new EnvironmentKinds(
          options.production ?? ['production', 'prod', 'live'],
        ),
        linkWindowMs: options.linkWindowMs ?? LINK_WINDOW_MS,
        retentionDays: 30,
        logger: mockServices.logger.mock(),
        now: () => options.now ?? Date.parse('2026-04-01T00:00:00Z'),
      });
    }

    it('re-keys environments and re-derives facts when the production names change', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      await h.ingest([
        testDeployment('d1', '2026-03-05T10:00:00Z', {
          environment: 'eu-live',
        }),
        testDeployment('d2', '2026-03-06T10:00:00Z', {
          environment: 'production',
        }),
      ]);
      expect((await h.values('component:default/api', MARCH)).total).toBe(1);

      await maintenance(h, { production: ['production', 'eu-live'] }).catchUp();
      expect((await h.values('component:default/api', MARCH)).total).toBe(2);
      // A second run with the same configuration has nothing to do.
      expect(
        await maintenance(h, {
          production: ['production', 'eu-live'],
        }).catchUp(),
      ).toEqual({ rederived: 0 });
    });

    it('re-links incidents when the link window changes', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      await h.ingest([
        testDeployment('d1', '2026-03-05T10:00:00Z'),
        {
          type: 'incident',
          source: 'pager',
          id: 'i1',
          component: 'api',
          detectedAt: '2026-03-06T16:00:00Z',
        },
      ]);
      await maintenance(h).catchUp();
      expect((await h.values('component:default/api', MARCH)).failed).toBe(0);
      await maintenance(h, { linkWindowMs: 2 * DAY }).catchUp();
      expect((await h.values('component:default/api', MARCH)).failed).toBe(1);
    });

    it('attributes stored events once the catalog knows their repository', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      const result = await h.ingest([
        {
          ...testDeployment('n1', '2026-03-05T10:00:00Z'),
          component: undefined,
          repository: 'github.com/acme/new',
        },
      ]);
      expect(result.unattributed).toBe(1);
      await maintenance(h, {
        entities: [component('new', 'acme/new')],
      }).catchUp();
      expect((await h.values('component:default/new', MARCH)).total).toBe(1);
    });

    it('ships a change by its merge commit once the catalog attributes it to the deploying component', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      await h.ingest([
        {
          type: 'change',
          source: 'github',
          id: 'new#1',
          repository: 'github.com/acme/new',
          firstCommitAt: '2026-03-04T10:00:00Z',
          mergedAt: '2026-03-05T08:00:00Z',
          mergeCommit: 'feedbee',
        },
        testDeployment('n1', '2026-03-05T10:00:00Z', {
          component: 'new',
          commit: 'feedbee',
        }),
      ]);
      // Nobody claims the change yet, so the deployment's commit does not ship it.
      await maintenance(h).catchUp();
      expect(
        (await h.values('component:default/new', MARCH)).leadTime.count,
      ).toBe(0);
      await maintenance(h, {
        entities: [component('api', 'acme/api'), component('new', 'acme/new')],
      }).catchUp();
      const values = await h.values('component:default/new', MARCH);
      expect(values.leadTime).toMatchObject({ count: 1, median: 24 * 3600 });
    });

    it('purges events past retention and keeps the rest', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      await h.ingest([
        testDeployment('old', '2026-02-10T10:00:00Z', { commit: 'abcdef1' }),
        testDeployment('new', '2026-03-20T10:00:00Z'),
        {
          type: 'change',
          source: 'github',
          id: 'api#1',
          repository: 'github.com/acme/api',
          firstCommitAt: '2026-02-01T00:00:00Z',
          mergedAt: '2026-02-09T00:00:00Z',
          mergeCommit: 'abcdef1',
        },
        {
          type: 'incident',
          source: 'pager',
          id: 'i-old',
          component: 'api',
          detectedAt: '2026-02-11T10:00:00Z',
        },
      ]);
      // Retention 30 days before 1 April: 2 March.
      expect(await maintenance(h).purge()).toEqual({ deleted: 3 });
      const all = { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
      expect(await h.values('component:default/api', all)).toMatchObject({
        total: 1,
        incidents: 0,
        leadTime: { count: 0 },
      });
      const [{ n }] = await h.knex('delivery_change_facts').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });
  },
);
