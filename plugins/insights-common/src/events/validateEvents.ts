import { DeliveryEvent, deliveryEventSchema } from './schema';

/** One problem with one event of a batch: its index, the field path and what was expected. */
export type EventValidationError = {
  index: number;
  /** e.g. `events[3].finishedAt` */
  path: string;
  message: string;
};

export type EventValidationResult =
  | { ok: true; events: DeliveryEvent[] }
  | { ok: false; errors: EventValidationError[] };

function formatPath(index: number, path: ReadonlyArray<PropertyKey>): string {
  let out = `events[${index}]`;
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  }
  return out;
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
 * Validates a whole batch and reports every invalid event, not just the first (docs/DESIGN.md: a batch
 * is validated whole first; any invalid event rejects the batch with every problem listed).
 */
export function validateEvents(input: unknown[]): EventValidationResult {
  const events: DeliveryEvent[] = [];
  const errors: EventValidationError[] = [];
  input.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push({
        index,
        path: `events[${index}]`,
        message: 'must be an object',
      });
      return;
    }
    const parsed = deliveryEventSchema.safeParse(raw);
    if (parsed.success) {
      events.push(parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) {
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') {
        message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys
          .map(k => `'${k}'`)
          .join(', ')}`;
      } else if (
        issue.code !== 'custom' &&
        valueAt(raw, issue.path) === undefined
      ) {
        message = 'is required';
      } else if (
        issue.code === 'invalid_type' &&
        message.startsWith('Invalid input')
      ) {
        message = `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${
          issue.expected
        }`;
      }
      errors.push({ index, path: formatPath(index, issue.path), message });
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, events };
}
