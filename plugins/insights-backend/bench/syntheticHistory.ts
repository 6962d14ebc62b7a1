import { createHash } from 'node:crypto';
import { DeliveryEventInput } from '@cairn/plugin-insights-common';

/*
 * Synthetic delivery history for benchmarks and load tests: any number of deployments, changes and
 * incidents for a component over a number of days, deterministic for a seed. Events come in time
 * order, each deployment right after the changes it ships.
 */

const HOUR = 3_600_000;

export type SyntheticOptions = {
  component: string;
  repository?: string;
  /** End of the history (epoch ms). */
  to: number;
  days: number;
  deployments: number;
  changesPerDeployment: number;
  incidents: number;
  source?: string;
  seed?: string;
};

function rng(seed: string) {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticHistory(
  options: SyntheticOptions,
): DeliveryEventInput[] {
  const random = rng(options.seed ?? options.component);
  const source = options.source ?? 'bench';
  const name = options.component.split('/').pop()!;
  const from = options.to - options.days * 24 * HOUR;
  const step = (options.to - from) / options.deployments;
  const iso = (t: number) => new Date(Math.round(t)).toISOString();
  const sha = (s: string) => createHash('sha1').update(s).digest('hex');
  const events: DeliveryEventInput[] = [];
  const incidentEvery = options.incidents
    ? Math.floor(options.deployments / options.incidents)
    : 0;

  for (let d = 0; d < options.deployments; d++) {
    const finishedAt = from + (d + random()) * step;
    const changeRefs: string[] = [];
    const commits: string[] = [];
    for (let c = 0; c < options.changesPerDeployment; c++) {
      const id = `${name}-${d}-${c}`;
      const mergedAt = finishedAt - (0.5 + random() * 4) * HOUR;
      const firstReviewAt = mergedAt - (0.2 + random() * 6) * HOUR;
      const openedAt = firstReviewAt - (0.1 + random() * 4) * HOUR;
      const mergeCommit = sha(id);
      // Half of the deployments list change ids, half list merge commits: both joins are exercised.
      if (d % 2 === 0) changeRefs.push(id);
      else commits.push(mergeCommit);
      events.push({
        type: 'change',
        source,
        id,
        repository: options.repository ?? `github.com/bench/${name}`,
        component: options.component,
        firstCommitAt: iso(openedAt - (1 + random() * 30) * HOUR),
        openedAt: iso(openedAt),
        firstReviewAt: iso(firstReviewAt),
        mergedAt: iso(mergedAt),
        mergeCommit,
      });
    }
    const failed = random() < 0.05;
    events.push({
      type: 'deployment',
      source,
      id: `${name}-deploy-${d}`,
      component: options.component,
      environment: 'production',
      commit: sha(`${name}-deploy-${d}`),
      commits,
      changes: changeRefs,
      startedAt: iso(finishedAt - 5 * 60_000),
      finishedAt: iso(finishedAt),
      result: failed ? 'failure' : 'success',
      automated: random() > 0.1,
      ...(d > 0 && random() < 0.03 ? { trigger: 'rollback' as const } : {}),
    });
    if (incidentEvery && d % incidentEvery === incidentEvery - 1) {
      const detectedAt = finishedAt + random() * 2 * HOUR;
      events.push({
        type: 'incident',
        source,
        id: `${name}-incident-${d}`,
        component: options.component,
        environment: 'production',
        detectedAt: iso(detectedAt),
        ...(random() < 0.9
          ? { resolvedAt: iso(detectedAt + (0.2 + random() * 5) * HOUR) }
          : {}),
      });
    }
  }
  return events.filter(e => {
    const t =
      (e as { finishedAt?: string; detectedAt?: string }).finishedAt ??
      (e as { detectedAt?: string }).detectedAt;
    return !t || Date.parse(t) < options.to;
  });
}
