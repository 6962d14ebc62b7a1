import { buildIntent, fieldForPath } from './buildIntent';

describe('buildIntent', () => {
  it('renders expressions as the scaffolder does, keeping the types of single expressions', () => {
    const { intent, fieldsByPath } = buildIntent(
      {
        metadata: {
          name: '${{ parameters.name }}',
          description: 'Preview of ${{ parameters.name }}',
          costCentre: '${{ parameters.costCentre }}',
        },
        spec: {
          environment: 'preview',
          services: "${{ ['postgres'] if parameters.database else [] }}",
          sizing: {
            availability:
              "${{ 99.9 if parameters.environment == 'prod' else 99 }}",
            expectedUsers: '${{ parameters.users }}',
          },
        },
      },
      {
        name: 'checkout-pr-7',
        costCentre: '',
        database: true,
        environment: 'prod',
        users: 1500,
      },
    );
    expect(intent).toEqual({
      metadata: {
        name: 'checkout-pr-7',
        description: 'Preview of checkout-pr-7',
      },
      spec: {
        environment: 'preview',
        services: ['postgres'],
        sizing: { availability: 99.9, expectedUsers: 1500 },
      },
    });
    expect(fieldForPath('metadata.costCentre', fieldsByPath)).toBe(
      'costCentre',
    );
    expect(fieldForPath('spec.services[0]', fieldsByPath)).toBe('database');
    expect(fieldForPath('spec.target', fieldsByPath)).toBeUndefined();
  });

  it('leaves out what the form has not filled', () => {
    const { intent } = buildIntent(
      {
        spec: {
          services: "${{ ['postgres'] if parameters.database else [] }}",
          constraints: { monthlyBudgetUsd: '${{ parameters.budget }}' },
        },
      },
      {},
    );
    expect(intent).toEqual({ spec: { services: [], constraints: {} } });
  });

  it('names the missing option when a template forgot it', () => {
    expect(() => buildIntent(undefined, {})).toThrow(/ui:options\.intent/);
  });
});
