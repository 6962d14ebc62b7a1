import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

const intent = {
  apiVersion: 'cairn.dev/v1alpha1',
  kind: 'EnvironmentIntent',
  metadata: {
    name: 'storefront-pr-51',
    owner: 'group:default/storefront',
    costCentre: 'CC-4720',
  },
  spec: {
    environment: 'preview',
    workload: { type: 'web-service' },
    services: ['postgres'],
    target: { provider: 'azure', region: 'westeurope' },
    sizing: { level: 'directional', instances: 1, size: 'small' },
    constraints: { ttlHours: 24 },
  },
};

export const examples: TemplateExample[] = [
  {
    description:
      'Plan, register, then provision the preview on the shared servers and wait until its database is healthy (the credentials stay in the intent backend; owners fetch them from the environment page)',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'cairn:intent:plan',
          name: 'Plan the environment',
          input: { intent },
        },
        {
          id: 'register',
          action: 'cairn:environment:register',
          name: 'Register the environment',
          input: {
            intent,
            plannedAt: '${{ steps.plan.output.plannedAt }}',
            bundleSha256: '${{ steps.plan.output.bundleSha256 }}',
          },
        },
        {
          id: 'provision',
          action: 'cairn:environment:provision',
          name: 'Provision the database',
          input: {
            environmentId: '${{ steps.register.output.environmentId }}',
            timeoutSeconds: 120,
          },
        },
      ],
    }),
  },
];
