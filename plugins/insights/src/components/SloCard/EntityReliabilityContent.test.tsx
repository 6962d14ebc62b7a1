import { screen, within } from '@testing-library/react';
import {
  errorReply,
  mockInsightsBackend,
  never,
} from '../../__testUtils__/mockInsightsBackend';
import {
  checkoutService,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import {
  burning,
  invalidFile,
  noDocuments,
  shippingDeployments,
  shippingHistory,
  statusOf,
} from '../../__testUtils__/sloFixtures';
import { EntityReliabilityContent } from './EntityReliabilityContent';

const documents = {
  ...invalidFile,
  documents: [
    {
      ...invalidFile.documents[0],
      origin: 'api',
      state: 'valid' as const,
      problems: [],
      version: 1,
      content:
        'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: shipping-availability\n',
    },
  ],
};

describe('EntityReliabilityContent', () => {
  it('shows progress, then the backend error', async () => {
    const loading = mockInsightsBackend({
      '/v1/slos/status': () => ({ body: statusOf(), delay: never() }),
      '/v1/slos/documents': () => ({ body: noDocuments }),
    });
    const { unmount } = renderWithEntity(<EntityReliabilityContent />, {
      entity: checkoutService,
      client: loading.client,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    unmount();
    const failing = mockInsightsBackend({
      '/v1/slos/status': () =>
        errorReply(403, 'NotAllowedError', 'insights.slos.read denied'),
      '/v1/slos/documents': () => ({ body: noDocuments }),
    });
    renderWithEntity(<EntityReliabilityContent />, {
      entity: checkoutService,
      client: failing.client,
    });
    expect(
      (await screen.findAllByText(/insights.slos.read denied/))[0],
    ).toBeInTheDocument();
  });

  it('teaches how to add an SLO when there is none', async () => {
    const { client } = mockInsightsBackend({
      '/v1/slos/status': () => ({ body: statusOf() }),
      '/v1/slos/documents': () => ({ body: noDocuments }),
    });
    renderWithEntity(<EntityReliabilityContent />, {
      entity: checkoutService,
      client,
    });
    expect(
      await screen.findByText(/This component has no SLO yet/),
    ).toBeInTheDocument();
  });

  it('shows the burn with the deployment before it, the alert history, the windows and the document', async () => {
    const { client, requests } = mockInsightsBackend({
      '/v1/slos/status': () => ({ body: statusOf(burning) }),
      '/v1/slos/documents': () => ({ body: documents }),
      '/v1/slos/history': () => ({ body: shippingHistory }),
      '/v1/deployments': () => ({ body: shippingDeployments }),
    });
    renderWithEntity(<EntityReliabilityContent />, {
      entity: checkoutService,
      client,
    });
    // The deployment is a marker on the same day axis as the budget.
    expect(
      await screen.findByRole('img', {
        name: /Error budget left at the end of each day.*1 production deployments, among them 2026-12-03 \(4.18.0, before a burn\)/,
      }),
    ).toBeInTheDocument();
    const alerts = screen.getByRole('table', { name: 'Alert history' });
    const paging = within(alerts).getByText('OK → Page').closest('tr')!;
    expect(
      within(paging).getByText(/16× over 1h \/ 24× over 5m/),
    ).toBeVisible();
    expect(within(paging).getByText(/4.18.0 \(finished/)).toBeVisible();
    expect(
      within(alerts).getByText(/Unusual burn on 2026-12-03/),
    ).toBeVisible();
    const windows = screen.getByRole('table', { name: 'Alert windows now' });
    expect(within(windows).getByText('Firing')).toBeVisible();
    expect(document.body.textContent).toContain('name: shipping-availability');
    expect(
      screen.getByText(/Pushed through the API · version 1/),
    ).toBeVisible();
    const history = requests.find(r => r.pathname.endsWith('/v1/slos/history'));
    expect(history?.searchParams.get('slo')).toBe('shipping-availability');
    const deployments = requests.find(r =>
      r.pathname.endsWith('/v1/deployments'),
    );
    expect(deployments?.searchParams.get('environment')).toBe('production');
  });
});
