import { Entity } from '@backstage/catalog-model';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import insightsPlugin, {
  entityDoraCard,
  entityTeamDeliveryCard,
  insightsApi,
} from './alpha';
import { insightsApiRef } from './api';
import { emptySummary, logisticsRollup } from './__testUtils__/fixtures';
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
    expect(
      await screen.findByText('Delivery performance (DORA)'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('region', { name: 'How to send delivery data' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Team delivery (DORA)')).not.toBeInTheDocument();
  });

  it('shows the team card on a group, not the component card', async () => {
    render(logisticsGroup);
    expect(await screen.findByText('Team delivery (DORA)')).toBeInTheDocument();
    expect(
      screen.queryByText('Delivery performance (DORA)'),
    ).not.toBeInTheDocument();
  });
});
