import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { IntentClient } from '@cairn/plugin-intent-common';
import { parse } from 'yaml';
import { createApproveAction } from './actions/approve';
import { createInferAction } from './actions/infer';
import { createPlanAction } from './actions/plan';
import { createProvisionAction } from './actions/provision';
import { createRegisterAction } from './actions/register';

/*
 * The templates this module ships (templates/) against the actions' real schemas: every step's action
 * exists, every parameter a step uses is in the form, every step output used is one the action declares
 * and comes from an earlier step. The end-to-end test runs the templates themselves in the portal.
 */
const root = resolve(__dirname, '../templates');
const files = [
  ...readdirSync(root)
    .filter(f => f.endsWith('.yaml') && f !== 'all.yaml')
    .map(f => join(root, f)),
  ...readdirSync(join(root, 'variants')).map(f => join(root, 'variants', f)),
];

const options = {
  client: new IntentClient({ discoveryApi: { getBaseUrl: async () => '' } }),
  auth: mockServices.auth(),
};
const actions = Object.fromEntries(
  [
    createInferAction(),
    createPlanAction(options),
    createRegisterAction(options),
    createApproveAction(options),
    createProvisionAction(options),
  ].map(a => [a.id, a]),
);
// Actions of other modules that the Git-provider variant uses, with the outputs it reads.
const otherActions: Record<string, string[]> = {
  'publish:github:pull-request': ['remoteUrl', 'pullRequestNumber'],
  'fetch:plain': [],
};

function expressions(value: unknown): string[] {
  if (typeof value === 'string') {
    return [...value.matchAll(/\$\{\{(.*?)\}\}/g)].map(m => m[1]);
  }
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(expressions);
  }
  return [];
}

/** The outputs an action declares (ours from their schemas). */
function declaredOutputs(action: string | undefined): string[] {
  if (!action) return [];
  if (action in actions) {
    return Object.keys((actions[action].schema?.output as any).properties);
  }
  return otherActions[action] ?? [];
}

describe.each(files.map(f => [f.slice(root.length + 1), f]))(
  'template %s',
  (_name, file) => {
    const template = parse(readFileSync(file, 'utf8'));
    const parameters = new Set<string>(
      template.spec.parameters.flatMap((page: any) =>
        Object.keys(page.properties ?? {}),
      ),
    );
    const steps = template.spec.steps as Array<{
      id: string;
      action: string;
      input: unknown;
    }>;

    it('uses only actions that exist, and intent actions for planning and registering', () => {
      for (const step of steps) {
        expect([
          step.action,
          step.action in actions || step.action in otherActions,
        ]).toEqual([step.action, true]);
      }
      expect(steps.map(s => s.action)).toEqual(
        expect.arrayContaining(
          template.metadata.name === 'approve-production-environment'
            ? ['cairn:environment:approve']
            : ['cairn:intent:plan', 'cairn:environment:register'],
        ),
      );
    });

    it('provisions previews always and dev environments only; production keeps the reviewed path', () => {
      const provision = steps.filter(
        s => s.action === 'cairn:environment:provision',
      ) as Array<{ if?: string; input: any }>;
      const kinds: string[] = template.spec.parameters.flatMap(
        (page: any) => page.properties?.environment?.enum ?? [],
      );
      const name: string = template.metadata.name;
      let expected: Array<string | undefined> = [];
      if (name === 'preview-environment') expected = [undefined];
      else if (kinds.includes('dev') && !name.endsWith('pull-request')) {
        expected = ["${{ parameters.environment == 'dev' }}"];
      }
      expect(provision.map(p => p.if)).toEqual(expected);
      expect(provision.map(p => p.input)).toEqual(
        provision.map(() => ({
          environmentId: '${{ steps.register.output.environmentId }}',
        })),
      );
    });

    it('uses only parameters of its form and outputs that earlier steps declare', () => {
      const problems: string[] = [];
      steps.forEach((step, index) => {
        const earlier = new Map(
          steps.slice(0, index).map(s => [s.id, s.action]),
        );
        for (const expression of expressions(step.input)) {
          for (const [, name] of expression.matchAll(/parameters\.(\w+)/g)) {
            if (!parameters.has(name))
              problems.push(`${step.id}: parameters.${name}`);
          }
          for (const [, id, key] of expression.matchAll(
            /steps\.([\w-]+)\.output\.(\w+)/g,
          )) {
            const declared = declaredOutputs(earlier.get(id));
            if (!declared.includes(key))
              problems.push(`${step.id}: steps.${id}.output.${key}`);
          }
        }
      });
      for (const expression of expressions(template.spec.output)) {
        for (const [, id, key] of expression.matchAll(
          /steps\.([\w-]+)\.output\.(\w+)/g,
        )) {
          const declared = declaredOutputs(
            steps.find(s => s.id === id)?.action,
          );
          if (!declared.includes(key))
            problems.push(`output: steps.${id}.output.${key}`);
        }
      }
      expect(problems).toEqual([]);
    });
  },
);
