import { describeIssue, issuePath } from './describeIssue';
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
      const message = describeIssue(issue, raw, { typeNames: true });
      errors.push({
        index,
        path: `events[${index}]${issuePath(issue.path)}`,
        message,
      });
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, events };
}
