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
  spreadReviews,
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

  it('names the review bottleneck: the top reviewer’s share, pickup while away, what to do', async () => {
    render(() => ({ body: billingOwnership }));
    expect(
      await screen.findByLabelText('Top reviewer share 75%'),
    ).toBeVisible();
    expect(
      screen.getByText(/of 36 first reviews in the last 90 days came from/),
    ).toBeVisible();
    expect(screen.getByText(/the top two gave 92%, 3 reviewers/)).toBeVisible();
    const risks = screen.getByRole('list', { name: 'Review risks' });
    expect(
      within(risks).getByText(
        'Changes wait 38 h for pickup while the top reviewer is away (10 changes), 3 h otherwise.',
      ),
    ).toBeVisible();
    expect(screen.getByText(/Decision bottleneck: pickup/)).toBeVisible();
  });

  it('says reviews are concentrated without being the bottleneck, and hides the reviewer from outsiders', async () => {
    render(() => ({
      body: {
        ...redactedOwnership,
        reviews: {
          ...redactedOwnership.reviews!,
          leadTimeBottleneck: 'deploy',
          bottleneck: false,
        },
      },
    }));
    expect(
      await screen.findByText(
        /Reviews are concentrated, but pickup is not the lead time's bottleneck \(deploy is\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/came from One person/)).toBeInTheDocument();
    expect(screen.queryByText(/Decision bottleneck/)).toBeNull();
  });

  it('shows spread reviews without a warning', async () => {
    render(() => ({ body: { ...billingOwnership, reviews: spreadReviews } }));
    expect(
      await screen.findByLabelText('Top reviewer share 30%'),
    ).toBeVisible();
    expect(screen.queryByText(/Decision bottleneck/)).toBeNull();
    expect(screen.queryByText(/Reviews are concentrated/)).toBeNull();
  });

  it('says what to send when reviews are missing or carry no reviewer', async () => {
    render(() => ({ body: { ...billingOwnership, reviews: null } }));
    expect(
      await screen.findByText(
        /No change was first reviewed in the review window/,
      ),
    ).toBeInTheDocument();
  });

  it('says when reviews carry no reviewer', async () => {
    render(() => ({
      body: {
        ...billingOwnership,
        reviews: { ...spreadReviews!, withReviewer: 0, reviewers: [] },
      },
    }));
    expect(
      await screen.findByText(/but their source does not say who gave it/),
    ).toBeInTheDocument();
  });
});
