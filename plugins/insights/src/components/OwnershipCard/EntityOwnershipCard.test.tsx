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
  billingOwnership,
  orphanOwnership,
  redactedOwnership,
} from '../../__testUtils__/ownershipFixtures';
import { EntityOwnershipCard } from './EntityOwnershipCard';

const render = (reply: Parameters<typeof mockInsightsBackend>[0][string]) => {
  const { client, requests } = mockInsightsBackend({ '/v1/ownership': reply });
  renderWithEntity(<EntityOwnershipCard />, {
    entity: checkoutService,
    client,
  });
  return requests;
};

describe('EntityOwnershipCard', () => {
  it('shows progress while the report loads', async () => {
    render(() => ({ body: billingOwnership, delay: never() }));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    render(() =>
      errorReply(403, 'NotAllowedError', 'insights.ownership.read denied'),
    );
    expect(
      (await screen.findAllByText(/insights.ownership.read denied/))[0],
    ).toBeInTheDocument();
  });

  it('says when no report was computed yet', async () => {
    render(() =>
      errorReply(
        404,
        'NotFoundError',
        'component:default/checkout-service has no ownership report yet (computed every few hours for every component)',
      ),
    );
    expect(
      await screen.findByText(/No ownership report yet/),
    ).toBeInTheDocument();
  });

  it('shows the owner, on-call and the knowledge risks with what to do', async () => {
    const requests = render(() => ({ body: billingOwnership }));
    const owner = await screen.findByRole('list', { name: 'Owner health' });
    expect(within(owner).getByText(/5 members/)).toBeVisible();
    expect(
      within(owner).getByText('On-call: PagerDuty (on the group)'),
    ).toBeVisible();
    expect(screen.getByLabelText('Truck factor 1')).toBeVisible();
    const risks = screen.getByRole('list', { name: 'Knowledge risks' });
    expect(within(risks).getByText('services/billing/')).toBeVisible();
    expect(within(risks).getByText(/knows 41 files there/)).toBeVisible();
    expect(
      within(risks).getByText(/7 files no current member knows/),
    ).toBeVisible();
    expect(
      within(risks).getByText(/carol@example.com left, and knew 7 files/),
    ).toBeVisible();
    expect(
      within(risks).getByText(/2 commit authors match no catalog user/),
    ).toBeVisible();
    expect(requests[0].searchParams.get('entity')).toBe(
      'component:default/checkout-service',
    );
  });

  it('shows counts without names to those outside the team', async () => {
    render(() => ({ body: redactedOwnership }));
    expect(
      await screen.findByText(
        /Names are shown to the owning team and the platform team/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/only one current member knows 41 files there/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/carol/)).toBeNull();
  });

  it('says what is wrong with the owner and why there is no history', async () => {
    render(() => ({ body: orphanOwnership }));
    expect(
      await screen.findByText(/The owner is not in the catalog/),
    ).toBeInTheDocument();
    expect(screen.getByText(/No on-call is mapped/)).toBeInTheDocument();
    expect(
      screen.getByText(
        /No history to measure knowledge concentration: no repository/,
      ),
    ).toBeInTheDocument();
  });
});
