import { screen, within } from '@testing-library/react';
import {
  errorReply,
  mockInsightsBackend,
} from '../../__testUtils__/mockInsightsBackend';
import {
  checkoutService,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import { checkoutScorecards } from '../../__testUtils__/scorecardFixtures';
import { EntityScorecardsContent } from './EntityScorecardsContent';

const history = {
  entityRef: 'component:default/checkout-service',
  changes: [
    {
      scorecard: 'production-readiness',
      check: 'Few deployments fail',
      state: 'fail',
      message: '22% of deployments failed; target 15%',
      at: '2026-12-02T10:00:00.000Z',
    },
    {
      scorecard: 'production-readiness',
      check: 'Few deployments fail',
      state: 'pass',
      message: '9% of deployments failed; target 15%',
      at: '2026-11-20T10:00:00.000Z',
    },
  ],
};

const render = (
  replies: Partial<Parameters<typeof mockInsightsBackend>[0]> = {},
) => {
  const { client } = mockInsightsBackend({
    '/v1/scorecards/results': () => ({ body: checkoutScorecards }),
    '/v1/scorecards/history': () => ({ body: history }),
    ...replies,
  });
  renderWithEntity(<EntityScorecardsContent />, {
    entity: checkoutService,
    client,
  });
};

describe('EntityScorecardsContent', () => {
  it('lists every check with its state and value, and when each changed and why', async () => {
    render();
    const all = await screen.findByRole('table', {
      name: 'Every check of Production readiness',
    });
    // Header and eight checks, passing and not-applicable ones too.
    expect(within(all).getAllByRole('row')).toHaveLength(9);
    expect(within(all).getByText('Due by 2027-03-31')).toBeVisible();
    const changes = screen.getByRole('table', { name: 'Scorecard history' });
    const rows = within(changes).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent(
      /Few deployments failFail22% of deployments failed; target 15%/,
    );
  });

  it('says when nothing changed yet', async () => {
    render({
      '/v1/scorecards/history': () => ({
        body: { entityRef: history.entityRef, changes: [] },
      }),
    });
    expect(await screen.findByText(/No change yet/)).toBeInTheDocument();
  });

  it('shows the history’s error', async () => {
    render({
      '/v1/scorecards/history': () =>
        errorReply(403, 'NotAllowedError', 'history denied'),
    });
    expect(
      (await screen.findAllByText(/history denied/))[0],
    ).toBeInTheDocument();
  });
});
