import {
  CdeventsIngestCounts,
  DeliveryEventInput,
  describeIssue,
  EventValidationError,
  issuePath,
} from '@cairn/plugin-insights-common';
import { clip } from '@cairn/backend-common';
import { CloudEventV1 } from 'cloudevents';
import { normalizeComponentRef } from '../../shared/ComponentIndex';
import {
  IngestionService,
  InvalidEventsError,
  PayloadTooLargeError,
} from '../IngestionService';
import { TransactionRunner } from '../../shared/database';
import { CdeventsInTransaction, CdeventsStore } from './CdeventsStore';
import { normalizeLinks, schemaFor } from './cdeventSchemas';
import {
  CdeventRecord,
  changeEvent,
  deploymentEvent,
  incidentEvent,
  pipelineRunEvent,
  taskRunEvent,
} from './mapCdevents';
import { receiveCloudEvents } from './receiveCloudEvents';

/** The ingestion health source of `POST /v1/cdevents`. */
export const CDEVENTS_HEALTH_SOURCE = 'cdevents';

/** A service's id names a component: an entity ref as is, otherwise its last path segment (`service/checkout`). */
export function componentOfService(id: string): string | null {
  const name = id.includes(':') ? id : id.split('/').filter(Boolean).pop();
  if (!name) return null;
  try {
    return normalizeComponentRef(name);
  } catch {
    return null;
  }
}

function repositoryOf(ref: { id: string; source?: string }): string {
  if (/^[a-z][a-z+.-]*:\/\//i.test(ref.id) || !ref.source) return ref.id;
  try {
    const url = new URL(ref.source);
    return `${url.host}${url.pathname.replace(/\/+$/, '')}/${ref.id}`;
  } catch {
    return ref.id;
  }
}

const KIND = {
  change: 'change',
  service: 'deployment',
  incident: 'incident',
  pipelinerun: 'pipelineRun',
  taskrun: 'taskRun',
  testcaserun: 'testCaseRun',
} as const;

const SHA = /^[0-9a-f]{7,64}$/i;
const RUN_KINDS = ['defaultBranch', 'pullRequest', 'other'] as const;

/**
 * What a pipeline or task run built, from `customData` (CDEvents have no field for it): `commit`, and
 * optionally `repository`, `component` and `kind`. Problems name the field.
 */
function buildFromCustomData(
  customData: unknown,
  at: (path: string) => string,
  errors: EventValidationError[],
  index: number,
): CdeventRecord['details']['build'] | undefined {
  if (
    !customData ||
    typeof customData !== 'object' ||
    Array.isArray(customData)
  )
    return undefined;
  const data = customData as Record<string, unknown>;
  const build: NonNullable<CdeventRecord['details']['build']> = {};
  const problem = (field: string, message: string) =>
    errors.push({ index, path: at(`.data.customData.${field}`), message });
  if (data.commit !== undefined) {
    if (typeof data.commit !== 'string' || !SHA.test(data.commit))
      problem(
        'commit',
        'must be a commit SHA (7 to 64 hexadecimal characters)',
      );
    else build.commit = data.commit.toLowerCase();
  }
  for (const [field, max] of [
    ['repository', 512],
    ['component', 255],
  ] as const) {
    const value = data[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !value.trim() || value.length > max)
      problem(field, `must be a string of 1 to ${max} characters`);
    else build[field] = value.trim();
  }
  if (data.kind !== undefined) {
    if (!RUN_KINDS.includes(data.kind as (typeof RUN_KINDS)[number]))
      problem('kind', `must be one of ${RUN_KINDS.join(', ')}`);
    else build.kind = data.kind as (typeof RUN_KINDS)[number];
  }
  return Object.keys(build).length ? build : undefined;
}

/**
 * `POST /v1/cdevents`: CloudEvents carrying CDEvents, in binary, structured or batched mode. Each
 * event is validated against the schema of its type and version; the events are kept (for links,
 * chains and artifacts) and the delivery records they affect are mapped and stored through the one
 * ingestion path, all in one transaction.
 */
export class CdeventsService {
  constructor(
    private readonly options: {
      store: CdeventsStore;
      transact: TransactionRunner;
      ingestion: IngestionService;
      maxEventsPerBatch: number;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  async receive(
    request: {
      headers: Record<string, string | string[] | undefined>;
      body: string;
    },
    options: { actor: string },
  ): Promise<CdeventsIngestCounts> {
    const { ingestion } = this.options;
    let prepared: ReturnType<CdeventsService['validate']>;
    let count = 1;
    try {
      const received = receiveCloudEvents(request);
      if (!received.ok) throw new InvalidEventsError(received.errors);
      count = received.events.length;
      if (received.events.length > this.options.maxEventsPerBatch) {
        throw new PayloadTooLargeError(
          `events: a batch holds at most ${this.options.maxEventsPerBatch} CloudEvents (insights.ingest.maxEventsPerBatch), this one has ${received.events.length}; split it`,
        );
      }
      prepared = this.validate(received.events, this.now());
    } catch (error) {
      await ingestion.recordOutcome(CDEVENTS_HEALTH_SOURCE, {
        outcome: 'rejected',
        count,
        reason: (error as Error).message,
      });
      throw error;
    }

    const { records, ignored, received, receivedAt } = prepared;
    try {
      // Read before the transaction: nothing inside it may wait on another service.
      const components = await ingestion.componentIndex();
      return await this.options.transact(async tx => {
        const store = this.options.store.within(tx);
        await store.insert(records, receivedAt);
        const { events, pending } = await this.mapAffected(store, records);
        let stored;
        try {
          stored = ingestion.prepareWith(events, components, {
            limitSize: false,
          });
        } catch (error) {
          // The schemas above should make this impossible; if not, say which record and why.
          if (!(error instanceof InvalidEventsError)) throw error;
          throw new InvalidEventsError(
            error.invalidEvents.map(e => ({
              ...e,
              path: `${events[e.index].type} ${
                events[e.index].id
              } mapped from CDEvents: ${e.path.replace(
                /^events\[\d+\]\.?/,
                '',
              )}`,
            })),
          );
        }
        const counts = await ingestion.applyWithin(tx, stored, {
          actor: options.actor,
          source: CDEVENTS_HEALTH_SOURCE,
          ignored: ignored.length
            ? {
                count: ignored.length,
                reason: [...new Set(ignored)].slice(0, 5).join('; '),
              }
            : undefined,
        });
        return { received, ignored: ignored.length, pending, ...counts };
      });
    } catch (error) {
      if (error instanceof InvalidEventsError) {
        await ingestion.recordOutcome(CDEVENTS_HEALTH_SOURCE, {
          outcome: 'rejected',
          count: received,
          reason: error.message,
        });
      }
      throw error;
    }
  }

  /** Validates every CloudEvent against its CDEvents schema; throws listing every invalid one. */
  private validate(events: CloudEventV1<unknown>[], receivedAt: number) {
    const errors: EventValidationError[] = [];
    const records: CdeventRecord[] = [];
    const ignored: string[] = [];
    const environments = this.options.ingestion.environments;
    events.forEach((event, index) => {
      const at = (path: string) => `events[${index}]${path}`;
      const parsed = schemaFor(event.type);
      if (!parsed.known) {
        ignored.push(parsed.reason);
        return;
      }
      const data = event.data;
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        errors.push({
          index,
          path: at('.data'),
          message: 'must be the CDEvent (context and subject) as a JSON object',
        });
        return;
      }
      const result = parsed.schema.schema.safeParse(data);
      if (!result.success) {
        for (const issue of result.error.issues) {
          errors.push({
            index,
            path: at(`.data${issuePath(issue.path)}`),
            message: `${describeIssue(issue, data)} (${parsed.schema.spec})`,
          });
        }
        return;
      }
      const cd = result.data as Record<string, any>;
      const { context, subject } = cd;
      // The CDEvents CloudEvents binding: the CloudEvent's id, source and type are the CDEvent's.
      for (const [field, value] of [
        ['id', event.id],
        ['source', event.source],
      ] as const) {
        if (context[field] !== value) {
          errors.push({
            index,
            path: at(`.data.context.${field}`),
            message: `must equal the CloudEvent ${field} '${clip(
              String(value),
            )}' (CDEvents CloudEvents binding)`,
          });
        }
      }
      if (context.source.length > 512) {
        errors.push({
          index,
          path: at('.data.context.source'),
          message:
            'must be at most 512 characters (Cairn keeps sources in 512)',
        });
      }
      const kind = KIND[parsed.type.split('.')[0] as keyof typeof KIND];
      const subjectSource = subject.source || context.source;
      const subjectKey =
        kind === 'deployment' ? context.id : `${subjectSource}#${subject.id}`;
      if (subjectKey.length > 255) {
        errors.push({
          index,
          path: at('.data.subject.id'),
          message:
            'with the subject source, must be at most 255 characters (Cairn keeps ids in 255)',
        });
      }
      const content = subject.content as Record<string, any>;
      // Who opened and who reviewed a change: not in the CDEvents spec, read from `customData`
      // (`author` on change.created, `reviewer` on change.reviewed), the spec's place for extras.
      const people: { author?: string; reviewer?: string } = {};
      if (
        kind === 'change' &&
        cd.customData &&
        typeof cd.customData === 'object'
      ) {
        for (const field of ['author', 'reviewer'] as const) {
          const value = (cd.customData as Record<string, unknown>)[field];
          if (value === undefined) continue;
          if (typeof value !== 'string' || !value.trim() || value.length > 255)
            errors.push({
              index,
              path: at(`.data.customData.${field}`),
              message:
                'must be a login or an e-mail address of 1 to 255 characters',
            });
          else people[field] = value.trim();
        }
      }
      const isRun = kind === 'pipelineRun' || kind === 'taskRun';
      const build = isRun
        ? buildFromCustomData(cd.customData, at, errors, index)
        : undefined;
      const runDetails: Partial<CdeventRecord['details']> = {};
      if (isRun) {
        if (content.pipelineName)
          runDetails.pipelineName = content.pipelineName;
        if (content.taskName) runDetails.taskName = content.taskName;
        const link = content.url ?? content.uri;
        if (link) runDetails.url = link;
        if (content.outcome) runDetails.outcome = content.outcome;
        if (content.errors) runDetails.reason = content.errors;
        if (content.pipelineRun)
          runDetails.pipelineRunKey = `${
            content.pipelineRun.source || subjectSource
          }#${content.pipelineRun.id}`;
        if (build) runDetails.build = build;
      }
      if (kind === 'testCaseRun') {
        runDetails.outcome = content.outcome;
        if (content.reason) runDetails.reason = content.reason;
        if (content.testSuiteRun)
          runDetails.testSuite = content.testSuiteRun.id;
        if (content.testCase)
          runDetails.testName = content.testCase.name || content.testCase.id;
      }
      const environment: string | null = content.environment?.id ?? null;
      const serviceId: string | undefined =
        kind === 'deployment' ? subject.id : content.service?.id;
      const componentRef = serviceId ? componentOfService(serviceId) : null;
      // The service id names the component; its reference is kept in 255 characters.
      if (componentRef !== null && componentRef.length > 255) {
        errors.push({
          index,
          path: at(
            kind === 'deployment'
              ? '.data.subject.id'
              : '.data.subject.content.service.id',
          ),
          message: `names the component '${clip(
            componentRef,
          )}', longer than 255 characters (Cairn keeps component references in 255)`,
        });
      }
      records.push({
        ceSource: context.source,
        contextId: context.id,
        type: parsed.type,
        kind,
        subjectKey,
        chainId: context.chainId ?? context.chain_id ?? null,
        artifactId: content.artifactId ?? null,
        componentRef,
        environment,
        envKey: environment === null ? null : environments.keyOf(environment),
        timestamp: Date.parse(context.timestamp),
        receivedAt,
        links: normalizeLinks(context.links),
        details: {
          subjectId: subject.id,
          ...(content.repository
            ? { repository: repositoryOf(content.repository) }
            : {}),
          ...(content.description ? { description: content.description } : {}),
          ...(content.ticketURI ? { ticketUri: content.ticketURI } : {}),
          ...people,
          ...runDetails,
        },
      });
    });
    if (errors.length) throw new InvalidEventsError(errors);
    return { records, ignored, received: events.length, receivedAt };
  }

  /** Maps every delivery record the batch's events can change, from all stored events. */
  private async mapAffected(
    store: CdeventsInTransaction,
    records: CdeventRecord[],
  ) {
    const affected = await store.affectedBy(records);
    const keys = (
      kind: CdeventRecord['kind'],
      of: (r: CdeventRecord) => string,
    ) => new Set(affected.filter(r => r.kind === kind).map(of));
    const deployments = await store.deployments(
      keys('deployment', r => r.contextId),
    );
    const changes = await store.subjectEvents(
      'change',
      keys('change', r => r.subjectKey),
    );
    const incidents = await store.subjectEvents(
      'incident',
      keys('incident', r => r.subjectKey),
    );
    const pipelineRuns = await store.subjectEvents(
      'pipelineRun',
      keys('pipelineRun', r => r.subjectKey),
    );
    const taskRuns = await store.subjectEvents(
      'taskRun',
      keys('taskRun', r => r.subjectKey),
    );
    const lookup = await store.lookupFor([
      ...deployments,
      ...incidents,
      ...pipelineRuns,
      ...taskRuns,
    ]);
    const bySubject = (list: CdeventRecord[]) => {
      const map = new Map<string, CdeventRecord[]>();
      for (const r of list)
        map.set(r.subjectKey, [...(map.get(r.subjectKey) ?? []), r]);
      return [...map.values()];
    };
    const events: DeliveryEventInput[] = [
      ...deployments.map(d => deploymentEvent(d, lookup)),
      ...bySubject(changes).map(changeEvent),
    ];
    let pending = 0;
    const ownIncidents = new Set(
      records.filter(r => r.kind === 'incident').map(r => r.subjectKey),
    );
    for (const subject of bySubject(incidents)) {
      const incident = incidentEvent(subject, lookup);
      if (incident) events.push(incident);
      else if (ownIncidents.has(subject[0].subjectKey)) pending++;
    }
    // Runs are held until something says what they built (customData, or a merged change in their chain).
    const ownRuns = new Set(
      records
        .filter(r => r.kind === 'pipelineRun' || r.kind === 'taskRun')
        .map(r => r.subjectKey),
    );
    for (const [list, map] of [
      [pipelineRuns, pipelineRunEvent],
      [taskRuns, taskRunEvent],
    ] as const) {
      for (const subject of bySubject(list)) {
        const run = map(subject, lookup);
        if (run) events.push(run);
        else if (ownRuns.has(subject[0].subjectKey)) pending++;
      }
    }
    return { events, pending };
  }
}
