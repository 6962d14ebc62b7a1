import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Approve a production environment that waits for approval, as the task initiator (who must hold intent.environment.approve and must not be its requester), recording the merged pull request',
    example: stringify({
      steps: [
        {
          id: 'approve',
          action: 'cairn:environment:approve',
          name: 'Approve the environment',
          input: {
            environmentId: '${{ parameters.environmentId }}',
            reviewUrl: '${{ parameters.reviewUrl }}',
            comment: 'Plan and cost reviewed',
          },
        },
      ],
    }),
  },
];
