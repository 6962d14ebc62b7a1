import { screen, within } from '@testing-library/react';
import { logisticsCiRollup } from '../../__testUtils__/ciFixtures';
import {
  errorReply,
  mockInsightsBackend,
} from '../../__testUtils__/mockInsightsBackend';
import {
  logisticsGroup,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import { TeamCiHealth } from './TeamCiHealth';

const render = (routes: Parameters<typeof mockInsightsBackend>[0]) => {
  const { client } = mockInsightsBackend(routes);
  renderWithEntity(<TeamCiHealth entityRef="group:default/logistics" />, {
    entity: logisticsGroup,
    client,
  });
};

describe('TeamCiHealth', () => {
  it('lists each component, the slowest build first, with the spread', async () => {
    render({ '/v1/ci/rollup': () => ({ body: logisticsCiRollup }) });
    const ci = await screen.findByRole('region', {
      name: 'CI of each component',
    });
    const rows = within(ci).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(
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
  });

  it('says what to send without runs, and shows errors', async () => {
    render({
      '/v1/ci/rollup': () => ({
        body: { ...logisticsCiRollup, components: [] },
      }),
    });
    expect(
      await screen.findByText(/Send pipelineRun events/),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    render({
      '/v1/ci/rollup': () =>
        errorReply(400, 'InputError', 'entity: the CI rollup is for groups'),
    });
    expect(
      await screen.findByText(/the CI rollup is for groups/),
    ).toBeInTheDocument();
  });
});
