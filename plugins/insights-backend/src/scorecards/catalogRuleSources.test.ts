import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { insightsPlugin } from '../plugin';
import { catalogRuleSources } from './catalogRuleSources';

/*
 * Rule files named in the catalog (cairn.dev/scorecard-rules): only on the rules owners' entities,
 * resolved against the entity's own file or URL; read beside the configured files, through the real
 * plugin.
 */

jest.setTimeout(60_000);

const owned = (
  name: string,
  owner: string,
  target: string,
  location: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'cairn.dev/scorecard-rules': target,
      'backstage.io/managed-by-location': location,
    },
  },
  spec: { owner },
});

const rules = (name: string) => `apiVersion: cairn.dev/v1alpha1
kind: Scorecard
metadata: { name: ${name} }
spec:
  levels: [ok]
  checks:
    - { id: owned, title: Owned, level: ok, expression: 'entity.owner != ""' }
`;

describe('scorecard rules from the catalog', () => {
  it('resolves targets against the entity’s location and skips other owners’ entities', () => {
    const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));
    const { sources, skipped } = catalogRuleSources(
      [
        owned(
          'platform',
          'group:default/platform',
          '../scorecards/rules.yaml',
          'url:https://github.com/acme/catalog/blob/main/systems/platform.yaml',
        ),
        owned(
          'local',
          'platform',
          './rules.yaml',
          'file:/srv/catalog/systems.yaml',
        ),
        owned(
          'direct',
          'group:default/platform',
          'url:https://example.com/rules.yaml',
          'file:/srv/catalog/systems.yaml',
        ),
        owned(
          'intruder',
          'group:default/checkout',
          './rules.yaml',
          'file:/srv/catalog/systems.yaml',
        ),
      ],
      {
        owners: ['group:default/platform'],
        resolveUrl: (url, base) => integrations.resolveUrl({ url, base }),
        readUrl: async () => '',
        readFile: async () => '',
      },
    );
    expect(sources.map(s => s.source)).toEqual([
      // (The GitHub integration writes tree/ for blob/; its reader reads both.)
      'https://github.com/acme/catalog/tree/main/scorecards/rules.yaml',
      '/srv/catalog/rules.yaml',
      'https://example.com/rules.yaml',
    ]);
    expect(skipped).toEqual([
      'system:default/intruder: owned by group:default/checkout, not a rules owner',
    ]);
  });

  it('reads them beside the configured files in the running plugin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-catalog-rules-'));
    try {
      writeFileSync(join(dir, 'configured.yaml'), rules('configured'));
      writeFileSync(join(dir, 'platform.yaml'), rules('from-catalog'));
      writeFileSync(join(dir, 'intruder.yaml'), rules('intruder'));
      const scheduler = mockServices.scheduler() as SchedulerService & {
        factory(o: { skipTaskRunOnStartup: boolean }): ServiceFactory;
      };
      const location = `file:${join(dir, 'catalog-info.yaml')}`;
      const { server } = await startTestBackend({
        features: [
          insightsPlugin,
          scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.rootConfig.factory({
            data: {
              insights: {
                scorecards: {
                  rules: [join(dir, 'configured.yaml')],
                  catalogOwners: ['group:default/platform'],
                },
              },
            },
          }),
          catalogServiceMock.factory({
            entities: [
              owned(
                'platform',
                'group:default/platform',
                './platform.yaml',
                location,
              ),
              owned(
                'intruder',
                'group:default/checkout',
                './intruder.yaml',
                location,
              ),
            ],
          }),
        ],
      });
      await scheduler.triggerTask('insights-scorecards');
      const res = await request(server)
        .get('/api/insights/v1/scorecards')
        .set('Authorization', mockCredentials.user.header('user:default/dev'));
      expect(res.status).toBe(200);
      expect(res.body.scorecards.map((s: any) => s.name).sort()).toEqual([
        'configured',
        'from-catalog',
      ]);
      expect(res.body.sources.map((s: any) => s.source).sort()).toEqual(
        [join(dir, 'configured.yaml'), join(dir, 'platform.yaml')].sort(),
      );
      // Evaluated like the configured ones.
      const results = await request(server)
        .get('/api/insights/v1/scorecards/results')
        .query({ entity: 'system:default/platform' })
        .set('Authorization', mockCredentials.user.header('user:default/dev'));
      expect(results.body.scorecards.map((s: any) => s.name).sort()).toEqual([
        'configured',
        'from-catalog',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
