import {
  DurationPercentiles,
  FlakyTest,
  PipelineKind,
  PipelinePeriod,
} from '@cairn/plugin-insights-common';
import { percentileOfSorted } from './percentile';

/*
 * CI health from pipeline runs (docs/DESIGN.md, "CI health"): the engine's definitions, applied to the
 * runs that finished in a period. The store reads the runs; everything here is plain computation.
 */

export type RunRecord = {
  id: number;
  pipeline: string;
  kind: PipelineKind;
  commit: string;
  queuedAt: number | null;
  startedAt: number | null;
  finishedAt: number;
  result: 'success' | 'failure' | 'cancelled';
  url: string | null;
  /** Null when the run reported no tests. */
  tests: { passed: number; failed: number; skipped: number } | null;
  failures: Array<{ suite: string; name: string; message: string | null }>;
};

const seconds = (from: number | null, to: number | null) =>
  from === null || to === null || to < from
    ? null
    : Math.round((to - from) / 1000);

/** p50 and p95 (linear interpolation, as percentile_cont) of whole seconds. */
export function durationPercentiles(
  values: Array<number | null>,
): DurationPercentiles {
  const sorted = Float64Array.from(
    values.filter((v): v is number => v !== null),
  ).sort();
  return {
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    count: sorted.length,
  };
}

/** One period's numbers over some runs. */
export function pipelinePeriod(runs: RunRecord[]): PipelinePeriod {
  const succeeded = runs.filter(r => r.result === 'success').length;
  const failed = runs.filter(r => r.result === 'failure').length;
  return {
    runs: runs.length,
    succeeded,
    failed,
    cancelled: runs.length - succeeded - failed,
    successRate:
      succeeded + failed === 0 ? null : succeeded / (succeeded + failed),
    duration: durationPercentiles(
      runs.map(r => seconds(r.startedAt, r.finishedAt)),
    ),
    queue: durationPercentiles(runs.map(r => seconds(r.queuedAt, r.startedAt))),
  };
}

const groupBy = <T>(items: T[], key: (item: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};

const testKey = (t: { suite: string; name: string }) =>
  `${t.suite}\u0000${t.name}`;
const runGroupKey = (r: RunRecord) => `${r.pipeline}\u0000${r.commit}`;

/**
 * Flaky tests: a test is flaky on a commit when one run of a pipeline reported it failed and another
 * run of the same pipeline on the same commit reported test results without it among the failures.
 * Its failure rate is over the runs (with test results) of the pipelines it flaked in.
 */
export function flakyTests(runs: RunRecord[]): FlakyTest[] {
  const flaky = new Map<
    string,
    { suite: string; name: string; pipelines: Set<string>; commits: number }
  >();
  for (const group of groupBy(
    runs.filter(r => r.tests !== null),
    runGroupKey,
  ).values()) {
    if (group.length < 2) continue;
    const failedIn = new Map<string, number>();
    for (const run of group)
      for (const f of run.failures)
        failedIn.set(testKey(f), (failedIn.get(testKey(f)) ?? 0) + 1);
    for (const [key, count] of failedIn) {
      if (count === group.length) continue;
      const [suite, name] = key.split('\u0000');
      const entry = flaky.get(key) ?? {
        suite,
        name,
        pipelines: new Set<string>(),
        commits: 0,
      };
      entry.pipelines.add(group[0].pipeline);
      entry.commits++;
      flaky.set(key, entry);
    }
  }
  const withTests = groupBy(
    runs.filter(r => r.tests !== null),
    r => r.pipeline,
  );
  const result: FlakyTest[] = [];
  for (const [key, entry] of flaky) {
    const pipelineRuns = [...entry.pipelines].flatMap(
      p => withTests.get(p) ?? [],
    );
    const failing = pipelineRuns.filter(r =>
      r.failures.some(f => testKey(f) === key),
    );
    const last = failing.reduce((a, b) =>
      b.finishedAt > a.finishedAt ? b : a,
    );
    result.push({
      suite: entry.suite,
      name: entry.name,
      pipelines: [...entry.pipelines].sort(),
      flakyCommits: entry.commits,
      failures: failing.length,
      runs: pipelineRuns.length,
      failureRate: failing.length / pipelineRuns.length,
      blockedRuns: failing.filter(r => r.result === 'failure').length,
      lastFailure: {
        at: new Date(last.finishedAt).toISOString(),
        url: last.url,
        message: last.failures.find(f => testKey(f) === key)?.message ?? null,
      },
    });
  }
  return result.sort(
    (a, b) =>
      b.failures - a.failures ||
      b.failureRate - a.failureRate ||
      a.suite.localeCompare(b.suite) ||
      a.name.localeCompare(b.name),
  );
}

/**
 * Time lost to reruns: every failed run of a pipeline on a commit that a later run of the same
 * pipeline on the same commit finished successfully, with its duration (started → finished).
 */
export function rerunLoss(runs: RunRecord[]): {
  runs: number;
  secondsLost: number;
} {
  let count = 0;
  let secondsLost = 0;
  for (const group of groupBy(runs, runGroupKey).values()) {
    const lastSuccess = Math.max(
      ...group.filter(r => r.result === 'success').map(r => r.finishedAt),
    );
    for (const run of group) {
      if (run.result !== 'failure' || run.finishedAt >= lastSuccess) continue;
      count++;
      secondsLost += seconds(run.startedAt, run.finishedAt) ?? 0;
    }
  }
  return { runs: count, secondsLost };
}
