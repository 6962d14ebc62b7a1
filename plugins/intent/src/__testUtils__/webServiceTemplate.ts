import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * An example template as the catalog serves it (YAML anchors resolved), so that tests of the preview
 * field use the intent the template really builds.
 */
export function loadTemplate(file: string): {
  parameters: Array<{
    title: string;
    required?: string[];
    properties: Record<string, any>;
  }>;
  steps: Array<{ id: string; input: Record<string, any> }>;
} {
  const text = readFileSync(
    resolve(
      __dirname,
      `../../../scaffolder-backend-module-intent/templates/${file}`,
    ),
    'utf8',
  );
  return parse(text).spec;
}

/** What a developer typed in the first two steps. */
export const firstSteps = {
  name: 'checkout-api',
  owner: 'group:default/checkout',
  costCentre: 'CC-4711',
  environment: 'dev',
  provider: 'aws',
  region: 'eu-west-1',
  dataResidency: 'eu',
};

export const loadWebServiceTemplate = () =>
  loadTemplate('web-service-environment.yaml');
