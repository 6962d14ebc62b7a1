import {
  evaluateIntent,
  IntentEvaluation,
  IntentIssue,
  PlatformConfig,
  PolicyResult,
  validateIntent,
} from '@cairn/plugin-intent-common';
import { buildIntent, fieldForPath } from './buildIntent';

/** An issue of the intent, named by the form field that causes it when there is one. */
export interface PreviewIssue extends IntentIssue {
  field?: string;
  /** The field's label in the form ("Region"), when the form's labels are known. */
  label?: string;
}

export type IntentPreview =
  | { status: 'invalid'; issues: PreviewIssue[] }
  | {
      status: 'denied' | 'warning' | 'valid';
      evaluation: IntentEvaluation;
      /** Deny violations and policy errors: what blocks the request. */
      blocking: PolicyResult[];
    };

/**
 * Plans the form's intent in the browser, as `cairn:intent:plan` will in the scaffolder: build it
 * from the form, validate it (every issue named by its form field), plan, price and check the
 * policies with the platform's configuration.
 */
export function previewIntent(options: {
  template: unknown;
  formData: Record<string, unknown>;
  config: PlatformConfig;
  requester?: string;
  now: Date;
  /** The form's labels by field name: issues and guardrail messages then speak of "Region", not spec.target.region. */
  labels?: Record<string, string>;
}): IntentPreview {
  const labels = options.labels ?? {};
  let built;
  try {
    built = buildIntent(options.template, options.formData);
  } catch (error) {
    // A template mistake (no ui:options.intent, an expression that does not render): say so.
    return {
      status: 'invalid',
      issues: [
        {
          path: '',
          message: `the template's preview cannot build the intent: ${
            (error as Error).message
          }`,
        },
      ],
    };
  }
  const { intent, fieldsByPath } = built;
  const validation = validateIntent(intent);
  if (!validation.valid) {
    return {
      status: 'invalid',
      issues: validation.issues.map(issue => {
        const field = fieldForPath(issue.path, fieldsByPath);
        const label = field ? labels[field] : undefined;
        return { ...issue, field, ...(label ? { label } : {}) };
      }),
    };
  }
  let evaluation: IntentEvaluation;
  try {
    evaluation = evaluateIntent(validation.intent, options.config, {
      requester: options.requester,
      now: options.now,
    });
  } catch (error) {
    // The planner refuses some valid intents (e.g. a combination it cannot render): show why.
    return {
      status: 'invalid',
      issues: [{ path: '', message: (error as Error).message }],
    };
  }
  // A guardrail's message names intent paths ("set spec.target.region to one of ..."): where a form
  // field fills that path, it names the field as the form labels it ("set Region to one of ...").
  const labelled = Object.entries(fieldsByPath)
    .filter(([, field]) => labels[field])
    .sort(([a], [b]) => b.length - a.length);
  const inFormWords = (r: PolicyResult): PolicyResult =>
    r.message && labelled.length > 0
      ? {
          ...r,
          message: labelled.reduce(
            (text, [path, field]) => text.split(path).join(labels[field]),
            r.message,
          ),
        }
      : r;
  const report = evaluation.policies;
  const policies = {
    ...report,
    results: report.results.map(inFormWords),
    violations: report.violations.map(inFormWords),
    warnings: report.warnings.map(inFormWords),
    errors: report.errors.map(inFormWords),
  };
  evaluation = { ...evaluation, policies };
  const blocking = [...policies.violations, ...policies.errors];
  let status: 'denied' | 'warning' | 'valid' = 'valid';
  if (!policies.passed) status = 'denied';
  else if (policies.warnings.length > 0) status = 'warning';
  return { status, evaluation, blocking };
}

/** One sentence per issue or blocking policy, for the form's error list. */
export function describeProblems(preview: IntentPreview): string[] {
  if (preview.status === 'invalid') {
    return preview.issues.map(i => {
      let where = i.path || 'The intent';
      if (i.label) where = i.label;
      else if (i.field) where = `${i.field} (${i.path})`;
      return `${where}: ${i.message}`;
    });
  }
  return preview.blocking.map(
    r =>
      `Blocked by policy ${r.policyId}: ${r.message ?? r.description}${
        r.status === 'error' ? ' (the policy could not be evaluated)' : ''
      }`,
  );
}
