/* The ownership route's answer (the insights backend's ownership/openapi.yaml). */

export type OwnerProblem =
  | 'no-owner'
  | 'owner-missing'
  | 'owner-is-person'
  | 'owner-left'
  | 'no-members'
  | 'never-confirmed'
  | 'confirmation-stale'
  | 'confirmation-unreadable'
  | 'no-on-call';

export type OwnershipReportResponse = {
  entityRef: string;
  computedAt: string;
  /** False: people's names are null (counts and shares only). */
  namesVisible: boolean;
  ownerHealth: {
    owner: string | null;
    ownerKind: 'group' | 'user' | null;
    members: number;
    confirmedOn: string | null;
    confirmationAgeDays: number | null;
    onCall: {
      provider: 'PagerDuty' | 'Opsgenie';
      on: 'component' | 'group';
    } | null;
    problems: OwnerProblem[];
    healthy: boolean;
  };
  knowledge: {
    files: number;
    truckFactor: number;
    keyPeople: Array<string | null>;
    uncoveredFiles: number;
    singleKnowerAreas: Array<{
      area: string;
      member: string | null;
      files: number;
    }>;
    departedAuthors: Array<{ author: string | null; files: number }>;
    commits: number;
    unmatchedAuthors: number;
  } | null;
  knowledgeProblem: string | null;
  source: string | null;
  /** Review concentration over the changes first reviewed in the window; null without any. */
  reviews: OwnershipReviews | null;
};

/** A component's review concentration (the decision bottleneck). */
export type OwnershipReviews = {
  reviewed: number;
  withReviewer: number;
  distinctReviewers: number;
  reviewers: Array<{ reviewer: string | null; reviews: number; share: number }>;
  topShare: number | null;
  topTwoShare: number | null;
  /** Pickup (opened → first review) while the top reviewer was present and while away. */
  pickup: {
    presentMedianSeconds: number | null;
    presentChanges: number;
    awayMedianSeconds: number | null;
    awayChanges: number;
  };
  concentrated: boolean;
  windowDays: number;
  leadTimeBottleneck: string | null;
  bottleneck: boolean;
};

/** A group's (whole sub-tree) or a system's ownership risks, as counts. */
export type OwnershipRollup = {
  entityRef: string;
  components: number;
  withReports: number;
  withoutHistory: number;
  truckFactors: { '0': number; '1': number; '2': number; '3+': number };
  atRisk: Array<{
    entityRef: string;
    truckFactor: number;
    files: number;
    uncoveredFiles: number;
  }>;
  ownerProblems: Partial<Record<OwnerProblem, number>>;
  reviews: {
    withReviews: number;
    concentrated: number;
    components: Array<{
      entityRef: string;
      topShare: number;
      topTwoShare: number;
      distinctReviewers: number;
      bottleneck: boolean;
    }>;
  };
  /** Every team of a group's sub-tree, with its size against the 15–25 people where silos form. */
  teams: Array<{
    entityRef: string;
    members: number;
    components: number;
    componentsPerMember: number | null;
    size: 'small' | 'forming' | 'large';
  }>;
  /** The group's own team report (names null unless the viewer may see them); null for a system. */
  team: {
    namesVisible: boolean;
    computedAt: string;
    members: Array<string | null>;
    whoKnowsWhat: Array<{
      component: string;
      commits: number;
      shares: Array<{ member: string | null; share: number }>;
    }>;
    reviewLoad: Array<{ member: string | null; reviews: number }>;
    reviewsByOthers: number;
  } | null;
};
