import { Knex } from 'knex';
import {
  DeploymentWithFacts,
  IncidentTimes,
} from '../engine/computeDoraValues';
import { ChangeFacts, FailureReasonFact } from '../engine/types';
import { Pair } from './types';
import { toBool, toNumber, toNumberOrNull } from '../../shared/sql';

/**
 * Every stored fact of one component and environment as plain records, for the engine: what the
 * aggregates are checked against, and what the series of small ranges can be computed from.
 */
export async function loadPairRecords(
  db: Knex,
  pair: Pair,
): Promise<{
  deployments: DeploymentWithFacts[];
  changes: ChangeFacts[];
  incidents: IncidentTimes[];
}> {
  const where = { component_ref: pair.componentRef, env_key: pair.envKey };
  const deployments = await db('delivery_deployments')
    .select(
      'finished_at',
      'result',
      'automated',
      'is_failed',
      'failure_reasons',
      'recovered_at',
      'recovery_seconds',
      'is_rework',
    )
    .where(where)
    .whereNull('merged_into')
    .whereNotNull('finished_at')
    .whereNotNull('result');
  const changes = await db('delivery_change_facts').select().where(where);
  const incidents = await db('delivery_incidents')
    .select('detected_at', 'resolved_at')
    .where(where);
  return {
    deployments: deployments.map(r => ({
      finishedAt: toNumber(r.finished_at),
      result: r.result,
      automated: r.automated === null ? null : toBool(r.automated),
      facts: {
        failed: toBool(r.is_failed),
        reasons: JSON.parse(r.failure_reasons ?? '[]') as FailureReasonFact[],
        recoveredAt: toNumberOrNull(r.recovered_at),
        recoverySeconds: toNumberOrNull(r.recovery_seconds),
        rework: toBool(r.is_rework),
      },
    })),
    changes: changes.map(r => ({
      deployedAt: toNumber(r.deployed_at),
      leadSeconds: toNumberOrNull(r.lead_seconds),
      codingSeconds: toNumberOrNull(r.coding_seconds),
      pickupSeconds: toNumberOrNull(r.pickup_seconds),
      reviewSeconds: toNumberOrNull(r.review_seconds),
      deploySeconds: toNumberOrNull(r.deploy_seconds),
      buildSeconds: toNumberOrNull(r.build_seconds),
      releaseSeconds: toNumberOrNull(r.release_seconds),
    })),
    incidents: incidents.map(r => ({
      detectedAt: toNumber(r.detected_at),
      resolvedAt: toNumberOrNull(r.resolved_at),
    })),
  };
}
