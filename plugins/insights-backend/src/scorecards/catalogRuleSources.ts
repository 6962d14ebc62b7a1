import { dirname, resolve as resolvePath } from 'node:path';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { RuleSourceReader } from './ScorecardService';

/** On a catalog entity: a rule file, relative to the entity's own file or a URL. */
export const RULES_ANNOTATION = 'cairn.dev/scorecard-rules';
const LOCATION_ANNOTATION = 'backstage.io/managed-by-location';

/**
 * Rule files the catalog names: every entity with the `cairn.dev/scorecard-rules` annotation whose
 * owner is one of `owners` (the platform team: nobody else's entity may add rules for everyone).
 * A relative target is resolved against the entity's location (`url:` through the portal's
 * integrations, `file:` as a local path), as TechDocs does; each file is one source, versioned like the
 * configured ones.
 */
export function catalogRuleSources(
  entities: Entity[],
  options: {
    owners: string[];
    resolveUrl: (target: string, base: string) => string;
    readUrl: (url: string) => Promise<string>;
    readFile: (path: string) => Promise<string>;
  },
): { sources: RuleSourceReader[]; skipped: string[] } {
  const owners = new Set(options.owners.map(o => o.toLowerCase()));
  const sources: RuleSourceReader[] = [];
  const skipped: string[] = [];
  for (const e of entities) {
    const ref = stringifyEntityRef(e).toLowerCase();
    const target = e.metadata.annotations?.[RULES_ANNOTATION]?.trim().replace(
      /^url:/,
      '',
    );
    if (!target) continue;
    const spec = (e.spec ?? {}) as { owner?: unknown };
    let owner: string | undefined;
    try {
      owner =
        typeof spec.owner === 'string'
          ? stringifyEntityRef(
              parseEntityRef(spec.owner, {
                defaultKind: 'group',
                defaultNamespace: e.metadata.namespace ?? 'default',
              }),
            ).toLowerCase()
          : undefined;
    } catch {
      owner = undefined;
    }
    if (!owner || !owners.has(owner)) {
      skipped.push(`${ref}: owned by ${owner ?? 'nobody'}, not a rules owner`);
      continue;
    }
    const location = e.metadata.annotations?.[LOCATION_ANNOTATION] ?? '';
    if (/^https?:\/\//.test(target)) {
      sources.push({ source: target, read: () => options.readUrl(target) });
    } else if (location.startsWith('url:')) {
      const url = options.resolveUrl(target, location.slice(4));
      sources.push({ source: url, read: () => options.readUrl(url) });
    } else if (location.startsWith('file:')) {
      const path = resolvePath(dirname(location.slice(5)), target);
      sources.push({ source: path, read: () => options.readFile(path) });
    } else {
      skipped.push(
        `${ref}: '${target}' is relative, and the entity has no url: or file: location`,
      );
    }
  }
  return { sources, skipped };
}
