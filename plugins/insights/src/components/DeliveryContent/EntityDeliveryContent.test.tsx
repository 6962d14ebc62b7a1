import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  changesPage,
  emptySummary,
  failedDeployments,
  fullSummary,
  incidentsPage,
  productionAndStaging,
  reworkDeployments,
  strugglingSummary,
  weeklySeries,
} from '../../__testUtils__/fixtures';
import { strugglingCi } from '../../__testUtils__/ciFixtures';
import {
  errorReply,
  mockInsightsBackend,
  never,
} from '../../__testUtils__/mockInsightsBackend';
import {
  checkoutService,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import { EntityDeliveryContent } from './EntityDeliveryContent';

function backend(overrides: Parameters<typeof mockInsightsBackend>[0] = {}) {
  return mockInsightsBackend({
    '/v1/environments': () => ({ body: productionAndStaging }),
    '/v1/metrics/summary': () => ({ body: strugglingSummary }),
    '/v1/metrics/series': () => ({ body: weeklySeries }),
    '/v1/deployments': url => ({
      body:
        url.searchParams.get('filter') === 'rework'
          ? reworkDeployments
          : failedDeployments,
    }),
    '/v1/changes': () => ({ body: changesPage }),
    '/v1/incidents': () => ({ body: incidentsPage }),
    '/v1/ci/health': () => ({ body: strugglingCi }),
    ...overrides,
  });
}

describe('EntityDeliveryContent', () => {
  it('shows progress while loading', async () => {
    const { client } = backend({
      '/v1/metrics/summary': () => ({ body: fullSummary, delay: never() }),
    });
    renderWithEntity(<EntityDeliveryContent />, {
      entity: checkoutService,
      client,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows an error from the series request', async () => {
    const { client } = backend({
      '/v1/metrics/series': () =>
        errorReply(
          400,
          'InputError',
          "timezone: 'Mars/Olympus' is not an IANA time zone",
        ),
    });
    renderWithEntity(<EntityDeliveryContent />, {
      entity: checkoutService,
      client,
    });
    expect(
      await screen.findByText(/is not an IANA time zone/),
    ).toBeInTheDocument();
  });

  it('explains the setup when there is no data', async () => {
    const { client } = backend({
      '/v1/metrics/summary': () => ({ body: emptySummary }),
    });
    renderWithEntity(<EntityDeliveryContent />, {
      entity: checkoutService,
      client,
    });
    expect(
      await screen.findByRole('region', { name: 'How to send delivery data' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Lead time breakdown')).not.toBeInTheDocument();
  });

  it('charts every metric, names the bottleneck and shows tiers with reasons', async () => {
    const { client, requests } = backend();
    renderWithEntity(<EntityDeliveryContent />, {
      entity: checkoutService,
      client,
    });
    expect(
      await screen.findByRole('img', {
        name: /^Deployment frequency per week, Europe\/Berlin: 23 Oct 5; 26 Oct 31/,
      }),
    ).toBeInTheDocument();
    for (const name of [
      /^Change lead time per week/,
      /^Change fail rate per week/,
      /^Failed deployment recovery time per week/,
      /^Rework rate per week/,
      /^MTTR per week/,
    ]) {
      expect(screen.getByRole('img', { name })).toBeInTheDocument();
    }
    // shipping-service's bottleneck is the deploy stage.
    expect(
      screen.getByRole('img', {
        name: 'Lead time stages, medians: Coding 3.1 d, Pickup 3 d, Review 47 h, Deploy 3.5 d. Bottleneck: Deploy',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/merged → deployed\), median 3.5 d/),
    ).toBeInTheDocument();

    const tiers = screen.getByRole('table', { name: /Tiers under DORA 2024/ });
    expect(
      within(tiers).getByText(
        /its 'high' cluster fails more often than 'medium'/,
      ),
    ).toBeInTheDocument();
    expect(
      within(tiers).getByText(
        'No DORA report gives performance clusters for MTTR.',
      ),
    ).toBeInTheDocument();

    // Default range: the DORA card's (the last 30 days, the backend's default: no range sent), by
    // week, production.
    const summaryRequest = requests.find(r => r.pathname.endsWith('/summary'))!;
    expect(summaryRequest.searchParams.get('environment')).toBe('production');
    expect(summaryRequest.searchParams.has('from')).toBe(false);
    expect(summaryRequest.searchParams.has('to')).toBe(false);
    expect(
      requests
        .find(r => r.pathname.endsWith('/series'))!
        .searchParams.get('bucket'),
    ).toBe('week');
  });

  it('refetches for another bucket, range and time zone', async () => {
    const { client, requests } = backend();
    renderWithEntity(<EntityDeliveryContent />, {
      entity: checkoutService,
      client,
    });
    await screen.findByRole('img', { name: /^MTTR per week/ });

    await userEvent.click(screen.getByRole('button', { name: /Bucket/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Month' }));
    await waitFor(() =>
      expect(
        requests.some(
          r =>
            r.pathname.endsWith('/series') &&
            r.searchParams.get('bucket') === 'month',
        ),
      ).toBe(true),
    );

    // A longer preset starts at this moment 90 days ago, on the clock of the zone the answer named.
    await userEvent.click(screen.getByRole('button', { name: /^Range/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Last 90 days' }));
    await waitFor(() => {
      const from = requests
        .filter(r => r.pathname.endsWith('/summary'))
        .pop()!
        .searchParams.get('from');
      expect(from).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/);
      const days = (Date.now() - Date.parse(from!)) / 86_400_000;
      expect(days).toBeGreaterThan(89.9);
      expect(days).toBeLessThan(90.1);
    });

    await userEvent.click(screen.getByRole('button', { name: /Time zone/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Asia/Tokyo' }));
    await waitFor(() =>
      expect(
        requests.some(
          r =>
            r.pathname.endsWith('/summary') &&
            r.searchParams.get('timezone') === 'Asia/Tokyo',
        ),
      ).toBe(true),
    );

    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2026-03-01' },
    });
    fireEvent.change(screen.getByLabelText('To (inclusive)'), {
      target: { value: '2026-03-31' },
    });
    await waitFor(() => {
      const last = requests.filter(r => r.pathname.endsWith('/summary')).pop()!;
      expect(last.searchParams.get('from')).toBe('2026-03-01');
      expect(last.searchParams.get('to')).toBe('2026-04-01');
    });
  }, 60_000);

  it('drills down into failed deployments, rework, changes and incidents', async () => {
    const failed = structuredClone(failedDeployments);
    failed.items[0].url = 'https://ci.example/runs/1';
    failed.items[0].failureReasons = [
      {
        kind: 'incident',
        incident: { source: 'pager', id: 'INC-1' },
        inferred: true,
      },
    ];
    const incidents = structuredClone(incidentsPage);
    incidents.items[2].link = {
      type: 'inferred',
      deployment: { source: 'demo', id: 'deploy-9' },
    };
    const { client, requests } = backend({
      '/v1/deployments': url => ({
        body:
          url.searchParams.get('filter') === 'rework'
            ? reworkDeployments
            : failed,
      }),
      '/v1/incidents': () => ({ body: incidents }),
    });
    renderWithEntity(<EntityDeliveryContent />, {
      entity: checkoutService,
      client,
    });
    const deployments = await screen.findByRole('region', {
      name: 'Deployments behind the numbers',
    });
    // A deployment with a URL links to its source.
    expect(
      await within(deployments).findByRole('link', {
        name: new RegExp(failed.items[0].version!),
      }),
    ).toHaveAttribute('href', 'https://ci.example/runs/1');
    // Failures say why; inferred links are marked.
    expect(
      within(deployments).getAllByText('incident (inferred)').length,
    ).toBeGreaterThan(0);
    expect(
      within(deployments).getAllByText(
        /inferred: the latest deployment before the incident/,
      ).length,
    ).toBeGreaterThan(0);
    expect(within(deployments).getByText('failure')).toBeInTheDocument();
    // A hotfix that named the deployment in `fixes` marks it failed.
    expect(within(deployments).getAllByText('fixed by hotfix')).toHaveLength(1);
    expect(
      within(deployments).getByText(
        /\(hotfix\) repaired it, naming it in fixes/,
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      within(deployments).getByRole('button', { name: /Show/ }),
    );
    await userEvent.click(screen.getByRole('option', { name: /Rework/ }));
    expect(await within(deployments).findByText('hotfix')).toBeInTheDocument();
    expect(within(deployments).getByText('rollback')).toBeInTheDocument();
    expect(requests.some(r => r.searchParams.get('filter') === 'rework')).toBe(
      true,
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Changes' }));
    const changes = await screen.findByRole('region', {
      name: 'Changes behind lead time',
    });
    expect(
      await within(changes).findByText(`#${changesPage.items[0].number}`),
    ).toBeInTheDocument();
    expect(within(changes).getByText('13 d')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Incidents' }));
    const incidentRegion = await screen.findByRole('region', {
      name: 'Incidents behind MTTR',
    });
    expect(
      await within(incidentRegion).findByText('named by the incident'),
    ).toBeInTheDocument();
    expect(within(incidentRegion).getByText('inferred')).toBeInTheDocument();
    expect(within(incidentRegion).getByText('open')).toBeInTheDocument();
  }, 30_000);
});
