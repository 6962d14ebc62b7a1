/*
 * The ownership benchmark: the knowledge analysis of one generated repository (100,000 commits and
 * 20,000 files at HEAD by default, 40 authors, renames and deletions) beside its floor, measured
 * interleaved in one run, the floor's numbers checked against Cairn's:
 *
 * - Floor: `git log --no-merges --numstat` over the whole history, every line read (the least any
 *   analysis of the history must do: git walks every commit and diffs it).
 * - Cairn's full read and analysis: its `git log -M --name-status` (renames detected) and `ls-tree`,
 *   then the truck factor, the areas one person knows and the departed authors.
 * - Cairn's next read after 100 new commits: the history kept beside the clone, and git asked only
 *   for the commits since.
 * Cairn and the floor must count the same commits per author.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/ownershipBenchmark.ts
 *     [--commits 100000] [--files 20000] [--runs 3]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { analyzeKnowledge } from '../src/ownership/engine/knowledge';
import { GitRepositories } from '../src/ownership/GitRepositories';
import { filesAtHead, readGitHistory } from '../src/ownership/gitHistory';
import { mulberry32 } from '../src/shared/seededRandom';
import { int, percentile } from './benchmark';

export type OwnershipBenchmarkOptions = {
  commits: number;
  files: number;
  runs: number;
};

const AUTHORS = 40;
const seconds = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;

function run(
  args: string[],
  cwd: string,
  input?: AsyncIterable<string> | string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', c => {
      stderr = (stderr + c).slice(-2000);
    });
    child.on('error', reject);
    // A git that stops reading says why on stderr (below), not as a broken pipe.
    child.stdin.on('error', () => undefined);
    child.on('close', code =>
      code === 0
        ? resolve()
        : reject(new Error(`git ${args[0]}: ${stderr.trim()}`)),
    );
    (async () => {
      if (typeof input === 'string' || input === undefined)
        child.stdin.end(input ?? '');
      else {
        for await (const chunk of input)
          if (!child.stdin.write(chunk))
            await new Promise(r => child.stdin.once('drain', r));
        child.stdin.end();
      }
    })().catch(reject);
  });
}

/**
 * The fast-import stream of a history: one commit in five adds a file until `files` exist, the others
 * change one to three files; every 1,000th commit renames a file, every 1,500th deletes one (and a
 * later commit adds one back). Authors follow a skewed distribution (a few do most of the work).
 */
async function* history(
  options: { commits: number; files: number; from: number; start: number },
  state: { paths: string[]; next: number },
): AsyncGenerator<string> {
  const next = mulberry32(options.commits * 31 + options.files + options.from);
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}`;
  for (let i = options.from; i < options.from + options.commits; i++) {
    const author = `dev${Math.floor(AUTHORS * next() ** 2)}@example.com`;
    const when = options.start + i * 600;
    const ops: string[] = [];
    if (i % 1000 === 999 && state.paths.length) {
      const k = Math.floor(next() * state.paths.length);
      const to = `${state.paths[k].replace(/\.ts$/, '')}-renamed.ts`;
      ops.push(`R ${state.paths[k]} ${to}`);
      state.paths[k] = to;
    } else if (i % 1500 === 1499 && state.paths.length > 1) {
      const k = Math.floor(next() * state.paths.length);
      ops.push(`D ${state.paths[k]}`);
      state.paths.splice(k, 1);
    } else if (
      state.paths.length < options.files &&
      (i % 5 === 0 || state.paths.length === 0)
    ) {
      const path = `src/area${state.next % 50}/module${state.next}.ts`;
      state.next++;
      state.paths.push(path);
      ops.push(`M 100644 inline ${path}`, data(`// ${path}\n`));
    } else {
      const n = 1 + Math.floor(next() * 3);
      for (let j = 0; j < n; j++) {
        const path = state.paths[Math.floor(next() * state.paths.length)];
        ops.push(
          `M 100644 inline ${path}`,
          data(`// ${path}\nexport const v = ${i}_${j};\n`),
        );
      }
    }
    yield `${[
      'commit refs/heads/main',
      `author ${author.split('@')[0]} <${author}> ${when} +0000`,
      `committer ci <ci@example.com> ${when} +0000`,
      data(`commit ${i}\n`),
      // A later import continues the branch as the repository has it; within one import, fast-import
      // continues its own branch tip.
      ...(i > 0 && i === options.from ? ['from refs/heads/main^0'] : []),
      ...ops,
    ].join('\n')}\n`;
  }
}

/** The floor: `git log --numstat`, every line read; commits per author. */
async function floor(dir: string): Promise<Map<string, number>> {
  const child = spawn(
    'git',
    ['log', '--no-merges', '--numstat', '--format=\u001e%ae', 'HEAD'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const perAuthor = new Map<string, number>();
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('\u001e')) {
      const who = line.slice(1).toLowerCase();
      perAuthor.set(who, (perAuthor.get(who) ?? 0) + 1);
    }
  }
  return perAuthor;
}

/** Cairn's full read and analysis; commits per author. */
async function cairn(dir: string) {
  const [{ commits }, headFiles] = await Promise.all([
    readGitHistory(dir),
    filesAtHead(dir),
  ]);
  const report = analyzeKnowledge({ commits, headFiles });
  const perAuthor = new Map<string, number>();
  for (const c of commits)
    perAuthor.set(c.author, (perAuthor.get(c.author) ?? 0) + 1);
  return { perAuthor, report };
}

const sameCounts = (a: Map<string, number>, b: Map<string, number>) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

export async function runOwnershipBenchmark(
  options: OwnershipBenchmarkOptions,
  print: (line: string) => void = console.log,
) {
  const root = mkdtempSync(join(tmpdir(), 'cairn-ownership-bench-'));
  const disagreements: string[] = [];
  try {
    const origin = join(root, 'example.com/acme/big');
    mkdirSync(origin, { recursive: true });
    await run(['init', '-q', '-b', 'main'], origin);
    const state = { paths: [] as string[], next: 0 };
    const start = Date.parse('2020-01-01T00:00:00Z') / 1000;
    const generated = performance.now();
    await run(
      ['fast-import', '--quiet'],
      origin,
      history(
        { commits: options.commits, files: options.files, from: 0, start },
        state,
      ),
    );
    await run(['reset', '-q', '--hard', 'main'], origin);
    print(
      `Generated ${int(options.commits)} commits, ${int(
        state.paths.length,
      )} files at HEAD, ${AUTHORS} authors in ${seconds(
        performance.now() - generated,
      )}.`,
    );

    const floorTimes: number[] = [];
    const cairnTimes: number[] = [];
    let files = 0;
    let truckFactor = 0;
    for (let r = 0; r < options.runs; r++) {
      // Interleaved, the order alternating.
      const order = r % 2 ? ['cairn', 'floor'] : ['floor', 'cairn'];
      let floorCounts = new Map<string, number>();
      let cairnCounts = new Map<string, number>();
      for (const which of order) {
        const t = performance.now();
        if (which === 'floor') {
          floorCounts = await floor(origin);
          floorTimes.push(performance.now() - t);
        } else {
          const result = await cairn(origin);
          cairnTimes.push(performance.now() - t);
          cairnCounts = result.perAuthor;
          files = result.report.files;
          truckFactor = result.report.truckFactor;
        }
      }
      if (!sameCounts(floorCounts, cairnCounts))
        disagreements.push(
          `run ${r + 1}: commits per author differ (floor ${
            floorCounts.size
          } authors, Cairn ${cairnCounts.size})`,
        );
    }
    const floorP50 = percentile(floorTimes, 50);
    const cairnP50 = percentile(cairnTimes, 50);
    print(
      `Knowledge analysis (${int(
        files,
      )} files, truck factor ${truckFactor}): ${seconds(cairnP50)} p50 of ${
        options.runs
      } runs; floor (git log --numstat) ${seconds(floorP50)}; ${(
        cairnP50 / floorP50
      ).toFixed(2)}× the floor.`,
    );

    // The next run after 100 new commits: the kept history, and git asked for the new ones only.
    const work = join(root, 'work');
    const repositories = () =>
      new GitRepositories({ workDir: work, cloneUrl: `${root}/{repository}` });
    const first = repositories();
    let t = performance.now();
    await first.read('example.com/acme/big', null);
    const firstRead = performance.now() - t;
    await run(
      ['fast-import', '--quiet'],
      origin,
      history(
        { commits: 100, files: options.files, from: options.commits, start },
        state,
      ),
    );
    const next = repositories();
    t = performance.now();
    const after = await next.read('example.com/acme/big', null);
    const nextRead = performance.now() - t;
    if (next.lastReadCommits !== 100)
      disagreements.push(
        `the next read asked git for ${next.lastReadCommits} commits, not 100`,
      );
    if (after.commits.length !== options.commits + 100)
      disagreements.push(
        `the next read holds ${after.commits.length} commits, not ${
          options.commits + 100
        }`,
      );
    print(
      `Reading the repository (clone, history, files): first ${seconds(
        firstRead,
      )}; after 100 new commits ${seconds(nextRead)} (git asked for ${
        next.lastReadCommits
      } commits).`,
    );
    return {
      figures: {
        floorMs: floorP50,
        analysisMs: cairnP50,
        firstReadMs: firstRead,
        nextReadMs: nextRead,
      },
      disagreements,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      commits: { type: 'string', default: '100000' },
      files: { type: 'string', default: '20000' },
      runs: { type: 'string', default: '3' },
    },
  });
  runOwnershipBenchmark({
    commits: Number(values.commits),
    files: Number(values.files),
    runs: Number(values.runs),
  })
    .then(({ disagreements }) => {
      for (const d of disagreements) console.log(`DISAGREEMENT: ${d}`);
      process.exit(disagreements.length ? 1 : 0);
    })
    .catch(error => {
      console.error(error);
      process.exit(1);
    });
}
