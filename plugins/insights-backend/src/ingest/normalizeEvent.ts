import { createHash, hash } from 'node:crypto';
import {
  ChangeEvent,
  DeliveryEvent,
  DeploymentEvent,
  EventReference,
  IncidentEvent,
  PipelineRunEvent,
} from '@cairn/plugin-insights-common';
import {
  Identity,
  StoredChange,
  StoredDeployment,
  StoredEvent,
  StoredIncident,
  StoredPipelineRun,
} from '../delivery';
import { ComponentIndex } from '../shared/ComponentIndex';
import { EnvironmentKinds } from '../shared/EnvironmentKinds';
import { normalizeRepository } from '../shared/repositories';

const ms = (iso: string | undefined) =>
  iso === undefined ? null : Date.parse(iso);

/** A reference without a source names an event of the same source as the referring one. */
const resolveReference = (ref: EventReference, source: string): Identity =>
  typeof ref === 'string' ? { source, id: ref } : ref;

/** A stable JSON rendering (sorted keys), so equal events hash equally however fields were ordered. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++)
      out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  let out = '{';
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(
      member,
    )}`;
  }
  return `${out}}`;
}

/** One-shot hashing where the platform has it (Node 20.12 and later): no hash object per event. */
const sha256Hex: (text: string) => string =
  typeof hash === 'function'
    ? text => hash('sha256', text, 'hex')
    : text => createHash('sha256').update(text).digest('hex');

/** What identifies a version of an event: its content as reported, not how Cairn attributed it. */
export function contentHash(event: DeliveryEvent): string {
  return sha256Hex(canonicalJson(event));
}

export type NormalizeContext = {
  components: ComponentIndex;
  environments: EnvironmentKinds;
};

/** Turns a validated event into what the store keeps: times in epoch ms, references resolved. */
export function normalizeEvent(
  event: DeliveryEvent,
  context: NormalizeContext,
): StoredEvent {
  switch (event.type) {
    case 'deployment':
      return normalizeDeployment(event, context);
    case 'change':
      return normalizeChange(event, context);
    case 'pipelineRun':
      return normalizePipelineRun(event, context);
    default:
      return normalizeIncident(event, context);
  }
}

function normalizeDeployment(
  e: DeploymentEvent,
  context: NormalizeContext,
): StoredDeployment {
  const repository = e.repository ? normalizeRepository(e.repository) : null;
  return {
    type: 'deployment',
    source: e.source,
    externalId: e.id,
    componentRef: context.components.attribute({
      component: e.component,
      repository,
    }).componentRef,
    repository,
    environment: e.environment,
    envKey: context.environments.keyOf(e.environment),
    name: e.name ?? null,
    version: e.version ?? null,
    commit: e.commit ?? null,
    startedAt: ms(e.startedAt),
    finishedAt: ms(e.finishedAt),
    result: e.result ?? null,
    trigger: e.trigger ?? 'normal',
    fixes: e.fixes ? resolveReference(e.fixes, e.source) : null,
    fixesIncident: e.fixesIncident
      ? resolveReference(e.fixesIncident, e.source)
      : null,
    automated: e.automated ?? null,
    url: e.url ?? null,
    changes: (e.changes ?? []).map(ref => resolveReference(ref, e.source)),
    commits: e.commits ?? [],
    updatedAt: ms(e.updatedAt),
    // Lifecycle: started, then finished.
    lifecycle: e.finishedAt ? 2 : 1,
    contentHash: contentHash(e),
  };
}

function normalizeChange(
  e: ChangeEvent,
  context: NormalizeContext,
): StoredChange {
  const repository = normalizeRepository(e.repository);
  return {
    type: 'change',
    source: e.source,
    externalId: e.id,
    repository,
    componentRef: context.components.attribute({
      component: e.component,
      repository,
      changedPaths: e.changedPaths,
    }).componentRef,
    number: e.number ?? null,
    title: e.title ?? null,
    url: e.url ?? null,
    author: e.author ?? null,
    firstCommitAt: ms(e.firstCommitAt),
    openedAt: ms(e.openedAt),
    firstReviewAt: ms(e.firstReviewAt),
    firstReviewer: e.firstReviewer ?? null,
    mergedAt: ms(e.mergedAt),
    mergeCommit: e.mergeCommit ?? null,
    closedAt: ms(e.closedAt),
    changedPaths: e.changedPaths ?? null,
    updatedAt: ms(e.updatedAt),
    // Lifecycle: opened, reviewed, then merged or closed.
    lifecycle: changeLifecycle(e),
    contentHash: contentHash(e),
  };
}

function changeLifecycle(e: ChangeEvent) {
  if (e.mergedAt || e.closedAt) return 3;
  return e.firstReviewAt ? 2 : 1;
}

function normalizeIncident(
  e: IncidentEvent,
  context: NormalizeContext,
): StoredIncident {
  const repository = e.repository ? normalizeRepository(e.repository) : null;
  return {
    type: 'incident',
    source: e.source,
    externalId: e.id,
    componentRef: context.components.attribute({
      component: e.component,
      repository,
    }).componentRef,
    repository,
    environment: e.environment,
    envKey: context.environments.keyOf(e.environment),
    severity: e.severity ?? null,
    title: e.title ?? null,
    url: e.url ?? null,
    detectedAt: ms(e.detectedAt)!,
    resolvedAt: ms(e.resolvedAt),
    causedBy: e.causedBy
      ? {
          deployment: e.causedBy.deployment
            ? resolveReference(e.causedBy.deployment, e.source)
            : null,
          version: e.causedBy.version ?? null,
          commit: e.causedBy.commit ?? null,
        }
      : null,
    updatedAt: ms(e.updatedAt),
    // Lifecycle: detected, then resolved.
    lifecycle: e.resolvedAt ? 2 : 1,
    contentHash: contentHash(e),
  };
}

function normalizePipelineRun(
  e: PipelineRunEvent,
  context: NormalizeContext,
): StoredPipelineRun {
  const repository = e.repository ? normalizeRepository(e.repository) : null;
  // A report may list a test twice (a retried case); it failed once as far as flakiness goes.
  const failures = new Map<string, StoredPipelineRun['failures'][number]>();
  for (const f of e.tests?.failures ?? []) {
    const suite = f.suite ?? '';
    const key = `${suite}\u0000${f.name}`;
    if (!failures.has(key))
      failures.set(key, { suite, name: f.name, message: f.message ?? null });
  }
  return {
    type: 'pipelineRun',
    source: e.source,
    externalId: e.id,
    componentRef: context.components.attribute({
      component: e.component,
      repository,
    }).componentRef,
    repository,
    pipeline: e.pipeline,
    commit: e.commit,
    branch: e.branch ?? null,
    kind: e.kind,
    attempt: e.attempt ?? null,
    queuedAt: ms(e.queuedAt),
    startedAt: ms(e.startedAt),
    finishedAt: ms(e.finishedAt),
    result: e.result ?? null,
    url: e.url ?? null,
    tests: e.tests
      ? {
          passed: e.tests.passed,
          failed: e.tests.failed,
          skipped: e.tests.skipped ?? 0,
        }
      : null,
    failures: [...failures.values()],
    updatedAt: ms(e.updatedAt),
    lifecycle: runLifecycle(e),
    contentHash: contentHash(e),
  };
}

/** Lifecycle: queued, started, then finished. */
function runLifecycle(e: PipelineRunEvent) {
  if (e.finishedAt) return 3;
  return e.startedAt ? 2 : 1;
}
