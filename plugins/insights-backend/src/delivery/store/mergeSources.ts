import { Knex } from 'knex';
import { chunk, toNumber } from '../../shared/sql';
import { pairKey, TABLES } from './tables';
import type { AddPair } from './writeEvents';

/** DESIGN: the same deployment from two sources finishing within 10 minutes is one deployment. */
const MERGE_WINDOW_MS = 10 * 60 * 1000;

type MergeCandidate = {
  id: number;
  source: string;
  componentRef: string;
  envKey: string;
  finishedAt: number;
  commit: string | null;
  version: string | null;
};

function sameRelease(a: MergeCandidate, b: MergeCandidate) {
  if (a.commit && b.commit) return a.commit === b.commit;
  return !!a.version && a.version === b.version;
}

/**
 * DESIGN: the same real deployment reported by two sources (same component, environment and deployed
 * commit or version, finishing within 10 minutes) is merged into the one stored first.
 */
export async function mergeDuplicateDeployments(
  tx: Knex.Transaction,
  touched: Set<number>,
  addPair: AddPair,
): Promise<number> {
  if (touched.size === 0) return 0;
  const columns = [
    'id',
    'source',
    'component_ref',
    'env_key',
    'finished_at',
    'commit_sha',
    'version',
    'merged_into',
  ];
  const toCandidate = (r: Record<string, any>): MergeCandidate => ({
    id: toNumber(r.id),
    source: r.source,
    componentRef: r.component_ref,
    envKey: r.env_key,
    finishedAt: toNumber(r.finished_at),
    commit: r.commit_sha,
    version: r.version,
  });
  const fresh: MergeCandidate[] = [];
  for (const part of chunk([...touched], 500)) {
    const rows = await tx(TABLES.deployment)
      .select(columns)
      .whereIn('id', part)
      .whereNotNull('component_ref')
      .whereNotNull('finished_at')
      .whereNull('merged_into');
    fresh.push(...rows.map(toCandidate));
  }
  const byPair = new Map<string, MergeCandidate[]>();
  for (const d of fresh) {
    const k = pairKey(d);
    byPair.set(k, [...(byPair.get(k) ?? []), d]);
  }
  let merged = 0;
  for (const group of byPair.values()) {
    const { componentRef, envKey } = group[0];
    const from = Math.min(...group.map(d => d.finishedAt)) - MERGE_WINDOW_MS;
    const to = Math.max(...group.map(d => d.finishedAt)) + MERGE_WINDOW_MS;
    const others = await tx(TABLES.deployment)
      .select(columns)
      .where({ component_ref: componentRef, env_key: envKey })
      .whereNull('merged_into')
      .whereBetween('finished_at', [from, to]);
    // Merging needs a second source in the window; most batches come from one.
    if (new Set(others.map(r => r.source)).size < 2) continue;
    const pool = others.map(toCandidate).sort((a, b) => a.id - b.id);
    const mergedIds = new Set<number>();
    // The one stored first stays canonical; each later one merges into the first earlier match.
    for (const d of pool) {
      if (!touched.has(d.id) || mergedIds.has(d.id)) continue;
      const canonical = pool.find(
        c =>
          c.id < d.id &&
          !mergedIds.has(c.id) &&
          c.source !== d.source &&
          Math.abs(c.finishedAt - d.finishedAt) <= MERGE_WINDOW_MS &&
          sameRelease(c, d),
      );
      if (canonical) {
        await tx(TABLES.deployment)
          .where('id', d.id)
          .update({ merged_into: canonical.id });
        mergedIds.add(d.id);
        touched.add(canonical.id);
        merged++;
      }
    }
    for (const d of pool)
      if (touched.has(d.id)) addPair(componentRef, envKey, d.finishedAt);
  }
  return merged;
}
