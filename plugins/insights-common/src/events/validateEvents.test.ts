import { validateEvents } from './validateEvents';

const deployment = {
  type: 'deployment',
  source: 'api',
  id: 'd-1',
  component: 'checkout-service',
  environment: 'production',
  commit: 'A1B2C3D4E5F6',
  startedAt: '2026-03-02T10:00:00Z',
  finishedAt: '2026-03-02T11:05:00+01:00',
  result: 'success',
};
const change = {
  type: 'change',
  source: 'github',
  id: 'northwind/checkout#12',
  repository: 'github.com/northwind/checkout',
  firstCommitAt: '2026-03-01T08:00:00Z',
  mergedAt: '2026-03-01T12:00:00Z',
  mergeCommit: 'abcdef1234567',
};
const incident = {
  type: 'incident',
  source: 'pagerduty',
  id: 'INC-7',
  component: 'checkout-service',
  detectedAt: '2026-03-02T11:00:00Z',
  causedBy: { deployment: 'd-1' },
};

function errorsOf(events: unknown[]) {
  const result = validateEvents(events);
  if (result.ok) throw new Error('expected the batch to be rejected');
  return result.errors;
}

describe('validateEvents', () => {
  it('accepts valid events and normalises them', () => {
    const result = validateEvents([deployment, change, incident]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events).toHaveLength(3);
    expect(result.events[0]).toMatchObject({ commit: 'a1b2c3d4e5f6' });
    // An incident's environment defaults to production.
    expect(result.events[2]).toMatchObject({ environment: 'production' });
  });

  it('lists every invalid event with its index and field path', () => {
    const errors = errorsOf([
      deployment,
      { ...deployment, finishedAt: 'yesterday' },
      { ...change, mergeCommit: 'not-a-sha' },
      { ...incident, detectedAt: undefined },
    ]);
    expect(errors).toEqual([
      {
        index: 1,
        path: 'events[1].finishedAt',
        message: expect.stringContaining('ISO 8601'),
      },
      {
        index: 2,
        path: 'events[2].mergeCommit',
        message: expect.stringContaining('commit SHA'),
      },
      { index: 3, path: 'events[3].detectedAt', message: 'is required' },
    ]);
  });

  it.each([
    ['source', { source: '' }, 'must not be empty'],
    ['id', { id: undefined }, 'is required'],
    ['environment', { environment: undefined }, 'is required'],
    ['result', { result: 'ok' }, 'success'],
    ['trigger', { trigger: 'redeploy' }, 'rollback'],
    ['automated', { automated: 'yes' }, 'boolean'],
    ['commits[1]', { commits: ['abcdef1', 'xyz'] }, 'commit SHA'],
    ['url', { url: 'not a url' }, 'absolute URL'],
    ['updatedAt', { updatedAt: '2026-03-02 10:00' }, 'ISO 8601'],
    ['fixes', { fixes: 42 }, 'event id'],
    ['component', { component: ':checkout' }, 'entity reference'],
    ['component', { component: 'x'.repeat(250) }, 'longer than 255'],
  ])('rejects a deployment with a bad %s', (path, patch, message) => {
    const errors = errorsOf([{ ...deployment, ...patch }]);
    expect(errors).toContainEqual({
      index: 0,
      path: `events[0].${path}`,
      message: expect.stringContaining(message),
    });
  });

  it('rejects a finished deployment without a result, and a result without a finish', () => {
    expect(errorsOf([{ ...deployment, result: undefined }])).toEqual([
      {
        index: 0,
        path: 'events[0].result',
        message: expect.stringContaining('required when finishedAt'),
      },
    ]);
    expect(errorsOf([{ ...deployment, finishedAt: undefined }])).toEqual([
      {
        index: 0,
        path: 'events[0].finishedAt',
        message: 'is required when result is set',
      },
    ]);
  });

  it('rejects a deployment that finished before it started', () => {
    expect(
      errorsOf([{ ...deployment, finishedAt: '2026-03-02T09:00:00Z' }]),
    ).toEqual([
      {
        index: 0,
        path: 'events[0].finishedAt',
        message: 'must not be before startedAt',
      },
    ]);
  });

  it('names unknown fields instead of dropping them', () => {
    expect(
      errorsOf([{ ...deployment, finishedDate: '2026-03-02T10:05:00Z' }]),
    ).toEqual([
      { index: 0, path: 'events[0]', message: "unknown field 'finishedDate'" },
    ]);
  });

  it('rejects an unknown event type, naming the allowed ones', () => {
    expect(errorsOf([{ ...deployment, type: 'build' }])).toEqual([
      {
        index: 0,
        path: 'events[0].type',
        message:
          "must be one of 'deployment', 'change', 'incident', 'pipelineRun'",
      },
    ]);
  });

  it('rejects events that are not objects', () => {
    expect(errorsOf([null, 'x'])).toEqual([
      { index: 0, path: 'events[0]', message: 'must be an object' },
      { index: 1, path: 'events[1]', message: 'must be an object' },
    ]);
  });

  it('checks change and incident rules', () => {
    expect(errorsOf([{ ...change, repository: undefined }])[0].path).toBe(
      'events[0].repository',
    );
    expect(errorsOf([{ ...change, mergedAt: undefined }])).toEqual([
      {
        index: 0,
        path: 'events[0].mergedAt',
        message: 'is required when mergeCommit is set',
      },
    ]);
    expect(
      errorsOf([
        { ...change, firstReviewAt: undefined, firstReviewer: 'ana' },
        {
          ...change,
          firstReviewAt: '2026-03-01T10:00:00Z',
          firstReviewer: 'x'.repeat(256),
        },
      ]),
    ).toEqual([
      {
        index: 0,
        path: 'events[0].firstReviewAt',
        message: 'is required when firstReviewer is set',
      },
      {
        index: 1,
        path: 'events[1].firstReviewer',
        message: expect.stringContaining('255'),
      },
    ]);
    expect(errorsOf([{ ...change, number: -3 }])[0].path).toBe(
      'events[0].number',
    );
    expect(
      errorsOf([{ ...incident, resolvedAt: '2026-03-02T10:00:00Z' }]),
    ).toEqual([
      {
        index: 0,
        path: 'events[0].resolvedAt',
        message: 'must not be before detectedAt',
      },
    ]);
    expect(errorsOf([{ ...incident, causedBy: {} }])).toEqual([
      {
        index: 0,
        path: 'events[0].causedBy',
        message: 'must name a deployment, a version or a commit',
      },
    ]);
  });
});
