/**
 * Why a number is missing or partial, and why something needs attention, as data: a code and its
 * parameters. The backend sends both the data and the English sentence `explain` makes of it, so views
 * can show the sentence, word it themselves or translate it, from one list of codes.
 */
export type Explanation =
  /** Nothing ever reported for the component in the environment. */
  | { code: 'no-deployments-reported'; params: { environment: string } }
  | { code: 'no-deployment-in-range' }
  | { code: 'lead-time-runs-to-success' }
  | { code: 'no-first-commit' }
  | { code: 'nothing-to-recover' }
  | { code: 'failures-not-recovered'; params: { count: number } }
  | { code: 'no-incident-in-range' }
  | { code: 'incidents-still-open'; params: { count: number } }
  // Coverage of the numbers.
  | { code: 'not-in-catalog'; params: { entityRef: string } }
  | { code: 'no-repository' }
  | { code: 'no-deployments'; params: { environment: string } }
  | {
      code: 'unattributed-events';
      params: { count: number; repository: string | null };
    }
  | { code: 'changes-without-first-commit'; params: { count: number } }
  | {
      code: 'out-of-order-stages';
      params: {
        count: number;
        coding: number;
        pickup: number;
        review: number;
        deploy: number;
      };
    }
  | {
      code: 'changes-without-build';
      params: { count: number; withBuild: number };
    }
  | {
      code: 'changes-without-deployment';
      params: { count: number; environment: string };
    }
  | { code: 'unresolved-incident-causes'; params: { count: number } }
  | { code: 'inferred-incident-links'; params: { count: number } }
  // What needs attention in a team.
  | { code: 'unrecovered-failures'; params: { count: number } }
  | { code: 'open-incidents'; params: { count: number } }
  | {
      code: 'worst-in-group';
      params: {
        metric:
          | 'changeFailRate'
          | 'changeLeadTime'
          | 'recoveryTime'
          | 'deploymentFrequency';
      };
    };

export type ExplanationCode = Explanation['code'];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const isAre = (n: number) => (n === 1 ? 'is' : 'are');
const hasHave = (n: number) => (n === 1 ? 'has' : 'have');

const WORST: Record<
  Extract<Explanation, { code: 'worst-in-group' }>['params']['metric'],
  string
> = {
  changeFailRate: 'highest change fail rate',
  changeLeadTime: 'slowest change lead time',
  recoveryTime: 'slowest recovery',
  deploymentFrequency: 'least frequent deployments',
};

/** An environment key as a sentence says it: "production", "the staging environment". */
export function environmentPhrase(envKey: string): string {
  return envKey === 'production' ? 'production' : `the ${envKey} environment`;
}

/** The English sentence for an explanation (the one place Cairn words them). */
export function explain(e: Explanation): string {
  switch (e.code) {
    case 'no-deployments-reported':
      return `No deployments of this component to ${e.params.environment} have been reported. Send deployment events (POST /api/insights/v1/events, CDEvents or the GitHub module) or check the component's annotations.`;
    case 'no-deployment-in-range':
      return 'No deployment finished in the range.';
    case 'lead-time-runs-to-success':
      return 'Lead time runs to a successful deployment.';
    case 'no-first-commit':
      return 'No change shipped by a deployment in the range has a first commit time. Deployments must list their changes or commits, and change events need firstCommitAt and mergeCommit.';
    case 'nothing-to-recover':
      return 'No deployment in the range failed, so there was nothing to recover from.';
    case 'failures-not-recovered':
      return `${plural(
        e.params.count,
        'failed deployment',
      )} in the range ${hasHave(e.params.count)} not recovered yet.`;
    case 'no-incident-in-range':
      return 'No incident was detected in the range.';
    case 'incidents-still-open':
      return `${plural(
        e.params.count,
        'incident',
      )} detected in the range ${isAre(e.params.count)} still open.`;
    case 'not-in-catalog':
      return `${e.params.entityRef} is not a component in the catalog; events name it, but it cannot be rolled up into a team.`;
    case 'no-repository':
      return 'The component names no repository (cairn.dev/repository, github.com/project-slug or backstage.io/source-location), so events must name the component to be attributed to it.';
    case 'no-deployments':
      return `No deployments to ${e.params.environment} have been reported for this component.`;
    case 'unattributed-events':
      return `${plural(e.params.count, 'deployment')} from ${
        e.params.repository
      } could not be attributed to a component: the repository holds several components, so the events must name the component (or the components need cairn.dev/path-prefix).`;
    case 'changes-without-first-commit':
      return `${plural(
        e.params.count,
        'shipped change',
      )} had no first commit time and are left out of lead time.`;
    case 'out-of-order-stages': {
      const stages = (['coding', 'pickup', 'review', 'deploy'] as const)
        .filter(stage => e.params[stage] > 0)
        .map(stage => `${stage} ${e.params[stage]}`)
        .join(', ');
      return `${plural(
        e.params.count,
        'stage',
      )} of shipped changes ran backwards in time (${stages}), for example a review before the pull request was opened or a merge after the deployment that shipped it. Each is left out of its stage; the changes' lead times still count.`;
    }
    case 'changes-without-build':
      return `${plural(e.params.count, 'shipped change')} ${hasHave(
        e.params.count,
      )} no successful default-branch pipeline run of ${
        e.params.count === 1 ? 'its' : 'their'
      } merge commit before the deployment, so ${
        e.params.count === 1 ? 'its' : 'their'
      } deploy stage is not split into build and release (${
        e.params.withBuild
      } ${
        e.params.withBuild === 1 ? 'is' : 'are'
      }). Send pipeline runs for every merge commit.`;
    case 'changes-without-deployment':
      return `${plural(e.params.count, 'change')} merged in the range ${hasHave(
        e.params.count,
      )} not been shipped to ${
        e.params.environment
      } by any reported deployment (deployments must list their changes or commits).`;
    case 'unresolved-incident-causes':
      return `${plural(
        e.params.count,
        'incident',
      )} name a cause (deployment, version or commit) that no reported deployment matches.`;
    case 'inferred-incident-links':
      return `${plural(e.params.count, 'incident')} ${
        e.params.count === 1 ? 'was' : 'were'
      } linked to the latest deployment before detection by inference (no causedBy).`;
    case 'unrecovered-failures':
      return `${plural(e.params.count, 'failed deployment')} not recovered`;
    case 'open-incidents':
      return `${plural(e.params.count, 'incident')} open`;
    case 'worst-in-group':
      return `${WORST[e.params.metric]} in the group`;
    default:
      return (e as { code: string }).code;
  }
}

/** Several explanations as one text, sentence after sentence. */
export function explainAll(list: Explanation[]): string {
  return list.map(explain).join(' ');
}
