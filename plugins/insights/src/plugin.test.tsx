import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  fullSummary,
  logisticsRollup,
  weeklySeries,
} from './__testUtils__/fixtures';
import { mockInsightsBackend } from './__testUtils__/mockInsightsBackend';
import {
  checkoutService,
  logisticsGroup,
} from './__testUtils__/renderWithEntity';
import { demoWeek } from './__testUtils__/ingestionHealthFixtures';
import {
  EntityDeliveryContent,
  EntityDoraCard,
  EntityTeamDeliveryCard,
  EntityTeamDeliveryContent,
  insightsApiRef,
  InsightsIngestionPage,
  insightsPlugin,
  isInsightsAvailable,
  isTeamInsightsAvailable,
  rootRouteRef,
} from './index';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('legacy plugin', () => {
  it('registers the insights API and the page route', () => {
    expect(insightsPlugin.getId()).toBe('insights');
    expect(insightsPlugin.routes.root).toBe(rootRouteRef);
    expect([...insightsPlugin.getApis()].map(f => f.api.id)).toEqual([
      insightsApiRef.id,
    ]);
  });

  it('lazy-loads the DORA card in a legacy app', async () => {
    const { client } = mockInsightsBackend({
      '/v1/environments': () => ({ body: { items: [] } }),
      '/v1/metrics/summary': () => ({ body: fullSummary }),
      '/v1/metrics/series': () => ({ body: weeklySeries }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[insightsApiRef, client]]}>
        <EntityProvider entity={checkoutService}>
          <EntityDoraCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByTestId('metric-tile-changeLeadTime'),
    ).toBeInTheDocument();
  });

  it('lazy-loads the team card in a legacy app', async () => {
    const { client } = mockInsightsBackend({
      '/v1/metrics/rollup': () => ({ body: logisticsRollup }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[insightsApiRef, client]]}>
        <EntityProvider entity={logisticsGroup}>
          <EntityTeamDeliveryCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      await screen.findByRole('list', { name: 'Toil signals' }),
    ).toBeInTheDocument();
  });

  it('lazy-loads the delivery tabs in a legacy app', async () => {
    const { client } = mockInsightsBackend({
      '/v1/environments': () => ({ body: { items: [] } }),
      '/v1/metrics/summary': () => ({ body: fullSummary }),
      '/v1/metrics/series': () => ({ body: weeklySeries }),
      '/v1/metrics/rollup': () => ({ body: logisticsRollup }),
      '/v1/deployments': () => ({ body: { items: [], totalCount: 0 } }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[insightsApiRef, client]]}>
        <EntityProvider entity={checkoutService}>
          <EntityDeliveryContent />
        </EntityProvider>
        <EntityProvider entity={logisticsGroup}>
          <EntityTeamDeliveryContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('Lead time breakdown')).toBeInTheDocument();
    expect(
      await screen.findByRole('region', { name: 'Components of the team' }),
    ).toBeInTheDocument();
  }, 30_000);

  it('shows component views on every component, with or without data', () => {
    expect(isInsightsAvailable(entity('Component'))).toBe(true);
    expect(isInsightsAvailable(entity('Group'))).toBe(false);
    expect(isTeamInsightsAvailable(entity('Group'))).toBe(true);
    expect(isTeamInsightsAvailable(entity('System'))).toBe(true);
    expect(isTeamInsightsAvailable(entity('Component'))).toBe(false);
  });

  it('lazy-loads the ingestion health page with its own header', async () => {
    const { client } = mockInsightsBackend({
      '/v1/ingestion/health': () => ({ body: demoWeek }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[insightsApiRef, client]]}>
        <Routes>
          <Route
            path="/delivery-ingestion"
            element={<InsightsIngestionPage />}
          />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/delivery-ingestion'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('heading', { name: 'Ingestion' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('region', { name: 'Source demo' }),
    ).toBeInTheDocument();
  });
});
