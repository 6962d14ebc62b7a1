import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GitRepositories } from './GitRepositories';

/*
 * Reading a real repository through its bare clone: the first read asks git for the whole history,
 * the next only for the commits since (and gives the same history a fresh clone gives); after a
 * force-push that drops the old HEAD, the whole history again.
 */

jest.setTimeout(60_000);

describe('GitRepositories', () => {
  let root: string;
  let origin: string;
  let time = Date.parse('2026-02-01T00:00:00Z') / 1000;
  const git = (args: string[], email = 'alice@example.com') =>
    execFileSync('git', args, {
      cwd: origin,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'dev',
        GIT_AUTHOR_EMAIL: email,
        GIT_COMMITTER_NAME: 'ci',
        GIT_COMMITTER_EMAIL: 'ci@example.com',
        GIT_AUTHOR_DATE: `${time} +0000`,
        GIT_COMMITTER_DATE: `${time++} +0000`,
      },
      encoding: 'utf8',
    });
  const commit = (email: string, files: string[]) => {
    for (const f of files) {
      mkdirSync(dirname(join(origin, f)), { recursive: true });
      writeFileSync(join(origin, f), `${f} ${time}\n`);
    }
    git(['add', '-A'], email);
    git(['commit', '-q', '-m', files.join(' ')], email);
  };
  const repositories = (workDir: string) =>
    new GitRepositories({ workDir, cloneUrl: `${root}/{repository}` });

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'cairn-origin-'));
    origin = join(root, 'example.com/acme/app');
    mkdirSync(origin, { recursive: true });
    git(['init', '-q', '-b', 'main']);
    for (let i = 0; i < 10; i++)
      commit(i % 2 ? 'bob@example.com' : 'alice@example.com', [
        `src/f${i % 4}.ts`,
      ]);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads the whole history once, then only what is new, with the same result as a fresh read', async () => {
    const work = mkdtempSync(join(tmpdir(), 'cairn-work-'));
    try {
      const first = repositories(work);
      const a = await first.read('example.com/acme/app', null);
      expect(first.lastReadCommits).toBe(10);
      expect(a.commits).toHaveLength(10);

      // Nothing new: git is not asked for the history again.
      const same = repositories(work);
      expect((await same.read('example.com/acme/app', null)).commits).toEqual(
        a.commits,
      );
      expect(same.lastReadCommits).toBe(0);

      commit('carol@example.com', ['src/new.ts']);
      git(['mv', 'src/f0.ts', 'src/zero.ts']);
      git(['commit', '-q', '-m', 'rename'], 'carol@example.com');
      const next = repositories(work);
      const b = await next.read('example.com/acme/app', null);
      expect(next.lastReadCommits).toBe(2);
      expect(b.commits).toHaveLength(12);
      expect(b.commits[11].changes).toEqual([
        { status: 'R', from: 'src/f0.ts', path: 'src/zero.ts' },
      ]);

      const fresh = mkdtempSync(join(tmpdir(), 'cairn-work-'));
      try {
        expect(
          (await repositories(fresh).read('example.com/acme/app', null))
            .commits,
        ).toEqual(b.commits);
      } finally {
        rmSync(fresh, { recursive: true, force: true });
      }

      // A force-push drops the old HEAD: the whole history is read again.
      git(['reset', '-q', '--hard', 'HEAD~2']);
      commit('dave@example.com', ['src/other.ts']);
      const rewritten = repositories(work);
      const c = await rewritten.read('example.com/acme/app', null);
      expect(rewritten.lastReadCommits).toBe(11);
      expect(c.commits.map(x => x.author).slice(-1)).toEqual([
        'dave@example.com',
      ]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
