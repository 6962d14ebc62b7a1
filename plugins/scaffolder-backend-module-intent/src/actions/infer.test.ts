import { cp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { IntentInference } from '@cairn/plugin-intent-common';
import { actionContext } from '../__testUtils__/intentTestBackend';
import { createInferAction } from './infer';

const example = resolve(
  __dirname,
  '../../../../examples/repositories/billing-terraform',
);

describe('cairn:intent:infer', () => {
  it('proposes the intent of the repository fetch:plain wrote into the workspace', async () => {
    const workspace = createMockDirectory();
    await cp(example, join(workspace.path, 'source'), { recursive: true });
    const { ctx, outputs } = actionContext({
      input: { sourcePath: 'source' },
      user: 'user:default/ada.okafor',
      workspacePath: workspace.path,
    });
    await createInferAction().handler(ctx);
    expect(outputs.workload).toEqual({ type: 'web-service', port: 8081 });
    expect(outputs.services).toEqual([
      'postgres',
      'redis',
      'queue',
      'objectStorage',
    ]);
    expect(outputs.target).toEqual({ provider: 'aws', region: 'eu-central-1' });
    expect(outputs.summary).toContain(
      '- Region: **eu-central-1** (high; infra/main.tf:11)',
    );
    const inference = outputs.inference as unknown as IntentInference;
    expect(inference.filesRead).toContain('infra/main.tf');
  });

  it('refuses a folder outside the workspace, naming the input', async () => {
    const { ctx } = actionContext({
      input: { sourcePath: '../../etc' },
      user: 'user:default/ada.okafor',
    });
    await expect(createInferAction().handler(ctx)).rejects.toThrow(
      /^sourcePath must be a folder inside the workspace/,
    );
  });
});
