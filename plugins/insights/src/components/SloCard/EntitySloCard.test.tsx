import { screen, within } from '@testing-library/react';
import {
  errorReply,
  mockInsightsBackend,
  never,
} from '../../__testUtils__/mockInsightsBackend';
import {
  checkoutService,
  logisticsGroup,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import {
  availability,
  burning,
  invalidFile,
  latency,
  logisticsSlos,
  noDocuments,
  quiet,
  statusOf,
} from '../../__testUtils__/sloFixtures';
import { EntitySloCard } from './EntitySloCard';
import { EntityTeamSloCard } from './EntityTeamSloCard';

const documents =
  (body = noDocuments) =>
  () => ({ body });

describe('EntitySloCard', () => {
  it('shows progress while the SLOs load', async () => {
    const { client } = mockInsightsBackend({
      '/v1/slos/status': () => ({ body: statusOf(), delay: never() }),
      '/v1/slos/documents': documents(),
    });
    renderWithEntity(<EntitySloCard />, { entity: checkoutService, client });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const { client } = mockInsightsBackend({
      '/v1/slos/status': () =>
        errorReply(403, 'NotAllowedError', 'insights.slos.read denied'),
      '/v1/slos/documents': documents(),
    });
    renderWithEntity(<EntitySloCard />, { entity: checkoutService, client });
    expect(
      await screen.findByText(/insights.slos.read denied/),
    ).toBeInTheDocument();
  });

  it('teaches the annotation and a minimal file when there is no SLO', async () => {
    const { client, requests } = mockInsightsBackend({
      '/v1/slos/status': () => ({ body: statusOf() }),
      '/v1/slos/documents': documents(),
    });
    renderWithEntity(<EntitySloCard />, { entity: checkoutService, client });
    expect(
      await screen.findByText(/This component has no SLO yet/),
    ).toBeInTheDocument();
    // The snippets are highlighted (split into many elements): their text as a whole.
    expect(document.body.textContent).toContain(
      'cairn.dev/openslo: slo/availability.yaml',
    );
    expect(document.body.textContent).toContain('apiVersion: openslo/v1');
    expect(
      requests
        .find(r => r.pathname.endsWith('/v1/slos/status'))
        ?.searchParams.get('entity'),
    ).toBe('component:default/checkout-service');
  });

  it('names the field of a file that failed to validate', async () => {
    const { client } = mockInsightsBackend({
      '/v1/slos/status': () => ({ body: statusOf(availability) }),
      '/v1/slos/documents': documents(invalidFile),
    });
    renderWithEntity(<EntitySloCard />, { entity: checkoutService, client });
    expect(
      await screen.findByText(
        /did not validate; the last valid version keeps serving\. SLO checkout-availability spec\.objectives\[0\]\.targetPercent: must be below 100/,
      ),
    ).toBeInTheDocument();
  });

  it('reads each objective: SLI against target, budget left, alert', async () => {
    const { client } = mockInsightsBackend({
      '/v1/slos/status': () => ({ body: statusOf(availability, latency) }),
      '/v1/slos/documents': documents(),
    });
    renderWithEntity(<EntitySloCard />, { entity: checkoutService, client });
    const row = await screen.findByRole('listitem', {
      name: 'Checkout availability: 99.9 % good',
    });
    // 99.955 % is cut, never rounded up to the next step.
    expect(within(row).getByText('99.95 %, target 99.9 %')).toBeVisible();
    expect(within(row).getByLabelText('Alert state: OK')).toBeVisible();
    expect(
      within(row).getByText(
        'Error budget 55 % remaining · 24 min of full outage, or 21,390 bad events, left',
      ),
    ).toBeVisible();
    const p95 = screen.getByRole('listitem', {
      name: 'checkout-latency: p95 under 400 ms',
    });
    expect(
      within(p95).getByText('97.12 % of requests, target 95 %'),
    ).toBeVisible();
    // Coverage below 100 % is said.
    expect(
      within(p95).getByText(/Data for 96.2 % of the period's minutes/),
    ).toBeVisible();
  });

  it('shows a burning SLO with its burn rate, and a data source no module reads', async () => {
    const { client } = mockInsightsBackend({
      '/v1/slos/status': () => ({ body: statusOf(burning, quiet) }),
      '/v1/slos/documents': documents(),
    });
    renderWithEntity(<EntitySloCard />, { entity: checkoutService, client });
    const row = await screen.findByRole('listitem', {
      name: /shipping-service availability/,
    });
    expect(within(row).getByLabelText('Alert state: Page')).toBeVisible();
    expect(
      within(row).getByText('Burning 24× over the last hour · budget spent'),
    ).toBeVisible();
    expect(
      within(row).getByText(/overspent by 5,130 bad events/),
    ).toBeVisible();
    expect(
      screen.getByText(/No module of this portal reads Prometheus/),
    ).toBeInTheDocument();
    const warehouse = screen.getByRole('listitem', { name: /warehouse-jobs/ });
    expect(
      within(warehouse).getByText(
        /Too little traffic to judge its alert windows/,
      ),
    ).toBeVisible();
  });
});

describe('EntityTeamSloCard', () => {
  it('shows objectives by state, the alerts firing and the budgets left', async () => {
    const { client, requests } = mockInsightsBackend({
      '/v1/slos/rollup': () => ({ body: logisticsSlos }),
    });
    renderWithEntity(<EntityTeamSloCard />, { entity: logisticsGroup, client });
    const firing = await screen.findByRole('table', {
      name: 'Alerts firing now',
    });
    expect(within(firing).getByText('shipping-service')).toBeVisible();
    expect(within(firing).getByText('-90 %')).toBeVisible();
    expect(within(firing).getByText('Page')).toBeVisible();
    expect(within(firing).getByText('24×')).toBeVisible();
    expect(
      screen.getByRole('table', { name: 'Burning fastest' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Spent: 1 objectives' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /2 objectives in 2 of 4 components · 1 with too little traffic/,
      ),
    ).toBeVisible();
    expect(
      requests
        .find(r => r.pathname.endsWith('/v1/slos/rollup'))
        ?.searchParams.get('entity'),
    ).toBe('group:default/logistics');
  });

  it('says what to do when no component has an SLO', async () => {
    const { client } = mockInsightsBackend({
      '/v1/slos/rollup': () => ({
        body: { ...logisticsSlos, objectives: 0, componentsWithSlos: 0 },
      }),
    });
    renderWithEntity(<EntityTeamSloCard />, { entity: logisticsGroup, client });
    expect(
      await screen.findByText(/None of the 4 components here has an SLO yet/),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const { client } = mockInsightsBackend({
      '/v1/slos/rollup': () =>
        errorReply(404, 'NotFoundError', 'group:default/logistics not found'),
    });
    renderWithEntity(<EntityTeamSloCard />, { entity: logisticsGroup, client });
    expect(
      (await screen.findAllByText(/group:default\/logistics not found/))[0],
    ).toBeInTheDocument();
  });
});
