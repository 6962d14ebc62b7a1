import { InputError } from '@backstage/errors';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Intent, intentSchema, sizingSchema } from './intentSchema';

/** One problem in an intent: where it is, what is wrong, and what would be accepted. */
export type IntentIssue = {
  /** Dotted field path, e.g. `spec.target.provider`; empty for the document itself. */
  path: string;
  message: string;
  /** The accepted values, when the field takes one of a fixed set. */
  allowed?: string[];
};

export type IntentValidation =
  | { valid: true; intent: Intent; issues: [] }
  | { valid: false; issues: IntentIssue[] };

const levelValues = sizingSchema.options.map(o => String(o.shape.level.value));

function formatPath(path: PropertyKey[]): string {
  return path
    .map((p, i) =>
      typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`,
    )
    .join('');
}

/** The value at a path of the document (zod does not report what it received). */
function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const EXPECTED: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'a map of fields',
  array: 'a list',
};

/** What was given, in the words of a form: `the text "10k"`, `400.5`, `a list`. */
function describeValue(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(
      value.length > 40 ? `${value.slice(0, 40)}…` : value,
    )}`;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a map of fields';
}

function toIssue(issue: z.core.$ZodIssue, root: unknown): IntentIssue {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case 'invalid_value': {
      const allowed = issue.values.map(v => String(v));
      return {
        path,
        message: `must be ${
          allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`
        }`,
        allowed,
      };
    }
    case 'invalid_union':
      // A discriminated union reports an unknown discriminator as a union issue.
      if (issue.discriminator) {
        const allowed =
          issue.discriminator === 'level'
            ? levelValues
            : ('options' in issue ? issue.options ?? [] : []).map(String);
        // zod already ends the path with the discriminator's key.
        return {
          path,
          message: `must be one of ${allowed.join(', ')}`,
          allowed,
        };
      }
      return { path, message: issue.message };
    case 'unrecognized_keys':
      return {
        path,
        message: `has unknown field(s) ${issue.keys.join(', ')}`,
      };
    case 'invalid_type': {
      const received = valueAt(root, issue.path);
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return {
        path,
        message:
          received === undefined
            ? `is required (${expected})`
            : `must be ${expected}, not ${describeValue(received)}`,
      };
    }
    case 'too_small':
      return {
        path,
        message: `must be ${
          issue.inclusive === false ? 'more than' : 'at least'
        } ${String(issue.minimum)}`,
      };
    case 'too_big':
      return {
        path,
        message: `must be ${
          issue.inclusive === false ? 'less than' : 'at most'
        } ${String(issue.maximum)}`,
      };
    default:
      return { path, message: issue.message };
  }
}

/** Reads YAML or JSON text (JSON is YAML) into a plain value; syntax errors become one issue. */
function readDocument(
  source: string | unknown,
): { ok: true; value: unknown } | { ok: false; issue: IntentIssue } {
  if (typeof source !== 'string') return { ok: true, value: source };
  try {
    return { ok: true, value: parseYaml(source) };
  } catch (e) {
    return {
      ok: false,
      issue: {
        path: '',
        message: `is not valid YAML or JSON: ${(e as Error).message}`,
      },
    };
  }
}

/**
 * Validates an intent and returns every issue, for callers that show them (the live preview field).
 * Accepts YAML/JSON text or an already parsed object.
 */
export function validateIntent(source: string | unknown): IntentValidation {
  const doc = readDocument(source);
  if (!doc.ok) return { valid: false, issues: [doc.issue] };
  const result = intentSchema.safeParse(doc.value);
  if (result.success) return { valid: true, intent: result.data, issues: [] };
  return {
    valid: false,
    issues: result.error.issues.map(i => toIssue(i, doc.value)),
  };
}

/** How many issues an error message lists; the rest are counted, so bad input cannot amplify. */
const LISTED_ISSUES = 20;

/** Parses an intent or throws an `InputError` listing its issues (the first 20) with their field paths. */
export function parseIntent(source: string | unknown): Intent {
  const result = validateIntent(source);
  if (result.valid) return result.intent;
  const lines = result.issues
    .slice(0, LISTED_ISSUES)
    .map(i => `${i.path || '(document)'}: ${i.message.slice(0, 300)}`);
  const more =
    result.issues.length > LISTED_ISSUES
      ? `; and ${result.issues.length - LISTED_ISSUES} more`
      : '';
  throw new InputError(`Invalid intent: ${lines.join('; ')}${more}`);
}
