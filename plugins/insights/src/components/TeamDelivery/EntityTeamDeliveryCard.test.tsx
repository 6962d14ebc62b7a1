import { screen, within } from '@testing-library/react';
import { logisticsRollup } from '../../__testUtils__/fixtures';
import {
  errorReply,
  mockInsightsBackend,
  never,
} from '../../__testUtils__/mockInsightsBackend';
import {
  logisticsGroup,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import { EntityTeamDeliveryCard } from './EntityTeamDeliveryCard';

describe('EntityTeamDeliveryCard', () => {
  it('shows progress while the rollup loads', async () => {
    const { client } = mockInsightsBackend({
      '/v1/metrics/rollup': () => ({ body: logisticsRollup, delay: never() }),
    });
    renderWithEntity(<EntityTeamDeliveryCard />, {
      entity: logisticsGroup,
      client,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const { client } = mockInsightsBackend({
      '/v1/metrics/rollup': () =>
        errorReply(404, 'NotFoundError', 'group:default/logistics not found'),
    });
    renderWithEntity(<EntityTeamDeliveryCard />, {
      entity: logisticsGroup,
      client,
    });
    expect(
      await screen.findByText(/group:default\/logistics not found/),
    ).toBeInTheDocument();
  });

  it('shows each metric across the components, attention and toil', async () => {
    const note =
      "The group's relations name 2 members; the catalog's search finds 1. Per-member figures use the relations (the catalog may still be processing).";
    const { client, requests } = mockInsightsBackend({
      '/v1/metrics/rollup': () => ({
        body: {
          ...logisticsRollup,
          toil: { ...logisticsRollup.toil, membersNote: note },
        },
      }),
    });
    renderWithEntity(<EntityTeamDeliveryCard />, {
      entity: logisticsGroup,
      client,
    });
    const table = await screen.findByRole('table', {
      name: /Each metric across 3 components with data/,
    });
    const recovery = within(table)
      .getByText('Failed deployment recovery time')
      .closest('tr')!;
    // Median 6990 s, best 2480 s, worst 213175.5 s; tiers counted per component.
    expect(within(recovery).getByText('1.9 h')).toBeInTheDocument();
    expect(within(recovery).getByText('41 min')).toBeInTheDocument();
    expect(within(recovery).getByText('2.5 d')).toBeInTheDocument();
    expect(
      within(recovery).getByText('1 elite, 1 high, 1 no tier'),
    ).toBeInTheDocument();

    const attention = screen.getByRole('list', {
      name: 'Components that need attention',
    });
    expect(
      within(attention).getByText(/1 incident open; highest change fail rate/),
    ).toBeInTheDocument();

    const toil = screen.getByRole('list', { name: 'Toil signals' });
    expect(
      within(toil).getByLabelText('Manual deployments: 76%, of 17 deployments'),
    ).toBeInTheDocument();
    expect(
      within(toil).getByLabelText(
        'Incidents per member: 4.5, 9 incidents, 2 members',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/No delivery data in the range/),
    ).toBeInTheDocument();
    // The catalog's search disagreeing with the group's relations is said, beside the figure.
    expect(screen.getByRole('note')).toHaveTextContent(note);
    expect(requests[0].searchParams.get('entity')).toBe(
      'group:default/logistics',
    );
  });

  it('explains an empty team', async () => {
    const empty = {
      ...logisticsRollup,
      components: [],
      attention: [],
      componentsWithoutData: ['component:default/label-printer'],
    };
    const { client } = mockInsightsBackend({
      '/v1/metrics/rollup': () => ({ body: empty }),
    });
    renderWithEntity(<EntityTeamDeliveryCard />, {
      entity: logisticsGroup,
      client,
    });
    expect(
      await screen.findByText(/None of the 1 components reported deployments/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
