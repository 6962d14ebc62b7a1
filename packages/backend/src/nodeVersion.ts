import { satisfies } from 'semver';

/** The Node.js releases the portal runs on (the root package.json's `engines`). */
export const SUPPORTED_NODE = '22 || 24';

/**
 * Why this Node cannot run the portal, or undefined when it can. On Node 20 the embedded SQLite driver
 * (better-sqlite3 13) crashes the process with a segmentation fault and no message, so the backend
 * says so before loading anything else.
 */
export function unsupportedNodeReason(
  version: string = process.versions.node,
): string | undefined {
  if (satisfies(version, SUPPORTED_NODE)) return undefined;
  return `Node.js ${version} is not supported: the Cairn portal runs on Node.js ${SUPPORTED_NODE.replace(
    ' || ',
    ' or ',
  )} (see the README; scripts/start installs Node 24 when the machine's Node is older).`;
}
