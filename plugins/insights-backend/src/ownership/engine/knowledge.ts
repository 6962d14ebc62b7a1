import { minimatch } from 'minimatch';
import {
  authorsOf,
  FileHistory,
  HistoryCommit,
  replayHistory,
  truckFactor,
} from './truckFactor';

/*
 * A component's knowledge concentration from its history (../shared/DESIGN.md, "Ownership"): the files
 * at HEAD under its path prefix minus excluded globs, each file's authors, the truck factor among the
 * owning team's current members, the areas only one current member knows, and the authors who left.
 */

/** Lock files, vendored and generated folders: not knowledge anyone holds. */
export const DEFAULT_EXCLUDED = [
  '**/package-lock.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/*.lock',
  '**/go.sum',
  '**/vendor/**',
  '**/node_modules/**',
  '**/third_party/**',
  '**/dist/**',
  '**/build/**',
  '**/*.min.js',
  '**/*.generated.*',
];

export type KnowledgeReport = {
  files: number;
  /** The truck factor among current members (null when the team's members are unknown). */
  truckFactor: number;
  /** The members the truck factor removed, in order. */
  keyPeople: string[];
  /** Files no current member authors (knowledge already gone). */
  uncoveredFiles: number;
  /** Folders with files that exactly one current member authors, most files first. */
  singleKnowerAreas: Array<{ area: string; member: string; files: number }>;
  /** Authors of files at HEAD who are not current members, with how many files they author. */
  departedAuthors: Array<{ author: string; files: number }>;
  /** Commits read (merges left out). */
  commits: number;
};

const parentOf = (path: string) => {
  const i = path.lastIndexOf('/');
  return i < 0 ? '/' : `${path.slice(0, i)}/`;
};

export function analyzeKnowledge(input: {
  commits: HistoryCommit[];
  /** Files at HEAD (all of the repository's, or under the prefix). */
  headFiles: string[];
  pathPrefix?: string;
  exclude?: string[];
  /** Current members of the owning team (their identities); undefined: every developer counts. */
  current?: Set<string>;
}): KnowledgeReport {
  const exclude = input.exclude ?? DEFAULT_EXCLUDED;
  const prefix = input.pathPrefix ?? '';
  const keep = (path: string) =>
    path.startsWith(prefix) &&
    !exclude.some(glob => minimatch(path, glob, { dot: true }));
  const histories = replayHistory(input.commits);
  const files: FileHistory[] = input.headFiles
    .filter(keep)
    .map(
      path =>
        histories.get(path) ?? { path, creator: null, changes: new Map() },
    );
  const result = truckFactor(files, { current: input.current });

  const single = new Map<string, Map<string, number>>();
  const departed = new Map<string, number>();
  for (const file of files) {
    const all = authorsOf(file);
    const current = input.current
      ? all.filter(a => input.current!.has(a))
      : all;
    if (current.length === 1) {
      const area = parentOf(file.path);
      const byMember = single.get(area) ?? new Map<string, number>();
      byMember.set(current[0], (byMember.get(current[0]) ?? 0) + 1);
      single.set(area, byMember);
    }
    if (input.current)
      for (const a of all)
        if (!input.current.has(a)) departed.set(a, (departed.get(a) ?? 0) + 1);
  }
  return {
    files: files.length,
    truckFactor: result.truckFactor,
    keyPeople: result.removed,
    uncoveredFiles: files.length - result.coveredAtStart,
    singleKnowerAreas: [...single]
      .flatMap(([area, members]) =>
        [...members].map(([member, n]) => ({ area, member, files: n })),
      )
      .sort((a, b) => b.files - a.files || (a.area < b.area ? -1 : 1))
      .slice(0, 20),
    departedAuthors: [...departed]
      .map(([author, n]) => ({ author, files: n }))
      .sort((a, b) => b.files - a.files || (a.author < b.author ? -1 : 1)),
    commits: input.commits.filter(c => !c.merge).length,
  };
}
