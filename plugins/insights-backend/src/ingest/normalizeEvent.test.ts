import { createHash } from 'node:crypto';
import { DeliveryEvent } from '@cairn/plugin-insights-common';
import { contentHash } from './normalizeEvent';

describe('contentHash', () => {
  const event = {
    type: 'change',
    id: 'pr-1',
    entityRef: 'component:default/a',
    mergedAt: '2026-11-02T10:00:00Z',
    changedPaths: ['b/é', 'a\u2028"'],
    labels: { z: 1, a: [true, null] },
  } as unknown as DeliveryEvent;

  it('is the SHA-256 of the event as JSON with sorted keys at every level', () => {
    const canonical =
      '{"changedPaths":["b/é","a\u2028\\""],"entityRef":"component:default/a","id":"pr-1",' +
      '"labels":{"a":[true,null],"z":1},"mergedAt":"2026-11-02T10:00:00Z","type":"change"}';
    expect(JSON.parse(canonical)).toEqual(event);
    expect(contentHash(event)).toBe(
      createHash('sha256').update(canonical).digest('hex'),
    );
  });

  it('does not depend on the order of fields, and ignores fields left undefined', () => {
    const reordered = {
      labels: { a: [true, null], z: 1 },
      changedPaths: ['b/é', 'a\u2028"'],
      mergedAt: '2026-11-02T10:00:00Z',
      entityRef: 'component:default/a',
      id: 'pr-1',
      type: 'change',
      firstCommitAt: undefined,
    } as unknown as DeliveryEvent;
    expect(contentHash(reordered)).toBe(contentHash(event));
    expect(contentHash({ ...event, id: 'pr-2' } as DeliveryEvent)).not.toBe(
      contentHash(event),
    );
  });
});
