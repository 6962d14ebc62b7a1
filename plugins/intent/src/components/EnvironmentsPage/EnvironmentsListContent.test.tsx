import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  checkoutApiDetails,
  expiredPreview,
  summaryOf,
} from '../../__testUtils__/environments';
import {
  errorReply,
  mockIntentBackend,
  never,
} from '../../__testUtils__/mockIntentBackend';
import { renderEnvironmentsPage } from '../../__testUtils__/renderPage';

const checkoutApi = summaryOf(checkoutApiDetails().details);

describe('the environments list', () => {
  it('shows progress while loading', async () => {
    const { client } = mockIntentBackend({
      '/v1/environments': () => ({ body: { items: [] }, delay: never() }),
    });
    await renderEnvironmentsPage({ path: '/environments', client });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const { client } = mockIntentBackend({
      '/v1/environments': () =>
        errorReply(500, 'Error', 'the registry database is unreachable'),
    });
    await renderEnvironmentsPage({ path: '/environments', client });
    expect(
      await screen.findByText(/the registry database is unreachable/),
    ).toBeInTheDocument();
  });

  it('explains how environments get here when there are none', async () => {
    const { client } = mockIntentBackend({
      '/v1/environments': () => ({ body: { items: [], totalCount: 0 } }),
    });
    await renderEnvironmentsPage({
      path: '/environments',
      client,
      config: { intent: { docsUrl: 'https://docs.example/environments' } },
    });
    expect(
      await screen.findByText('No live environments yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/cairn:environment:register/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /How self-service environments work/ }),
    ).toHaveAttribute('href', 'https://docs.example/environments');
    expect(
      screen.getByRole('button', { name: 'Request an environment' }),
    ).toHaveAttribute('href', '/create');
  });

  it('offers the ended environments when none is live, instead of the installation notes', async () => {
    const { client, requests } = mockIntentBackend({
      '/v1/environments': url => {
        const status = url.searchParams.get('status');
        if (status) return { body: { items: [], totalCount: 0 } };
        return { body: { items: [expiredPreview()], totalCount: 18 } };
      },
    });
    await renderEnvironmentsPage({ path: '/environments', client });
    expect(
      await screen.findByText(
        'No live environments: the 18 registered here have all ended.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/cairn:environment:register/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Show all 18' }));
    expect(await screen.findByText('Environments (18)')).toBeInTheDocument();
    expect(requests.at(-1)!.url.searchParams.get('status')).toBeNull();
  });

  it('takes its filters from the address', async () => {
    const { client, requests } = mockIntentBackend({
      '/v1/environments': () => ({
        body: { items: [expiredPreview()], totalCount: 1 },
      }),
    });
    await renderEnvironmentsPage({
      path: '/environments?status=awaiting-approval&kind=prod&expiring=24h&owner=checkout',
      client,
    });
    await screen.findByText('Environments (1)');
    const asked = requests[0].url.searchParams;
    expect(asked.get('status')).toBe('awaiting-approval');
    expect(asked.get('environment')).toBe('prod');
    expect(asked.get('owner')).toBe('group:default/checkout');
    expect(asked.get('expiresBefore')).not.toBeNull();
    expect(screen.getByLabelText('Owner')).toHaveValue('checkout');
    expect(
      within(
        screen.getByRole('search', { name: 'Filter environments' }),
      ).getByText('Awaiting approval'),
    ).toBeInTheDocument();
  });

  it('ignores filter values it does not know', async () => {
    const { client, requests } = mockIntentBackend({
      '/v1/environments': () => ({
        body: { items: [expiredPreview()], totalCount: 1 },
      }),
    });
    await renderEnvironmentsPage({
      path: '/environments?status=bogus&kind=mainframe',
      client,
    });
    await screen.findByText('Environments (1)');
    const asked = requests[0].url.searchParams;
    expect(asked.get('status')).toBe('awaiting-approval,active');
    expect(asked.get('environment')).toBeNull();
  });

  it('lists environments with owner, cost, expiry and status, and filters them', async () => {
    const { client, requests } = mockIntentBackend({
      '/v1/environments': url => {
        const status = url.searchParams.get('status');
        const items = status === 'expired' ? [expiredPreview()] : [checkoutApi];
        return { body: { items, totalCount: items.length } };
      },
    });
    await renderEnvironmentsPage({ path: '/environments', client });
    const row = (
      await screen.findByRole('link', { name: 'checkout-api' })
    ).closest('tr')!;
    expect(screen.getByRole('link', { name: 'checkout-api' })).toHaveAttribute(
      'href',
      '/environments/env-checkout-api-prod',
    );
    expect(within(row).getByText('prod')).toBeInTheDocument();
    expect(within(row).getByText('Awaiting approval')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: /^checkout$/ }),
    ).toHaveAttribute('href', '/catalog/default/group/checkout');
    const low = checkoutApi.monthlyCostLowUsd.toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    expect(row).toHaveTextContent(`$${low}–`);
    expect(within(row).getByText('Never')).toBeInTheDocument();
    // Live environments by default.
    expect(requests[0].url.searchParams.get('status')).toBe(
      'awaiting-approval,active',
    );

    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(screen.getByRole('option', { name: 'Expired' }));
    const expired = (
      await screen.findByRole('link', { name: 'checkout-pr-12' })
    ).closest('tr')!;
    expect(within(expired).getByText('Expired')).toBeInTheDocument();
    expect(
      within(expired).getByText(/21 Nov 2026, 10:00 UTC/),
    ).toBeInTheDocument();
    expect(expired).toHaveTextContent('Passed, 1 warning(s)');

    await userEvent.type(screen.getByLabelText('Owner'), 'checkout');
    await waitFor(() =>
      expect(requests[requests.length - 1].url.searchParams.get('owner')).toBe(
        'group:default/checkout',
      ),
    );
    // Typing pauses before the registry is asked: no request for a half-typed owner.
    expect(
      requests
        .filter(r => r.url.searchParams.has('owner'))
        .map(r => r.url.searchParams.get('owner')),
    ).toEqual(['group:default/checkout']);
    await userEvent.click(screen.getByLabelText('Kind'));
    await userEvent.click(screen.getByRole('option', { name: 'preview' }));
    await userEvent.click(screen.getByLabelText('Expiring'));
    await userEvent.click(
      screen.getByRole('option', { name: 'Within 24 hours' }),
    );
    await waitFor(() => {
      const last = requests[requests.length - 1].url.searchParams;
      expect(last.get('environment')).toBe('preview');
      expect(last.get('status')).toBe('expired');
      const before = new Date(last.get('expiresBefore')!).getTime();
      expect(before - Date.now()).toBeGreaterThan(23 * 3600_000);
      expect(before - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    });
  });

  it('says when no environment matches the filters', async () => {
    const { client } = mockIntentBackend({
      '/v1/environments': () => ({ body: { items: [], totalCount: 0 } }),
    });
    await renderEnvironmentsPage({
      path: '/environments?owner=logistics',
      client,
    });
    expect(
      await screen.findByText(/No environments match these filters/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Owner')).toHaveValue('logistics');
  });

  // Fifty rows of the real table, three times: slow in jsdom, hence the longer timeout.
  it('pages through a large registry, asking it for one page at a time', async () => {
    const total = 120;
    const { client, requests } = mockIntentBackend({
      '/v1/environments': url => {
        const limit = Number(url.searchParams.get('limit'));
        const offset = Number(url.searchParams.get('offset'));
        const items = Array.from(
          { length: Math.max(0, Math.min(limit, total - offset)) },
          (_, i) => ({
            ...checkoutApi,
            id: `env-${offset + i}`,
            name: `env-${offset + i}`,
          }),
        );
        return { body: { items, totalCount: total } };
      },
    });
    await renderEnvironmentsPage({ path: '/environments', client });
    // Rows are found by their link text: role queries over a 50-row table are slow in jsdom.
    expect(
      await screen.findByText('env-0', { selector: 'a' }),
    ).toBeInTheDocument();
    expect(screen.getByText('env-49', { selector: 'a' })).toBeInTheDocument();
    expect(screen.queryByText('env-50', { selector: 'a' })).toBeNull();
    expect(screen.getByText('Environments (120)')).toBeInTheDocument();
    expect(screen.getByText('1-50 of 120')).toBeInTheDocument();
    expect(requests[0].url.searchParams.get('limit')).toBe('50');
    expect(requests[0].url.searchParams.get('offset')).toBe('0');

    await userEvent.click(screen.getByLabelText('Next page'));
    expect(
      await screen.findByText('env-50', { selector: 'a' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('env-0', { selector: 'a' })).toBeNull();
    expect(requests[requests.length - 1].url.searchParams.get('offset')).toBe(
      '50',
    );
    await userEvent.click(screen.getByLabelText('Next page'));
    expect(
      await screen.findByText('env-119', { selector: 'a' }),
    ).toBeInTheDocument();
    expect(screen.getByText('101-120 of 120')).toBeInTheDocument();

    // A new filter starts again at the first page.
    await userEvent.click(screen.getByLabelText('Kind'));
    await userEvent.click(screen.getByRole('option', { name: 'preview' }));
    await waitFor(() => {
      const last = requests[requests.length - 1].url.searchParams;
      expect(last.get('environment')).toBe('preview');
      expect(last.get('offset')).toBe('0');
    });
  }, 30_000);
});
