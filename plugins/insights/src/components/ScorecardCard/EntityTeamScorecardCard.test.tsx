import { screen, within } from '@testing-library/react';
import {
  errorReply,
  mockInsightsBackend,
  never,
} from '../../__testUtils__/mockInsightsBackend';
import {
  logisticsGroup,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import { logisticsScorecardRollup } from '../../__testUtils__/scorecardFixtures';
import { EntityTeamScorecardCard } from './EntityTeamScorecardCard';

const render = (reply: Parameters<typeof mockInsightsBackend>[0][string]) => {
  const { client, requests } = mockInsightsBackend({
    '/v1/scorecards/rollup': reply,
  });
  renderWithEntity(<EntityTeamScorecardCard />, {
    entity: logisticsGroup,
    client,
  });
  return requests;
};

describe('EntityTeamScorecardCard', () => {
  it('shows progress while the rollup loads', async () => {
    render(() => ({ body: logisticsScorecardRollup, delay: never() }));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    render(() =>
      errorReply(404, 'NotFoundError', 'No group group:default/logistics'),
    );
    expect(
      (await screen.findAllByText(/No group group:default\/logistics/))[0],
    ).toBeInTheDocument();
  });

  it('shows components per level with the trend and the checks failing most', async () => {
    const requests = render(() => ({ body: logisticsScorecardRollup }));
    expect(await screen.findByText('bronze (+1 in 30 days)')).toBeVisible();
    expect(screen.getByText('below bronze (−2 in 30 days)')).toBeVisible();
    expect(screen.getByText('gold')).toBeVisible();
    const failing = screen.getByRole('list', {
      name: 'Checks of Production readiness failing most',
    });
    const items = within(failing).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(
      within(items[0]).getByText('Someone is paged: 2 components failing'),
    ).toBeVisible();
    expect(within(items[0]).getAllByRole('link')).toHaveLength(2);
    expect(requests[0].searchParams.get('entity')).toBe(
      'group:default/logistics',
    );
  });

  it('says when nothing was evaluated yet, and where the rules come from', async () => {
    render(() => ({
      body: {
        ...logisticsScorecardRollup,
        scorecards: [
          { ...logisticsScorecardRollup.scorecards[0], evaluated: 0 },
        ],
      },
    }));
    expect(
      await screen.findByText(
        /No scorecard results for the 4 components here yet/,
      ),
    ).toBeInTheDocument();
  });

  it('says when no check fails', async () => {
    render(() => ({
      body: {
        ...logisticsScorecardRollup,
        scorecards: [
          { ...logisticsScorecardRollup.scorecards[0], topFailing: [] },
        ],
      },
    }));
    expect(await screen.findByText('No check fails here.')).toBeInTheDocument();
  });
});
