import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { InsightsApi } from '@cairn/plugin-insights-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { insightsApiRef } from '../../api';
import { formatDateTime } from '../../format/format';
import {
  busyWeek,
  demoWeek,
  nothingYet,
} from '../../__testUtils__/ingestionHealthFixtures';
import {
  errorReply,
  mockInsightsBackend,
  never,
} from '../../__testUtils__/mockInsightsBackend';
import { IngestionHealthContent } from './IngestionHealthContent';

const HEALTH = '/v1/ingestion/health';
// The page's "now": 38 minutes after the api source last received something.
const NOW = Date.parse('2026-11-22T13:50:50.277Z');

function render(client: InsightsApi, config?: Record<string, unknown>) {
  return renderInTestApp(<IngestionHealthContent />, {
    apis: [[insightsApiRef, client]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    config: config as any,
  });
}

describe('IngestionHealthContent', () => {
  beforeEach(() => {
    // Move the clock, not freeze it: timers and waits keep running.
    const realNow = Date.now.bind(Date);
    const offset = NOW - realNow();
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
  });
  afterEach(() => jest.restoreAllMocks());

  it('shows progress while the health loads', async () => {
    const { client } = mockInsightsBackend({
      [HEALTH]: () => ({ body: busyWeek, delay: never() }),
    });
    render(client);
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Range' })).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const { client } = mockInsightsBackend({
      [HEALTH]: () =>
        errorReply(403, 'NotAllowedError', 'insights.metrics.read denied'),
    });
    render(client);
    expect(
      await screen.findByText(/insights.metrics.read denied/),
    ).toBeInTheDocument();
  });

  it('explains every way in when nothing was ever received', async () => {
    const { client } = mockInsightsBackend({
      [HEALTH]: () => ({ body: nothingYet }),
    });
    render(client, {
      insights: { docsUrl: 'https://portal.example.com/docs/delivery' },
    });
    const guidance = await screen.findByRole('region', {
      name: 'How to send delivery events',
    });
    expect(screen.getByText('No events received yet')).toBeInTheDocument();
    for (const endpoint of [
      'POST /api/insights/v1/events',
      'POST /api/insights/v1/cdevents',
      '/api/insights/github/webhook',
    ]) {
      expect(within(guidance).getByText(endpoint)).toBeInTheDocument();
    }
    expect(
      within(guidance).getByRole('link', {
        name: /How delivery data is sent in this portal/,
      }),
    ).toHaveAttribute('href', 'https://portal.example.com/docs/delivery');
    // No card of zeros per source.
    expect(screen.queryByTestId(/^source-health-/)).not.toBeInTheDocument();
  });

  it('asks for the last 24 hours by hour, then the range chosen by day', async () => {
    const { client, requests } = mockInsightsBackend({
      [HEALTH]: () => ({ body: demoWeek }),
    });
    render(client);
    await screen.findByTestId('source-health-demo');
    const first = requests[0].searchParams;
    expect(first.get('bucket')).toBe('hour');
    expect(Date.parse(first.get('to')!) - Date.parse(first.get('from')!)).toBe(
      24 * 3_600_000,
    );
    expect(
      screen.getByRole('button', { name: 'Last 24 hours' }),
    ).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(screen.getByRole('button', { name: 'Last 7 days' }));
    await waitFor(() => expect(requests).toHaveLength(2));
    const second = requests[1].searchParams;
    expect(second.get('bucket')).toBe('day');
    expect(
      Date.parse(second.get('to')!) - Date.parse(second.get('from')!),
    ).toBe(7 * 24 * 3_600_000);

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(requests).toHaveLength(3));
    expect(requests[2].searchParams.get('bucket')).toBe('day');
  });

  it('shows each source: when it last received, its totals, its chart and its reasons', async () => {
    const { client } = mockInsightsBackend({
      [HEALTH]: () => ({ body: busyWeek }),
    });
    render(client);
    const api = await screen.findByRole('region', { name: 'Source api' });

    // Relative to the page's now, and exact.
    const fact = (name: string) =>
      within(api).getByText(name, { selector: 'dt' }).nextElementSibling;
    expect(fact('Last received')).toHaveTextContent(
      `38 min ago · ${formatDateTime('2026-11-22T13:12:09.311Z')}`,
    );
    expect(fact('Last accepted')).toHaveTextContent(
      `45 min ago · ${formatDateTime('2026-11-22T13:05:41.027Z')}`,
    );

    const totals = within(api).getByRole('list', {
      name: 'Totals, last 24 hours',
    });
    const t = busyWeek.sources[0].totals;
    for (const [label, value] of [
      ['Accepted', t.accepted],
      ['Updated', t.updated],
      ['Ignored', t.ignored],
      ['Rejected', t.rejected],
      ['Unattributed', t.unattributed],
    ] as const) {
      expect(
        within(totals).getByLabelText(`${label}: ${value}`),
      ).toBeInTheDocument();
    }

    expect(
      within(api).getByRole('img', {
        name: `Events from api per day, last 24 hours: ${t.accepted} accepted, ${t.updated} updated, ${t.ignored} ignored, ${t.rejected} rejected; the most in the day from 20 Nov (UTC).`,
      }),
    ).toBeInTheDocument();

    const rejections = within(api).getByRole('list', {
      name: 'Latest rejections',
    });
    expect(
      within(rejections).getByText(
        '1 invalid event, nothing stored: events[1].id is required; events[1].environment is required',
      ),
    ).toBeInTheDocument();
    expect(within(rejections).getByText(/^2 events ·/)).toBeInTheDocument();
    // The api source's ignored events are replays, which carry no reason.
    expect(
      within(api).getByText(
        /^No reason recorded: ignored input without a reason is a replay/,
      ),
    ).toBeInTheDocument();

    const cdevents = screen.getByRole('region', { name: 'Source cdevents' });
    expect(
      within(
        within(cdevents).getByRole('list', { name: 'Latest ignored input' }),
      ).getByText(/Cairn does not use pipelinerun.started events/),
    ).toBeInTheDocument();
    expect(
      within(cdevents).getByText('No rejection recorded.'),
    ).toBeInTheDocument();

    // Installed sources that never received anything are listed with how to use them.
    const quiet = screen.getByRole('list', {
      name: 'Sources without events yet',
    });
    expect(within(quiet).getByText('github')).toBeInTheDocument();
    expect(
      within(quiet).getByText('/api/insights/github/webhook'),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('source-health-github'),
    ).not.toBeInTheDocument();
  });

  it('marks a source that is no longer registered', async () => {
    const { client } = mockInsightsBackend({
      [HEALTH]: () => ({ body: busyWeek }),
    });
    render(client);
    const jenkins = await screen.findByRole('region', {
      name: 'Source jenkins (no longer registered)',
    });
    expect(
      within(jenkins).getByText(/no longer has the source/),
    ).toBeInTheDocument();
    expect(screen.getByText('no longer registered')).toBeInTheDocument();
    // Registered sources carry no such mark.
    expect(
      screen.getByRole('region', { name: 'Source demo' }),
    ).toBeInTheDocument();
  });

  it('lists unattributed events with the annotation to add and the candidates', async () => {
    const { client } = mockInsightsBackend({
      [HEALTH]: () => ({ body: busyWeek }),
    });
    render(client);
    const table = await screen.findByRole('region', {
      name: 'Unattributed events',
    });
    expect(within(table).getByText('2 deployments')).toBeInTheDocument();
    expect(
      within(table).getByText('github.com/acme/unknown', { selector: 'code' }),
    ).toBeInTheDocument();
    expect(
      within(table).getByLabelText(
        'Annotation to add: github.com/project-slug: acme/unknown',
      ),
    ).toHaveTextContent('github.com/project-slug: acme/unknown');
    expect(
      within(table).getByText(
        /^Add the annotation 'github.com\/project-slug: acme\/unknown'/,
      ),
    ).toBeInTheDocument();

    // A repository several components share: its components, linked.
    expect(
      within(table).getByText('2 components share the repository:'),
    ).toBeInTheDocument();
    const candidates = within(table).getByRole('list', {
      name: 'Candidate components for git.example.com/shop/mono',
    });
    expect(
      within(candidates)
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toEqual([
      '/catalog/default/component/cart',
      '/catalog/default/component/checkout',
    ]);

    // Events that named nothing: no annotation helps, the hint says what to send.
    expect(within(table).getByText('none sent')).toBeInTheDocument();
    expect(
      within(table).getByText(
        'the events name neither a component nor a repository',
      ),
    ).toBeInTheDocument();
  });

  it('shows the latest five reasons and all of them on demand', async () => {
    const many = structuredClone(busyWeek);
    many.sources[0].recentRejections = Array.from({ length: 7 }, (_, i) => ({
      at: new Date(NOW - (i + 1) * 3_600_000).toISOString(),
      count: 1,
      reason: `rejection ${i + 1}`,
    }));
    const { client } = mockInsightsBackend({
      [HEALTH]: () => ({ body: many }),
    });
    render(client);
    const api = await screen.findByRole('region', { name: 'Source api' });
    const list = () =>
      within(api).getByRole('list', { name: 'Latest rejections' });
    expect(within(list()).getAllByRole('listitem')).toHaveLength(5);
    await userEvent.click(
      within(api).getByRole('button', { name: 'Show all 7' }),
    );
    expect(within(list()).getAllByRole('listitem')).toHaveLength(7);
    expect(within(list()).getByText('rejection 7')).toBeInTheDocument();
  });

  it('says so when every stored event belongs to a component', async () => {
    const { client } = mockInsightsBackend({
      [HEALTH]: () => ({ body: demoWeek }),
    });
    render(client);
    expect(
      await screen.findByText('Every stored event belongs to a component.'),
    ).toBeInTheDocument();
  });
});
