import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { checkoutApiDetails, summaryOf } from './__testUtils__/environments';
import { mockIntentBackend } from './__testUtils__/mockIntentBackend';
import {
  EntityGroupEnvironmentsCard,
  EnvironmentsPage,
  intentApiRef,
  intentPlugin,
  IntentPreviewFieldExtension,
  rootRouteRef,
} from './index';

const checkoutApi = checkoutApiDetails().details;

describe('legacy plugin', () => {
  it('registers the intent API, the page route and the preview field', () => {
    expect(intentPlugin.getId()).toBe('intent');
    expect(intentPlugin.routes.root).toBe(rootRouteRef);
    expect([...intentPlugin.getApis()].map(f => f.api.id)).toEqual([
      intentApiRef.id,
    ]);
    expect(IntentPreviewFieldExtension).toBeDefined();
  });

  it('lazy-loads the environments page and an environment in a legacy app', async () => {
    const { client } = mockIntentBackend({
      '/v1/environments/env-checkout-api-prod': () => ({ body: checkoutApi }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[intentApiRef, client]]}>
        <Routes>
          <Route path="/environments/*" element={<EnvironmentsPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/environments/env-checkout-api-prod'],
        mountedRoutes: {
          '/environments': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    expect(
      await screen.findByRole('heading', { name: 'checkout-api (prod)' }),
    ).toBeInTheDocument();
  });

  it('lazy-loads the group card in a legacy app', async () => {
    const { client } = mockIntentBackend({
      '/v1/environments': () => ({
        body: { items: [summaryOf(checkoutApi)], totalCount: 1 },
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[intentApiRef, client]]}>
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: 'checkout' },
          }}
        >
          <EntityGroupEnvironmentsCard />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/environments': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    expect(
      await screen.findByRole('link', { name: 'checkout-api' }),
    ).toHaveAttribute('href', '/environments/env-checkout-api-prod');
  });
});
