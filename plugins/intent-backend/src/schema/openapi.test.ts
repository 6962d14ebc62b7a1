import { RepositoryInference } from '../inference/RepositoryInference';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { parse } from 'yaml';
import { intentPlugin } from '../plugin';
import { DatabaseEnvironmentStore } from '../registry/DatabaseEnvironmentStore';
import { ProvisioningService } from '../provisioning/ProvisioningService';
import { OwnershipVerifier } from '../registry/OwnershipVerifier';
import { EnvironmentRegistry } from '../registry/EnvironmentRegistry';
import { createRouter } from '../service/createRouter';
import { spec } from './openapi.generated';

const yamlSpec = parse(
  readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'),
);

/** Method and path of every route an express router serves, in OpenAPI's path syntax. */
function routesOf(router: express.Router): string[] {
  const routes: string[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          routes.push(
            `${method.toUpperCase()} ${layer.route.path.replace(
              /:(\w+)/g,
              '{$1}',
            )}`,
          );
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((router as any).stack);
  return routes;
}

const documented = () =>
  Object.entries(yamlSpec.paths as Record<string, object>).flatMap(
    ([path, methods]) =>
      Object.keys(methods).map(m => `${m.toUpperCase()} ${path}`),
  );

describe('the OpenAPI contract', () => {
  it('is what the typed router is built from', () => {
    expect(spec).toEqual(yamlSpec);
  });

  it('documents every route the router serves, and the router serves every documented one', async () => {
    const router = await createRouter({
      logger: mockServices.logger.mock(),
      httpAuth: mockServices.httpAuth(),
      userInfo: mockServices.userInfo(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
      registry: {} as EnvironmentRegistry,
      store: {} as DatabaseEnvironmentStore,
      provisioning: {} as ProvisioningService,
      ownership: {} as OwnershipVerifier,
      inference: {} as RepositoryInference,
    });
    const served = routesOf(router)
      .filter(r => !r.includes('openapi.json'))
      .sort();
    expect(served).toEqual(documented().sort());
  });

  it('answers every documented route in the running plugin with a documented status', async () => {
    const { server } = await startTestBackend({ features: [intentPlugin] });
    const user = mockCredentials.user.header('user:default/ada');
    const missing = '00000000-0000-0000-0000-000000000000';
    const answers: string[] = [];
    for (const route of documented()) {
      const [method, path] = route.split(' ');
      const operation = yamlSpec.paths[path][method.toLowerCase()];
      let call = (request(server) as any)
        [method.toLowerCase()](`/api/intent${path.replace('{id}', missing)}`)
        .set('Authorization', user);
      if (path.endsWith('/file')) call = call.query({ path: 'PLAN.md' });
      if (method === 'POST') call = call.send({});
      const res = await call;
      // An unknown environment is a 404 and an empty registration a 400 (typed errors); a success must
      // be a documented status. Never a 500.
      answers.push(
        `${route} ${res.status} ${
          res.status < 300
            ? String(res.status) in operation.responses
            : ['InputError', 'NotFoundError'].includes(res.body.error?.name)
        }`,
      );
    }
    expect(answers).toEqual(
      documented().map(route =>
        expect.stringMatching(
          `^${route.replace(/[{}]/g, '.')} [24]\\d\\d true$`,
        ),
      ),
    );
  });
});
