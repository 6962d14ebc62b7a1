import { EntityFacts, FactProvider } from '@cairn/plugin-insights-node';
import { OwnershipStore } from './store/OwnershipStore';

/**
 * The ownership domain's facts for scorecard checks, from each component's newest report: owner
 * health, on-call, knowledge concentration and review concentration. A component without a report is
 * not reported; knowledge and review facts are absent when there was no history or no review.
 */
export function ownershipFactProvider(
  store: Pick<OwnershipStore, 'latest'>,
): FactProvider {
  return {
    id: 'ownership',
    description:
      'Owner health, on-call, knowledge and review concentration of a component (its newest ownership report).',
    facts: {
      ownerHealthy: {
        type: 'bool',
        description:
          'the owner is an existing group with members, confirmed, with on-call',
      },
      ownerProblems: {
        type: 'list<string>',
        description:
          'owner problems (no-owner, owner-missing, no-on-call, confirmation-stale, ...)',
      },
      onCall: { type: 'bool', description: 'PagerDuty or Opsgenie mapped' },
      members: { type: 'int', description: "the owning group's members" },
      truckFactor: {
        type: 'int',
        description:
          'truck factor among current members (absent without history)',
      },
      uncoveredFiles: {
        type: 'int',
        description: 'files no current member knows (absent without history)',
      },
      departedAuthors: {
        type: 'int',
        description:
          'authors of current files who left (absent without history)',
      },
      topReviewerShare: {
        type: 'double',
        description:
          'share of first reviews by the top reviewer (absent without reviews)',
      },
      reviewBottleneck: {
        type: 'bool',
        description:
          'reviews wait for one person and pickup is the lead time bottleneck (absent without reviews)',
      },
    },
    async factsFor(entityRefs) {
      const components = entityRefs.filter(r => r.startsWith('component:'));
      const reports = await store.latest(components);
      const result = new Map<string, EntityFacts>();
      for (const [ref, r] of reports) {
        const facts: EntityFacts = {
          ownerHealthy: r.ownerHealth.healthy,
          ownerProblems: r.ownerHealth.problems,
          onCall: r.ownerHealth.onCall !== null,
          members: r.ownerHealth.members,
        };
        if (r.knowledge) {
          facts.truckFactor = r.knowledge.truckFactor;
          facts.uncoveredFiles = r.knowledge.uncoveredFiles;
          facts.departedAuthors = r.knowledge.departedAuthors.length;
        }
        if (r.reviews && r.reviews.topShare !== null) {
          facts.topReviewerShare = r.reviews.topShare;
          facts.reviewBottleneck = r.reviews.bottleneck;
        }
        result.set(ref, facts);
      }
      return result;
    },
  };
}
