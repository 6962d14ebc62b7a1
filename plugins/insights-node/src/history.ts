import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** One file a commit touched: added, modified, deleted, or renamed from `from`. */
export type HistoryFileChange =
  | { status: 'A' | 'M' | 'D'; path: string }
  | { status: 'R'; path: string; from: string };

/** A commit as knowledge concentration reads it. */
export type HistoryCommitRecord = {
  sha: string;
  /** The author's e-mail address, lower-cased. */
  author: string;
  /** The author date, epoch ms. */
  at?: number;
  changes: HistoryFileChange[];
};

/**
 * A repository's history without a clone (e.g. from push webhooks), for the ownership domain. The
 * backend uses it when it does not clone repositories, or when the clone fails.
 */
export interface RepositoryHistorySource {
  /** Names the source in reports, e.g. `GitHub push webhooks`. */
  readonly name: string;
  /**
   * The default branch's commits touching `pathPrefix` (all when null), oldest first, and the files
   * they leave present; undefined when the source knows nothing of the repository.
   */
  read(
    repository: string,
    pathPrefix: string | null,
  ): Promise<
    | {
        commits: HistoryCommitRecord[];
        headFiles: string[];
        /** What the report shows as where the history came from. */
        source: string;
      }
    | undefined
  >;
}

export interface InsightsHistoryExtensionPoint {
  addHistorySource(source: RepositoryHistorySource): void;
}

/** Lets modules of the `insights` plugin give repository histories to ownership reports. */
export const insightsHistoryExtensionPoint =
  createExtensionPoint<InsightsHistoryExtensionPoint>({
    id: 'insights.history',
  });
