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
});
