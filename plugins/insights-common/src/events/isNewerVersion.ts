/** What orders two versions of the same record (the same source and id). */
export type RecordVersion = {
  /** When the source last changed the record, when it says. */
  updatedAt: number | null;
  /** How far along its lifecycle the record is (e.g. opened < reviewed < merged). */
  lifecycle: number;
  /** A hash (or the canonical text) of the content, the last resort that makes the order total. */
  contentHash: string;
};

/**
 * Whether `incoming` replaces `stored` (docs/DESIGN.md, "Identity"): a later `updatedAt` wins and an
 * earlier one is ignored; without both timestamps, or with equal ones, the later lifecycle state wins;
 * for equal states the greater content hash wins, so the outcome does not depend on the order versions
 * arrive in. The same version (equal in all three) is not newer. Every source and store uses this one
 * rule: the ingestion path for stored events, the GitHub module for the snapshots it keeps.
 */
export function isNewerVersion(
  incoming: RecordVersion,
  stored: RecordVersion,
): boolean {
  if (
    incoming.updatedAt !== null &&
    stored.updatedAt !== null &&
    incoming.updatedAt !== stored.updatedAt
  ) {
    return incoming.updatedAt > stored.updatedAt;
  }
  if (incoming.lifecycle !== stored.lifecycle) {
    return incoming.lifecycle > stored.lifecycle;
  }
  return incoming.contentHash > stored.contentHash;
}
