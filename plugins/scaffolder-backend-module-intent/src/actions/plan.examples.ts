import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

const devIntent = {
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
      expectedUsers: 500,
      growth: 'stable',
      availability: 99,
      p95LatencyMs: 500,
    },
  },
};

export const examples: TemplateExample[] = [
  {
    description:
      'Plan an outcome-based intent built from template parameters (here written out), writing the bundle, plan, cost, policy report and PLAN.md into the workspace root',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'cairn:intent:plan',
          name: 'Plan the environment',
          input: { intent: devIntent },
        },
      ],
    }),
  },
  {
    description:
      'Plan an intent given as YAML text, into a folder of the workspace (e.g. the path a pull request will add)',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'cairn:intent:plan',
          name: 'Plan the environment',
          input: {
            intent: stringify({
              ...devIntent,
              metadata: { ...devIntent.metadata, name: 'checkout-worker' },
              spec: {
                ...devIntent.spec,
                workload: { type: 'worker' },
                services: ['queue'],
                sizing: { level: 'directional', instances: 2, size: 'small' },
              },
            }),
            targetPath: 'environments/checkout-worker-dev',
          },
        },
      ],
    }),
  },
];
