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
};
