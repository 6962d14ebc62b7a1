import { Knex } from 'knex';
import { HistoryCommitRecord } from '@cairn/plugin-insights-node';
import { num } from './rows';

/** A commit as a push webhook describes it. */
export type PushedCommit = {
  sha: string;
  author: string;
  authoredAt: number;
  added: string[];
  modified: string[];
  removed: string[];
};

/**
 * The default branch's commits from push webhooks (`github_commits`), in the order the pushes brought
 * them (`github_push_commits`): a repository's history for ownership reports without a clone. Push
 * payloads carry no rename pairs: a renamed file reads as removed and added, so its history restarts
 * with whoever renamed it (a clone follows renames).
 */
export class CommitHistory {
  constructor(private readonly db: Knex) {}

  /** Keeps the commits of a default-branch push; a commit seen before is not written again. */
  async record(repository: string, commits: PushedCommit[]): Promise<void> {
    const rows = commits.map(c => ({
      repository,
      sha: c.sha,
      author: c.author.slice(0, 255),
      authored_at: c.authoredAt,
      files: JSON.stringify({
        added: c.added,
        modified: c.modified,
        removed: c.removed,
      }),
    }));
    for (let i = 0; i < rows.length; i += 200)
      await this.db('github_commits')
        .insert(rows.slice(i, i + 200))
        .onConflict(['repository', 'sha'])
        .ignore();
  }

  /**
   * The commits touching `pathPrefix` (all when null), oldest first, and the files they leave present;
   * undefined when no push of the repository was received.
   */
  async read(
    repository: string,
    pathPrefix: string | null,
  ): Promise<
    { commits: HistoryCommitRecord[]; headFiles: string[] } | undefined
  > {
    const rows = await this.db('github_commits as c')
      .join('github_push_commits as p', function on() {
        this.on('p.repository', 'c.repository').andOn('p.sha', 'c.sha');
      })
      .where('c.repository', repository)
      .orderBy([
        { column: 'p.push_id', order: 'asc' },
        { column: 'p.position', order: 'asc' },
      ])
      .select('c.sha', 'c.author', 'c.authored_at', 'c.files');
    if (rows.length === 0) return undefined;
    const prefix = pathPrefix ?? '';
    const present = new Set<string>();
    const commits: HistoryCommitRecord[] = [];
    for (const row of rows) {
      const files = JSON.parse(row.files) as {
        added: string[];
        modified: string[];
        removed: string[];
      };
      const changes: HistoryCommitRecord['changes'] = [
        ...files.removed.map(path => ({ status: 'D' as const, path })),
        ...files.added.map(path => ({ status: 'A' as const, path })),
        ...files.modified.map(path => ({ status: 'M' as const, path })),
      ].filter(c => c.path.startsWith(prefix));
      if (changes.length === 0) continue;
      for (const c of changes)
        if (c.status === 'D') present.delete(c.path);
        else present.add(c.path);
      commits.push({
        sha: row.sha,
        author: row.author,
        at: num(row.authored_at),
        changes,
      });
    }
    return { commits, headFiles: [...present].sort() };
  }
}
