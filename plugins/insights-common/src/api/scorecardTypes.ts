/* The scorecards routes' answers (the insights backend's scorecards/openapi.yaml). */

export type ScorecardCheckState =
  | 'pass'
  | 'fail'
  | 'warn'
  | 'not-applicable'
  | 'not-reported'
  | 'error'
  | 'exempt';

/** An entity's current results per scorecard. */
export type ScorecardResultsResponse = {
  entityRef: string;
  stage: { id: string; label: string };
  scorecards: Array<{
    name: string;
    title: string;
    /** Lowest first. */
    levels: string[];
    /** The highest level reached; null below the lowest. */
    level: string | null;
    levelSince: string;
    checks: Array<{
      id: string;
      title: string;
      level: string;
      state: ScorecardCheckState;
      message: string | null;
      /** A campaign's deadline while the check fails before it (the level is kept until then). */
      dueBy: string | null;
      fix: string | null;
      since: string;
      exemption: {
        id: number;
        reason: string;
        expiresAt: string;
        grantedBy: string;
      } | null;
    }>;
  }>;
};

/** When an entity's checks changed state, newest first. */
export type ScorecardHistoryResponse = {
  entityRef: string;
  changes: Array<{
    scorecard: string;
    check: string;
    state: ScorecardCheckState;
    message: string | null;
    at: string;
  }>;
};

/** A group's (whole sub-tree) or a system's components per scorecard: distributions, not a worst case. */
export type ScorecardRollupResponse = {
  entityRef: string;
  components: number;
  scorecards: Array<{
    name: string;
    title: string;
    levels: string[];
    evaluated: number;
    /** Components per level (`none` below the lowest), now and 30 days ago. */
    levelsNow: Record<string, number>;
    levelsMonthAgo: Record<string, number>;
    checks: Array<{
      id: string;
      title: string;
      level: string;
      states: Partial<Record<ScorecardCheckState, number>>;
      /** Up to ten components failing it (a campaign's due failures left out). */
      failing: string[];
    }>;
    topFailing: Array<{ id: string; title: string; failing: number }>;
  }>;
};

/** The scorecards in force, the rule files and the stages (the rules page). */
export type ScorecardDefinitionsResponse = {
  scorecards: Array<{
    name: string;
    title: string;
    description: string | null;
    appliesTo: Record<string, string[]>;
    levels: string[];
    checks: Array<{
      id: string;
      title: string;
      level: string;
      /** Null for an external check (its results are pushed by a tool). */
      expression: string | null;
      external: boolean;
      /** An external check's result older than this is not-reported. */
      maxAgeDays: number | null;
      warn: string | null;
      fix: string | null;
      stages: string[] | null;
      targets: Record<string, number> | null;
      appliesTo: Record<string, string[]> | null;
      deadline: string | null;
      /** Entities per state across everything evaluated. */
      states: Partial<Record<ScorecardCheckState, number>>;
    }>;
  }>;
  sources: Array<{
    source: string;
    version: string | null;
    loadedAt: string | null;
    refused: {
      version: string;
      at: string;
      problems: Array<{ line: number | null; message: string }>;
    } | null;
  }>;
  stages: Array<{ id: string; label: string }>;
};

/** What a draft rule file would give, evaluated against every entity without storing anything. */
export type ScorecardDryRunResponse = {
  entities: number;
  scorecards: Array<{
    name: string;
    title: string;
    evaluated: number;
    levels: Record<string, number>;
    checks: Array<{
      id: string;
      title: string;
      states: Partial<Record<ScorecardCheckState, number>>;
      examples: Partial<Record<ScorecardCheckState, string[]>>;
    }>;
  }>;
};
