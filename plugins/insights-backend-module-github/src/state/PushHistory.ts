import { Knex } from 'knex';
import { num } from './rows';

/** How far back a commit range is followed before giving up. */
const MAX_PUSHES_WALKED = 500;
const ZERO_SHA = /^0+$/;

/** The default branch's pushes and the order of their commits (`github_pushes`, `github_push_commits`). */
export class PushHistory {
  constructor(private readonly db: Knex) {}

  /** Remembers a push to the default branch and the order of its commits. Returns whether it is new. */
  async record(
    repository: string,
    push: { before: string; after: string; forced: boolean; commits: string[] },
    now: number,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const existing = await tx('github_pushes').first('id').where({
        repository,
        before_sha: push.before,
        after_sha: push.after,
      });
      if (existing) return false;
      const [inserted] = await tx('github_pushes').insert(
        {
          repository,
          before_sha: push.before,
          after_sha: push.after,
          forced: push.forced,
          commits: JSON.stringify(push.commits),
          version: now,
        },
        ['id'],
      );
      const pushId = num(inserted.id ?? inserted);
      const rows = push.commits.map((sha, position) => ({
        repository,
        sha,
        push_id: pushId,
        position,
      }));
      for (let i = 0; i < rows.length; i += 200) {
        await tx('github_push_commits')
          .insert(rows.slice(i, i + 200))
          .onConflict(['repository', 'sha'])
          .ignore();
      }
      return true;
    });
  }

  /**
   * The commits on the default branch after `from` up to and including `to`, newest first, from the
   * pushes GitHub reported; with the versions of the pushes read. Undefined when the pushes do not
   * connect the two (a push was missed, a force push rewrote history): then nothing is guessed.
   */
  async commitsBetween(
    repository: string,
    from: string,
    to: string,
  ): Promise<{ commits: string[]; version: number } | undefined> {
    const commits: string[] = [];
    let version = 0;
    let current = to;
    for (let walked = 0; walked < MAX_PUSHES_WALKED; walked++) {
      const at = await this.db('github_push_commits')
        .first('push_id', 'position')
        .where({ repository, sha: current });
      if (!at) return undefined;
      const push = await this.db('github_pushes')
        .first()
        .where('id', at.push_id);
      version = Math.max(version, num(push.version));
      const shas = (JSON.parse(push.commits) as string[]).slice(
        0,
        num(at.position) + 1,
      );
      for (const sha of shas.reverse()) {
        if (sha === from) return { commits, version };
        commits.push(sha);
      }
      if (push.before_sha === from) return { commits, version };
      // Before a force push or a branch creation, the history is not this push's `before`.
      if (push.forced || ZERO_SHA.test(push.before_sha)) return undefined;
      current = push.before_sha;
    }
    return undefined;
  }
}
