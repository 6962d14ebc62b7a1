import { z } from 'zod';

/** A zod issue path as it reads in an error: `.finishedAt`, `.links[0].target`. */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map(key => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('');
}

function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = raw;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * A zod issue in words for whoever sent `raw`: unknown fields by name, a missing field "is required",
 * and (with `typeNames`) a value of the wrong type as "must be a string"; otherwise zod's message.
 */
export function describeIssue(
  issue: z.core.$ZodIssue,
  raw: unknown,
  options: { typeNames?: boolean } = {},
): string {
  if (issue.code === 'unrecognized_keys') {
    // Field names are the caller's text: a few, each cut short, so a message stays a line.
    const shown = issue.keys
      .slice(0, 5)
      .map(k => `'${k.length > 40 ? `${k.slice(0, 40)}…` : k}'`);
    const more =
      issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : '';
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${shown.join(
      ', ',
    )}${more}`;
  }
  if (issue.code !== 'custom' && valueAt(raw, issue.path) === undefined) {
    return 'is required';
  }
  if (
    options.typeNames &&
    issue.code === 'invalid_type' &&
    issue.message.startsWith('Invalid input')
  ) {
    return `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${
      issue.expected
    }`;
  }
  return issue.message;
}
