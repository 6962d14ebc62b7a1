/*
 * The SLO routes' answers (the insights backend's reliability/openapi.yaml), for the frontend and
 * other callers.
 */

/** An objective's multiwindow burn-rate alert state. */
export type SloAlertStatus =
  | 'page'
  | 'ticket'
  | 'ok'
  | 'too-little-traffic'
  | 'no-data';

export type SloAlertPair = {
  severity: 'page' | 'ticket';
  factor: number;
  /** Window lengths as text: 1h, 5m, 3d. */
  long: string;
  short: string;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  firing: boolean;
  tooLittleTraffic: boolean;
};

export type SloObjectiveStatus = {
  name: string | null;
  /** In [0, 1). */
  target: number;
  /** A threshold objective's comparison and value (a latency in the metric's unit). */
  op: 'lt' | 'lte' | 'gt' | 'gte' | null;
  value: number | null;
  window: { from: string; to: string };
  sli: number | null;
  events: { good: number; total: number };
  /** Share of the period's minutes with data. */
  coverage: number;
  budget: {
    consumed: number;
    remaining: number;
    badEventsLeft: number;
    outageMinutesLeft: number;
  } | null;
  burnRate1h: number | null;
  timeToExhaustionHours: number | null;
  budgetAtWindowEnd: number | null;
  alert: { status: SloAlertStatus; pairs: SloAlertPair[] } | null;
};

export type SloPeriod =
  | { kind: 'rolling'; durationMs: number }
  | {
      kind: 'calendar';
      unit: 'week' | 'month' | 'quarter' | 'year';
      timeZone: string;
    };

export type SloStatus = {
  name: string;
  displayName: string | null;
  service: string;
  /** `api` (pushed) or the URL of the file it was read from. */
  origin: string;
  version: number;
  dataSource: {
    type: string;
    module: 'installed' | 'not-installed' | null;
    readTo: string | null;
    lastAttemptAt: string | null;
    lastError: string | null;
  };
  budgetingMethod: 'Occurrences' | 'Timeslices' | 'RatioTimeslices';
  period: SloPeriod;
  indicator: { kind: 'ratio' | 'threshold'; name?: string };
  objectives: SloObjectiveStatus[];
};

export type SloStatusResponse = {
  entityRef: string;
  at: string;
  slos: SloStatus[];
};

export type SloProblem = { document: string; path: string; message: string };

export type SloDocuments = {
  entityRef: string;
  documents: Array<{
    componentRef: string;
    origin: string;
    version: number;
    state: 'valid' | 'invalid';
    problems: SloProblem[];
    unsupported: SloProblem[];
    receivedBy: string;
    receivedAt: string;
    /** The documents as received (YAML); empty for a file that could not be read. */
    content: string;
  }>;
};

export type SloObjectiveState = 'healthy' | 'burning' | 'exhausted' | 'noData';

export type SloRollupObjective = {
  entityRef: string;
  slo: string;
  objective: number;
  name: string | null;
  state: SloObjectiveState;
  remaining: number | null;
  /** The last hour's burn rate. */
  burnRate1h: number | null;
  alert: SloAlertStatus | null;
};

export type SloRollup = {
  entityRef: string;
  at: string;
  components: number;
  componentsWithSlos: number;
  objectives: number;
  byState: Record<SloObjectiveState, number>;
  tooLittleTraffic: number;
  /** Objectives by budget remaining: spent, then quarters of the budget. */
  budgetDistribution: Array<{
    band: 'spent' | '0-25' | '25-50' | '50-75' | '75-100';
    above?: number;
    atMost?: number;
    objectives: number;
  }>;
  lowestBudgets: SloRollupObjective[];
  /** The five burning fastest over the last hour (burn rate above 1). */
  fastestBurning: SloRollupObjective[];
  /** Alerts firing, fastest burn first. */
  firing: SloRollupObjective[];
};

export type SloDeploymentNearBurn = {
  id: string;
  source: string;
  finishedAt: string;
  result: string | null;
  version: string | null;
  commit: string | null;
  url: string | null;
};

export type SloHistory = {
  entityRef: string;
  slo: string;
  objective: number;
  from: string;
  to: string;
  timeZone: string;
  days: Array<{
    day: string;
    at: string;
    sli: number | null;
    events: { good: number; total: number };
    coverage: number;
    burnRate: number | null;
    budgetRemaining: number | null;
    alert: SloAlertStatus | null;
    unusualBurn: boolean;
    burnOnset?: string;
    deploymentsBefore?: SloDeploymentNearBurn[];
  }>;
  alerts: Array<{
    at: string;
    from: SloAlertStatus | null;
    to: SloAlertStatus;
    windows: SloAlertPair[];
    deploymentsBefore?: SloDeploymentNearBurn[];
  }>;
};
