import { screen, within } from '@testing-library/react';
import { noCi, strugglingCi } from '../../__testUtils__/ciFixtures';
import {
  errorReply,
  mockInsightsBackend,
} from '../../__testUtils__/mockInsightsBackend';
import {
  checkoutService,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import { CiHealthSection } from './CiHealthSection';

const render = (routes: Parameters<typeof mockInsightsBackend>[0]) => {
  const { client, requests } = mockInsightsBackend(routes);
  renderWithEntity(
    <CiHealthSection
      entityRef="component:default/checkout-service"
      from="2026-03-01T00:00:00Z"
      to="2026-03-31T00:00:00Z"
      timezone="UTC"
      bucket="quarter"
    />,
    { entity: checkoutService, client },
  );
  return requests;
};

describe('CiHealthSection', () => {
  it('shows each pipeline against the previous period, the flaky tests and what reruns cost', async () => {
    const requests = render({
      '/v1/ci/health': () => ({ body: strugglingCi }),
    });
    const pipelines = await screen.findByRole('table', { name: 'Pipelines' });
    const rows = within(pipelines).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(
      /build.*default branch\s*40\s*80%\s*\(was 90%\)\s*40 min \(was 35 min\)\s*55 min \(was 48 min\)\s*2 min \/ 9 min/,
    );
    expect(rows[2]).toHaveTextContent(/pull requests/);
    expect(
      within(rows[1]).getByRole('link', { name: /^build/ }),
    ).toHaveAttribute('href', 'https://ci.example/runs/991');
    const flaky = screen.getByRole('table', { name: 'Flaky tests' });
    const tests = within(flaky).getAllByRole('row');
    expect(tests[1]).toHaveTextContent(
      /pays with a saved card\s*CheckoutFlowIT · build\s*6%\s*9 of 160\s*8\s*6/,
    );
    expect(tests[1]).toHaveTextContent(/waiting for the payment frame/);
    expect(tests[2]).toHaveTextContent(/merges guest cart on login/);
    expect(
      screen.getByText(
        /12 failed runs went green when rerun on the same commit: 8 h of pipeline time lost/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: /Default-branch pipeline durations per week/,
      }),
    ).toBeInTheDocument();
    // Quarters are too coarse for runs: the section asks for months.
    expect(requests[0].searchParams.get('bucket')).toBe('month');
  });

  it('says which events to send when no run is reported', async () => {
    render({ '/v1/ci/health': () => ({ body: noCi }) });
    expect(
      await screen.findByText(
        /No pipeline run of this component finished in the range, so there are/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Send pipelineRun events/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says when CI health cannot be loaded', async () => {
    render({
      '/v1/ci/health': () =>
        errorReply(404, 'NotFoundError', 'entity: no component'),
    });
    expect(
      await screen.findByText(/CI health could not be loaded/),
    ).toBeInTheDocument();
    expect(screen.getByText(/entity: no component/)).toBeInTheDocument();
  });
});
