import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { JsonObject } from '@backstage/types';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { InsightsApi } from '@cairn/plugin-insights-common';
import { insightsApiRef } from '../api';

export const checkoutService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-service',
    annotations: {
      'github.com/project-slug': 'northwind/commerce-checkout',
    },
  },
  spec: { type: 'service', owner: 'group:default/checkout' },
};

export const logisticsGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'logistics' },
  spec: { type: 'team', children: [] },
};

/** Renders an element for an entity in a test app with the given insights client. */
export function renderWithEntity(
  element: JSX.Element,
  options: {
    entity: Entity;
    client: InsightsApi;
    config?: Record<string, unknown>;
    /** What the catalog holds (titles for charts), beside the entity itself. */
    catalog?: Entity[];
  },
) {
  return renderInTestApp(
    <EntityProvider entity={options.entity}>{element}</EntityProvider>,
    {
      apis: [
        [insightsApiRef, options.client],
        [
          catalogApiRef,
          catalogApiMock({
            entities: [options.entity, ...(options.catalog ?? [])],
          }),
        ],
      ],
      config: options.config as JsonObject | undefined,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
