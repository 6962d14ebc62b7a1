import { Entity } from '@backstage/catalog-model';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import insightsPlugin, {
  entityDoraCard,
  entityTeamDeliveryCard,
  insightsApi,
} from './alpha';
import { insightsApiRef } from './api';
import { emptySummary, logisticsRollup } from './__testUtils__/fixtures';
import { demoWeek } from './__testUtils__/ingestionHealthFixtures';
import { mockInsightsBackend } from './__testUtils__/mockInsightsBackend';
import {
  checkoutService,
  logisticsGroup,
} from './__testUtils__/renderWithEntity';

function render(entity: Entity) {
  const { client } = mockInsightsBackend({
    '/v1/environments': () => ({ body: { items: [] } }),
    '/v1/metrics/summary': () => ({ body: emptySummary }),
    '/v1/metrics/series': () => ({ body: { buckets: [] } }),
    '/v1/metrics/rollup': () => ({ body: logisticsRollup }),
  });
  renderTestApp({
    extensions: [
      createTestEntityPage({ entity }),
      entityDoraCard,
      entityTeamDeliveryCard,
    ],
    apis: [[insightsApiRef, client]],
  });
}

/** How long a whole app's first render may take to show a lazy-loaded extension. */
const APP = { timeout: 10_000 };

describe('new frontend system plugin', () => {
  it('provides the insights API', () => {
    expect(insightsPlugin.id).toBe('insights');
    const factory = createExtensionTester(insightsApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(insightsApiRef.id);
  });

  it('shows the DORA card on a component without data, explaining the setup', async () => {
    render(checkoutService);
    // The first render of a whole app lazy-loads the card: allow for a busy machine.
    expect(
      await screen.findByText('Delivery performance (DORA)', undefined, APP),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole(
        'region',
        { name: 'How to send delivery data' },
        APP,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Team delivery (DORA)')).not.toBeInTheDocument();
  });

  it('shows the team card on a group, not the component card', async () => {
    render(logisticsGroup);
    expect(
      await screen.findByText('Team delivery (DORA)', undefined, APP),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Delivery performance (DORA)'),
    ).not.toBeInTheDocument();
  });

  it('adds the ingestion health page at /delivery-ingestion, with a nav item', async () => {
    const { client, requests } = mockInsightsBackend({
      '/v1/ingestion/health': () => ({ body: demoWeek }),
    });
    renderTestApp({
      features: [insightsPlugin],
      apis: [[insightsApiRef, client]],
      initialRouteEntries: ['/delivery-ingestion'],
    });
    expect(
      await screen.findByRole('region', { name: 'Source demo' }, APP),
    ).toBeInTheDocument();
    // The app's page layout draws the title once; the page brings no header of its own.
    expect(screen.getAllByRole('heading', { name: 'Ingestion' })).toHaveLength(
      1,
    );
    const nav = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(
      within(nav).getByRole('link', { name: 'Ingestion' }),
    ).toHaveAttribute('href', '/delivery-ingestion');
    expect(requests[0].pathname).toBe('/api/insights/v1/ingestion/health');
  });
});
