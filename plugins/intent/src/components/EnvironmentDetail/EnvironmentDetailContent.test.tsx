import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { checkoutApiDetails } from '../../__testUtils__/environments';
import {
  errorReply,
  mockIntentBackend,
  never,
} from '../../__testUtils__/mockIntentBackend';
import { renderEnvironmentsPage } from '../../__testUtils__/renderPage';

const path = '/environments/env-checkout-api-prod';
const route = '/v1/environments/env-checkout-api-prod';

describe("an environment's page", () => {
  it('shows progress while loading', async () => {
    const { client } = mockIntentBackend({
      [route]: () => ({ body: {}, delay: never() }),
    });
    await renderEnvironmentsPage({ path, client });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error for an unknown environment', async () => {
    const { client } = mockIntentBackend({
      [route]: () =>
        errorReply(
          404,
          'NotFoundError',
          'No environment env-checkout-api-prod',
        ),
    });
    await renderEnvironmentsPage({ path, client });
    expect(
      await screen.findByText(/No environment env-checkout-api-prod/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: '← All environments' }),
    ).toHaveAttribute('href', '/environments');
  });

  it('shows the plan with its reasons, the cost, the policy report, files and history', async () => {
    const { details, files } = checkoutApiDetails();
    const { client, requests } = mockIntentBackend({
      [route]: () => ({ body: details }),
      [`${route}/file`]: url => ({
        body: files[url.searchParams.get('path')!],
        text: true,
      }),
    });
    await renderEnvironmentsPage({ path, client });
    expect(
      await screen.findByRole('heading', { name: 'checkout-api (prod)' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Awaiting approval')).toBeInTheDocument();

    // Every number of the plan with its rule.
    const sizing = screen.getByRole('table', { name: 'Sizing and why' });
    for (const e of details.plan.explanations) {
      expect(within(sizing).getByText(e.path).closest('tr')).toHaveTextContent(
        e.rule,
      );
    }
    const costs = within(
      screen.getByRole('table', { name: 'Monthly cost by load' }),
    ).getAllByRole('row');
    expect(
      costs.map(r => (r as HTMLTableRowElement).cells[0].textContent),
    ).toEqual(['Load', '1×', '10×', '100×']);
    expect(
      within(
        screen.getByRole('table', { name: "Cost lines at today's load" }),
      ).getAllByRole('row'),
    ).toHaveLength(details.cost.lines.length + 1);

    const policies = screen.getByRole('table', {
      name: "Every policy's result",
    });
    expect(within(policies).getAllByRole('row')).toHaveLength(
      details.policyReport.results.length + 1,
    );
    expect(screen.getByText(/The guardrails pass/)).toBeInTheDocument();

    const kept = screen.getByRole('table', { name: 'Kept files' });
    const tf = details.files.find(f => f.path === 'terraform/main.tf.json')!;
    expect(
      within(kept).getByText('terraform/main.tf.json').closest('tr'),
    ).toHaveTextContent(tf.sha256.slice(0, 16));
    await userEvent.click(
      within(kept).getByRole('button', { name: 'View PLAN.md' }),
    );
    const content = await screen.findByLabelText('Content of PLAN.md');
    expect(content.textContent).toBe(files['PLAN.md']);
    expect(
      requests.some(r => r.url.searchParams.get('path') === 'PLAN.md'),
    ).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));

    const history = screen.getByRole('table', { name: 'History' });
    expect(history).toHaveTextContent(
      'Registered by the scaffolder task task-1234',
    );
    expect(screen.getByRole('link', { name: 'task-1234' })).toHaveAttribute(
      'href',
      '/create/tasks/task-1234',
    );
    expect(screen.queryByText('Teardown plan')).toBeNull();
  });

  it('shows the teardown plan of an expired environment, without actions', async () => {
    const { details } = checkoutApiDetails();
    const expired = {
      ...details,
      status: 'expired' as const,
      teardownPlan: {
        reason: 'requested' as const,
        createdAt: '2026-11-23T10:00:00.000Z',
        steps: ['terraform -chdir=terraform destroy'],
        resources: ['aws_ecs_service.app', 'aws_db_instance.db'],
      },
    };
    const { client } = mockIntentBackend({
      [route]: () => ({ body: expired }),
    });
    await renderEnvironmentsPage({ path, client });
    expect(await screen.findByText('Teardown plan')).toBeInTheDocument();
    expect(screen.getByText(/Its owner ended it/)).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('list', { name: 'Resources removed' }),
      ).getAllByRole('listitem'),
    ).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'End now' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('tells the requester that someone else must approve', async () => {
    const { details } = checkoutApiDetails();
    const { client } = mockIntentBackend({
      [route]: () => ({ body: details }),
    });
    await renderEnvironmentsPage({
      path,
      client,
      user: 'user:default/ada.okafor',
    });
    expect(
      await screen.findByText(/You requested this environment/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
  });

  it("shows the backend's refusal of an approval and ends an environment on request", async () => {
    const { details } = checkoutApiDetails();
    let current = details;
    const { client, requests } = mockIntentBackend({
      [route]: () => ({ body: current }),
      [`POST ${route}/approve`]: () =>
        errorReply(
          403,
          'NotAllowedError',
          'Not allowed: intent.environment.approve',
        ),
      [`POST ${route}/teardown`]: () => {
        current = { ...details, expiresAt: '2026-11-22T10:05:00.000Z' };
        return { body: current };
      },
    });
    await renderEnvironmentsPage({ path, client });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(
      await screen.findByText(/Not allowed: intent.environment.approve/),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await userEvent.click(screen.getByRole('button', { name: 'End now' }));
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'End now',
      }),
    );
    expect(await screen.findByText(/Teardown requested/)).toBeInTheDocument();
    expect(
      requests.filter(r => r.method === 'POST').map(r => r.url.pathname),
    ).toEqual([`/api/intent${route}/approve`, `/api/intent${route}/teardown`]);
    // The page reloads the environment after a change.
    expect(
      await screen.findByText(/22 Nov 2026, 10:05 UTC/),
    ).toBeInTheDocument();
  });

  it('extends an environment that expires, showing the limit the backend holds it to', async () => {
    const { details } = checkoutApiDetails();
    let sent: unknown;
    let current = {
      ...details,
      environment: 'dev' as const,
      status: 'active' as const,
      expiresAt: '2026-11-23T10:00:00.000Z',
    };
    const { client, requests } = mockIntentBackend({
      [route]: () => ({ body: current }),
      [`POST ${route}/extend`]: (_url, init) => {
        sent = JSON.parse(String(init?.body));
        current = { ...current, expiresAt: '2026-11-29T10:00:00.000Z' };
        return { body: current };
      },
    });
    await renderEnvironmentsPage({ path, client });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Extend' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent(/It expires at 2026-11-23T10:00:00.000Z/);
    const hours = within(dialog).getByLabelText('Hours from now');
    await userEvent.clear(hours);
    await userEvent.type(hours, '168');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Extend' }),
    );
    expect(
      await screen.findByText(
        'Extended: the environment now expires at 2026-11-29T10:00:00.000Z.',
      ),
    ).toBeInTheDocument();
    const posted = requests.filter(r => r.method === 'POST');
    expect(posted.map(r => r.url.pathname)).toEqual([
      `/api/intent${route}/extend`,
    ]);
    expect(sent).toEqual({ hours: 168 });
  });

  it('offers to change an active environment through its template, lists its versions, and approves the change that waits', async () => {
    const { details } = checkoutApiDetails();
    const approvals: unknown[] = [];
    const diff = {
      resources: { added: [], removed: [], changed: ['var.image'] },
      services: { added: ['redis'], removed: [], kept: ['postgres'] },
      sizes: [{ path: 'database.sizeClass', from: 'small', to: 'medium' }],
      cost: {
        fromLowUsd: 100,
        fromHighUsd: 120,
        toLowUsd: 150,
        toHighUsd: 180,
      },
      policies: [],
    };
    const { client } = mockIntentBackend({
      [route]: () => ({
        body: {
          ...details,
          status: 'active',
          revision: 2,
          pendingRevision: 3,
        },
      }),
      [`${route}/revisions`]: () => ({
        body: {
          environmentId: details.id,
          items: [
            {
              revision: 3,
              status: 'awaiting-approval',
              requester: 'user:default/lars',
              createdAt: '2026-11-24T10:00:00.000Z',
              intentSha256: 'c',
              bundleSha256: 'c',
              monthlyCostLowUsd: 150,
              monthlyCostHighUsd: 180,
              policies: { passed: true, violations: 0, warnings: 0 },
              diff,
            },
            {
              revision: 2,
              status: 'applied',
              requester: 'user:default/ada.okafor',
              approvedBy: 'user:default/greta',
              createdAt: '2026-11-23T10:00:00.000Z',
              intentSha256: 'b',
              bundleSha256: 'b',
              monthlyCostLowUsd: 100,
              monthlyCostHighUsd: 120,
              policies: { passed: true, violations: 0, warnings: 0 },
              diff: {
                ...diff,
                services: { added: [], removed: [], kept: ['postgres'] },
              },
            },
            {
              revision: 1,
              status: 'applied',
              requester: 'user:default/ada.okafor',
              createdAt: '2026-11-22T10:00:00.000Z',
              intentSha256: 'a',
              bundleSha256: 'a',
              monthlyCostLowUsd: 90,
              monthlyCostHighUsd: 110,
              policies: { passed: true, violations: 0, warnings: 0 },
            },
          ],
        },
      }),
      [`POST ${route}/approve`]: (_url, init) => {
        approvals.push(JSON.parse(String(init?.body)));
        return { body: { ...details, status: 'active', revision: 3 } };
      },
    });
    await renderEnvironmentsPage({
      path,
      client,
      tasks: {
        'task-1234': {
          id: 'task-1234',
          spec: {
            templateInfo: {
              entityRef: 'template:default/web-service-environment',
            },
            parameters: { name: 'checkout-api', expectedUsers: 10000 },
          },
        },
      },
    });
    // The whole page renders first (its plan tables are large): slow on a busy machine.
    const change = await screen.findByRole(
      'link',
      { name: 'Change this environment' },
      { timeout: 15_000 },
    );
    const href = new URL(change.getAttribute('href')!, 'http://portal');
    expect(href.pathname).toBe(
      '/create/templates/default/web-service-environment',
    );
    expect(JSON.parse(href.searchParams.get('formData')!)).toEqual({
      name: 'checkout-api',
      expectedUsers: 10000,
      change: true,
    });

    const versions = await screen.findByRole('table', { name: 'Versions' });
    const rows = within(versions).getAllByRole('row').slice(1);
    expect(
      rows.map(r => (r as HTMLTableRowElement).cells[1].textContent),
    ).toEqual(['awaiting approval', 'liveapproved by greta', 'applied']);
    expect(
      within(
        within(versions).getByRole('list', { name: 'What version 3 changed' }),
      )
        .getAllByRole('listitem')
        .map(l => l.textContent),
    ).toEqual([
      'Services added: redis',
      'Kept in place with their data: postgres',
      'database.sizeClass: small → medium',
      'Cost per month: $100.00–$120.00 → $150.00–$180.00',
      'Resources changed (1): var.image',
    ]);
    expect(rows[2]).toHaveTextContent('registered');

    expect(
      screen.getByText(
        /Version 3 waits for approval by someone other than its requester/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Approve',
      }),
    );
    expect(
      await screen.findByText('Approved: version 3 is live.'),
    ).toBeInTheDocument();
    // The version the approver reviewed: refused by the backend if another one waits by then.
    expect(approvals).toEqual([{ revision: 3 }]);
  });

  it('says how to change an environment its template cannot be found for', async () => {
    const { details } = checkoutApiDetails();
    const { client } = mockIntentBackend({
      [route]: () => ({ body: { ...details, status: 'active' } }),
    });
    await renderEnvironmentsPage({ path, client, tasks: {} });
    expect(
      await screen.findByText(
        /Its template's task \(task-1234\) could not be read: task task-1234 not found/,
        {},
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Change this environment' }),
    ).toBeNull();
  });

  it('offers no extension for an environment that does not expire', async () => {
    const { details } = checkoutApiDetails();
    const { client } = mockIntentBackend({
      [route]: () => ({ body: { ...details, expiresAt: undefined } }),
    });
    await renderEnvironmentsPage({ path, client });
    expect(
      await screen.findByRole('button', { name: 'End now' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Extend' })).toBeNull();
  });
});
