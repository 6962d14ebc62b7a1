import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeKnowledge } from './engine/knowledge';
import { filesAtHead, readGitHistory } from './gitHistory';

/*
 * The history of a real repository made with git: several authors, a rename, a merge, a departed
 * author, a lock file and a monorepo layout, read by readGitHistory and analysed by hand.
 */

// git runs as a child process: slow on a busy machine.
jest.setTimeout(60_000);

describe('knowledge from a real git repository', () => {
  let dir: string;
  let time = Date.parse('2026-01-01T00:00:00Z') / 1000;
  const git = (args: string[], email = 'alice@example.com') =>
    execFileSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: email.split('@')[0],
        GIT_AUTHOR_EMAIL: email,
        GIT_COMMITTER_NAME: 'ci',
        GIT_COMMITTER_EMAIL: 'ci@example.com',
        GIT_AUTHOR_DATE: `${time} +0000`,
        GIT_COMMITTER_DATE: `${time++} +0000`,
      },
      encoding: 'utf8',
    });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const commitAs = (email: string, message: string) => {
    git(['add', '-A'], email);
    git(['commit', '-q', '-m', message], email);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-git-'));
    git(['init', '-q', '-b', 'main']);
    write('services/billing/a.ts', 'export const a = 1;\n');
    write('services/billing/b.ts', 'export const b = 1;\n');
    write('services/billing/package-lock.json', '{}\n');
    commitAs('Alice@Example.com', 'billing');
    write('services/shipping/c.ts', 'export const c = 1;\n'.repeat(20));
    write('services/shipping/d.ts', 'export const d = 1;\n');
    write('web/x.ts', 'export const x = 1;\n');
    commitAs('bob@example.com', 'shipping and web');
    write('services/billing/legacy.ts', 'export const legacy = 1;\n');
    commitAs('carol@example.com', 'legacy');
    write('services/billing/legacy.ts', 'export const legacy = 2;\n');
    commitAs('carol@example.com', 'legacy again');
    git(['mv', 'services/shipping/c.ts', 'services/shipping/core.ts']);
    commitAs('bob@example.com', 'rename');
    // Dave works on a branch that is merged with a merge commit.
    git(['checkout', '-q', '-b', 'feature']);
    write('services/billing/a.ts', 'export const a = 2;\n');
    commitAs('dave@example.com', 'feature');
    git(['checkout', '-q', 'main']);
    git(
      ['merge', '-q', '--no-ff', '-m', 'merge feature', 'feature'],
      'erin@example.com',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads commits oldest first, without merges, with renames and lower-cased authors', async () => {
    const { commits, capped } = await readGitHistory(dir);
    expect(capped).toBe(false);
    expect(commits.map(c => c.author)).toEqual([
      'alice@example.com',
      'bob@example.com',
      'carol@example.com',
      'carol@example.com',
      'bob@example.com',
      'dave@example.com',
    ]);
    expect(commits[4].changes).toEqual([
      {
        status: 'R',
        from: 'services/shipping/c.ts',
        path: 'services/shipping/core.ts',
      },
    ]);
    const newest = await readGitHistory(dir, { maxCommits: 2 });
    expect(newest.capped).toBe(true);
    expect(newest.commits.map(c => c.author)).toEqual([
      'bob@example.com',
      'dave@example.com',
    ]);
    const web = await readGitHistory(dir, { pathPrefix: 'web/' });
    expect(web.commits).toHaveLength(1);
  });

  it('finds the truck factor, the single knowers and the departed author of a monorepo component', async () => {
    const { commits } = await readGitHistory(dir, { pathPrefix: 'services/' });
    const report = analyzeKnowledge({
      commits,
      headFiles: await filesAtHead(dir, 'services/'),
      pathPrefix: 'services/',
      current: new Set([
        'alice@example.com',
        'bob@example.com',
        'dave@example.com',
      ]),
    });
    // a, b (alice), legacy (carol, gone), core, d (bob); the lock file is left out.
    expect(report.files).toBe(5);
    expect(report.uncoveredFiles).toBe(1);
    // Alice and Bob author two files each; Bob has more changes (the rename): he goes first, and
    // then two of five files keep an author.
    expect(report.truckFactor).toBe(1);
    expect(report.keyPeople).toEqual(['bob@example.com']);
    expect(report.singleKnowerAreas).toEqual([
      { area: 'services/billing/', member: 'alice@example.com', files: 2 },
      { area: 'services/shipping/', member: 'bob@example.com', files: 2 },
    ]);
    expect(report.departedAuthors).toEqual([
      { author: 'carol@example.com', files: 1 },
    ]);
    expect(report.commits).toBe(6);
  });
});
