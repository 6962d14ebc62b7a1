import {
  DeployPart,
  LeadTimeStage,
  Percentiles,
} from '@cairn/plugin-insights-common';
import { percentiles } from './percentile';
import { OffsetSegment, localDay } from '../../shared/timeZones';
import { ChangeFacts, DeploymentFacts } from './types';

/** A finished, canonical deployment with its derived facts. */
export type DeploymentWithFacts = {
  finishedAt: number;
  result: 'success' | 'failure';
  automated: boolean | null;
  facts: DeploymentFacts;
};

export type IncidentTimes = { detectedAt: number; resolvedAt: number | null };

/**
 * The aggregates behind every DORA metric for one range. The store computes the same numbers in SQL
 * for speed; this function is the definition both are tested against.
 */
export type DoraValues = {
  /** Successful deployments (rollbacks and hotfixes included). */
  deployments: number;
  /** Distinct local dates with a successful deployment. */
  deploymentDays: number;
  /** All finished deployments, failures included. */
  total: number;
  failed: number;
  failedByResult: number;
  failedByFix: number;
  failedByIncident: number;
  rework: number;
  manual: number;
  /** Changes shipped in the range (with or without a first commit time). */
  changes: number;
  leadTime: Percentiles;
  stages: Record<LeadTimeStage, Percentiles>;
  /** The deploy stage's parts, over the changes whose merge commit has a build. */
  deployParts: Record<DeployPart, Percentiles>;
  /** Over failed deployments in the range that have recovered. */
  recovery: Percentiles;
  unrecovered: number;
  incidents: number;
  /** Detection to resolution for resolved incidents detected in the range. */
  mttr: Percentiles;
  openIncidents: number;
};

/**
 * Aggregates for [from, to) (docs/DESIGN.md, "Membership in the range"): a deployment counts by its
 * finish, a change by the finish of the deployment that shipped it, an incident by its detection.
 */
export function computeDoraValues(
  input: {
    deployments: DeploymentWithFacts[];
    changes: ChangeFacts[];
    incidents: IncidentTimes[];
  },
  range: { from: number; to: number; offsets: OffsetSegment[] },
): DoraValues {
  const inRange = (t: number) => t >= range.from && t < range.to;
  const deployments = input.deployments.filter(d => inRange(d.finishedAt));
  const successful = deployments.filter(d => d.result === 'success');
  const failed = deployments.filter(d => d.facts.failed);
  const changes = input.changes.filter(c => inRange(c.deployedAt));
  const incidents = input.incidents.filter(i => inRange(i.detectedAt));
  const resolved = incidents.filter(i => i.resolvedAt !== null);
  const count = <T>(items: T[], test: (item: T) => boolean) =>
    items.filter(test).length;

  return {
    deployments: successful.length,
    deploymentDays: new Set(
      successful.map(d => localDay(d.finishedAt, range.offsets)),
    ).size,
    total: deployments.length,
    failed: failed.length,
    failedByResult: count(failed, d =>
      d.facts.reasons.some(r => r.kind === 'result'),
    ),
    failedByFix: count(failed, d =>
      d.facts.reasons.some(r => r.kind === 'fixed'),
    ),
    failedByIncident: count(failed, d =>
      d.facts.reasons.some(r => r.kind === 'incident'),
    ),
    rework: count(deployments, d => d.facts.rework),
    manual: count(deployments, d => d.automated === false),
    changes: changes.length,
    leadTime: percentiles(changes.map(c => c.leadSeconds)),
    stages: {
      coding: percentiles(changes.map(c => c.codingSeconds)),
      pickup: percentiles(changes.map(c => c.pickupSeconds)),
      review: percentiles(changes.map(c => c.reviewSeconds)),
      deploy: percentiles(changes.map(c => c.deploySeconds)),
    },
    deployParts: {
      build: percentiles(changes.map(c => c.buildSeconds)),
      release: percentiles(changes.map(c => c.releaseSeconds)),
    },
    recovery: percentiles(failed.map(d => d.facts.recoverySeconds)),
    unrecovered: count(failed, d => d.facts.recoveredAt === null),
    incidents: incidents.length,
    // Whole seconds, truncated, as the SQL aggregate computes them.
    mttr: percentiles(
      resolved.map(i => Math.floor((i.resolvedAt! - i.detectedAt) / 1000)),
    ),
    openIncidents: incidents.length - resolved.length,
  };
}
