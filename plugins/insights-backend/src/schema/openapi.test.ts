import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { validateEvents } from '@cairn/plugin-insights-common';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import express from 'express';
import request from 'supertest';
import { parse } from 'yaml';
import { CdeventsService } from '../ingest/cdevents/CdeventsService';
import { IngestionHealthService } from '../ingestionHealth/IngestionHealthService';
import { IngestionService } from '../ingest/IngestionService';
import { DeliveryMetricsService } from '../delivery/DeliveryMetricsService';
import { CiHealthService } from '../delivery/CiHealthService';
import { createRouter } from '../router';
import { FactsRegistry } from '../facts/FactsRegistry';
import { QueryResolver } from '../shared/QueryResolver';
import { ReliabilityService } from '../reliability/ReliabilityService';
import { ScorecardService } from '../scorecards/ScorecardService';
import { OwnershipService } from '../ownership/OwnershipService';
import { insightsPlugin } from '../plugin';
import { spec } from './openapi.generated';

// Starts the real plugin and calls every route: more than Jest's 5 s on a busy machine.
jest.setTimeout(60_000);

/** The served spec: src/schema/openapi.yaml with each domain's part (see scripts/lib/openapi-to-ts.js). */
const yamlSpec = JSON.parse(JSON.stringify(spec));

/** Method and path of every route an express router serves. */
function routesOf(router: express.Router): string[] {
  const routes: string[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          routes.push(`${method.toUpperCase()} ${layer.route.path}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((router as any).stack);
  return routes;
}

describe('the OpenAPI contract', () => {
  it('is what the typed router is built from: the root file and every domain part, merged', () => {
    // Exits non-zero when openapi.generated.ts is not what the YAML files give.
    expect(() =>
      execFileSync(
        process.execPath,
        [
          resolve(__dirname, '../../../../scripts/lib/openapi-to-ts.js'),
          __dirname,
          '--check',
        ],
        { stdio: 'pipe' },
      ),
    ).not.toThrow();
    for (const domain of [
      'ingest',
      'ingestionHealth',
      'delivery',
      'facts',
      'reliability',
      'ownership',
      'scorecards',
    ]) {
      const part = parse(
        readFileSync(resolve(__dirname, `../${domain}/openapi.yaml`), 'utf8'),
      );
      for (const path of Object.keys(part.paths)) {
        expect(yamlSpec.paths).toHaveProperty([path]);
      }
    }
  });

  it('documents every route the router serves, and the router serves every documented one', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
      ingestion: {} as IngestionService,
      cdevents: {} as CdeventsService,
      ingestionHealth: {} as IngestionHealthService,
      health: async () => ({ status: 'ok', checks: {} }),
      logger: mockServices.logger.mock(),
      metrics: {} as DeliveryMetricsService,
      ci: {} as CiHealthService,
      facts: {} as FactsRegistry,
      reliability: {} as ReliabilityService,
      ownership: {} as OwnershipService,
      scorecards: {} as ScorecardService,
      userInfo: mockServices.userInfo(),
      query: {} as QueryResolver,
      benchmarks: [],
      defaultBenchmark: '2024',
      maxBodySize: '1mb',
    });
    // Express writes path parameters as :id, OpenAPI as {id}.
    const served = routesOf(router)
      .filter(r => !r.includes('openapi.json'))
      .map(r => r.replace(/:(\w+)/g, '{$1}'))
      .sort();
    const documented = Object.entries(yamlSpec.paths as Record<string, object>)
      .flatMap(([path, methods]) =>
        Object.keys(methods).map(m => `${m.toUpperCase()} ${path}`),
      )
      .sort();
    expect(served).toEqual(documented);
  });

  it('answers every documented route in the running plugin', async () => {
    const team = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team', namespace: 'default' },
      spec: { type: 'team', children: [] },
    };
    const component = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x', namespace: 'default' },
      spec: { type: 'service', owner: 'team', lifecycle: 'production' },
    };
    // A scorecard rule file, for the scorecards' routes.
    const rulesDir = mkdtempSync(join(tmpdir(), 'cairn-rules-'));
    const rules = [
      'apiVersion: cairn.dev/v1alpha1',
      'kind: Scorecard',
      'metadata: { name: basics }',
      'spec:',
      '  levels: [bronze]',
      '  checks:',
      '    - { id: owned, title: Owned, level: bronze, expression: \'entity.owner != ""\' }',
      '    - { id: scanned, title: Scanned, level: bronze, external: true }',
    ].join('\n');
    writeFileSync(join(rulesDir, 'rules.yaml'), rules);
    const { server } = await startTestBackend({
      features: [
        insightsPlugin,
        catalogServiceMock.factory({ entities: [team, component] }),
        // The ownership task runs at start (no initial delay), so the component has a report.
        mockServices.rootConfig.factory({
          data: {
            insights: {
              scorecards: { rules: [join(rulesDir, 'rules.yaml')] },
              schedules: {
                ownership: {
                  frequency: { hours: 6 },
                  timeout: { minutes: 5 },
                },
              },
            },
          },
        }),
      ],
    });
    const values: Record<string, string> = {
      entity: 'component:default/x',
      bucket: 'week',
      slo: 'x-availability',
    };
    // An SLO whose alerts Prometheus rules can implement; its documents are pushed first (the paths
    // come in the order of the spec).
    const openslo = [
      'apiVersion: openslo/v1',
      'kind: SLO',
      'metadata: { name: x-availability }',
      'spec:',
      '  service: x',
      '  indicator:',
      '    spec:',
      '      ratioMetric:',
      '        good: { metricSource: { type: Prometheus, spec: { query: "sum(rate(ok[{{.window}}]))" } } }',
      '        total: { metricSource: { type: Prometheus, spec: { query: "sum(rate(all[{{.window}}]))" } } }',
      '  timeWindow: [{ duration: 28d, isRolling: true }]',
      '  budgetingMethod: Occurrences',
      '  objectives: [{ target: 0.999 }]',
    ].join('\n');
    const bodies: Record<string, object> = {
      '/v1/slos/documents': { entity: values.entity, content: openslo },
      '/v1/slos/sli': { entity: values.entity, slo: values.slo, buckets: [] },
      '/v1/scorecards/dry-run': { rules },
      '/v1/scorecards/external-results': {
        results: [
          {
            entity: values.entity,
            scorecard: 'basics',
            check: 'scanned',
            state: 'pass',
          },
        ],
      },
      '/v1/scorecards/exemptions': {
        entity: values.entity,
        scorecard: 'basics',
        check: 'owned',
        reason: 'testing',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    };
    // What a route answers when it works, where it is not 200; the exemption created just before
    // is the one revoked.
    const statuses: Record<string, number> = {
      'post /v1/scorecards/exemptions': 201,
      'delete /v1/scorecards/exemptions/{id}': 204,
    };
    for (const [path, methods] of Object.entries(
      yamlSpec.paths as Record<string, Record<string, any>>,
    )) {
      for (const [method, operation] of Object.entries(methods)) {
        // Every required parameter, with a valid value; a rollup is for a group.
        const query: Record<string, string> = {};
        for (const parameter of operation.parameters ?? []) {
          const resolved = parameter.$ref
            ? yamlSpec.components.parameters[parameter.$ref.split('/').pop()]
            : parameter;
          if (resolved.required) query[resolved.name] = values[resolved.name];
        }
        if (path.endsWith('rollup')) query.entity = 'group:default/team';
        let call = (request(server) as any)
          [method](`/api/insights${path.replace('{id}', '1')}`)
          .query(query);
        if (path === '/v1/cdevents') {
          // An empty batch of CloudEvents.
          call = call
            .set('Content-Type', 'application/cloudevents-batch+json')
            .send('[]');
        } else if (bodies[path] && method !== 'get') {
          call = call.send(bodies[path]);
        } else if (method === 'post') {
          call = call.send({ events: [] });
        }
        const res = await call;
        expect([method, path, res.status]).toEqual([
          method,
          path,
          statuses[`${method} ${path}`] ?? 200,
        ]);
      }
    }
  });

  it('describes events as the ingestion path validates them', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...yamlSpec, $id: 'spec' });
    const validate = ajv.compile({
      $ref: 'spec#/components/schemas/DeliveryEvent',
    });
    const samples: Array<Record<string, unknown>> = [
      {
        type: 'deployment',
        source: 'ci',
        id: '1',
        environment: 'prod',
        finishedAt: '2026-03-01T10:00:00Z',
        result: 'success',
        commits: ['abcdef1'],
      },
      {
        type: 'deployment',
        source: 'ci',
        id: '1',
        environment: 'prod',
        trigger: 'redeploy',
      },
      {
        type: 'deployment',
        source: 'ci',
        id: '1',
        environment: 'prod',
        commit: 'xyz',
      },
      { type: 'deployment', source: 'ci', id: '1' },
      {
        type: 'deployment',
        source: 'ci',
        id: '1',
        environment: 'prod',
        finishedDate: '2026-03-01T10:00:00Z',
      },
      {
        type: 'change',
        source: 'gh',
        id: 'r#1',
        repository: 'github.com/a/b',
        mergedAt: '2026-03-01T10:00:00Z',
        mergeCommit: 'abcdef1',
      },
      { type: 'change', source: 'gh', id: 'r#1' },
      {
        type: 'change',
        source: 'gh',
        id: 'r#1',
        repository: 'github.com/a/b',
        number: 0,
      },
      {
        type: 'incident',
        source: 'pd',
        id: 'i',
        detectedAt: '2026-03-01T10:00:00Z',
        causedBy: { version: 'v1' },
      },
      { type: 'incident', source: 'pd', id: 'i', detectedAt: 'yesterday' },
      {
        type: 'incident',
        source: 'pd',
        id: 'i',
        detectedAt: '2026-03-01T10:00:00Z',
        causedBy: {},
      },
      { type: 'build', source: 'ci', id: '1' },
    ];
    for (const sample of samples) {
      expect([sample, validate(sample)]).toEqual([
        sample,
        validateEvents([sample]).ok,
      ]);
    }
  });
});
