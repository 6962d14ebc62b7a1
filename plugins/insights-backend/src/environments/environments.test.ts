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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  defaultPlatformConfig,
  evaluateIntent,
  renderBundle,
} from '@cairn/plugin-intent-common';
// The real intent backend beside the insights plugin (a test of how one reads the other's API).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import intentPlugin from '@cairn/plugin-intent-backend';
import { teamUserInfo } from '@cairn/test-utils';
import request from 'supertest';
import { insightsPlugin } from '../plugin';

/*
 * Environment facts from the real intent backend, in the same test backend: an environment registered
 * through the intent API shows up in the facts of its owning team, its system and the system's
 * components, read with the insights plugin's own service credentials; a component without a system
 * and, with the intent backend gone, every entity are not reported.
 */

jest.setTimeout(120_000);

const entity = (kind: string, name: string, spec: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
});

const entities = [
  entity('Group', 'checkout', { type: 'team', children: [] }),
  entity('Group', 'search', { type: 'team', children: [] }),
  entity('System', 'shop', { owner: 'group:default/checkout' }),
  entity('Component', 'api', {
    type: 'service',
    owner: 'group:default/checkout',
    lifecycle: 'production',
    system: 'shop',
  }),
  entity('Component', 'loner', {
    type: 'service',
    owner: 'group:default/checkout',
    lifecycle: 'production',
  }),
];

const RULES = `apiVersion: cairn.dev/v1alpha1
kind: Scorecard
metadata: { name: environments }
spec:
  levels: [ok]
  checks:
    - id: has-environments
      title: Has a live environment
      level: ok
      expression: environments.live > 0
      value: '{{ environments.live }} live, {{ environments.warnings }} warnings'
    - id: guardrails
      title: Within guardrails
      level: ok
      expression: environments.withinGuardrails
`;

const intent = {
  apiVersion: 'cairn.dev/v1alpha1',
  kind: 'EnvironmentIntent',
  metadata: {
    name: 'api-preview',
    owner: 'group:default/checkout',
    costCentre: 'CC-1',
  },
  spec: {
    environment: 'preview',
    workload: { type: 'web-service' },
    services: [],
    target: { provider: 'aws', region: 'eu-west-1' },
    sizing: { level: 'explicit', compute: { size: 'small', count: 1 } },
    constraints: { ttlHours: 24 },
  },
};

describe('environment facts from the intent registry', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const start = async (withIntent: boolean) => {
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(o: { skipTaskRunOnStartup: boolean }): ServiceFactory;
    };
    const { server } = await startTestBackend({
      features: [
        insightsPlugin,
        ...(withIntent ? [intentPlugin] : []),
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            insights: { scorecards: { rules: [join(dir, 'rules.yaml')] } },
          },
        }),
        catalogServiceMock.factory({ entities }),
        // ada is in Checkout (the intent registry checks the requester belongs to the owning group).
        teamUserInfo({ 'user:default/ada': ['group:default/checkout'] }),
      ],
    });
    return { server, scheduler };
  };

  const states = async (server: any, ref: string) => {
    const res = await request(server)
      .get('/api/insights/v1/scorecards/results')
      .query({ entity: ref })
      .set('Authorization', mockCredentials.user.header('user:default/dev'));
    expect(res.status).toBe(200);
    return Object.fromEntries(
      res.body.scorecards[0].checks.map((c: any) => [
        c.id,
        [c.state, c.message],
      ]),
    );
  };

  it('counts a team’s, a system’s and its components’ live environments', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-env-facts-'));
    writeFileSync(join(dir, 'rules.yaml'), RULES);
    const { server, scheduler } = await start(true);

    // Nothing registered yet: known to be none.
    await scheduler.triggerTask('insights-scorecards');
    expect(
      (await states(server, 'group:default/checkout'))['has-environments'],
    ).toEqual(['fail', '0 live, 0 warnings']);

    const plannedAt = new Date();
    const { plan } = evaluateIntent(intent, defaultPlatformConfig, {
      requester: 'user:default/ada',
      now: plannedAt,
    });
    const registered = await request(server)
      .post('/api/intent/v1/environments')
      .set('Authorization', mockCredentials.user.header('user:default/ada'))
      .send({
        intent,
        plannedAt: plannedAt.toISOString(),
        bundleSha256: renderBundle(plan, defaultPlatformConfig).manifest.sha256,
        system: 'system:default/shop',
      });
    expect(registered.status).toBe(201);
    const warnings = registered.body.environment.policies.warnings;

    await scheduler.triggerTask('insights-scorecards');
    for (const ref of [
      'group:default/checkout',
      'system:default/shop',
      'component:default/api',
    ])
      expect([ref, await states(server, ref)]).toEqual([
        ref,
        {
          'has-environments': ['pass', `1 live, ${warnings} warnings`],
          guardrails: ['pass', null],
        },
      ]);
    // Another team's, and a component outside any system.
    expect(
      (await states(server, 'group:default/search'))['has-environments'][0],
    ).toBe('fail');
    expect(
      (await states(server, 'component:default/loner'))['has-environments'],
    ).toEqual(['not-reported', 'no data yet: environments.live']);
  });

  it('reports nothing, never a failure, when the intent backend is not there', async () => {
    const { server, scheduler } = await start(false);
    await scheduler.triggerTask('insights-scorecards');
    expect(
      (await states(server, 'group:default/checkout'))['has-environments'][0],
    ).toBe('not-reported');
  });
});
