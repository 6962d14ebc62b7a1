import { z } from 'zod';

/*
 * CDEvents schemas for the types Cairn maps into delivery data, one per type and published version,
 * written from the JSON schemas of the CDEvents specification (github.com/cdevents/spec, `schemas/`
 * at each release tag). Where two releases published the same type version with different schemas,
 * an event valid under either is accepted (noted per entry). Every object the spec closes
 * (`additionalProperties: false`) is strict here too, so a misspelt field is a 400 naming it.
 *
 * How the releases differ, for all types alike:
 * - v0.1.0, v0.1.1: `context.version` is an enum of spec versions; `context.type` and `subject.type`
 *   are free strings; `source` fields are plain strings.
 * - v0.1.2: `context.version` is any non-empty string; `context.type` is the exact type.
 * - v0.2.0, v0.3.0: `source` fields are URI references; `subject.type` is an enum (`change`,
 *   `service`, `incident`, `pipelineRun`, `taskRun`); the incident types appear; v0.3.0 adds the test
 *   types (`testCaseRun`).
 * - v0.4.0, v0.4.1: `context.schemaUri`, `context.chainId` and embedded `context.links` appear;
 *   v0.4.0 spells them `chain_id`, `link_type`, `link_kind`, `context_id`, v0.4.1 in camel case.
 * - v0.5.0, v0.5.1: `context.version` becomes `context.specversion`; `subject.type` is gone.
 */

export type CdeventKind =
  | 'change'
  | 'service'
  | 'incident'
  | 'pipelinerun'
  | 'taskrun'
  | 'testcaserun';

/** `subject.type` as the releases that have one spell it. */
const SUBJECT_TYPE: Record<CdeventKind, string> = {
  change: 'change',
  service: 'service',
  incident: 'incident',
  pipelinerun: 'pipelineRun',
  taskrun: 'taskRun',
  testcaserun: 'testCaseRun',
};

/** The predicates Cairn maps, per subject. */
export const MAPPED_TYPES = [
  'change.created',
  'change.reviewed',
  'change.merged',
  'service.deployed',
  'service.upgraded',
  'service.rolledback',
  'incident.detected',
  'incident.reported',
  'incident.resolved',
  'pipelinerun.queued',
  'pipelinerun.started',
  'pipelinerun.finished',
  'taskrun.started',
  'taskrun.finished',
  'testcaserun.finished',
] as const;
export type MappedType = (typeof MAPPED_TYPES)[number];

/** A link as the mapping uses it, whatever its spelling on the wire. */
export type CdeventLink = {
  linkType: 'END' | 'PATH' | 'RELATION';
  /** `from.contextId` of PATH and END links, `target.contextId` of RELATION links. */
  contextId?: string;
  linkKind?: string;
};

type Family = {
  /** `context.version` with its allowed values (any non-empty string when absent), or `specversion`. */
  version: { field: 'version'; values?: string[] } | { field: 'specversion' };
  /** `source` fields are URI references (v0.2.0 on); before, any string. */
  uriReferences: boolean;
  /** `subject.type`: a free string (v0.1.x), the subject's name (v0.2.0 to v0.4.1), or absent (v0.5). */
  subjectType: 'free' | 'named' | 'absent';
  /** `schemaUri`, `chainId` and `links` in the context (v0.4.0 on); v0.4 also in snake case. */
  links: 'none' | 'v0.4' | 'v0.5';
};

const FAMILY = {
  'v0.1.0': {
    version: { field: 'version', values: ['0.1.0'] },
    uriReferences: false,
    subjectType: 'free',
    links: 'none',
  },
  // The service types were published as 0.1-draft by both v0.1.0 and v0.1.1.
  'v0.1.0|v0.1.1': {
    version: { field: 'version', values: ['0.1.0', '0.1.1'] },
    uriReferences: false,
    subjectType: 'free',
    links: 'none',
  },
  // The change types' 0.1.1 was published by v0.1.1 (version enum 0.1.1) and v0.1.2 (any version).
  'v0.1.2': {
    version: { field: 'version' },
    uriReferences: false,
    subjectType: 'free',
    links: 'none',
  },
  'v0.2.0': {
    version: { field: 'version' },
    uriReferences: true,
    subjectType: 'named',
    links: 'none',
  },
  'v0.4.0': {
    version: { field: 'version' },
    uriReferences: true,
    subjectType: 'named',
    links: 'v0.4',
  },
  'v0.5.0': {
    version: { field: 'specversion' },
    uriReferences: true,
    subjectType: 'absent',
    links: 'v0.5',
  },
} satisfies Record<string, Family>;

const nonEmpty = z.string().min(1, { error: 'must not be empty' });
/** RFC 3986 URI reference: no whitespace and none of the characters it excludes. */
const uriReference = nonEmpty.regex(/^[^\s<>"{}|\\^`]*$/, {
  error: 'must be a URI reference',
});
const uri = z.url({ error: 'must be an absolute URI' });
const timestamp = z.iso.datetime({
  offset: true,
  error: 'must be an RFC 3339 timestamp, e.g. 2026-03-01T12:00:00Z',
});
/** Cairn keeps ids in 255 characters (a deployment's id is its CDEvent id). */
const contextId = nonEmpty.max(255, {
  error: 'must be at most 255 characters (Cairn keeps ids in 255)',
});

const source = (f: Family) => (f.uriReferences ? uriReference : z.string());
const contextSource = (f: Family) =>
  f.uriReferences ? uriReference : nonEmpty;

/** `{ id, source? }`: a repository, environment or service reference. */
const reference = (f: Family) =>
  z
    .object({
      id: nonEmpty.max(255, { error: 'must be at most 255 characters' }),
      source: f.uriReferences ? uriReference.optional() : z.string().optional(),
    })
    .strict();

const contextIdOf = z.object({ contextId: nonEmpty }).loose();
const contextIdOfV04 = z.object({ context_id: nonEmpty }).loose();
const tags = z.record(z.string(), z.unknown());

/** Embedded links, spec v0.4.1 on (schemas/links/embeddedlink{end,path,relation}.json). */
const linkV05 = z.discriminatedUnion(
  'linkType',
  [
    z
      .object({
        linkType: z.literal('END'),
        from: contextIdOf.optional(),
        tags: tags.optional(),
      })
      .strict(),
    z
      .object({
        linkType: z.literal('PATH'),
        from: contextIdOf,
        tags: tags.optional(),
      })
      .strict(),
    z
      .object({
        linkType: z.literal('RELATION'),
        linkKind: nonEmpty,
        target: z.object({ contextId: nonEmpty.optional() }).loose(),
        tags: tags.optional(),
      })
      .strict(),
  ],
  { error: "must be a link with linkType 'END', 'PATH' or 'RELATION'" },
);

/** Embedded links as spec v0.4.0 spelled them (snake case). */
const linkV04 = z.discriminatedUnion(
  'link_type',
  [
    z
      .object({
        link_type: z.literal('END'),
        from: contextIdOfV04.optional(),
        tags: tags.optional(),
      })
      .strict(),
    z
      .object({
        link_type: z.literal('PATH'),
        from: contextIdOfV04,
        tags: tags.optional(),
      })
      .strict(),
    z
      .object({
        link_type: z.literal('RELATION'),
        link_kind: nonEmpty,
        target: z.object({ context_id: nonEmpty.optional() }).loose(),
        tags: tags.optional(),
      })
      .strict(),
  ],
  { error: "must be a link with link_type 'END', 'PATH' or 'RELATION'" },
);

function contextSchema(f: Family, type: string) {
  const shape: Record<string, z.ZodType> = {
    id: contextId,
    source: contextSource(f),
    // The type is dispatched on, so it equals `type` whenever this schema is chosen; v0.1.2 on,
    // the schema says so too.
    type: z.literal(type, { error: `must be '${type}'` }),
    timestamp,
  };
  if (f.version.field === 'version') {
    shape.version = f.version.values
      ? z.enum(f.version.values as [string, ...string[]], {
          error: `must be one of ${f.version.values.join(', ')}`,
        })
      : nonEmpty;
  } else {
    shape.specversion = nonEmpty;
  }
  if (f.links !== 'none') {
    shape.schemaUri = uri.optional();
    shape.chainId = nonEmpty.max(255).optional();
    shape.links = z
      .array(f.links === 'v0.5' ? linkV05 : z.union([linkV05, linkV04]))
      .optional();
    if (f.links === 'v0.4') shape.chain_id = nonEmpty.max(255).optional();
  }
  return z.object(shape).strict();
}

function subjectSchema(f: Family, kind: CdeventKind, content: z.ZodType) {
  const shape: Record<string, z.ZodType> = {
    id: nonEmpty,
    source: f.uriReferences ? uriReference.optional() : source(f).optional(),
    content,
  };
  if (f.subjectType === 'free') shape.type = nonEmpty;
  if (f.subjectType === 'named')
    shape.type = z.literal(SUBJECT_TYPE[kind], {
      error: `must be '${SUBJECT_TYPE[kind]}'`,
    });
  return z.object(shape).strict();
}

function eventSchema(
  f: Family,
  type: string,
  kind: CdeventKind,
  content: z.ZodType,
) {
  return z
    .object({
      context: contextSchema(f, type),
      subject: subjectSchema(f, kind, content),
      customData: z
        .union([z.record(z.string(), z.unknown()), z.string()], {
          error: 'must be an object or a base64 string',
        })
        .optional(),
      customDataContentType: z.string().optional(),
    })
    .strict();
}

/** Content of the change types: a repository, required only in v0.1.0; created has a description from 0.3.0. */
const changeContent = (
  f: Family,
  o: { repositoryRequired?: boolean; description?: boolean } = {},
) =>
  z
    .object({
      repository: o.repositoryRequired ? reference(f) : reference(f).optional(),
      ...(o.description ? { description: nonEmpty.optional() } : {}),
    })
    .strict();

/** Content of the service types: the environment and the artifact (a purl) deployed. */
const serviceContent = (f: Family) =>
  z
    .object({
      environment: reference(f),
      artifactId: nonEmpty.max(1024, {
        error: 'must be at most 1024 characters',
      }),
    })
    .strict();

/** Content of the incident types; `reported` adds the ticket. */
const incidentContent = (f: Family, o: { ticket?: boolean } = {}) =>
  z
    .object({
      description: z.string().optional(),
      environment: reference(f),
      service: reference(f).optional(),
      artifactId: nonEmpty
        .max(1024, { error: 'must be at most 1024 characters' })
        .optional(),
      ...(o.ticket ? { ticketURI: uri } : {}),
    })
    .strict();

/**
 * Content of the pipeline run types: its name, where to see it (`url`, `uri` from v0.5), and on
 * finished the outcome (free text before v0.5) and errors; `started` requires the name and the link.
 */
const pipelineRunContent = (
  f: Family,
  o: { finished?: boolean; required?: boolean },
) => {
  const link = f.links === 'v0.5' ? 'uri' : 'url';
  const linkSchema = f.links === 'v0.5' ? uri : z.string();
  const shape: Record<string, z.ZodType> = {
    pipelineName: o.required ? z.string() : z.string().optional(),
    [link]: o.required ? linkSchema : linkSchema.optional(),
  };
  if (o.finished) {
    shape.outcome =
      f.links === 'v0.5'
        ? z
            .enum(['success', 'failure', 'cancel', 'error'], {
              error: 'must be one of success, failure, cancel, error',
            })
            .optional()
        : z.string().optional();
    shape.errors = z.string().optional();
  }
  return z.object(shape).strict();
};

/** Content of the task run types: its task, its pipeline run, and on finished the outcome. */
const taskRunContent = (f: Family, o: { finished?: boolean }) => {
  const shape: Record<string, z.ZodType> = {
    taskName: z.string().optional(),
    [f.links === 'v0.5' ? 'uri' : 'url']:
      f.links === 'v0.5' ? uri.optional() : z.string().optional(),
    pipelineRun: reference(f).optional(),
  };
  if (o.finished) {
    shape.outcome = z.string().optional();
    shape.errors = z.string().optional();
  }
  return z.object(shape).strict();
};

/** Content of testcaserun.finished: the outcome, the test case and its suite run. */
const testCaseRunContent = (f: Family) =>
  z
    .object({
      outcome:
        f.links === 'v0.5'
          ? z.enum(['success', 'failure', 'cancel', 'error'], {
              error: 'must be one of success, failure, cancel, error',
            })
          : z.enum(['pass', 'fail', 'cancel', 'error'], {
              error: 'must be one of pass, fail, cancel, error',
            }),
      severity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
      reason: z.string().optional(),
      environment: reference(f),
      testSuiteRun: z
        .object({
          id: nonEmpty.max(512, { error: 'must be at most 512 characters' }),
          source: z.string().optional(),
        })
        .strict()
        .optional(),
      testCase: z
        .object({
          id: nonEmpty.max(1024, { error: 'must be at most 1024 characters' }),
          version: z.string().optional(),
          name: z
            .string()
            .max(1024, { error: 'must be at most 1024 characters' })
            .optional(),
          type: z
            .enum([
              'performance',
              'functional',
              'unit',
              'security',
              'compliance',
              'integration',
              'e2e',
              'other',
            ])
            .optional(),
          uri: uri.optional(),
        })
        .strict()
        .optional(),
    })
    .strict();

export type VersionSchema = {
  /** The spec releases and schema file the schema is written from. */
  spec: string;
  schema: z.ZodType;
};

type Entry = [
  version: string,
  family: Family,
  spec: string,
  content: (f: Family) => z.ZodType,
];

const changeVersions = (
  name: 'created' | 'reviewed' | 'merged',
  latest: [string, string],
): Entry[] => {
  const file = `schemas/change${name}.json`;
  const described = name === 'created';
  return [
    [
      '0.1.0',
      FAMILY['v0.1.0'],
      `v0.1.0 ${file}`,
      f => changeContent(f, { repositoryRequired: true }),
    ],
    [
      '0.1.1',
      FAMILY['v0.1.2'],
      `v0.1.1 and v0.1.2 ${file}`,
      f => changeContent(f),
    ],
    [
      '0.1.2',
      FAMILY['v0.2.0'],
      `v0.2.0 and v0.3.0 ${file}`,
      f => changeContent(f),
    ],
    [
      latest[0],
      FAMILY['v0.4.0'],
      `v0.4.0 and v0.4.1 ${file}`,
      f => changeContent(f, { description: described }),
    ],
    [
      latest[1],
      FAMILY['v0.5.0'],
      `v0.5.0 and v0.5.1 ${file}`,
      f => changeContent(f, { description: described }),
    ],
  ];
};

const serviceVersions = (
  name: 'deployed' | 'upgraded' | 'rolledback',
): Entry[] => {
  const file = `schemas/service${name}.json`;
  return [
    [
      '0.1-draft',
      FAMILY['v0.1.0|v0.1.1'],
      `v0.1.0 and v0.1.1 ${file}`,
      serviceContent,
    ],
    ['0.1.0', FAMILY['v0.1.2'], `v0.1.2 ${file}`, serviceContent],
    ['0.1.1', FAMILY['v0.2.0'], `v0.2.0 and v0.3.0 ${file}`, serviceContent],
    ['0.2.0', FAMILY['v0.4.0'], `v0.4.0 and v0.4.1 ${file}`, serviceContent],
    ['0.3.0', FAMILY['v0.5.0'], `v0.5.0 and v0.5.1 ${file}`, serviceContent],
  ];
};

const incidentVersions = (
  name: 'detected' | 'reported' | 'resolved',
): Entry[] => {
  const file = `schemas/incident${name}.json`;
  const content = (f: Family) =>
    incidentContent(f, { ticket: name === 'reported' });
  return [
    ['0.1.0', FAMILY['v0.2.0'], `v0.2.0 and v0.3.0 ${file}`, content],
    ['0.2.0', FAMILY['v0.4.0'], `v0.4.0 and v0.4.1 ${file}`, content],
    ['0.3.0', FAMILY['v0.5.0'], `v0.5.0 and v0.5.1 ${file}`, content],
  ];
};

/** The pipeline and task run types: 0.1.0 from v0.1.x, 0.1.1 from v0.2.0/v0.3.0, 0.2.0, 0.3.0. */
const runVersions = (
  file: string,
  content: (f: Family) => z.ZodType,
): Entry[] => [
  // Published by v0.1.0 and v0.1.1 (version enums) and v0.1.2 (any version): any version accepted.
  ['0.1.0', FAMILY['v0.1.2'], `v0.1.0 to v0.1.2 schemas/${file}.json`, content],
  [
    '0.1.1',
    FAMILY['v0.2.0'],
    `v0.2.0 and v0.3.0 schemas/${file}.json`,
    content,
  ],
  [
    '0.2.0',
    FAMILY['v0.4.0'],
    `v0.4.0 and v0.4.1 schemas/${file}.json`,
    content,
  ],
  [
    '0.3.0',
    FAMILY['v0.5.0'],
    `v0.5.0 and v0.5.1 schemas/${file}.json`,
    content,
  ],
];

/** Every published version of every mapped type (CDEvents spec releases v0.1.0 to v0.5.1). */
const ENTRIES: Record<MappedType, Entry[]> = {
  'change.created': changeVersions('created', ['0.3.0', '0.4.0']),
  'change.reviewed': changeVersions('reviewed', ['0.2.0', '0.3.0']),
  'change.merged': changeVersions('merged', ['0.2.0', '0.3.0']),
  'service.deployed': serviceVersions('deployed'),
  'service.upgraded': serviceVersions('upgraded'),
  'service.rolledback': serviceVersions('rolledback'),
  'incident.detected': incidentVersions('detected'),
  'incident.reported': incidentVersions('reported'),
  'incident.resolved': incidentVersions('resolved'),
  'pipelinerun.queued': runVersions('pipelinerunqueued', f =>
    pipelineRunContent(f, {}),
  ),
  'pipelinerun.started': runVersions('pipelinerunstarted', f =>
    pipelineRunContent(f, { required: true }),
  ),
  'pipelinerun.finished': runVersions('pipelinerunfinished', f =>
    pipelineRunContent(f, { finished: true }),
  ),
  'taskrun.started': runVersions('taskrunstarted', f => taskRunContent(f, {})),
  'taskrun.finished': runVersions('taskrunfinished', f =>
    taskRunContent(f, { finished: true }),
  ),
  'testcaserun.finished': [
    [
      '0.1.0',
      FAMILY['v0.2.0'],
      'v0.3.0 schemas/testcaserunfinished.json',
      testCaseRunContent,
    ],
    [
      '0.2.0',
      FAMILY['v0.4.0'],
      'v0.4.0 and v0.4.1 schemas/testcaserunfinished.json',
      testCaseRunContent,
    ],
    [
      '0.3.0',
      FAMILY['v0.5.0'],
      'v0.5.0 and v0.5.1 schemas/testcaserunfinished.json',
      testCaseRunContent,
    ],
  ],
};

const schemas = new Map<string, VersionSchema>();
for (const type of MAPPED_TYPES) {
  const kind = type.split('.')[0] as CdeventKind;
  for (const [version, family, spec, content] of ENTRIES[type]) {
    const full = `dev.cdevents.${type}.${version}`;
    schemas.set(full, {
      spec: `CDEvents ${spec}`,
      schema: eventSchema(family, full, kind, content(family)),
    });
  }
}

/** The published versions of a mapped type, oldest first. */
export function publishedVersions(type: MappedType): string[] {
  return ENTRIES[type].map(([version]) => version);
}

export type ParsedType =
  | { known: true; type: MappedType; version: string; schema: VersionSchema }
  | { known: false; reason: string };

/** Which schema validates a CloudEvent type, or why Cairn does not use it. */
export function schemaFor(ceType: string): ParsedType {
  const match = /^dev\.cdevents\.([a-z]+)\.([a-z]+)\.(.+)$/.exec(ceType);
  if (!match) {
    return { known: false, reason: `${ceType}: not a CDEvents type` };
  }
  const type = `${match[1]}.${match[2]}`;
  if (!(MAPPED_TYPES as readonly string[]).includes(type)) {
    return {
      known: false,
      reason: `${ceType}: Cairn does not use ${type} events`,
    };
  }
  const schema = schemas.get(ceType);
  if (!schema) {
    return {
      known: false,
      reason: `${ceType}: ${
        match[3]
      } is not a published version of ${type} (published: ${publishedVersions(
        type as MappedType,
      ).join(', ')})`,
    };
  }
  return { known: true, type: type as MappedType, version: match[3], schema };
}

/** Links in the one shape the mapping uses, from either spelling. */
export function normalizeLinks(links: unknown[] | undefined): CdeventLink[] {
  return (links ?? []).map(raw => {
    const l = raw as Record<string, any>;
    const linkType = (l.linkType ?? l.link_type) as CdeventLink['linkType'];
    const ref = linkType === 'RELATION' ? l.target : l.from;
    return {
      linkType,
      contextId: ref?.contextId ?? ref?.context_id,
      linkKind: l.linkKind ?? l.link_kind,
    };
  });
}
