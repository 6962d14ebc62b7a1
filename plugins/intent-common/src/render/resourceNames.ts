import { InputError } from '@backstage/errors';
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { Plan } from '../plan/planTypes';

/** The base every resource name derives from: lowercase letters, digits and single inner hyphens. */
const BASE = /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/;

function shortHash(value: string): string {
  return bytesToHex(sha256(utf8ToBytes(value))).slice(0, 6);
}

/**
 * `name-environment`, checked so that every derived cloud name is valid: the plan may come from anywhere,
 * so names with `${`, quotes, newlines, look-alike letters or excess length are rejected, not escaped.
 */
export function baseName(plan: Pick<Plan, 'name' | 'environment'>): string {
  const base = `${plan.name}-${plan.environment}`;
  if (base.length > 40 || !BASE.test(base)) {
    throw new InputError(
      `plan name ${JSON.stringify(
        plan.name,
      )} cannot name cloud resources: use 2-28 lowercase ASCII letters, digits and single inner hyphens, starting with a letter`,
    );
  }
  return base;
}

/** Fits a name into `max` characters; longer names keep a hash of the whole so they stay unique. */
export function fitName(name: string, max: number): string {
  if (name.length <= max) return name;
  return `${name.slice(0, max - 7).replace(/-+$/, '')}-${shortHash(name)}`;
}

/** Azure storage accounts and similar: 3-24 lowercase letters and digits, no hyphens. */
export function compactName(name: string, max = 24): string {
  const compact = name.replace(/-/g, '');
  return compact.length <= max
    ? compact
    : `${compact.slice(0, max - 6)}${shortHash(name)}`;
}

/**
 * GCP label values (and Kubernetes label values): lowercase letters, digits, `_` and `-`, at most 63;
 * a longer value keeps a hash of the whole, so two long owners that share a beginning stay apart.
 */
export function labelValue(value: string): string {
  const label = value.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
  return label.length <= 63
    ? label
    : `${label.slice(0, 56)}-${shortHash(value)}`;
}
