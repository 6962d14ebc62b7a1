/** The parts of a package URL the delivery mapping uses (github.com/package-url/purl-spec). */
export type Purl = {
  type: string;
  namespace: string | null;
  name: string;
  version: string | null;
};

/** Purl types whose namespace/name is a repository on a known host, and whose version may be a commit. */
const REPOSITORY_HOSTS: Record<string, string> = {
  github: 'github.com',
  gitlab: 'gitlab.com',
  bitbucket: 'bitbucket.org',
};

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Parses `pkg:type/namespace/name@version?qualifiers#subpath`; undefined when it is not a purl. */
export function parsePurl(value: string): Purl | undefined {
  const match =
    /^pkg:\/*([a-zA-Z][a-zA-Z0-9.+-]*)\/([^?#]+?)(?:\?[^#]*)?(?:#.*)?$/.exec(
      value.trim(),
    );
  if (!match) return undefined;
  let path = match[2];
  let version: string | null = null;
  const at = path.lastIndexOf('@');
  if (at >= 0) {
    version = decode(path.slice(at + 1)) || null;
    path = path.slice(0, at);
  }
  const segments = path.split('/').filter(Boolean).map(decode);
  if (segments.length === 0) return undefined;
  const name = segments.pop()!;
  return {
    type: match[1].toLowerCase(),
    namespace: segments.length ? segments.join('/') : null,
    name,
    version,
  };
}

/**
 * What an artifact id says about a deployment: its version (a purl's version, or the id itself when
 * it is not a purl), and, for repository purls (`pkg:github/owner/name@sha`), the repository and the
 * commit. A version is read as a commit only for those types: elsewhere a hex-looking version (a
 * date, a build number) would be misread.
 */
export function describeArtifact(artifactId: string): {
  version: string | null;
  repository: string | null;
  commit: string | null;
} {
  const purl = parsePurl(artifactId);
  if (!purl) return { version: artifactId, repository: null, commit: null };
  const host = REPOSITORY_HOSTS[purl.type];
  const repository =
    host && purl.namespace ? `${host}/${purl.namespace}/${purl.name}` : null;
  const commit =
    host && purl.version && /^[0-9a-fA-F]{7,64}$/.test(purl.version)
      ? purl.version.toLowerCase()
      : null;
  return { version: purl.version, repository, commit };
}
