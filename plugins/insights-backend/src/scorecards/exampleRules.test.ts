import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deliveryFactProvider } from '../delivery/deliveryFacts';
import { ownershipFactProvider } from '../ownership';
import { reliabilityFactProvider } from '../reliability';
import { environmentFactProvider } from '../environments';
import { mockServices } from '@backstage/backend-test-utils';
import { entityFactProvider } from '../shared/entityFacts';
import { CatalogGateway } from '../shared/CatalogGateway';
import { DeliveryStore } from '../delivery';
import { parseScorecardRules } from './engine/scorecardRules';

/* The demo's rule file checks against the facts the plugin really registers, so it cannot rot. */

describe('the example scorecard rules', () => {
  it('parse and check against every registered fact', () => {
    const providers = [
      entityFactProvider({} as CatalogGateway),
      deliveryFactProvider({
        store: {} as DeliveryStore,
        benchmark: () => ({} as never),
      }),
      reliabilityFactProvider({ statusesOf: async () => [] }),
      ownershipFactProvider({ latest: async () => new Map() }),
      environmentFactProvider({
        client: {
          listEnvironments: async () => ({ items: [], totalCount: 0 }),
        },
        token: async () => '',
        systemsOf: async () => new Map(),
        logger: mockServices.logger.mock(),
      }),
    ];
    const definitions = Object.fromEntries(
      providers.map(p => [p.id, { facts: p.facts }]),
    );
    const text = readFileSync(
      resolve(
        __dirname,
        '../../../../examples/scorecards/production-readiness.yaml',
      ),
      'utf8',
    );
    const parsed = parseScorecardRules(text, definitions);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    expect(parsed.ok && parsed.scorecards[0].spec.checks).toHaveLength(14);
    // The API standards the catalog names (the Developer platform system's annotation).
    const api = parseScorecardRules(
      readFileSync(
        resolve(
          __dirname,
          '../../../../examples/scorecards/api-standards.yaml',
        ),
        'utf8',
      ),
      definitions,
    );
    expect(api.ok ? [] : api.problems).toEqual([]);
  });
});
