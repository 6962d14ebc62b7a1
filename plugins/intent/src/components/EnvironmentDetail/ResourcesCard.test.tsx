import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { checkoutApiDetails } from '../../__testUtils__/environments';
import {
  errorReply,
  mockIntentBackend,
} from '../../__testUtils__/mockIntentBackend';
import { renderEnvironmentsPage } from '../../__testUtils__/renderPage';

const path = '/environments/env-checkout-api-prod';
const route = '/v1/environments/env-checkout-api-prod';

// The example environment as a dev environment, which the demo provisions (production never is).
const provisionedDev = { environment: 'dev', status: 'active' };

const resources = [
  {
    service: 'postgres',
    provisioner: 'shared-postgres',
    state: 'healthy',
    detail:
      'connected to cairn_env_checkout_api_0a1b2c3d4e as cairn_env_checkout_api_0a1b2c3d4e',
    host: '127.0.0.1',
    port: 5432,
    database: 'cairn_env_checkout_api_0a1b2c3d4e',
    username: 'cairn_env_checkout_api_0a1b2c3d4e',
    checkedAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T10:00:00.000Z',
  },
  {
    service: 'queue',
    state: 'awaiting-provisioner',
    detail:
      'no provisioner for queue in dev environments: its reviewed pipeline provides it',
    updatedAt: '2026-11-22T10:00:00.000Z',
  },
];

describe("an environment's resources", () => {
  it('shows each data service with its state and detail, and the credentials only when asked', async () => {
    const { details } = checkoutApiDetails();
    const { client, requests } = mockIntentBackend({
      [route]: () => ({ body: { ...details, ...provisionedDev, resources } }),
      [`${route}/credentials`]: () => ({
        body: {
          credentials: [
            {
              service: 'postgres',
              username: 'cairn_env_checkout_api_0a1b2c3d4e',
              password: 's3cret-from-the-backend',
              host: '127.0.0.1',
              port: 5432,
              database: 'cairn_env_checkout_api_0a1b2c3d4e',
              connectionString:
                'postgresql://cairn_env_checkout_api_0a1b2c3d4e:s3cret-from-the-backend@127.0.0.1:5432/cairn_env_checkout_api_0a1b2c3d4e',
            },
          ],
        },
      }),
    });
    await renderEnvironmentsPage({ path, client });
    const table = await screen.findByRole('table', { name: 'Resources' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('PostgreSQL');
    expect(rows[1]).toHaveTextContent('Healthy');
    expect(rows[1]).toHaveTextContent('127.0.0.1:5432');
    expect(rows[2]).toHaveTextContent('Awaiting its pipeline');
    expect(rows[2]).toHaveTextContent(/its reviewed pipeline provides it/);
    // Not fetched until asked for.
    expect(screen.queryByText(/s3cret-from-the-backend/)).toBeNull();
    expect(requests.some(r => r.url.pathname.endsWith('/credentials'))).toBe(
      false,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Show credentials' }),
    );
    const logins = await screen.findByRole('table', { name: 'Credentials' });
    expect(logins).toHaveTextContent('s3cret-from-the-backend');
    await userEvent.click(
      screen.getByRole('button', { name: 'Hide credentials' }),
    );
    expect(screen.queryByText(/s3cret-from-the-backend/)).toBeNull();
  });

  it("shows the backend's refusal to someone who neither owns nor requested the environment", async () => {
    const { details } = checkoutApiDetails();
    const { client } = mockIntentBackend({
      [route]: () => ({ body: { ...details, ...provisionedDev, resources } }),
      [`${route}/credentials`]: () =>
        errorReply(
          403,
          'NotAllowedError',
          'user:default/omar neither requested environment env-checkout-api-prod nor belongs to its owner group:default/checkout',
        ),
    });
    await renderEnvironmentsPage({ path, client });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show credentials' }),
    );
    expect(
      await screen.findByText(/neither requested environment/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Credentials' })).toBeNull();
  });
});
