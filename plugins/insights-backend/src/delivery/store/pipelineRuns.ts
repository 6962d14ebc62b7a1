import { Knex } from 'knex';
import { RunRecord } from '../engine/ciHealth';
import { chunk, toNumber, toNumberOrNull } from '../../shared/sql';
import { TABLES } from './tables';

/*
 * Reading pipeline runs for CI health (docs/DESIGN.md, "CI health"): the finished runs of some
 * components in a range, with the tests each reported failed. One indexed range read per table.
 */

export type PipelineRunScope = {
  componentRefs: string[];
  from: number;
  to: number;
};

/** Finished runs of the components in [from, to), oldest first, each with its failed tests. */
export async function finishedRuns(
  db: Knex,
  scope: PipelineRunScope,
): Promise<Map<string, RunRecord[]>> {
  const byComponent = new Map<string, RunRecord[]>();
  const byId = new Map<number, RunRecord>();
  for (const refs of chunk(scope.componentRefs, 500)) {
    const rows = await db(TABLES.pipelineRun)
      .select(
        'id',
        'component_ref',
        'pipeline',
        'kind',
        'commit_sha',
        'queued_at',
        'started_at',
        'finished_at',
        'result',
        'url',
        'tests_passed',
        'tests_failed',
        'tests_skipped',
      )
      .whereIn('component_ref', refs)
      .where('finished_at', '>=', scope.from)
      .where('finished_at', '<', scope.to)
      .orderBy([{ column: 'finished_at' }, { column: 'id' }]);
    for (const r of rows) {
      const run: RunRecord = {
        id: toNumber(r.id),
        pipeline: r.pipeline,
        kind: r.kind,
        commit: r.commit_sha,
        queuedAt: toNumberOrNull(r.queued_at),
        startedAt: toNumberOrNull(r.started_at),
        finishedAt: toNumber(r.finished_at),
        result: r.result,
        url: r.url ?? null,
        tests:
          r.tests_passed === null
            ? null
            : {
                passed: toNumber(r.tests_passed),
                failed: toNumber(r.tests_failed),
                skipped: toNumber(r.tests_skipped ?? 0),
              },
        failures: [],
      };
      byId.set(run.id, run);
      const list = byComponent.get(r.component_ref) ?? [];
      list.push(run);
      byComponent.set(r.component_ref, list);
    }
  }
  const withFailures = [...byId.values()]
    .filter(r => (r.tests?.failed ?? 0) > 0)
    .map(r => r.id);
  for (const ids of chunk(withFailures, 500)) {
    const rows = await db('delivery_test_failures')
      .select('run_id', 'suite', 'name', 'message')
      .whereIn('run_id', ids);
    for (const f of rows) {
      byId.get(toNumber(f.run_id))!.failures.push({
        suite: f.suite,
        name: f.name,
        message: f.message ?? null,
      });
    }
  }
  return byComponent;
}

/** Runs of a repository that no component claims (coverage: what attribution is missing). */
export async function unattributedRuns(
  db: Knex,
  repository: string,
): Promise<number> {
  const row = await db(TABLES.pipelineRun)
    .count({ n: '*' })
    .whereNull('component_ref')
    .where('repository', repository)
    .first();
  return toNumber(row?.n ?? 0);
}
