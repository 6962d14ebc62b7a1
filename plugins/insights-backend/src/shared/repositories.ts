/**
 * Repositories are compared as `host/owner/name`, lower-cased, whatever form a source reports:
 * `github.com/northwind/checkout`, `https://github.com/northwind/checkout.git`,
 * `git@github.com:northwind/checkout.git`. A bare `owner/name` is read as a GitHub repository, the form
 * of the `github.com/project-slug` annotation.
 */
export function normalizeRepository(raw: string): string {
  let value = raw.trim().toLowerCase();
  value = value.replace(/^git@([^:]+):/, '$1/');
  value = value.replace(/^[a-z+]+:\/\//, '');
  value = value.replace(/^[^@/]+@/, '');
  value = value.replace(/\.git$/, '').replace(/\/+$/, '');
  const parts = value.split('/').filter(Boolean);
  if (parts.length === 2) return `github.com/${parts.join('/')}`;
  return parts.slice(0, 3).join('/');
}

/**
 * Reads a repository and an optional folder from a `backstage.io/source-location` value such as
 * `url:https://github.com/northwind/commerce/tree/main/services/checkout/`.
 */
export function parseSourceLocation(
  location: string,
): { repository: string; pathPrefix: string | null } | undefined {
  const match =
    /^url:(https?:\/\/[^/]+\/[^/]+\/[^/#?]+)(?:\/(?:tree|blob|src)\/[^/]+\/?([^#?]*))?/.exec(
      location.trim(),
    );
  if (!match) return undefined;
  const folder = match[2]?.replace(/^\/+/, '') ?? '';
  return {
    repository: normalizeRepository(match[1]),
    pathPrefix: folder ? normalizePathPrefix(folder) : null,
  };
}

/** A folder prefix, relative to the repository root, ending with a slash. */
export function normalizePathPrefix(prefix: string): string {
  const trimmed = prefix
    .trim()
    .replace(/^\.?\/+/, '')
    .replace(/\/+$/, '');
  return trimmed ? `${trimmed}/` : '';
}
