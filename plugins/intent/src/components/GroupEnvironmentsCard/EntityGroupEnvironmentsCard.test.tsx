import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { IntentApi } from '@cairn/plugin-intent-common';
import { screen, within } from '@testing-library/react';
import { intentApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  checkoutApiDetails,
  summaryOf,
} from '../../__testUtils__/environments';
import {
  errorReply,
  mockIntentBackend,
  never,
} from '../../__testUtils__/mockIntentBackend';
import { EntityGroupEnvironmentsCard } from './EntityGroupEnvironmentsCard';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout' },
  spec: { type: 'team', children: [] },
};

function render(client: IntentApi) {
  return renderInTestApp(
    <EntityProvider entity={checkout}>
      <EntityGroupEnvironmentsCard />
    </EntityProvider>,
    {
      apis: [[intentApiRef, client]],
      mountedRoutes: {
        '/environments': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('EntityGroupEnvironmentsCard', () => {
  it('shows progress while loading', async () => {
    const { client } = mockIntentBackend({
      '/v1/environments': () => ({ body: {}, delay: never() }),
    });
    await render(client);
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const { client } = mockIntentBackend({
      '/v1/environments': () => errorReply(403, 'NotAllowedError', 'not yours'),
    });
    await render(client);
    expect(await screen.findByText(/not yours/)).toBeInTheDocument();
  });

  it('says how to get an environment when the team has none', async () => {
    const { client } = mockIntentBackend({
      '/v1/environments': () => ({ body: { items: [], totalCount: 0 } }),
    });
    await render(client);
    expect(
      await screen.findByText(/No live environments owned by this team/),
    ).toBeInTheDocument();
  });

  it('keeps the card short: the five costliest of many', async () => {
    const base = summaryOf(checkoutApiDetails().details);
    const items = Array.from({ length: 7 }, (_, i) => ({
      ...base,
      id: `env-${i}`,
      name: `env-${i}`,
      monthlyCostLowUsd: 10 * i,
      monthlyCostHighUsd: 10 * i + 5,
    }));
    const { client } = mockIntentBackend({
      '/v1/environments': () => ({ body: { items, totalCount: 7 } }),
    });
    await render(client);
    expect(await screen.findByText('The 5 costliest')).toBeInTheDocument();
    expect(
      screen.getByText('7 live, up to $245.00 a month at peak.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'env-6' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'env-2' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'env-1' })).toBeNull();
  });

  it('says when the total covers only the environments it read', async () => {
    const base = summaryOf(checkoutApiDetails().details);
    const items = Array.from({ length: 3 }, (_, i) => ({
      ...base,
      id: `env-${i}`,
      name: `env-${i}`,
      monthlyCostLowUsd: 10,
      monthlyCostHighUsd: 20,
    }));
    const { client, requests } = mockIntentBackend({
      '/v1/environments': () => ({ body: { items, totalCount: 640 } }),
    });
    await render(client);
    expect(
      await screen.findByText(
        '640 live; the 3 read here cost up to $60.00 a month at peak.',
      ),
    ).toBeInTheDocument();
    expect(requests[0].url.searchParams.get('limit')).toBe('500');
  });

  it("lists the team's live environments with their cost", async () => {
    const env = summaryOf(checkoutApiDetails().details);
    const { client, requests } = mockIntentBackend({
      '/v1/environments': () => ({ body: { items: [env], totalCount: 1 } }),
    });
    await render(client);
    const link = await screen.findByRole('link', { name: 'checkout-api' });
    expect(link).toHaveAttribute('href', '/environments/env-checkout-api-prod');
    expect(within(link.closest('tr')!).getByText('prod')).toBeInTheDocument();
    const peak = env.monthlyCostHighUsd.toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    expect(
      screen.getByText(`1 live, up to $${peak} a month at peak.`),
    ).toBeInTheDocument();
    expect(requests[0].url.searchParams.get('owner')).toBe(
      'group:default/checkout',
    );
    expect(requests[0].url.searchParams.get('status')).toBe(
      'awaiting-approval,active',
    );
    expect(
      screen.getByRole('link', { name: /All environments/ }),
    ).toHaveAttribute(
      'href',
      '/environments/?owner=group%3Adefault%2Fcheckout',
    );
  });
});
