import { CloudEvent } from 'cloudevents';

/*
 * CDEvents as a producer following each spec release would write them, for tests. Which release wrote
 * a type version decides the context's version field and whether the subject has a type.
 */

type Release = 'v0.1.0' | 'v0.1.2' | 'v0.3.0' | 'v0.4.0' | 'v0.4.1' | 'v0.5.1';

/** The published versions of each mapped type and the release that published them (the last one). */
export const PUBLISHED: Record<
  string,
  Array<[version: string, release: Release]>
> = {
  'change.created': [
    ['0.1.0', 'v0.1.0'],
    ['0.1.1', 'v0.1.2'],
    ['0.1.2', 'v0.3.0'],
    ['0.3.0', 'v0.4.1'],
    ['0.4.0', 'v0.5.1'],
  ],
  'change.reviewed': [
    ['0.1.0', 'v0.1.0'],
    ['0.1.1', 'v0.1.2'],
    ['0.1.2', 'v0.3.0'],
    ['0.2.0', 'v0.4.1'],
    ['0.3.0', 'v0.5.1'],
  ],
  'change.merged': [
    ['0.1.0', 'v0.1.0'],
    ['0.1.1', 'v0.1.2'],
    ['0.1.2', 'v0.3.0'],
    ['0.2.0', 'v0.4.1'],
    ['0.3.0', 'v0.5.1'],
  ],
  ...Object.fromEntries(
    ['deployed', 'upgraded', 'rolledback'].map(p => [
      `service.${p}`,
      [
        ['0.1-draft', 'v0.1.0'],
        ['0.1.0', 'v0.1.2'],
        ['0.1.1', 'v0.3.0'],
        ['0.2.0', 'v0.4.1'],
        ['0.3.0', 'v0.5.1'],
      ],
    ]),
  ),
  ...Object.fromEntries(
    ['detected', 'reported', 'resolved'].map(p => [
      `incident.${p}`,
      [
        ['0.1.0', 'v0.3.0'],
        ['0.2.0', 'v0.4.1'],
        ['0.3.0', 'v0.5.1'],
      ],
    ]),
  ),
  ...Object.fromEntries(
    [
      'pipelinerun.queued',
      'pipelinerun.started',
      'pipelinerun.finished',
      'taskrun.started',
      'taskrun.finished',
    ].map(type => [
      type,
      [
        ['0.1.0', 'v0.1.2'],
        ['0.1.1', 'v0.3.0'],
        ['0.2.0', 'v0.4.1'],
        ['0.3.0', 'v0.5.1'],
      ],
    ]),
  ),
  'testcaserun.finished': [
    ['0.1.0', 'v0.3.0'],
    ['0.2.0', 'v0.4.1'],
    ['0.3.0', 'v0.5.1'],
  ],
};

/** `subject.type` as the releases before v0.5 spell it. */
const SUBJECT_TYPES: Record<string, string> = {
  pipelinerun: 'pipelineRun',
  taskrun: 'taskRun',
  testcaserun: 'testCaseRun',
};

export type CdeventInput = {
  /** e.g. `service.deployed` */
  type: string;
  /** Default: the latest published version. */
  version?: string;
  /** Which release's spelling, when several published the version (v0.4.0 spelled chain_id). */
  release?: Release;
  id: string;
  source?: string;
  timestamp: string;
  chainId?: string;
  links?: unknown[];
  subject: { id: string; source?: string; content: Record<string, unknown> };
  customData?: Record<string, unknown>;
};

export function cdevent(input: CdeventInput): Record<string, any> {
  const published = PUBLISHED[input.type];
  const [version, defaultRelease] = input.version
    ? published.find(([v]) => v === input.version)!
    : published[published.length - 1];
  const release = input.release ?? defaultRelease;
  const type = `dev.cdevents.${input.type}.${version}`;
  const context: Record<string, unknown> = {
    id: input.id,
    source: input.source ?? '/ci/pipelines',
    type,
    timestamp: input.timestamp,
  };
  if (release === 'v0.5.1') context.specversion = '0.5.1';
  else context.version = release.slice(1);
  if (input.chainId)
    context[release === 'v0.4.0' ? 'chain_id' : 'chainId'] = input.chainId;
  if (input.links) context.links = input.links;
  const subject: Record<string, unknown> = {
    id: input.subject.id,
    ...(input.subject.source ? { source: input.subject.source } : {}),
    content: input.subject.content,
  };
  if (release !== 'v0.5.1') {
    const prefix = input.type.split('.')[0];
    subject.type = SUBJECT_TYPES[prefix] ?? prefix;
  }
  return {
    context,
    subject,
    ...(input.customData ? { customData: input.customData } : {}),
  };
}

/** The CloudEvent carrying a CDEvent, as the CDEvents CloudEvents binding says. */
export function cloudEventOf(
  cd: Record<string, any>,
): CloudEvent<Record<string, any>> {
  return new CloudEvent({
    specversion: '1.0',
    id: cd.context.id,
    source: cd.context.source,
    type: cd.context.type,
    time: cd.context.timestamp,
    subject: cd.subject.id,
    datacontenttype: 'application/json',
    data: cd,
  });
}

export const relation = (contextId: string, linkKind = 'TRIGGER') => ({
  linkType: 'RELATION',
  linkKind,
  target: { contextId },
});
export const path = (contextId: string) => ({
  linkType: 'PATH',
  from: { contextId },
});
