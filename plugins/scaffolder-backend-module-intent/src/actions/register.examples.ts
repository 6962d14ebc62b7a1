import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

const intent = {
  apiVersion: 'cairn.dev/v1alpha1',
  kind: 'EnvironmentIntent',
  metadata: {
    name: 'storefront-pr-42',
    owner: 'group:default/storefront',
    costCentre: 'CC-4720',
  },
  spec: {
    environment: 'preview',
    workload: { type: 'web-service' },
    target: { provider: 'gcp', region: 'europe-west1' },
    sizing: { level: 'explicit', compute: { size: 'small', count: 1 } },
    constraints: { ttlHours: 48 },
  },
};

const plan = (planned: typeof intent) => ({
  id: 'plan',
  action: 'cairn:intent:plan',
  name: 'Plan the environment',
  input: { intent: planned },
});
const secondIntent = {
  ...intent,
  metadata: { ...intent.metadata, name: 'storefront-pr-43' },
};

export const examples: TemplateExample[] = [
  {
    description:
      "Plan, then register the environment with the plan's time and bundle hash (the registry plans again and must get the same bundle)",
    example: stringify({
      steps: [
        plan(intent),
        {
          id: 'register',
          action: 'cairn:environment:register',
          name: 'Register the environment',
          input: {
            intent,
            plannedAt: '${{ steps.plan.output.plannedAt }}',
            bundleSha256: '${{ steps.plan.output.bundleSha256 }}',
            system: 'system:default/storefront',
          },
        },
      ],
    }),
  },
  {
    description:
      'Register with the link of the pull request that carries the bundle for review (the Git-provider variant)',
    example: stringify({
      steps: [
        plan(secondIntent),
        {
          id: 'register',
          action: 'cairn:environment:register',
          name: 'Register the environment',
          input: {
            intent: secondIntent,
            plannedAt: '${{ steps.plan.output.plannedAt }}',
            bundleSha256: '${{ steps.plan.output.bundleSha256 }}',
            reviewUrl: 'https://github.com/northwind/infrastructure/pull/42',
          },
        },
      ],
    }),
  },
];
