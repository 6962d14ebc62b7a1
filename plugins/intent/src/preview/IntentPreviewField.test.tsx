import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import {
  describeDiff,
  diffPlans,
  evaluateIntent,
} from '@cairn/plugin-intent-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { intentApiRef } from '../api';
import {
  errorReply,
  mockIntentBackend,
  never,
} from '../__testUtils__/mockIntentBackend';
import { platformResponse } from '../__testUtils__/platform';
import {
  firstSteps,
  loadTemplate,
  loadWebServiceTemplate,
} from '../__testUtils__/webServiceTemplate';
import { IntentPreviewField } from './IntentPreviewField';
import { INTENT_PREVIEW_FIELD } from './fieldSchema';
import { validateIntentPreview } from './validateIntentPreview';

const template = loadWebServiceTemplate();
// The last step of the real template: outcomes and the preview field.
const outcomeStep = template.parameters[2];

const ownerOk = () => ({ body: { owner: 'group:default/checkout' } });

async function renderForm(
  initialState: Record<string, any>,
  platform: () => any = () => ({ body: platformResponse }),
  step: { title: string; properties: Record<string, any> } = outcomeStep,
  check: (url: URL, init?: RequestInit) => any = ownerOk,
) {
  const { client, requests } = mockIntentBackend({
    '/v1/platform': platform,
    'POST /v1/requests/check': check,
  });
  const onCreate = jest.fn(async () => {});
  await renderInTestApp(
    <Stepper
      manifest={{
        title: 'Environment for a web service',
        steps: [{ title: step.title, schema: step }],
      }}
      extensions={[
        {
          name: INTENT_PREVIEW_FIELD,
          component: IntentPreviewField as any,
          validation: validateIntentPreview as any,
        },
      ]}
      initialState={initialState}
      onCreate={onCreate}
    />,
    {
      apis: [
        [intentApiRef, client],
        [
          identityApiRef,
          mockApis.identity({ userEntityRef: 'user:default/ada.okafor' }),
        ],
      ],
    },
  );
  return { requests, onCreate };
}

const intentFor = (budget?: number) => ({
  apiVersion: 'cairn.dev/v1alpha1',
  kind: 'EnvironmentIntent',
  metadata: {
    name: 'checkout-api',
    owner: 'group:default/checkout',
    costCentre: 'CC-4711',
  },
  spec: {
    environment: 'dev',
    workload: { type: 'web-service' },
    services: ['postgres'],
    target: { provider: 'aws', region: 'eu-west-1' },
    sizing: {
      level: 'outcome',
      expectedUsers: 1000,
      growth: 'stable',
      availability: 99,
      p95LatencyMs: 400,
    },
    constraints: { dataResidency: 'eu', monthlyBudgetUsd: budget },
  },
});

const preview = () => screen.getByRole('region', { name: 'Plan preview' });

describe('IntentPreviewField in the web-service template', () => {
  it('shows the plan of a valid intent and lets the form continue', async () => {
    const { requests } = await renderForm(firstSteps);
    // The engine's own answer for the intent the form builds is the oracle.
    const expected = evaluateIntent(intentFor(), platformResponse.config, {
      now: new Date(),
      requester: 'user:default/ada.okafor',
    });
    const cost = await within(preview()).findByRole('table', {
      name: 'Monthly cost by load',
    });
    const rows = within(cost).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent('1×');
    expect(rows[2]).toHaveTextContent('10×');
    expect(rows[3]).toHaveTextContent('100×');
    const high = expected.cost.totalHighUsd.toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    expect(rows[1]).toHaveTextContent(`$${high}`);
    const sizing = within(preview()).getByRole('table', {
      name: 'Sizing and why',
    });
    const instances = within(sizing)
      .getByText('compute.maxInstances')
      .closest('tr')!;
    const explanation = expected.plan.explanations.find(
      e => e.path === 'compute.maxInstances',
    )!;
    expect(instances).toHaveTextContent(explanation.rule);
    expect(
      within(preview()).getByText(/The guardrails pass/),
    ).toBeInTheDocument();
    // The platform configuration is fetched once, not on every keystroke.
    expect(
      requests.filter(r => r.url.pathname.endsWith('/platform')),
    ).toHaveLength(1);
    // The owner is checked in the catalog by the backend, as registration will.
    expect(
      await within(preview()).findByText(
        'Owner checked in the catalog: group:default/checkout.',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    // The review step lists the answers; the preview field is hidden there.
    expect(
      await screen.findByRole('button', { name: 'Create' }),
    ).toBeInTheDocument();
  });

  it("shows and blocks on the catalog's refusal of the owner", async () => {
    await renderForm(firstSteps, undefined, undefined, () =>
      errorReply(
        403,
        'NotAllowedError',
        'metadata.owner: user:default/ada.okafor is not a member of group:default/checkout',
      ),
    );
    expect(
      await within(preview()).findByText('Owner or approver refused'),
    ).toBeInTheDocument();
    expect(
      within(preview()).getByText(
        /user:default\/ada.okafor is not a member of group:default\/checkout/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      (
        await screen.findAllByText(
          /Owner or approver: .*is not a member of group:default\/checkout/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();
  });

  it('shows what a change does to the live environment, and blocks a new one of a live name unless the change is ticked', async () => {
    // The live version had 100,000 users; the form asks for 1,000. The engine's diff is the oracle.
    const side = (intent: any) => {
      const e = evaluateIntent(intent, platformResponse.config, {
        now: new Date(),
        requester: 'user:default/ada.okafor',
      });
      return {
        intent: e.intent,
        plan: e.plan,
        cost: e.cost,
        policyReport: e.policies,
      };
    };
    const live = intentFor();
    live.spec.sizing.expectedUsers = 100000;
    const diff = diffPlans(side(live), side(intentFor()));
    const check = (_url: URL, init?: RequestInit) =>
      JSON.parse(String(init!.body)).change
        ? {
            body: {
              owner: 'group:default/checkout',
              change: { environmentId: 'env-1', revision: 2, diff },
            },
          }
        : ownerOk();

    const { onCreate } = await renderForm(
      { ...firstSteps, change: true },
      undefined,
      undefined,
      check,
    );
    expect(
      await within(preview()).findByText(
        'Changes the live dev environment checkout-api (version 2)',
      ),
    ).toBeInTheDocument();
    const lines = within(
      within(preview()).getByRole('list', { name: 'What the change does' }),
    ).getAllByRole('listitem');
    expect(lines.map(l => l.textContent)).toEqual(
      describeDiff(diff)
        .split('\n')
        .map(l => l.replace(/^- /, '').replace(/`/g, '')),
    );
    expect(lines.map(l => l.textContent)).toContainEqual(
      expect.stringMatching(/^Cost per month: \$[\d,.–$]+ → \$/),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    expect(onCreate).toHaveBeenCalled();
  });

  it('blocks a new environment under the name of a live one unless the change option is ticked', async () => {
    const check = () => ({
      body: {
        owner: 'group:default/checkout',
        change: {
          environmentId: 'env-1',
          revision: 1,
          diff: {
            resources: { added: [], removed: [], changed: [] },
            services: { added: [], removed: [], kept: ['postgres'] },
            sizes: [],
            cost: { fromLowUsd: 1, fromHighUsd: 1, toLowUsd: 1, toHighUsd: 1 },
            policies: [],
          },
        },
      },
    });
    await renderForm(firstSteps, undefined, undefined, check);
    await within(preview()).findByRole('table', {
      name: 'Monthly cost by load',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      (
        await screen.findAllByText(
          /a live dev environment named checkout-api exists; choose another name, or tick "Change the live environment of this name"/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();
  });

  it('changes the plan live when the expected users change', async () => {
    await renderForm(firstSteps);
    const cost = await within(preview()).findByRole('table', {
      name: 'Monthly cost by load',
    });
    const before = within(cost).getAllByRole('row')[1].textContent;
    const users = screen.getByLabelText(/Expected users/);
    fireEvent.change(users, { target: { value: '200000' } });
    await waitFor(() =>
      expect(
        within(
          within(preview()).getByRole('table', {
            name: 'Monthly cost by load',
          }),
        ).getAllByRole('row')[1].textContent,
      ).not.toBe(before),
    );
  });

  it('names the form fields of an invalid intent and blocks the form', async () => {
    const { onCreate } = await renderForm({
      ...firstSteps,
      name: undefined,
      costCentre: 'no spaces allowed',
    });
    const needs = await within(preview()).findByRole('list', {
      name: 'What the plan still needs',
    });
    expect(needs).toHaveTextContent('name (metadata.name): is required');
    expect(needs).toHaveTextContent(
      'costCentre (metadata.costCentre): must be',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findAllByText(/name \(metadata\.name\): is required/),
    ).not.toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();
    expect(onCreate).not.toHaveBeenCalled();
  });

  it('explains a denial and blocks the form until it is fixed', async () => {
    await renderForm({ ...firstSteps, region: 'us-east-1' });
    const blocking = await within(preview()).findByRole('list', {
      name: 'Blocking policies',
    });
    expect(blocking).toHaveTextContent('gdpr-eu-regions');
    expect(blocking).toHaveTextContent(
      /requires EU regions, but the plan uses .*us-east-1.*: set spec\.target\.region to one of/,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findAllByText(/Blocked by policy gdpr-eu-regions/),
    ).not.toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();
  });

  it('denies a preview with a database on AWS by its cost, in the preview template', async () => {
    const previewStep = loadTemplate('preview-environment.yaml').parameters[0];
    await renderForm(
      {
        name: 'checkout-pr-7',
        owner: 'group:default/checkout',
        costCentre: 'CC-4711',
        ttlHours: 24,
        database: true,
        provider: 'aws',
        region: 'eu-west-1',
      },
      undefined,
      previewStep,
    );
    const blocking = await screen.findByRole('list', {
      name: 'Blocking policies',
    });
    expect(blocking).toHaveTextContent(/cost-limit: .* preview limit of \$150/);
  });

  it('shows warnings without blocking', async () => {
    const { cost } = evaluateIntent(intentFor(), platformResponse.config, {
      now: new Date(),
    });
    expect(cost.totalLowUsd).toBeLessThan(cost.totalHighUsd);
    // A budget between the expected and the peak cost: allowed, with the headroom warning.
    const budget = Math.round((cost.totalLowUsd + cost.totalHighUsd) / 2);
    await renderForm({ ...firstSteps, monthlyBudgetUsd: budget });
    const warnings = await within(preview()).findByRole('list', {
      name: 'Policy warnings',
    });
    expect(warnings).toHaveTextContent('budget-headroom');
    expect(
      within(preview()).queryByRole('list', { name: 'Blocking policies' }),
    ).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findByRole('button', { name: 'Create' }),
    ).toBeInTheDocument();
  });

  it('says it is loading the platform configuration', async () => {
    await renderForm(firstSteps, () => ({
      body: platformResponse,
      delay: never(),
    }));
    expect(
      await screen.findByText(/Loading the platform's policies/),
    ).toBeInTheDocument();
  });

  it('explains a failure to load the platform configuration', async () => {
    await renderForm(firstSteps, () =>
      errorReply(503, 'ServiceUnavailableError', 'intent backend is down'),
    );
    expect(
      await screen.findByText(
        /Could not load the platform's policies, sizes and prices/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/intent backend is down/)).toBeInTheDocument();
  });
});
