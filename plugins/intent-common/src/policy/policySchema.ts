import { InputError } from '@backstage/errors';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { environmentKinds } from '../intent/intentSchema';

export const policySchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be a lowercase id with hyphens'),
  description: z.string().min(1),
  severity: z.enum(['deny', 'warn']),
  /** Environment kinds the policy applies to; absent means all. */
  environments: z.array(z.enum(environmentKinds)).optional(),
  /**
   * CEL over `intent`, `plan`, `cost`, `params` and `requester`; true means compliant (as in Kubernetes
   * ValidatingAdmissionPolicy validations). Numbers from the documents are doubles: write `1.0`, not `1`,
   * in arithmetic with them (comparisons accept either).
   */
  expression: z.string().min(1),
  /** What to change, with `{{ cel }}` placeholders evaluated over the same variables. */
  message: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
});

export const policyPackSchema = z.strictObject({
  version: z.string().min(1),
  policies: z.array(policySchema),
});

export type Policy = z.infer<typeof policySchema>;
export type PolicyPack = z.infer<typeof policyPackSchema>;

/** Reads a policy pack from YAML or JSON text (or an object), e.g. one the platform team keeps in a repository. */
export function parsePolicyPack(source: string | unknown): PolicyPack {
  const value = typeof source === 'string' ? parseYaml(source) : source;
  const result = policyPackSchema.safeParse(value);
  if (result.success) return result.data;
  throw new InputError(
    `Invalid policy pack: ${result.error.issues
      .map(i => `${i.path.join('.') || '(document)'}: ${i.message}`)
      .join('; ')}`,
  );
}
