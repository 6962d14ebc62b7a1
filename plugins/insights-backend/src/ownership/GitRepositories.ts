import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { HistoryCommit } from './engine/truckFactor';
import { filesAtHead, readGitHistory } from './gitHistory';

const run = promisify(execFile);

/** A history read before, kept beside the clone (what an incremental read starts from). */
type KeptHistory = {
  version: number;
  head: string;
  commits: HistoryCommit[];
  capped: boolean;
};
const KEPT_VERSION = 1;

/**
 * Bare clones of components' repositories in a work folder, fetched again on every read, with the
 * portal's integration credentials (GitHub apps or tokens, GitLab tokens, ...) passed through git's
 * environment so they never appear on a command line. A repository is `host/owner/name`; its clone URL
 * comes from `cloneUrl` (default `https://{repository}.git`).
 */
export class GitRepositories {
  private readonly github?: DefaultGithubCredentialsProvider;

  constructor(
    private readonly options: {
      workDir: string;
      cloneUrl: string;
      maxCommits?: number;
      integrations?: ScmIntegrations;
      timeoutMs?: number;
    },
  ) {
    if (options.integrations)
      this.github = DefaultGithubCredentialsProvider.fromIntegrations(
        options.integrations,
      );
  }

  private urlOf(repository: string) {
    return this.options.cloneUrl.replace('{repository}', repository);
  }

  /** An Authorization header for the URL from the integrations, if any. */
  private async header(url: string): Promise<string | undefined> {
    if (!/^https?:/.test(url) || !this.options.integrations) return undefined;
    if (this.options.integrations.github.byUrl(url) && this.github) {
      const { token } = await this.github.getCredentials({ url });
      if (token)
        return `Authorization: Basic ${Buffer.from(
          `x-access-token:${token}`,
        ).toString('base64')}`;
    }
    const gitlab = this.options.integrations.gitlab.byUrl(url);
    if (gitlab?.config.token)
      return `Authorization: Basic ${Buffer.from(
        `oauth2:${gitlab.config.token}`,
      ).toString('base64')}`;
    return undefined;
  }

  private async git(args: string[], cwd: string, url: string) {
    const header = await this.header(url);
    try {
      await this.runGit(args, cwd, header);
    } catch (error) {
      // git's own words, without the URL or the folder (the report names the repository).
      const stderr = String((error as { stderr?: string }).stderr ?? '')
        .split('\n')
        .map(line => line.trim())
        .filter(Boolean)
        .pop();
      throw new Error(
        `git ${args[0]} failed${
          stderr
            ? `: ${stderr
                .split(url)
                .join('the repository')
                .split(cwd)
                .join('')}`
            : ''
        }`,
      );
    }
  }

  private async runGit(args: string[], cwd: string, header?: string) {
    await run('git', args, {
      cwd,
      timeout: this.options.timeoutMs ?? 600_000,
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        GIT_TERMINAL_PROMPT: '0',
        ...(header
          ? {
              GIT_CONFIG_COUNT: '1',
              GIT_CONFIG_KEY_0: 'http.extraHeader',
              GIT_CONFIG_VALUE_0: header,
            }
          : {}),
      },
    });
  }

  /** Fetches within this long are shared (a monorepo's components are read in one run). */
  private static readonly FRESH_MS = 60_000;
  private readonly updates = new Map<
    string,
    { at: number; result: Promise<{ dir: string; head: string }> }
  >();

  /**
   * Clones the repository the first time, fetches it after; answers the folder and the commit at
   * HEAD. Components of one repository read together share one fetch.
   */
  update(repository: string): Promise<{ dir: string; head: string }> {
    const recent = this.updates.get(repository);
    if (recent && Date.now() - recent.at < GitRepositories.FRESH_MS)
      return recent.result;
    const result = this.fetch(repository);
    this.updates.set(repository, { at: Date.now(), result });
    result.catch(() => this.updates.delete(repository));
    return result;
  }

  private async fetch(
    repository: string,
  ): Promise<{ dir: string; head: string }> {
    const url = this.urlOf(repository);
    mkdirSync(this.options.workDir, { recursive: true });
    const dir = join(
      this.options.workDir,
      createHash('sha256').update(url).digest('hex').slice(0, 24),
    );
    if (!existsSync(join(dir, 'HEAD')))
      await this.git(
        ['clone', '--bare', '--quiet', url, dir],
        this.options.workDir,
        url,
      );
    else
      await this.git(
        // Every branch, as the origin has it (HEAD follows its default branch).
        ['fetch', '--quiet', '--prune', 'origin', '+refs/heads/*:refs/heads/*'],
        dir,
        url,
      );
    const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd: dir });
    return { dir, head: stdout.trim() };
  }

  /**
   * The history and the files at HEAD of a component's code (its path prefix in a monorepo). The
   * history read is kept beside the clone; the next read asks git only for the commits since (when the
   * old HEAD is an ancestor of the new one; after a force-push, the whole history again).
   */
  async read(
    repository: string,
    pathPrefix: string | null,
  ): Promise<{
    commits: HistoryCommit[];
    headFiles: string[];
    capped: boolean;
    source: string;
  }> {
    const { dir, head } = await this.update(repository);
    const prefix = pathPrefix ?? undefined;
    const [history, headFiles] = await Promise.all([
      this.history(dir, head, prefix),
      filesAtHead(dir, prefix),
    ]);
    return {
      ...history,
      headFiles,
      source: `${repository}@${head.slice(0, 12)}`,
    };
  }

  /** How many commits the last read asked git for (0 when the kept history was current). */
  lastReadCommits = 0;

  private async history(dir: string, head: string, prefix?: string) {
    const file = join(
      dir,
      `cairn-history-${createHash('sha256')
        .update(`${prefix ?? ''}\u0000${this.options.maxCommits ?? ''}`)
        .digest('hex')
        .slice(0, 16)}.json`,
    );
    let kept: KeptHistory | undefined;
    try {
      kept = JSON.parse(await readFile(file, 'utf8'));
      if (kept?.version !== KEPT_VERSION) kept = undefined;
    } catch {
      kept = undefined;
    }
    if (kept && kept.head === head) {
      this.lastReadCommits = 0;
      return { commits: kept.commits, capped: kept.capped };
    }
    let result: { commits: HistoryCommit[]; capped: boolean };
    if (kept && (await this.isAncestor(dir, kept.head, head))) {
      const since = await readGitHistory(dir, {
        pathPrefix: prefix,
        after: kept.head,
      });
      this.lastReadCommits = since.commits.length;
      let commits = [...kept.commits, ...since.commits];
      let capped = kept.capped;
      const max = this.options.maxCommits;
      if (max && commits.length > max) {
        commits = commits.slice(commits.length - max);
        capped = true;
      }
      result = { commits, capped };
    } else {
      result = await readGitHistory(dir, {
        pathPrefix: prefix,
        maxCommits: this.options.maxCommits,
      });
      this.lastReadCommits = result.commits.length;
    }
    const next: KeptHistory = { version: KEPT_VERSION, head, ...result };
    await writeFile(`${file}.tmp`, JSON.stringify(next));
    await rename(`${file}.tmp`, file);
    return result;
  }

  private async isAncestor(dir: string, older: string, newer: string) {
    try {
      await run('git', ['merge-base', '--is-ancestor', older, newer], {
        cwd: dir,
      });
      return true;
    } catch {
      // Not an ancestor (exit 1), or the old commit is gone after a force-push.
      return false;
    }
  }
}
