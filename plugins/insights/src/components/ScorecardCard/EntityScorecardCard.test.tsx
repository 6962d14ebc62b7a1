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
  allPassing,
  checkoutScorecards,
} from '../../__testUtils__/scorecardFixtures';
import { EntityScorecardCard } from './EntityScorecardCard';

const render = (reply: Parameters<typeof mockInsightsBackend>[0][string]) => {
  const { client, requests } = mockInsightsBackend({
    '/v1/scorecards/results': reply,
  });
  renderWithEntity(<EntityScorecardCard />, {
    entity: checkoutService,
    client,
  });
  return requests;
};

describe('EntityScorecardCard', () => {
  it('shows progress while the results load', async () => {
    render(() => ({ body: checkoutScorecards, delay: never() }));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    render(() =>
      errorReply(403, 'NotAllowedError', 'insights.scorecards.read denied'),
    );
    expect(
      (await screen.findAllByText(/insights.scorecards.read denied/))[0],
    ).toBeInTheDocument();
  });

  it('shows the level, the stage, and the checks to look at first with values, fixes, due dates and exemptions', async () => {
    const requests = render(() => ({ body: checkoutScorecards }));
    expect(
      await screen.findByText(/Stage 100\+: enterprise-ready/),
    ).toBeInTheDocument();
    const levels = screen.getByLabelText('Levels of Production readiness');
    expect(within(levels).getByLabelText('bronze: reached')).toBeVisible();
    expect(within(levels).getByLabelText('silver: not reached')).toBeVisible();
    expect(
      screen.getByText(/1 of 8 checks pass; 1 do not apply/),
    ).toBeVisible();
    const list = screen.getByRole('list', {
      name: 'Checks of Production readiness to look at',
    });
    const items = within(list).getAllByRole('listitem');
    // Failing first, then errors and warnings, then what is due, not reported and exempt.
    expect(items.map(i => i.textContent?.split(' · ')[0])).toEqual([
      'FailFew deployments fail',
      'ErrorBroken check',
      'WarnLead time within the stage’s target',
      'Due by 2027-03-31Ownership confirmed this half-year',
      'No data yetSLOs within budget',
      'ExemptHas an SLO',
    ]);
    expect(
      within(items[0]).getByText(
        /22% of deployments failed; target 15% — How to fix: Look at the failed deployments/,
      ),
    ).toBeVisible();
    expect(
      within(items[5]).getByText(
        /Exempt until 2027-01-15: SLOs come with the migration \(granted by user:default\/priya.raman\)/,
      ),
    ).toBeVisible();
    expect(requests[0].searchParams.get('entity')).toBe(
      'component:default/checkout-service',
    );
  });

  it('says when every check that applies passes', async () => {
    render(() => ({ body: allPassing }));
    expect(
      await screen.findByText('Every check that applies passes.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('gold: reached')).toBeVisible();
  });

  it('says when no scorecard applies and who writes them', async () => {
    render(() => ({ body: { ...checkoutScorecards, scorecards: [] } }));
    expect(
      await screen.findByText(/No scorecard applies to/),
    ).toBeInTheDocument();
    expect(screen.getByText(/insights.scorecards.rules/)).toBeInTheDocument();
  });
});
