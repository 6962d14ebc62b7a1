import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  emptySummary,
  fullSummary,
  productionAndStaging,
  strugglingSummary,
  weeklySeries,
} from '../../__testUtils__/fixtures';
import {
  errorReply,
  mockInsightsBackend,
  never,
} from '../../__testUtils__/mockInsightsBackend';
import {
  checkoutService,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import { EntityDoraCard } from './EntityDoraCard';

const environments = () => ({ body: productionAndStaging });
const series = () => ({ body: weeklySeries });

describe('EntityDoraCard', () => {
  it('shows progress while the summary loads', async () => {
    const { client } = mockInsightsBackend({
      '/v1/metrics/summary': () => ({ body: fullSummary, delay: never() }),
      '/v1/environments': environments,
      '/v1/metrics/series': series,
    });
    renderWithEntity(<EntityDoraCard />, { entity: checkoutService, client });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const { client } = mockInsightsBackend({
      '/v1/metrics/summary': () =>
        errorReply(403, 'NotAllowedError', 'insights.metrics.read denied'),
      '/v1/environments': environments,
      '/v1/metrics/series': series,
    });
    renderWithEntity(<EntityDoraCard />, { entity: checkoutService, client });
    expect(
      await screen.findByText(/insights.metrics.read denied/),
    ).toBeInTheDocument();
  });

  it("says when CI is the lead time's bottleneck, and says nothing of CI otherwise", async () => {
    const lead = strugglingSummary.metrics.changeLeadTime;
    const ciBound = {
      ...strugglingSummary,
      metrics: {
        ...strugglingSummary.metrics,
        changeLeadTime: {
          ...lead,
          details: {
            ...lead.details,
            deployParts: {
              build: { median: 5400, p75: 6000, p90: 7000, count: 12 },
              release: { median: 600, p75: 900, p90: 1200, count: 12 },
            },
            bottleneck: 'build' as const,
          },
        },
      },
    };
    const { client } = mockInsightsBackend({
      '/v1/metrics/summary': () => ({ body: ciBound }),
      '/v1/environments': environments,
      '/v1/metrics/series': series,
    });
    renderWithEntity(<EntityDoraCard />, { entity: checkoutService, client });
    expect(
      await screen.findByText(
        /CI is the lead time's bottleneck: changes wait a median of 1.5 h from merge/,
      ),
    ).toBeInTheDocument();
  });

  it('shows six tiles with value, trend, tier and sparkline', async () => {
    const { client, requests } = mockInsightsBackend({
      '/v1/metrics/summary': () => ({ body: fullSummary }),
      '/v1/environments': environments,
      '/v1/metrics/series': series,
    });
    renderWithEntity(<EntityDoraCard />, { entity: checkoutService, client });

    const frequency = await screen.findByTestId(
      'metric-tile-deploymentFrequency',
    );
    const m = fullSummary.metrics;
    expect(within(frequency).getByText('Deployment frequency')).toBeVisible();
    expect(screen.queryByText(/CI is the lead time's bottleneck/)).toBeNull();
    expect(
      within(frequency).getByLabelText(
        /^Deployment frequency: \d+(\.\d)?\/week$/,
      ),
    ).toBeInTheDocument();
    // The tier label names the benchmark; the 2024 report places this frequency.
    expect(
      within(frequency).getByLabelText(
        new RegExp(
          `^${m.deploymentFrequency.tier.tiers[0]} under DORA 2024`,
          'i',
        ),
      ),
    ).toBeInTheDocument();
    // Sparkline with its weekly values read out.
    expect(
      within(frequency).getByRole('img', {
        name: /Deployment frequency per week over the last 4 weeks/,
      }),
    ).toBeInTheDocument();

    // Change fail rate has no tier under 2024, and says why.
    const cfr = screen.getByTestId('metric-tile-changeFailRate');
    expect(
      within(cfr).getByLabelText(/^No tier: The 2024 report gives a typical/),
    ).toBeInTheDocument();

    for (const id of ['changeLeadTime', 'recoveryTime', 'reworkRate', 'mttr']) {
      expect(screen.getByTestId(`metric-tile-${id}`)).toBeInTheDocument();
    }
    expect(
      screen.getByText(/benchmark DORA 2024 \(Accelerate State of DevOps/),
    ).toBeInTheDocument();
    expect(
      requests
        .find(r => r.pathname.endsWith('/summary'))
        ?.searchParams.get('entity'),
    ).toBe('component:default/checkout-service');
  });

  it('colours and labels the trend by whether the change is good', async () => {
    const { client } = mockInsightsBackend({
      '/v1/metrics/summary': () => ({ body: strugglingSummary }),
      '/v1/environments': environments,
      '/v1/metrics/series': series,
    });
    renderWithEntity(<EntityDoraCard />, { entity: checkoutService, client });
    const lead = await screen.findByTestId('metric-tile-changeLeadTime');
    // Lead time went up 10%: worse.
    expect(
      within(lead).getByLabelText(
        /^up \+10% against the previous 30 days \(9\.6 d\), worse$/,
      ),
    ).toBeInTheDocument();
    const mttr = screen.getByTestId('metric-tile-mttr');
    expect(
      within(mttr).getByLabelText(/^down −59% against .*, better$/),
    ).toBeInTheDocument();
    // The inferred incident links are reported as a coverage note.
    expect(
      screen.getByText(/2 incidents were linked to the latest deployment/),
    ).toBeInTheDocument();
  });

  it('says why a metric has no value (partial data)', async () => {
    const partial = structuredClone(strugglingSummary);
    partial.metrics.recoveryTime = {
      ...partial.metrics.recoveryTime,
      value: null,
      missingReason: '1 failed deployment in the range has not recovered yet.',
    };
    const { client } = mockInsightsBackend({
      '/v1/metrics/summary': () => ({ body: partial }),
      '/v1/environments': environments,
      '/v1/metrics/series': series,
    });
    renderWithEntity(<EntityDoraCard />, { entity: checkoutService, client });
    const recovery = await screen.findByTestId('metric-tile-recoveryTime');
    expect(within(recovery).getByText('No value')).toBeInTheDocument();
    expect(
      within(recovery).getByText(
        '1 failed deployment in the range has not recovered yet.',
      ),
    ).toBeInTheDocument();
    // A missing value gets no tier, not a made-up one.
    expect(within(recovery).queryByText(/No tier/)).not.toBeInTheDocument();
  });

  it('explains what to configure when the component has no production data', async () => {
    const staging = {
      items: [
        {
          environment: 'staging',
          production: false,
          names: ['staging'],
          deployments: 118,
          lastDeploymentAt: '2026-11-20T11:27:45.458Z',
        },
      ],
    };
    const { client, requests } = mockInsightsBackend({
      '/v1/metrics/summary': url => ({
        body:
          url.searchParams.get('environment') === 'staging'
            ? fullSummary
            : emptySummary,
      }),
      '/v1/environments': () => ({ body: staging }),
      '/v1/metrics/series': series,
    });
    renderWithEntity(<EntityDoraCard />, {
      entity: checkoutService,
      client,
      config: { insights: { docsUrl: 'https://docs.example/delivery' } },
    });
    const guidance = await screen.findByRole('region', {
      name: 'How to send delivery data',
    });
    expect(
      within(guidance).getByText(
        /No deployments of this component to production/,
      ),
    ).toBeInTheDocument();
    expect(
      within(guidance).getByText('POST /api/insights/v1/events'),
    ).toBeVisible();
    expect(
      within(guidance).getByText('github.com/northwind/recommendations'),
    ).toBeInTheDocument();
    expect(
      within(guidance).getByRole('link', {
        name: /How delivery data is sent in this portal/,
      }),
    ).toHaveAttribute('href', 'https://docs.example/delivery');
    expect(
      screen.getByText(/This component deploys to staging \(118 deployments\)/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('metric-tile-mttr')).not.toBeInTheDocument();

    // Switching the environment asks for staging and shows its tiles.
    await userEvent.click(screen.getByRole('button', { name: /Environment/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: /staging/ }),
    );
    expect(await screen.findByTestId('metric-tile-mttr')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        requests.some(
          r =>
            r.pathname.endsWith('/summary') &&
            r.searchParams.get('environment') === 'staging',
        ),
      ).toBe(true),
    );
  }, 30_000);
});
