import {
  defaultPlatformConfig,
  evaluateIntent,
} from '@cairn/plugin-intent-common';
import { describeProblems, previewIntent } from './previewIntent';

const template = {
  apiVersion: 'cairn.dev/v1alpha1',
  kind: 'EnvironmentIntent',
  metadata: {
    name: '${{ parameters.name }}',
    owner: '${{ parameters.owner }}',
    costCentre: '${{ parameters.costCentre }}',
  },
  spec: {
    environment: 'dev',
    workload: { type: 'web-service' },
    services: '${{ parameters.services }}',
    target: {
      provider: '${{ parameters.provider }}',
      region: '${{ parameters.region }}',
    },
    sizing: {
      level: 'outcome',
      expectedUsers: '${{ parameters.expectedUsers }}',
      growth: 'stable',
      availability: 99,
      p95LatencyMs: 400,
    },
    constraints: { monthlyBudgetUsd: '${{ parameters.budget }}' },
  },
};

const form = {
  name: 'checkout-api',
  owner: 'group:default/checkout',
  costCentre: 'CC-4711',
  services: ['postgres'],
  provider: 'aws',
  region: 'eu-west-1',
  expectedUsers: 1000,
};
const now = new Date('2026-11-22T10:00:00Z');

describe('previewIntent', () => {
  it('plans a valid intent as the engine does', () => {
    const preview = previewIntent({
      template,
      formData: form,
      config: defaultPlatformConfig,
      now,
    });
    expect(preview.status).toBe('valid');
    if (preview.status === 'invalid') throw new Error('unreachable');
    const direct = evaluateIntent(
      preview.evaluation.intent,
      defaultPlatformConfig,
      { now },
    );
    expect(preview.evaluation.cost.totalHighUsd).toBe(direct.cost.totalHighUsd);
    expect(describeProblems(preview)).toEqual([]);
  });

  it('names the form fields of an invalid intent', () => {
    const preview = previewIntent({
      template,
      formData: { ...form, provider: 'ibm', expectedUsers: 0 },
      config: defaultPlatformConfig,
      now,
    });
    expect(preview.status).toBe('invalid');
    expect(describeProblems(preview)).toEqual([
      'provider (spec.target.provider): must be one of aws, gcp, azure',
      'expectedUsers (spec.sizing.expectedUsers): must be more than 0',
    ]);
  });

  it("speaks the form's words when it knows the form's labels", () => {
    const labels = {
      provider: 'Cloud',
      expectedUsers: 'Expected users',
      region: 'Region',
    };
    const invalid = previewIntent({
      template,
      formData: { ...form, provider: 'ibm', expectedUsers: 0 },
      config: defaultPlatformConfig,
      now,
      labels,
    });
    expect(describeProblems(invalid)).toEqual([
      'Cloud: must be one of aws, gcp, azure',
      'Expected users: must be more than 0',
    ]);
    // A guardrail's message names the field that fills the path it speaks of.
    const denied = previewIntent({
      template: {
        ...template,
        spec: {
          ...template.spec,
          constraints: { ...template.spec.constraints, dataResidency: 'eu' },
        },
      },
      formData: { ...form, region: 'us-east-1' },
      config: defaultPlatformConfig,
      now,
      labels,
    });
    expect(describeProblems(denied)).toEqual([
      expect.stringMatching(
        /^Blocked by policy gdpr-eu-regions: .*: set Region to one of \[eu-west-1, eu-central-1\]/,
      ),
    ]);
    expect(
      denied.status === 'denied' &&
        denied.evaluation.policies.violations[0].message,
    ).toContain('set Region to one of');
  });

  it('denies with the policy and what to change', () => {
    const preview = previewIntent({
      template,
      formData: { ...form, budget: 5 },
      config: defaultPlatformConfig,
      now,
    });
    expect(preview.status).toBe('denied');
    expect(describeProblems(preview)).toEqual([
      expect.stringMatching(
        /^Blocked by policy within-budget: The expected monthly cost \(at least \$[\d.]+\) exceeds the budget of \$5/,
      ),
    ]);
  });

  it('reports a template without the intent option instead of failing', () => {
    const preview = previewIntent({
      template: undefined,
      formData: form,
      config: defaultPlatformConfig,
      now,
    });
    expect(describeProblems(preview)).toEqual([
      expect.stringMatching(
        /^The intent: the template's preview cannot build the intent: .*ui:options\.intent/,
      ),
    ]);
  });
});

describe('the web-service template as shipped', () => {
  // The template's own YAML: its form defaults and the intent its preview and plan step build.
  const file = require('node:path').resolve(
    __dirname,
    '../../../scaffolder-backend-module-intent/templates/web-service-environment.yaml',
  );
  const shipped = require('yaml').parse(
    require('node:fs').readFileSync(file, 'utf8'),
  );
  const properties = Object.assign(
    {},
    ...shipped.spec.parameters.map((page: any) => page.properties ?? {}),
  );
  const defaults = Object.fromEntries(
    Object.entries(properties)
      .filter(([, p]: [string, any]) => p.default !== undefined)
      .map(([k, p]: [string, any]) => [k, p.default]),
  );

  it('plans a production request with the form left as it is, and the guardrails pass', () => {
    const preview = previewIntent({
      template: properties.plan['ui:options'].intent,
      formData: {
        ...defaults,
        name: 'checkout-api',
        owner: 'group:default/checkout',
        costCentre: 'CC-4711',
        environment: 'prod',
        approver: 'user:default/grace.hopper',
      },
      config: defaultPlatformConfig,
      requester: 'user:default/ada.okafor',
      now: new Date('2026-12-01T10:00:00Z'),
    });
    expect(describeProblems(preview)).toEqual([]);
    expect(preview.status).not.toBe('denied');
    // The availability the platform assumes for production, not the dev default.
    expect(properties.availability.default).toBeUndefined();
    const planned =
      preview.status === 'invalid' ? undefined : preview.evaluation;
    expect(JSON.stringify(planned?.plan)).toContain('99.9');
  });
});
