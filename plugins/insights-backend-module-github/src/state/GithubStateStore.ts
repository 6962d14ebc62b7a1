import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { BranchStore } from './BranchStore';
import { CommitHistory } from './CommitHistory';
import { DeliveryLog } from './DeliveryLog';
import { DeploymentStore } from './DeploymentStore';
import { PullRequestStore } from './PullRequestStore';
import { PushHistory } from './PushHistory';

export * from './types';

const migrationsDir = resolvePackagePath(
  '@cairn/plugin-insights-backend-module-github',
  'migrations',
);
/** Apart from the insights plugin's own migrations, which share the database. */
export const MIGRATIONS_TABLE = 'insights_github_knex_migrations';

/**
 * What the GitHub module remembers between webhooks (see migrations/), one store per record kind.
 * Each write bumps the row's version only when something changed, so that a replay maps to the
 * identical record.
 */
export class GithubStateStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<GithubStateStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await db.migrate.latest({
        directory: migrationsDir,
        tableName: MIGRATIONS_TABLE,
      });
    }
    return new GithubStateStore(
      new DeliveryLog(db),
      new PullRequestStore(db),
      new BranchStore(db),
      new PushHistory(db),
      new DeploymentStore(db),
      new CommitHistory(db),
    );
  }

  private constructor(
    readonly deliveries: DeliveryLog,
    readonly pullRequests: PullRequestStore,
    readonly branches: BranchStore,
    readonly pushes: PushHistory,
    readonly deployments: DeploymentStore,
    readonly commits: CommitHistory,
  ) {}
}
