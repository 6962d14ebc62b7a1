import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { HistoryCommit, FileChange } from './engine/truckFactor';

/*
 * A repository's history for the truck factor, read with git itself: `git log` oldest first, without
 * merge commits, with renames detected (-M) and the files each commit touched, limited to a path
 * prefix for a monorepo component; and the files at HEAD. Authors are e-mail addresses, lower-cased;
 * times are the author dates.
 */

async function* lines(
  dir: string,
  args: string[],
): AsyncGenerator<string, void, undefined> {
  // Paths as they are (no octal quoting of non-ASCII names).
  const child = spawn('git', ['-c', 'core.quotepath=off', ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', chunk => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const exited = new Promise<number>(resolve =>
    child.on('close', code => resolve(code ?? 1)),
  );
  yield* createInterface({ input: child.stdout, crlfDelay: Infinity });
  const code = await exited;
  if (code !== 0)
    throw new Error(`git ${args[0]} failed (${code}): ${stderr.trim()}`);
}

const SEPARATOR = '\u001e';

/**
 * The commits touching `pathPrefix` (all when empty), oldest first: the newest `maxCommits` when a cap
 * is given (the answer says whether it was reached); with `after`, only those since that commit.
 */
export async function readGitHistory(
  dir: string,
  options: {
    pathPrefix?: string;
    maxCommits?: number;
    /** Only the commits after this one (an ancestor of HEAD): an incremental read. */
    after?: string;
  } = {},
): Promise<{ commits: HistoryCommit[]; capped: boolean }> {
  const args = [
    'log',
    '--no-merges',
    '--reverse',
    '-M',
    '--name-status',
    '--no-color',
    `--format=${SEPARATOR}%H%x09%ae%x09%at`,
    ...(options.maxCommits ? [`--max-count=${options.maxCommits}`] : []),
    options.after ? `${options.after}..HEAD` : 'HEAD',
    '--',
    options.pathPrefix ? options.pathPrefix : '.',
  ];
  const commits: HistoryCommit[] = [];
  let current: HistoryCommit | undefined;
  for await (const line of lines(dir, args)) {
    if (line.startsWith(SEPARATOR)) {
      const [sha, email, seconds] = line.slice(1).split('\t');
      current = {
        sha,
        author: email.trim().toLowerCase(),
        at: Number(seconds) * 1000,
        changes: [],
      };
      commits.push(current);
      continue;
    }
    if (!line || !current) continue;
    const [status, first, second] = line.split('\t');
    const kind = status.charAt(0);
    let change: FileChange | undefined;
    if (kind === 'R' && second)
      change = { status: 'R', from: first, path: second };
    else if (kind === 'C' && second) change = { status: 'A', path: second };
    else if (kind === 'A' || kind === 'M' || kind === 'D')
      change = { status: kind, path: first };
    else if (kind === 'T') change = { status: 'M', path: first };
    if (change) current.changes.push(change);
  }
  return {
    commits,
    capped:
      options.maxCommits !== undefined && commits.length >= options.maxCommits,
  };
}

/** The files at HEAD under `pathPrefix` (all when empty). */
export async function filesAtHead(
  dir: string,
  pathPrefix?: string,
): Promise<string[]> {
  const files: string[] = [];
  for await (const line of lines(dir, [
    'ls-tree',
    '-r',
    '--name-only',
    'HEAD',
    '--',
    pathPrefix ? pathPrefix : '.',
  ]))
    if (line) files.push(line);
  return files;
}
