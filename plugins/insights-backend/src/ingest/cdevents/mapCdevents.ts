import { DeliveryEventInput, isoTime } from '@cairn/plugin-insights-common';
import { CdeventLink, MappedType } from './cdeventSchemas';
import { describeArtifact } from './parsePurl';

/** The delivery source every CDEvent maps to. */
export const CDEVENTS_SOURCE = 'cdevents';

/**
 * A CDEvent as kept for the mapping (table `cdevents_events`): enough to fold the events of one
 * subject into a delivery record and to follow links, chains and artifacts between them.
 */
export type CdeventRecord = {
  ceSource: string;
  contextId: string;
  type: MappedType;
  kind:
    | 'deployment'
    | 'change'
    | 'incident'
    | 'pipelineRun'
    | 'taskRun'
    | 'testCaseRun';
  /**
   * The delivery record's id: a deployment is its own CDEvent (`context.id`); a change or an incident
   * is its subject, `<subject.source or context.source>#<subject.id>`, across its events.
   */
  subjectKey: string;
  chainId: string | null;
  artifactId: string | null;
  /** The component a service event (its subject) or an incident (`content.service`) names. */
  componentRef: string | null;
  environment: string | null;
  /** The environment's key (every production name shares `production`). */
  envKey: string | null;
  /** `context.timestamp`, epoch ms. */
  timestamp: number;
  /** When Cairn stored the event, epoch ms. */
  receivedAt: number;
  links: CdeventLink[];
  details: {
    subjectId: string;
    repository?: string;
    description?: string;
    ticketUri?: string;
    /** `customData.author` of a change event. */
    author?: string;
    /** `customData.reviewer` of a change.reviewed event. */
    reviewer?: string;
    /** A pipeline run's or task run's name and link; a task run's pipeline run (its subject key). */
    pipelineName?: string;
    taskName?: string;
    url?: string;
    pipelineRunKey?: string;
    /** The outcome of a finished pipeline run, task run or test case run, and why. */
    outcome?: string;
    reason?: string;
    /** A test case run's test: its suite run and name. */
    testSuite?: string;
    testName?: string;
    /** What a run built, from `customData` (the spec has no place for it). */
    build?: {
      commit?: string;
      repository?: string;
      component?: string;
      kind?: 'defaultBranch' | 'pullRequest' | 'other';
    };
  };
};

/** Reads of other stored CDEvents that links, chains and artifacts point to. */
export type CdeventLookup = {
  byContextId(contextId: string): CdeventRecord[];
  inChain(chainId: string): CdeventRecord[];
  deploymentsOfArtifact(artifactId: string): CdeventRecord[];
};

/**
 * A mapped record's `updatedAt`: when the newest event it was folded from was stored. The fold only
 * learns more as events arrive, so the latest fold wins over earlier ones (the backend's identity
 * rules), and a replay, which stores nothing, maps to the identical record.
 */
const foldedAt = (records: CdeventRecord[]) =>
  isoTime(Math.max(...records.map(r => r.receivedAt)));
const byTime = (a: CdeventRecord, b: CdeventRecord) =>
  a.timestamp - b.timestamp || a.contextId.localeCompare(b.contextId);

/** Records a record's links point to (PATH and END name a parent, RELATION a target). */
function linked(record: CdeventRecord, lookup: CdeventLookup) {
  return record.links
    .flatMap(l => (l.contextId ? lookup.byContextId(l.contextId) : []))
    .sort(byTime);
}

const isDeployment = (r: CdeventRecord) => r.kind === 'deployment';

/**
 * `service.deployed`, `service.upgraded` and `service.rolledback` are finished, successful
 * deployments of the service (its subject) to the environment, at the event's timestamp. What they
 * shipped: the changes they link to and the changes of their chain. A rollback fixes the deployment it
 * links to; otherwise the latest earlier deployment of its chain to the same component and
 * environment; otherwise the backend's rule applies (the immediately preceding deployment).
 */
export function deploymentEvent(
  record: CdeventRecord,
  lookup: CdeventLookup,
): DeliveryEventInput {
  const artifact = describeArtifact(record.artifactId!);
  const chain = record.chainId ? lookup.inChain(record.chainId) : [];
  const links = linked(record, lookup);
  // Per change shipped, the event that first told Cairn so: later events about it change nothing here.
  const shipped = new Map<string, CdeventRecord>();
  for (const r of [...links, ...chain]) {
    const known = shipped.get(r.subjectKey);
    if (r.kind === 'change' && (!known || r.receivedAt < known.receivedAt)) {
      shipped.set(r.subjectKey, r);
    }
  }
  const changes = [...shipped.keys()].sort();
  let fixed: CdeventRecord | undefined;
  if (record.type === 'service.rolledback') {
    fixed =
      links.find(isDeployment) ??
      chain
        .filter(
          r =>
            isDeployment(r) &&
            r.contextId !== record.contextId &&
            r.componentRef === record.componentRef &&
            r.envKey === record.envKey &&
            r.timestamp < record.timestamp,
        )
        .sort(byTime)
        .pop();
  }
  const fixes = fixed?.subjectKey;
  return {
    type: 'deployment',
    source: CDEVENTS_SOURCE,
    id: record.subjectKey,
    component: record.componentRef ?? undefined,
    repository: artifact.repository ?? undefined,
    environment: record.environment!,
    name: record.artifactId!.slice(0, 512),
    version: artifact.version?.slice(0, 255) ?? undefined,
    commit: artifact.commit ?? undefined,
    finishedAt: isoTime(record.timestamp),
    result: 'success',
    trigger: record.type === 'service.rolledback' ? 'rollback' : 'normal',
    ...(fixes ? { fixes } : {}),
    ...(changes.length ? { changes } : {}),
    // Only what decided the record: an unrelated event joining the chain is not news for it.
    updatedAt: foldedAt([
      record,
      ...shipped.values(),
      ...(fixed ? [fixed] : []),
    ]),
  };
}

/**
 * A change from its `change.created`, `change.reviewed` and `change.merged` events: opened at the
 * first created, first review (and its reviewer, `customData.reviewer`) at the first reviewed, merged
 * at the first merged; the author from the first event whose `customData.author` names one. A merged change
 * whose subject id is a full commit SHA has that merge commit.
 */
export function changeEvent(records: CdeventRecord[]): DeliveryEventInput {
  const sorted = [...records].sort(byTime);
  const first = (type: MappedType) =>
    sorted.find(r => r.type === type)?.timestamp;
  const latest = sorted[sorted.length - 1];
  const repository =
    [...sorted].reverse().find(r => r.details.repository)?.details.repository ??
    latest.subjectKey.slice(0, latest.subjectKey.lastIndexOf('#'));
  const description = [...sorted].reverse().find(r => r.details.description)
    ?.details.description;
  const mergedAt = first('change.merged');
  const subjectId = latest.details.subjectId;
  const openedAt = first('change.created');
  const firstReviewAt = first('change.reviewed');
  const firstReviewer = sorted.find(r => r.type === 'change.reviewed')?.details
    .reviewer;
  const author = sorted.find(r => r.details.author)?.details.author;
  return {
    type: 'change',
    source: CDEVENTS_SOURCE,
    id: latest.subjectKey,
    repository,
    ...(/^[1-9][0-9]{0,8}$/.test(subjectId)
      ? { number: Number(subjectId) }
      : {}),
    ...(description ? { title: description.slice(0, 1024) } : {}),
    ...(openedAt !== undefined ? { openedAt: isoTime(openedAt) } : {}),
    ...(author ? { author } : {}),
    ...(firstReviewAt !== undefined
      ? { firstReviewAt: isoTime(firstReviewAt) }
      : {}),
    ...(firstReviewer ? { firstReviewer } : {}),
    ...(mergedAt !== undefined ? { mergedAt: isoTime(mergedAt) } : {}),
    ...(mergedAt !== undefined &&
    /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(subjectId)
      ? { mergeCommit: subjectId.toLowerCase() }
      : {}),
    updatedAt: foldedAt(sorted),
  };
}

/**
 * An incident from its `incident.detected`, `incident.reported` and `incident.resolved` events:
 * detected at the first detected or reported, resolved at the last resolved. Undefined while only a
 * resolution is known (it is kept and mapped once the detection arrives). What caused it, in order:
 * a deployment it links to; the deployment of its artifact to the same environment (the latest one
 * finished by the detection, else the latest); a deployment of its chain to the same environment;
 * otherwise the artifact's version, which the backend matches against every source's deployments.
 */
export function incidentEvent(
  records: CdeventRecord[],
  lookup: CdeventLookup,
): DeliveryEventInput | undefined {
  const sorted = [...records].sort(byTime);
  const detections = sorted.filter(r => r.type !== 'incident.resolved');
  if (detections.length === 0) return undefined;
  const detected = detections[0];
  const resolutions = sorted.filter(r => r.type === 'incident.resolved');
  const resolvedAt = resolutions.length
    ? Math.max(
        resolutions[resolutions.length - 1].timestamp,
        detected.timestamp,
      )
    : undefined;
  const sameEnvironment = (r: CdeventRecord) =>
    isDeployment(r) && r.envKey === detected.envKey;
  const latestBy = (candidates: CdeventRecord[]) => {
    const before = candidates.filter(r => r.timestamp <= detected.timestamp);
    return (before.length ? before : candidates).sort(byTime).pop();
  };

  let cause: CdeventRecord | undefined;
  for (const r of sorted) {
    cause ??= linked(r, lookup).find(isDeployment);
  }
  const artifactId = sorted.find(r => r.artifactId)?.artifactId ?? null;
  if (!cause && artifactId) {
    cause = latestBy(
      lookup.deploymentsOfArtifact(artifactId).filter(sameEnvironment),
    );
  }
  if (!cause && detected.chainId) {
    cause = latestBy(lookup.inChain(detected.chainId).filter(sameEnvironment));
  }
  let causedBy: { deployment?: string; version?: string } | undefined;
  if (cause) causedBy = { deployment: cause.subjectKey };
  else if (artifactId) {
    const version = describeArtifact(artifactId).version;
    if (version) causedBy = { version: version.slice(0, 255) };
  }
  const component = [...sorted]
    .reverse()
    .find(r => r.componentRef)?.componentRef;
  const description = [...sorted].reverse().find(r => r.details.description)
    ?.details.description;
  const ticket = [...sorted].reverse().find(r => r.details.ticketUri)
    ?.details.ticketUri;
  return {
    type: 'incident',
    source: CDEVENTS_SOURCE,
    id: detected.subjectKey,
    ...(component ? { component } : {}),
    environment: detected.environment!,
    ...(description ? { title: description.slice(0, 1024) } : {}),
    ...(ticket ? { url: ticket } : {}),
    detectedAt: isoTime(detected.timestamp),
    ...(resolvedAt !== undefined ? { resolvedAt: isoTime(resolvedAt) } : {}),
    ...(causedBy ? { causedBy } : {}),
    // Its own events and the deployment that caused it decided the record; a cause replaced by
    // another is replaced by one that arrived later.
    updatedAt: foldedAt([...sorted, ...(cause ? [cause] : [])]),
  };
}

const FULL_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/i;

/** A finished run's outcome as a result; without one, success unless it reported errors. */
function runResult(
  outcome: string | undefined,
  errors: boolean,
): 'success' | 'failure' | 'cancelled' {
  const o = (outcome ?? '').trim().toLowerCase();
  if (!o) return errors ? 'failure' : 'success';
  if (['success', 'succeeded', 'successful', 'pass', 'passed'].includes(o))
    return 'success';
  if (['cancel', 'cancelled', 'canceled', 'aborted', 'skipped'].includes(o))
    return 'cancelled';
  return 'failure';
}

const absoluteUrl = (url: string | undefined) => {
  if (!url || url.length > 2048) return undefined;
  try {
    return new URL(url).protocol.startsWith('http') ? url : undefined;
  } catch {
    return undefined;
  }
};

/**
 * What a run built: what its events' `customData` declare (`commit`, and optionally `repository`,
 * `component`, `kind`), else the merge commit of a `change.merged` in its chain whose subject is a
 * full commit SHA (a default-branch run of that change's repository). Undefined when neither says.
 */
function buildOf(
  records: CdeventRecord[],
  lookup: CdeventLookup,
): { build: Build; from: CdeventRecord[] } | undefined {
  const declared = [...records]
    .sort(byTime)
    .reverse()
    .find(r => r.details.build?.commit);
  if (declared) return { build: declared.details.build!, from: [declared] };
  for (const chainId of new Set(records.map(r => r.chainId))) {
    if (!chainId) continue;
    const merged = lookup
      .inChain(chainId)
      .filter(
        r => r.type === 'change.merged' && FULL_SHA.test(r.details.subjectId),
      )
      .sort(byTime)[0];
    if (merged) {
      const repository =
        merged.details.repository ??
        merged.subjectKey.slice(0, merged.subjectKey.lastIndexOf('#'));
      const component = records.find(r => r.details.build?.component)?.details
        .build?.component;
      return {
        build: {
          commit: merged.details.subjectId.toLowerCase(),
          repository,
          ...(component ? { component } : {}),
          kind: 'defaultBranch',
        },
        from: [merged],
      };
    }
  }
  return undefined;
}

/** Times in order: the CDEvents' own clocks may disagree by a little; a run never ends before it starts. */
function orderedTimes(queued?: number, started?: number, finished?: number) {
  const startedAt =
    started !== undefined && queued !== undefined
      ? Math.max(started, queued)
      : started;
  const floor = startedAt ?? queued;
  const finishedAt =
    finished !== undefined && floor !== undefined
      ? Math.max(finished, floor)
      : finished;
  return { queuedAt: queued, startedAt, finishedAt };
}

type Build = NonNullable<CdeventRecord['details']['build']>;

/** The latest non-blank value of a field among records. */
const latestOf = (
  list: CdeventRecord[],
  pick: (r: CdeventRecord) => string | undefined,
) =>
  [...list]
    .sort(byTime)
    .reverse()
    .map(pick)
    .find(v => v && v.trim());

/** Every stored event of the records' chains. */
const chainsOf = (records: CdeventRecord[], lookup: CdeventLookup) =>
  [...new Set(records.flatMap(r => (r.chainId ? [r.chainId] : [])))].flatMap(
    id => lookup.inChain(id),
  );

/** What a pipeline run and a task run map to alike: identity, what was built, times, result, link. */
function runFields(
  id: string,
  pipeline: string,
  build: Build,
  times: ReturnType<typeof orderedTimes>,
  finished: CdeventRecord | undefined,
  url: string | undefined,
) {
  return {
    type: 'pipelineRun' as const,
    source: CDEVENTS_SOURCE,
    id,
    ...(build.component ? { component: build.component } : {}),
    ...(build.repository ? { repository: build.repository } : {}),
    pipeline: pipeline.slice(0, 255),
    commit: build.commit!,
    kind: build.kind ?? 'defaultBranch',
    ...(times.queuedAt !== undefined
      ? { queuedAt: isoTime(times.queuedAt) }
      : {}),
    ...(times.startedAt !== undefined
      ? { startedAt: isoTime(times.startedAt) }
      : {}),
    ...(times.finishedAt !== undefined && finished
      ? {
          finishedAt: isoTime(times.finishedAt),
          result: runResult(
            finished.details.outcome,
            !!finished.details.reason,
          ),
        }
      : {}),
    ...(url ? { url } : {}),
  };
}

const TEST_PASSED = new Set(['pass', 'success']);
const TEST_FAILED = new Set(['fail', 'failure', 'error']);

/**
 * A pipeline run from its `pipelinerun.queued`, `started` and `finished` events (the first of each),
 * what it built (see `buildOf`), and the `testcaserun.finished` events of its chain: all of them when
 * the chain holds one pipeline run, else those that finished while this run ran. Undefined until
 * something says what it built.
 */
export function pipelineRunEvent(
  records: CdeventRecord[],
  lookup: CdeventLookup,
): DeliveryEventInput | undefined {
  const sorted = [...records].sort(byTime);
  const found = buildOf(sorted, lookup);
  if (!found) return undefined;
  const first = (type: MappedType) =>
    sorted.find(r => r.type === type)?.timestamp;
  const finishedEvent = sorted.find(r => r.type === 'pipelinerun.finished');
  const times = orderedTimes(
    first('pipelinerun.queued'),
    first('pipelinerun.started'),
    finishedEvent?.timestamp,
  );
  const chain = chainsOf(sorted, lookup);
  const runsInChain = new Set(
    chain.filter(r => r.kind === 'pipelineRun').map(r => r.subjectKey),
  );
  const from = times.startedAt ?? times.queuedAt ?? -Infinity;
  const to = times.finishedAt ?? Infinity;
  const cases = new Map<string, CdeventRecord>();
  for (const r of chain) {
    if (r.kind !== 'testCaseRun') continue;
    if (runsInChain.size > 1 && (r.timestamp < from || r.timestamp > to))
      continue;
    const known = cases.get(r.subjectKey);
    if (!known || byTime(known, r) < 0) cases.set(r.subjectKey, r);
  }
  const outcomes = [...cases.values()];
  const failed = outcomes.filter(r => TEST_FAILED.has(r.details.outcome ?? ''));
  const passed = outcomes.filter(r => TEST_PASSED.has(r.details.outcome ?? ''));
  const tests = outcomes.length
    ? {
        passed: passed.length,
        failed: failed.length,
        skipped: outcomes.length - passed.length - failed.length,
        failures: failed.slice(0, 1000).map(r => ({
          ...(r.details.testSuite
            ? { suite: r.details.testSuite.slice(0, 512) }
            : {}),
          name: (r.details.testName ?? r.details.subjectId).slice(0, 1024),
          ...(r.details.reason
            ? { message: r.details.reason.slice(0, 2000) }
            : {}),
        })),
      }
    : undefined;
  const pipeline = latestOf(sorted, r => r.details.pipelineName) ?? 'pipeline';
  return {
    ...runFields(
      sorted[0].subjectKey,
      pipeline.trim(),
      found.build,
      times,
      finishedEvent,
      absoluteUrl(latestOf(sorted, r => r.details.url)),
    ),
    ...(tests ? { tests } : {}),
    updatedAt: foldedAt([...sorted, ...found.from, ...outcomes]),
  };
}

/**
 * A task run from its `taskrun.started` and `finished` events, as a pipeline run of its own named
 * "pipeline / task" (the pipeline's name from its pipeline run's events in the same chain), building
 * what its pipeline run built. Undefined until something says what that is.
 */
export function taskRunEvent(
  records: CdeventRecord[],
  lookup: CdeventLookup,
): DeliveryEventInput | undefined {
  const sorted = [...records].sort(byTime);
  const parentKey = sorted.find(r => r.details.pipelineRunKey)?.details
    .pipelineRunKey;
  const parent = chainsOf(sorted, lookup).filter(
    r => r.kind === 'pipelineRun' && r.subjectKey === parentKey,
  );
  const found = buildOf(sorted, lookup) ?? buildOf(parent, lookup);
  if (!found) return undefined;
  const finishedEvent = sorted.find(r => r.type === 'taskrun.finished');
  const times = orderedTimes(
    undefined,
    sorted.find(r => r.type === 'taskrun.started')?.timestamp,
    finishedEvent?.timestamp,
  );
  const task = (latestOf(sorted, r => r.details.taskName) ?? 'task').trim();
  const pipeline = latestOf(parent, r => r.details.pipelineName);
  return {
    ...runFields(
      sorted[0].subjectKey,
      pipeline ? `${pipeline.trim()} / ${task}` : task,
      found.build,
      times,
      finishedEvent,
      absoluteUrl(latestOf(sorted, r => r.details.url)),
    ),
    updatedAt: foldedAt([...sorted, ...found.from, ...parent]),
  };
}
