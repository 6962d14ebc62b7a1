/*
 * Knowledge concentration: the truck factor of Avelino et al. (ICPC 2016), as ../shared/DESIGN.md
 * ("Ownership") defines it, following the authors' reference code (aserg-ufmg/Truck-Factor) where the
 * paper is silent. Pure functions over a history of commits; the oracle of the ownership domain.
 */

/** One file touched by a commit: added, modified, deleted, or renamed from `from`. */
export type FileChange =
  | { status: 'A' | 'M' | 'D'; path: string }
  | { status: 'R'; path: string; from: string };

export type HistoryCommit = {
  sha: string;
  /** The author's identity: email lower-cased and resolved through the alias map. */
  author: string;
  /** The author date, epoch ms (who knows what recently). */
  at?: number;
  /** Merge commits are not counted (DESIGN.md). */
  merge?: boolean;
  changes: FileChange[];
};

/** What the history says about one file present at HEAD. */
export type FileHistory = {
  path: string;
  /** Who created it (null when it was created before the history's cap). */
  creator: string | null;
  /** Changes per developer, the creating commit included for its creator. */
  changes: Map<string, number>;
};

/**
 * Replays a history (oldest commit first) into the files present at its end: renames carry a file's
 * history and creator to its new path; the rename commit counts as one change by its author; a
 * deleted file is forgotten. Merge commits are skipped.
 */
export function replayHistory(
  commits: HistoryCommit[],
): Map<string, FileHistory> {
  const files = new Map<string, FileHistory>();
  for (const commit of commits) {
    if (commit.merge) continue;
    for (const change of commit.changes) {
      if (change.status === 'D') {
        files.delete(change.path);
        continue;
      }
      let file: FileHistory | undefined;
      if (change.status === 'R') {
        file = files.get(change.from);
        files.delete(change.from);
        if (file) file.path = change.path;
      } else {
        file = files.get(change.path);
      }
      if (!file) {
        // Added, or first seen in a capped history (modified or renamed from a file created before).
        file = {
          path: change.path,
          creator: change.status === 'A' ? commit.author : null,
          changes: new Map(),
        };
      } else if (change.status === 'A') {
        // Added again after a delete that was not seen: a new file.
        file = {
          path: change.path,
          creator: commit.author,
          changes: new Map(),
        };
      }
      file.changes.set(
        commit.author,
        (file.changes.get(commit.author) ?? 0) + 1,
      );
      files.set(change.path, file);
    }
  }
  return files;
}

/** DOA = 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC) (DESIGN.md, "Ownership"). */
export function degreeOfAuthorship(
  file: FileHistory,
  developer: string,
): number {
  const fa = file.creator === developer ? 1 : 0;
  const own = file.changes.get(developer) ?? 0;
  // The creating commit counts as FA only, not in DL.
  const dl = Math.max(0, own - fa);
  let ac = 0;
  for (const [other, n] of file.changes) if (other !== developer) ac += n;
  return 3.293 + 1.098 * fa + 0.164 * dl - 0.321 * Math.log(1 + ac);
}

/**
 * The authors of a file: d authors f when DOA(d, f) / max DOA on f > 0.75 and (DOA ≥ 3.293 or d
 * created f). Every developer who changed the file is considered.
 */
export function authorsOf(file: FileHistory): string[] {
  const doa = new Map<string, number>();
  for (const developer of file.changes.keys())
    doa.set(developer, degreeOfAuthorship(file, developer));
  if (file.creator && !doa.has(file.creator))
    doa.set(file.creator, degreeOfAuthorship(file, file.creator));
  const max = Math.max(...doa.values());
  return [...doa]
    .filter(
      ([d, v]) =>
        max > 0 && v / max > 0.75 && (v >= 3.293 || d === file.creator),
    )
    .map(([d]) => d)
    .sort();
}

export type TruckFactorResult = {
  truckFactor: number;
  /** Who was removed, in order (the developers the truck factor counts). */
  removed: string[];
  files: number;
  /** Files that keep an author among the developers considered before any removal. */
  coveredAtStart: number;
  /** Per developer considered: the files they author. */
  authorship: Map<string, string[]>;
};

/**
 * The truck factor: remove the developer who authors the most files (co-authored ones included; ties
 * to more changes, then the lower email) until fewer than half of the files keep an author; TF is the
 * number removed. Files without any author stay in the total, so TF can be 0. With `current`, only
 * current members are removed and counted as authors (files whose authors all left are uncovered from
 * the start); DOA uses every developer either way.
 */
export function truckFactor(
  files: FileHistory[],
  options: { current?: Set<string> } = {},
): TruckFactorResult {
  const counts = (d: string) =>
    files.reduce((n, f) => n + (f.changes.get(d) ?? 0), 0);
  const authors = files.map(f =>
    authorsOf(f).filter(d => !options.current || options.current.has(d)),
  );
  const authorship = new Map<string, string[]>();
  authors.forEach((list, i) => {
    for (const d of list)
      authorship.set(d, [...(authorship.get(d) ?? []), files[i].path]);
  });
  const remaining = new Set(authorship.keys());
  const covered = () =>
    authors.filter(list => list.some(d => remaining.has(d))).length;
  const coveredAtStart = covered();
  const changeCounts = new Map([...remaining].map(d => [d, counts(d)]));
  const removed: string[] = [];
  while (
    remaining.size > 0 &&
    covered() * 2 >= files.length &&
    files.length > 0
  ) {
    const next = [...remaining].sort(
      (a, b) =>
        authorship.get(b)!.length - authorship.get(a)!.length ||
        changeCounts.get(b)! - changeCounts.get(a)! ||
        (a < b ? -1 : 1),
    )[0];
    remaining.delete(next);
    removed.push(next);
  }
  return {
    truckFactor: removed.length,
    removed,
    files: files.length,
    coveredAtStart,
    authorship,
  };
}
