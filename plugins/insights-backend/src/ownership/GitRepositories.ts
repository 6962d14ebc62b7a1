import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
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
        ['fetch', '--quiet', '--prune', 'origin', '+HEAD:HEAD'],
        dir,
        url,
      );
    const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd: dir });
    return { dir, head: stdout.trim() };
  }

  /** The history and the files at HEAD of a component's code (its path prefix in a monorepo). */
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
      readGitHistory(dir, {
        pathPrefix: prefix,
        maxCommits: this.options.maxCommits,
      }),
      filesAtHead(dir, prefix),
    ]);
    return {
      ...history,
      headFiles,
      source: `${repository}@${head.slice(0, 12)}`,
    };
  }
}
