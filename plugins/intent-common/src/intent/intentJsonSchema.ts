import { z } from 'zod';
import { intentSchema } from './intentSchema';

/**
 * The intent format as JSON Schema (draft 2020-12), for editors and the scaffolder form.
 * Cross-field rules (e.g. "sizing.postgres is required when services includes postgres") are only in
 * `validateIntent`, since JSON Schema cannot express them readably.
 */
export function intentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(intentSchema, { io: 'input', unrepresentable: 'any' });
}
