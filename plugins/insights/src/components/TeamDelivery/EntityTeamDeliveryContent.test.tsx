import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  failedDeployments,
  logisticsRollup,
} from '../../__testUtils__/fixtures';
import { logisticsCiRollup } from '../../__testUtils__/ciFixtures';
import {
  errorReply,
  mockInsightsBackend,
  never,
} from '../../__testUtils__/mockInsightsBackend';
import {
  logisticsGroup,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import { EntityTeamDeliveryContent } from './EntityTeamDeliveryContent';

const base = {
  '/v1/environments': () => ({ body: { items: [] } }),
  '/v1/deployments': () => ({ body: failedDeployments }),
  '/v1/ci/rollup': () => ({ body: logisticsCiRollup }),
};

describe('EntityTeamDeliveryContent', () => {
  it('shows progress, then an error', async () => {
    const loading = mockInsightsBackend({
      ...base,
      '/v1/metrics/rollup': () => ({ body: logisticsRollup, delay: never() }),
    });
    const { unmount } = renderWithEntity(<EntityTeamDeliveryContent />, {
      entity: logisticsGroup,
      client: loading.client,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    unmount();

    const failing = mockInsightsBackend({
      ...base,
      '/v1/metrics/rollup': () =>
        errorReply(400, 'InputError', 'from: must be before to'),
    });
    renderWithEntity(<EntityTeamDeliveryContent />, {
      entity: logisticsGroup,
      client: failing.client,
    });
    expect(
      await screen.findByText(/from: must be before to/),
    ).toBeInTheDocument();
  });

  it('charts every metric per component and drills down across the team', async () => {
    const { client, requests } = mockInsightsBackend({
      ...base,
      '/v1/metrics/rollup': () => ({ body: logisticsRollup }),
    });
    renderWithEntity(<EntityTeamDeliveryContent />, {
      entity: logisticsGroup,
      client,
      catalog: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'shipping-service', title: 'Shipping service' },
          spec: { type: 'service', owner: 'group:default/logistics' },
        },
      ],
    });
    // Lead time by component, best (shortest) first, with the median; components by their titles as
    // in the tables (the catalog's title, else the name).
    expect(
      await screen.findByRole(
        'img',
        {
          name: 'Change lead time by component, best first: warehouse-worker 10 d; Shipping service 10 d; inventory-service 11 d. Median 10 d',
        },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: /^Deployment frequency by component, best first: (inventory-service|warehouse-worker) 1.2\/week/,
      }),
    ).toBeInTheDocument();
    const components = screen.getByRole('region', {
      name: 'Components of the team',
    });
    expect(within(components).getAllByText('no tier').length).toBeGreaterThan(
      0,
    );
    // CI across the components, the slowest build first, and the spread.
    const ci = await screen.findByRole(
      'region',
      { name: 'CI of each component' },
      { timeout: 10_000 },
    );
    const ciRows = within(ci).getAllByRole('row');
    expect(ciRows[1]).toHaveTextContent(
      /shipping-service\s*40\s*90%\s*40 min \/ 45 min\s*7 min\s*2\s*2.5 h/,
    );
    expect(
      screen.getByText(
        /Default-branch build p50: median 40 min \(best 39 min, worst 40 min\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/No pipeline run in the range/),
    ).toBeInTheDocument();
    // The drill-down names each record's component.
    const deployments = await screen.findByRole('region', {
      name: 'Deployments behind the numbers',
    });
    expect(
      await within(deployments).findAllByText('Component'),
    ).not.toHaveLength(0);
    await waitFor(() =>
      expect(
        requests
          .find(r => r.pathname.endsWith('/deployments'))
          ?.searchParams.get('entity'),
      ).toBe('group:default/logistics'),
    );

    await userEvent.click(screen.getByRole('button', { name: /Range/ }));
    await userEvent.click(
      screen.getByRole('option', { name: 'Last 12 months' }),
    );
    await waitFor(() =>
      expect(
        requests.filter(r => r.pathname.endsWith('/metrics/rollup')),
      ).toHaveLength(2),
    );
  }, 30_000);
});
