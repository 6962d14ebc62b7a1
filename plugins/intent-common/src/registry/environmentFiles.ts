import { stringify } from 'yaml';
import { IntentEvaluation } from '../evaluateIntent';
import { RenderedBundle } from '../render/renderBundle';
import { renderPlanMarkdown } from '../renderPlanMarkdown';
import { sha256Hex } from './canonicalHash';

/** One file of an environment's outputs, as written to a workspace and kept in the registry. */
export type EnvironmentFile = {
  path: string;
  content: string;
  sha256: string;
  bytes: number;
};

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function file(path: string, content: string): EnvironmentFile {
  return {
    path,
    content,
    sha256: sha256Hex(content),
    bytes: new TextEncoder().encode(content).length,
  };
}

/**
 * Every file an evaluated intent produces, in one place so that the scaffolder's workspace and the
 * registry hold the same bytes: `intent.yaml`, `plan.json`, `cost.json`, `policy-report.json`, `PLAN.md`,
 * and, when the guardrails passed, the bundle (Terraform JSON, Kubernetes manifests) with
 * `bundle-manifest.json`.
 */
export function renderEnvironmentFiles(
  evaluation: IntentEvaluation,
  bundle?: RenderedBundle,
): EnvironmentFile[] {
  const files = [
    file('intent.yaml', stringify(evaluation.intent)),
    file('plan.json', json(evaluation.plan)),
    file('cost.json', json(evaluation.cost)),
    file('policy-report.json', json(evaluation.policies)),
    file('PLAN.md', renderPlanMarkdown(evaluation)),
  ];
  if (bundle) {
    files.push(
      ...bundle.files.map(f => file(f.path, f.content)),
      file('bundle-manifest.json', json(bundle.manifest)),
    );
  }
  return files;
}
