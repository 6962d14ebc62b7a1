import { createHash } from 'node:crypto';
import { ProvisionTarget } from '@cairn/plugin-intent-node';

/**
 * The names of an environment's resources on shared servers: `cairn_env_<name>_<hash>`, where the
 * name keeps only lower-case letters, digits and underscores and the hash (of the environment id)
 * keeps two environments with similar names apart. Never longer than PostgreSQL's 63-byte limit, and
 * made only of characters that need no quoting; they are quoted anyway.
 */
export function resourceName(
  target: ProvisionTarget,
  prefix = 'cairn_env',
): string {
  const slug = target.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);
  const hash = createHash('sha256')
    .update(target.environmentId)
    .digest('hex')
    .slice(0, 10);
  return `${prefix}_${slug || 'env'}_${hash}`;
}
