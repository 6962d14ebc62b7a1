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

    it('re-derives only around the cutoff, to the same facts as whole timelines', async () => {
      const h = await createDeliveryHarness(databases, databaseId);
      const at = (day: number, hour = 10) =>
        new Date(
          Date.parse('2026-02-20T00:00:00Z') + day * DAY + hour * 3_600_000,
        ).toISOString();
      // Daily deployments from 20 February; retention keeps what is after 2 March (day 10). Around
      // the cutoff: a failure before it fixed after it, a failure after it, an incident after it that
      // a deployment before it caused, a change merged before and one merged after it, and a change
      // merged after it that a deployment before the cutoff and one after it both list.
      await h.ingest([
        ...Array.from({ length: 20 }, (_, d) =>
          testDeployment(`d${d}`, at(d), {
            commit: `c0ffee${String(d).padStart(2, '0')}`,
            ...(d === 9 ? { result: 'failure' } : {}),
            ...(d === 12 ? { result: 'failure' } : {}),
            ...(d === 10 ? { fixes: 'd9' } : {}),
            ...(d === 8 || d === 11
              ? { changes: [{ source: 'github', id: 'api#open' }] }
              : {}),
          }),
        ),
        {
          type: 'incident',
          source: 'pager',
          id: 'i-edge',
          component: 'api',
          detectedAt: at(10, 2),
          resolvedAt: at(10, 6),
        },
        ...[8, 10, 11].map(d => ({
          type: 'change' as const,
          source: 'github',
          id: `api#${d}`,
          repository: 'github.com/acme/api',
          firstCommitAt: at(d - 1),
          mergedAt: at(d, 5),
          mergeCommit: `c0ffee${String(d).padStart(2, '0')}`,
        })),
        {
          type: 'change',
          source: 'github',
          id: 'api#open',
          repository: 'github.com/acme/api',
          firstCommitAt: at(7),
          openedAt: at(7, 12),
          // Merged after the cutoff, so it stays; listed by d8 (purged) and by d11.
          mergedAt: at(10, 1),
        },
      ]);
      const cutoff = Date.parse('2026-03-02T00:00:00Z');
      const { pairs, changeIds } = await h.store.purgeBefore(cutoff);
      expect(changeIds).toHaveLength(1);
      await h.store.rederiveAfterPurge(pairs, cutoff, changeIds, {
        now: Date.parse('2026-04-01T00:00:00Z'),
        linkWindowMs: LINK_WINDOW_MS,
      });
      // The change listed twice is now shipped by the deployment left (d11).
      const [open] = await h
        .knex('delivery_change_facts')
        .join(
          'delivery_changes',
          'delivery_changes.id',
          'delivery_change_facts.change_id',
        )
        .where('delivery_changes.external_id', 'api#open')
        .select('deployed_at');
      expect(Number(open.deployed_at)).toBe(Date.parse(at(11)));
      await h.expectSameAsWholeTimelines(Date.parse('2026-04-01T00:00:00Z'));
      // values() checks the aggregates (digests and facts) against the engine on the rows left.
      expect(
        await h.values('component:default/api', {
          from: '2026-03-01T00:00:00Z',
          to: '2026-04-01T00:00:00Z',
        }),
      ).toMatchObject({ total: 10, failed: 1, incidents: 1 });
    });
  },
);
