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
import { checkoutOwnershipRollup } from '../../__testUtils__/ownershipFixtures';
import { EntityTeamOwnershipCard } from './EntityTeamOwnershipCard';

const render = (reply: Parameters<typeof mockInsightsBackend>[0][string]) => {
  const { client, requests } = mockInsightsBackend({
    '/v1/ownership/rollup': reply,
  });
  renderWithEntity(<EntityTeamOwnershipCard />, {
    entity: logisticsGroup,
    client,
  });
  return requests;
};

describe('EntityTeamOwnershipCard', () => {
  it('shows progress while the rollup loads', async () => {
    render(() => ({ body: checkoutOwnershipRollup, delay: never() }));
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

  it('shows truck factors, the components one person knows and owner problems', async () => {
    const requests = render(() => ({ body: checkoutOwnershipRollup }));
    const risk = await screen.findByRole('list', {
      name: 'Components at risk',
    });
    expect(within(risk).getAllByRole('listitem')).toHaveLength(2);
    expect(
      within(risk).getByText(
        /truck factor 1 · 32 files, 8 that no current member knows/,
      ),
    ).toBeVisible();
    const problems = screen.getByRole('list', { name: 'Owner problems' });
    expect(
      within(problems).getByText('4 components: ownership never confirmed'),
    ).toBeVisible();
    expect(screen.getByText(/1 of them without history to read/)).toBeVisible();
    expect(requests[0].searchParams.get('entity')).toBe(
      'group:default/logistics',
    );
  });

  it('says when no report was computed yet', async () => {
    render(() => ({
      body: { ...checkoutOwnershipRollup, withReports: 0, atRisk: [] },
    }));
    expect(
      await screen.findByText(
        /No ownership report yet for the 4 components here/,
      ),
    ).toBeInTheDocument();
  });

  it('shows review bottlenecks, team sizes against silos, and who knows what to the team', async () => {
    render(() => ({ body: checkoutOwnershipRollup }));
    const bottlenecks = await screen.findByRole('list', {
      name: 'Review bottlenecks',
    });
    expect(
      within(bottlenecks).getByText(
        /80% of first reviews from one person, 2 reviewers · pickup is its lead time’s bottleneck/,
      ),
    ).toBeVisible();
    const teams = screen.getByRole('list', { name: 'Teams' });
    expect(
      within(teams).getByText(/18 members · 4 components \(0.2 per member\)/),
    ).toBeVisible();
    expect(within(teams).getByText(/silos form at 15–25 people/)).toBeVisible();
    const matrix = screen.getByRole('table', { name: 'Who knows what' });
    const rows = within(matrix).getAllByRole('row');
    // Header, Dan, Eve.
    expect(rows).toHaveLength(3);
    expect(
      within(rows[1])
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['dan', '90%', '–', '31']);
    expect(
      within(rows[2])
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['eve', '10%', '50%', '4']);
    expect(
      screen.getByText(/2 more by people outside the team/),
    ).toBeInTheDocument();
  });

  it('keeps names to the team: outsiders see counts only', async () => {
    render(() => ({
      body: {
        ...checkoutOwnershipRollup,
        team: {
          ...checkoutOwnershipRollup.team!,
          namesVisible: false,
          members: [null, null],
        },
      },
    }));
    expect(
      await screen.findByText(
        /Who knows what and review load per member are shown to the team’s members/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Who knows what' })).toBeNull();
  });

  it('says what is missing for reviews and history, and flags a team without members', async () => {
    render(() => ({
      body: {
        ...checkoutOwnershipRollup,
        reviews: { withReviews: 0, concentrated: 0, components: [] },
        teams: [
          {
            entityRef: 'group:default/logistics',
            members: 0,
            components: 4,
            componentsPerMember: null,
            size: 'small',
          },
        ],
        team: { ...checkoutOwnershipRollup.team!, whoKnowsWhat: [] },
      },
    }));
    expect(
      await screen.findByText(/No reviewed changes with their reviewer yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/A team without members owns components/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/No history read for the team’s components yet/),
    ).toBeInTheDocument();
  });
});
