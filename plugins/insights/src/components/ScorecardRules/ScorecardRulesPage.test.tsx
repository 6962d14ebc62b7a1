import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ScorecardDefinitionsResponse } from '@cairn/plugin-insights-common';
import { insightsApiRef } from '../../api';
import {
  errorReply,
  mockInsightsBackend,
  never,
} from '../../__testUtils__/mockInsightsBackend';
import { ScorecardRulesPage } from './ScorecardRulesPage';

const definitions: ScorecardDefinitionsResponse = {
  scorecards: [
    {
      name: 'production-readiness',
      title: 'Production readiness',
      description: 'Before customers depend on it.',
      appliesTo: { kinds: ['Component'] },
      levels: ['bronze', 'silver'],
      checks: [
        {
          id: 'runbook',
          title: 'Has a runbook',
          level: 'bronze',
          expression: 'entity.links.exists(l, l == "Runbook")',
          external: false,
          maxAgeDays: null,
          warn: null,
          fix: null,
          stages: null,
          targets: null,
          appliesTo: null,
          deadline: null,
          states: { pass: 9, fail: 3, 'not-applicable': 2 },
        },
        {
          id: 'lead-time',
          title: 'Lead time',
          level: 'silver',
          expression: 'dora.leadTimeP50Seconds <= target',
          external: false,
          maxAgeDays: null,
          warn: null,
          fix: null,
          stages: null,
          targets: { '10-100': 172800, '100plus': 86400 },
          appliesTo: null,
          deadline: '2027-03-31',
          states: {},
        },
        {
          id: 'no-critical-vulnerabilities',
          title: 'No critical vulnerabilities',
          level: 'silver',
          expression: null,
          external: true,
          maxAgeDays: 7,
          warn: null,
          fix: null,
          stages: null,
          targets: null,
          appliesTo: null,
          deadline: null,
          states: { fail: 1, pass: 1 },
        },
      ],
    },
  ],
  sources: [
    {
      source: 'https://github.com/acme/rules/blob/main/scorecards.yaml',
      version: '0123456789ab',
      loadedAt: '2026-12-01T10:00:00.000Z',
      refused: {
        version: 'ba9876543210',
        at: '2026-12-02T10:00:00.000Z',
        problems: [{ line: 12, message: 'spec.checks[0].level: is required' }],
      },
    },
  ],
  stages: [
    { id: '0-1', label: '0→1' },
    { id: '1-10', label: '1→10' },
    { id: '10-100', label: '10→100' },
    { id: '100plus', label: '100+' },
  ],
};

const render = (routes: Parameters<typeof mockInsightsBackend>[0]) => {
  const { client, requests } = mockInsightsBackend(routes);
  renderInTestApp(<ScorecardRulesPage />, { apis: [[insightsApiRef, client]] });
  return requests;
};

describe('ScorecardRulesPage', () => {
  it('shows progress while the definitions load', async () => {
    render({ '/v1/scorecards': () => ({ body: definitions, delay: never() }) });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    render({
      '/v1/scorecards': () =>
        errorReply(403, 'NotAllowedError', 'insights.scorecards.read denied'),
    });
    expect(
      (await screen.findAllByText(/insights.scorecards.read denied/))[0],
    ).toBeInTheDocument();
  });

  it('shows the rule files with a refusal, each check’s CEL, stages and pass rate', async () => {
    render({ '/v1/scorecards': () => ({ body: definitions }) });
    expect(
      await screen.findByText(/Version ba9876543210 was refused/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Line 12: spec.checks\[0\].level: is required/),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Checks of Production readiness',
    });
    const rows = within(table).getAllByRole('row');
    // 9 of 12 judged pass; not-applicable left out.
    expect(rows[1]).toHaveTextContent(/Has a runbook.*75%/);
    expect(rows[2]).toHaveTextContent(/10→100, 100\+due 2027-03-31/);
    expect(rows[2]).toHaveTextContent(/not evaluated yet/);
    expect(rows[3]).toHaveTextContent(
      /Pushed by a tool.*stale after 7 days.*50%/,
    );
  });

  it('says when no rule file is configured', async () => {
    render({
      '/v1/scorecards': () => ({
        body: { ...definitions, scorecards: [], sources: [] },
      }),
    });
    expect(
      await screen.findByText(/No rule file is configured/),
    ).toBeInTheDocument();
  });

  it('dry-runs a draft: the problems by line, or what each check would give', async () => {
    let reply: 'problems' | 'ok' = 'problems';
    const requests = render({
      '/v1/scorecards': () => ({ body: definitions }),
      'POST /v1/scorecards/dry-run': () =>
        reply === 'problems'
          ? {
              status: 400,
              body: {
                error: { name: 'InputError', message: 'rules: refused' },
                response: { statusCode: 400 },
                problems: [{ line: 3, message: "kind: must be 'Scorecard'" }],
              },
            }
          : {
              body: {
                entities: 14,
                scorecards: [
                  {
                    name: 'draft',
                    title: 'Draft',
                    evaluated: 12,
                    levels: { none: 2, bronze: 10 },
                    checks: [
                      {
                        id: 'runbook',
                        title: 'Has a runbook',
                        states: { pass: 10, fail: 2 },
                        examples: { fail: ['component:default/x'] },
                      },
                    ],
                  },
                ],
              },
            },
    });
    const editor = await screen.findByLabelText('Draft rule file');
    await userEvent.type(editor, 'kind: Nope');
    await userEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    const problems = await screen.findByRole('list', {
      name: 'Problems of the draft',
    });
    expect(
      within(problems).getByText("Line 3: kind: must be 'Scorecard'"),
    ).toBeVisible();
    reply = 'ok';
    await userEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    expect(
      await screen.findByText(
        /Draft: 12 of 14 entities evaluated; 2 at none, 10 at bronze/,
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Dry run of Draft' });
    expect(within(table).getByText('10 pass, 2 fail')).toBeVisible();
    expect(within(table).getByText('component:default/x')).toBeVisible();
    const posted = requests.filter(r => r.pathname.endsWith('/dry-run'));
    expect(posted).toHaveLength(2);
  });
});
