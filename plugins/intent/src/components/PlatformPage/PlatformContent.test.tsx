import { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import {
  errorReply,
  mockIntentBackend,
  never,
} from '../../__testUtils__/mockIntentBackend';
import { platformResponse } from '../../__testUtils__/platform';
import { renderEnvironmentsPage } from '../../__testUtils__/renderPage';

const webService: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: {
    name: 'web-service-environment',
    namespace: 'default',
    title: 'Environment for a web service',
    description: 'A dev, staging or production environment',
    tags: ['cairn', 'environment'],
  },
  spec: {},
};

const path = '/environments/platform';

describe('the platform page', () => {
  it('shows progress while the platform configuration loads', async () => {
    const { client } = mockIntentBackend({
      '/v1/platform': () => ({ body: platformResponse, delay: never() }),
    });
    await renderEnvironmentsPage({ path, client, templates: [webService] });
    expect((await screen.findAllByRole('progressbar')).length).toBeGreaterThan(
      0,
    );
  });

  it('shows the backend error', async () => {
    const { client } = mockIntentBackend({
      '/v1/platform': () =>
        errorReply(
          503,
          'ServiceUnavailableError',
          'the intent backend is starting',
        ),
    });
    await renderEnvironmentsPage({ path, client, templates: [webService] });
    expect(
      await screen.findByText(/the intent backend is starting/),
    ).toBeInTheDocument();
    // The curated templates come from the catalog and still show.
    expect(
      await screen.findByRole('link', {
        name: 'Environment for a web service',
      }),
    ).toBeInTheDocument();
  });

  it('says what to register when there are no curated templates', async () => {
    const { client } = mockIntentBackend({
      '/v1/platform': () => ({ body: platformResponse }),
    });
    await renderEnvironmentsPage({ path, client, templates: [] });
    expect(
      await screen.findByText(/No curated templates in the catalog/),
    ).toBeInTheDocument();
  });

  it('lists the templates, every policy with its CEL and message, sizes, prices and assumptions', async () => {
    const { client } = mockIntentBackend({
      '/v1/platform': () => ({
        body: {
          ...platformResponse,
          overrides: {
            disabledPolicies: ['budget-headroom'],
            addedPolicies: [],
            changedParams: ['cost-limit'],
            changedComplianceProfiles: ['soc2'],
          },
        },
      }),
    });
    await renderEnvironmentsPage({ path, client, templates: [webService] });
    expect(
      await screen.findByRole('link', {
        name: 'Environment for a web service',
      }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/web-service-environment',
    );

    const { config } = platformResponse;
    expect(
      await screen.findByText(
        `Guardrails (${config.policyPack.policies.length})`,
      ),
    ).toBeInTheDocument();
    const region = config.policyPack.policies.find(
      p => p.id === 'gdpr-eu-regions',
    )!;
    const row = screen.getByText('gdpr-eu-regions').closest('tr')!;
    expect(within(row).getByText(region.expression)).toBeInTheDocument();
    expect(within(row).getByText(region.message)).toBeInTheDocument();
    expect(within(row).getByText('deny')).toBeInTheDocument();
    expect(
      screen.getByText(/Turned off in this portal: budget-headroom/),
    ).toBeInTheDocument();

    expect(
      screen.getByText("Replaced in this portal's configuration: soc2."),
    ).toBeInTheDocument();
    const profiles = screen.getByRole('table', { name: 'Compliance profiles' });
    const controlRows = within(profiles).getAllByRole('row').slice(1);
    expect(controlRows).toHaveLength(
      Object.values(config.complianceProfiles).reduce(
        (n, p) => n + p.controls.length,
        0,
      ),
    );
    const hipaaRetention = controlRows.find(
      r =>
        r.textContent!.includes('backup-retention') &&
        r.textContent!.includes('at least 30 days'),
    );
    expect(hipaaRetention).toBeDefined();
    expect(
      within(profiles).getByText(config.complianceProfiles.gdpr.description),
    ).toBeInTheDocument();

    const sizes = screen.getByRole('table', { name: 'Size classes' });
    expect(within(sizes).getAllByRole('row')).toHaveLength(5);
    expect(within(sizes).getByText('small').closest('tr')).toHaveTextContent(
      `${config.sizeCatalog.compute.small.vcpu} vCPU, ${config.sizeCatalog.compute.small.memoryGb} GB`,
    );

    expect(
      screen.getByText(new RegExp(`Price table ${config.priceTable.version}`)),
    ).toBeInTheDocument();
    const sources = screen.getByRole('table', { name: 'Price sources' });
    const distinct = new Set(config.priceTable.rows.map(r => r.source));
    expect(within(sources).getAllByRole('row')).toHaveLength(distinct.size + 1);
    expect(
      within(sources).getByRole('link', {
        name: /https:\/\/aws\.amazon\.com\/fargate\/pricing\//,
      }),
    ).toHaveAttribute('href', 'https://aws.amazon.com/fargate/pricing/');

    const assumptions = screen.getByRole('table', {
      name: 'Planning assumptions',
    });
    expect(
      within(assumptions).getByText('hoursPerMonth').closest('tr'),
    ).toHaveTextContent(String(config.assumptions.hoursPerMonth));
  });
});
