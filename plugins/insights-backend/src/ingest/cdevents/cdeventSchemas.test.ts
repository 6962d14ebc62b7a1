import { normalizeLinks, publishedVersions, schemaFor } from './cdeventSchemas';
import { cdevent } from './__testUtils__/cdevents';

const issuesOf = (cd: Record<string, any>) => {
  const parsed = schemaFor(cd.context.type);
  if (!parsed.known) throw new Error(parsed.reason);
  const result = parsed.schema.schema.safeParse(cd);
  return result.success
    ? []
    : result.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
};

const deployed = (version: string, content: Record<string, unknown> = {}) =>
  cdevent({
    type: 'service.deployed',
    version,
    id: 'e1',
    timestamp: '2026-03-01T10:00:00Z',
    subject: {
      id: 'service/api',
      content: {
        environment: { id: 'prod' },
        artifactId: 'pkg:oci/api@1',
        ...content,
      },
    },
  });

describe('CDEvents schemas', () => {
  it('knows the published versions and says why it ignores the rest', () => {
    expect(publishedVersions('incident.detected')).toEqual([
      '0.1.0',
      '0.2.0',
      '0.3.0',
    ]);
    expect(schemaFor('dev.cdevents.service.deployed.0.3.0')).toMatchObject({
      known: true,
      type: 'service.deployed',
      schema: {
        spec: 'CDEvents v0.5.0 and v0.5.1 schemas/servicedeployed.json',
      },
    });
    expect(schemaFor('dev.cdevents.service.deployed.0.4.0')).toEqual({
      known: false,
      reason: expect.stringContaining('0.4.0 is not a published version'),
    });
    expect(schemaFor('dev.cdevents.build.finished.0.1.1')).toEqual({
      known: false,
      reason: expect.stringContaining('does not use build.finished'),
    });
    expect(publishedVersions('pipelinerun.finished')).toEqual([
      '0.1.0',
      '0.1.1',
      '0.2.0',
      '0.3.0',
    ]);
    expect(publishedVersions('testcaserun.finished')).toEqual([
      '0.1.0',
      '0.2.0',
      '0.3.0',
    ]);
  });

  it('requires a change repository only in 0.1.0', () => {
    const change = (version: string) =>
      cdevent({
        type: 'change.merged',
        version,
        id: 'c1',
        timestamp: '2026-03-01T10:00:00Z',
        subject: { id: '1', content: {} },
      });
    expect(issuesOf(change('0.1.0'))).toEqual([
      'subject.content.repository: Invalid input: expected object, received undefined',
    ]);
    expect(issuesOf(change('0.1.1'))).toEqual([]);
  });

  it('checks the context version as each release did', () => {
    const draft = deployed('0.1-draft');
    draft.context.version = '0.1.1';
    expect(issuesOf(draft)).toEqual([]);
    draft.context.version = '0.2.0';
    expect(issuesOf(draft)).toEqual([
      'context.version: must be one of 0.1.0, 0.1.1',
    ]);
    // From v0.1.2 on, any spec version string.
    const v012 = deployed('0.1.0');
    v012.context.version = '0.1.2-rc1';
    expect(issuesOf(v012)).toEqual([]);
    // v0.5 renamed it.
    const v05 = deployed('0.3.0');
    v05.context.version = v05.context.specversion;
    delete v05.context.specversion;
    expect(issuesOf(v05)).toEqual([
      'context.specversion: Invalid input: expected string, received undefined',
      'context: Unrecognized key: "version"',
    ]);
  });

  it('checks subject types and URI references from v0.2.0, and drops subject types in v0.5', () => {
    const v02 = deployed('0.1.1');
    v02.subject.type = 'change';
    v02.subject.source = 'has spaces';
    expect(issuesOf(v02)).toEqual([
      'subject.source: must be a URI reference',
      "subject.type: must be 'service'",
    ]);
    const v05 = deployed('0.3.0');
    v05.subject.type = 'service';
    expect(issuesOf(v05)).toEqual(['subject: Unrecognized key: "type"']);
  });

  it('accepts both spellings of v0.4 chains and links, and only camel case from v0.5', () => {
    const v040 = deployed('0.2.0');
    v040.context.chain_id = 'chain';
    v040.context.links = [
      { link_type: 'PATH', from: { context_id: 'a' } },
      { linkType: 'RELATION', linkKind: 'TRIGGER', target: { contextId: 'b' } },
    ];
    expect(issuesOf(v040)).toEqual([]);
    expect(normalizeLinks(v040.context.links)).toEqual([
      { linkType: 'PATH', contextId: 'a', linkKind: undefined },
      { linkType: 'RELATION', contextId: 'b', linkKind: 'TRIGGER' },
    ]);
    const v05 = deployed('0.3.0');
    v05.context.chain_id = 'chain';
    v05.context.links = [{ linkType: 'RELATION', target: { contextId: 'b' } }];
    expect(issuesOf(v05)).toEqual([
      'context.links.0.linkKind: Invalid input: expected string, received undefined',
      'context: Unrecognized key: "chain_id"',
    ]);
  });

  it('closes the content objects and checks the ticket URI', () => {
    expect(issuesOf(deployed('0.3.0', { version: '1.0' }))).toEqual([
      'subject.content: Unrecognized key: "version"',
    ]);
    const reported = cdevent({
      type: 'incident.reported',
      id: 'i1',
      timestamp: '2026-03-01T10:00:00Z',
      subject: {
        id: 'incident-1',
        content: { environment: { id: 'prod' }, ticketURI: 'TICKET-1' },
      },
    });
    expect(issuesOf(reported)).toEqual([
      'subject.content.ticketURI: must be an absolute URI',
    ]);
  });
});
