/** What the GitHub module keeps of each record kind, as the mapping reads it. */

/** A pull request as the mapping needs it. */
export type PullRequestSnapshot = {
  id: string;
  number: number;
  title: string;
  url: string;
  author: string | null;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  mergedAt: number | null;
  mergeCommit: string | null;
  headRef: string;
  /** False for a pull request from a fork: pushes to its branch never reach this repository's hook. */
  headInRepository: boolean;
};

export type PullRequestState = {
  repository: string;
  snapshot: PullRequestSnapshot;
  firstReviewAt: number | null;
  /** Who gave the first review (a GitHub login). */
  firstReviewer: string | null;
  version: number;
};

export type BranchState = {
  firstCommitAt: number | null;
  paths: string[];
  version: number;
};

export type DeploymentSnapshot = {
  id: string;
  environment: string;
  sha: string;
  createdAt: number;
  updatedAt: number;
  component: string | null;
  trigger: 'normal' | 'rollback' | 'hotfix' | 'revert';
};

export type DeploymentStatus = {
  id: number;
  state: string;
  createdAt: number;
  url: string | null;
};

export type DeploymentState = {
  repository: string;
  deploymentId: number;
  envKey: string;
  snapshot: DeploymentSnapshot;
  statuses: DeploymentStatus[];
  finishedAt: number | null;
  result: 'success' | 'failure' | null;
  version: number;
};

/** A deployment's finish: its first terminal status (a later `inactive` changes nothing). */
export function terminalStatus(statuses: DeploymentStatus[]) {
  const first = [...statuses]
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)
    .find(s => ['success', 'failure', 'error'].includes(s.state));
  return first
    ? {
        finishedAt: first.createdAt,
        result: (first.state === 'success' ? 'success' : 'failure') as
          | 'success'
          | 'failure',
        url: first.url,
      }
    : undefined;
}
