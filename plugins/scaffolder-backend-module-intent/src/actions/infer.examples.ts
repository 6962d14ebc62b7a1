import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Fetch a repository into the workspace and propose an intent from what it declares (Dockerfile, dependencies, compose, Terraform, Kubernetes manifests)',
    example: stringify({
      steps: [
        {
          id: 'fetch',
          action: 'fetch:plain',
          name: 'Fetch the repository',
          input: { url: '${{ parameters.repoUrl }}', targetPath: 'source' },
        },
        {
          id: 'infer',
          action: 'cairn:intent:infer',
          name: 'Infer the intent',
          input: { sourcePath: 'source' },
        },
      ],
    }),
  },
];
