/*
 * Answers of GET /v1/ingestion/health. `demoWeek` was captured from the demo portal's backend (the
 * demo history arrives in one burst at start); `busyWeek` adds what a working portal sees, in the
 * backend's own words (its ingestion health tests and CDEvents type check): a rejected batch,
 * replays, CDEvents types Cairn does not map, a module that was removed, and unattributed events of
 * each kind.
 */
import {
  IngestionHealth,
  IngestionSourceHealth,
} from '@cairn/plugin-insights-common';

/** The last 7 days by day, right after the demo portal started. */
export const demoWeek: IngestionHealth = {
  range: {
    from: '2026-11-15T00:00:00.000Z',
    to: '2026-11-22T13:50:50.277Z',
    bucket: 'day',
  },
  sources: [
    {
      source: 'api',
      registered: true,
      lastReceivedAt: null,
      lastAcceptedAt: null,
      totals: {
        accepted: 0,
        updated: 0,
        ignored: 0,
        rejected: 0,
        unattributed: 0,
      },
      buckets: [
        {
          start: '2026-11-15T00:00:00.000Z',
          end: '2026-11-16T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-16T00:00:00.000Z',
          end: '2026-11-17T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-17T00:00:00.000Z',
          end: '2026-11-18T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-18T00:00:00.000Z',
          end: '2026-11-19T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-19T00:00:00.000Z',
          end: '2026-11-20T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-20T00:00:00.000Z',
          end: '2026-11-21T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-21T00:00:00.000Z',
          end: '2026-11-22T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-22T00:00:00.000Z',
          end: '2026-11-22T13:50:50.277Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
      ],
      recentRejections: [],
      recentIgnored: [],
    },
    {
      source: 'cdevents',
      registered: true,
      lastReceivedAt: null,
      lastAcceptedAt: null,
      totals: {
        accepted: 0,
        updated: 0,
        ignored: 0,
        rejected: 0,
        unattributed: 0,
      },
      buckets: [
        {
          start: '2026-11-15T00:00:00.000Z',
          end: '2026-11-16T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-16T00:00:00.000Z',
          end: '2026-11-17T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-17T00:00:00.000Z',
          end: '2026-11-18T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-18T00:00:00.000Z',
          end: '2026-11-19T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-19T00:00:00.000Z',
          end: '2026-11-20T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-20T00:00:00.000Z',
          end: '2026-11-21T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-21T00:00:00.000Z',
          end: '2026-11-22T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-22T00:00:00.000Z',
          end: '2026-11-22T13:50:50.277Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
      ],
      recentRejections: [],
      recentIgnored: [],
    },
    {
      source: 'demo',
      registered: true,
      lastReceivedAt: '2026-11-22T13:50:25.604Z',
      lastAcceptedAt: '2026-11-22T13:50:25.604Z',
      totals: {
        accepted: 11961,
        updated: 0,
        ignored: 0,
        rejected: 0,
        unattributed: 0,
      },
      buckets: [
        {
          start: '2026-11-15T00:00:00.000Z',
          end: '2026-11-16T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-16T00:00:00.000Z',
          end: '2026-11-17T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-17T00:00:00.000Z',
          end: '2026-11-18T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-18T00:00:00.000Z',
          end: '2026-11-19T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-19T00:00:00.000Z',
          end: '2026-11-20T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-20T00:00:00.000Z',
          end: '2026-11-21T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-21T00:00:00.000Z',
          end: '2026-11-22T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-22T00:00:00.000Z',
          end: '2026-11-22T13:50:50.277Z',
          accepted: 11961,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
      ],
      recentRejections: [],
      recentIgnored: [],
    },
    {
      source: 'github',
      registered: true,
      lastReceivedAt: null,
      lastAcceptedAt: null,
      totals: {
        accepted: 0,
        updated: 0,
        ignored: 0,
        rejected: 0,
        unattributed: 0,
      },
      buckets: [
        {
          start: '2026-11-15T00:00:00.000Z',
          end: '2026-11-16T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-16T00:00:00.000Z',
          end: '2026-11-17T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-17T00:00:00.000Z',
          end: '2026-11-18T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-18T00:00:00.000Z',
          end: '2026-11-19T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-19T00:00:00.000Z',
          end: '2026-11-20T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-20T00:00:00.000Z',
          end: '2026-11-21T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-21T00:00:00.000Z',
          end: '2026-11-22T00:00:00.000Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
        {
          start: '2026-11-22T00:00:00.000Z',
          end: '2026-11-22T13:50:50.277Z',
          accepted: 0,
          updated: 0,
          ignored: 0,
          rejected: 0,
          unattributed: 0,
        },
      ],
      recentRejections: [],
      recentIgnored: [],
    },
  ],
  unattributed: [],
};

const source = (name: string): IngestionSourceHealth =>
  structuredClone(demoWeek.sources.find(s => s.source === name)!);

/** Per-day counts for a source, oldest first, as the backend zero-fills them. */
function withDays(
  base: IngestionSourceHealth,
  days: Array<
    [
      accepted: number,
      updated: number,
      ignored: number,
      rejected: number,
      unattributed: number,
    ]
  >,
): IngestionSourceHealth {
  const buckets = base.buckets.map((b, i) => {
    const [accepted, updated, ignored, rejected, unattributed] = days[i] ?? [
      0, 0, 0, 0, 0,
    ];
    return { ...b, accepted, updated, ignored, rejected, unattributed };
  });
  const totals = {
    accepted: 0,
    updated: 0,
    ignored: 0,
    rejected: 0,
    unattributed: 0,
  };
  for (const b of buckets) {
    for (const k of Object.keys(totals) as Array<keyof typeof totals>) {
      totals[k] += b[k];
    }
  }
  return { ...base, buckets, totals };
}

/** The REST batch and CDEvents in use, a removed `jenkins` module, and unattributed events. */
export const busyWeek: IngestionHealth = {
  range: demoWeek.range,
  sources: [
    {
      ...withDays(source('api'), [
        [40, 6, 0, 0, 2],
        [52, 9, 1, 0, 0],
        [38, 4, 0, 2, 1],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [61, 12, 0, 0, 0],
        [47, 8, 3, 0, 0],
        [12, 2, 1, 2, 0],
      ]),
      lastReceivedAt: '2026-11-22T13:12:09.311Z',
      lastAcceptedAt: '2026-11-22T13:05:41.027Z',
      recentRejections: [
        {
          at: '2026-11-22T13:12:09.311Z',
          count: 2,
          reason:
            '1 invalid event, nothing stored: events[1].id is required; events[1].environment is required',
        },
      ],
      // Replays are counted as ignored without a note.
    },
    {
      ...withDays(source('cdevents'), [
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [8, 3, 5, 0, 0],
        [11, 4, 7, 0, 0],
        [2, 1, 1, 0, 0],
      ]),
      lastReceivedAt: '2026-11-22T12:41:37.880Z',
      lastAcceptedAt: '2026-11-22T12:41:37.880Z',
      recentIgnored: [
        {
          at: '2026-11-22T12:41:37.880Z',
          count: 1,
          reason:
            'dev.cdevents.pipelinerun.started.0.1.0: Cairn does not use pipelinerun.started events',
        },
      ],
    },
    source('demo'),
    source('github'),
    {
      ...withDays(
        { ...source('github'), source: 'jenkins', registered: false },
        [[14, 0, 0, 0, 0]],
      ),
      lastReceivedAt: '2026-11-15T18:02:44.000Z',
      lastAcceptedAt: '2026-11-15T18:02:44.000Z',
    },
  ],
  unattributed: [
    {
      type: 'deployment',
      source: 'ci',
      repository: 'github.com/acme/unknown',
      count: 2,
      lastReceivedAt: '2026-11-22T11:50:00.000Z',
      examples: ['x2', 'x1'],
      reason:
        'no component in the catalog has the repository github.com/acme/unknown',
      hint: "Add the annotation 'github.com/project-slug: acme/unknown' to the component built from github.com/acme/unknown; the next catch-up run (every 10 minutes) attributes the stored events.",
      annotation: { name: 'github.com/project-slug', value: 'acme/unknown' },
    },
    {
      type: 'change',
      source: 'github',
      repository: 'git.example.com/shop/mono',
      count: 1,
      lastReceivedAt: '2026-11-22T10:04:51.000Z',
      examples: ['mono#1'],
      reason:
        'git.example.com/shop/mono holds 2 components and component:default/checkout has no path prefix',
      hint: "Add the annotation 'cairn.dev/path-prefix: <folder>/' to component:default/checkout; changes are then attributed by their changed paths.",
      annotation: { name: 'cairn.dev/path-prefix', value: '<folder>/' },
      candidates: ['component:default/cart', 'component:default/checkout'],
    },
    {
      type: 'incident',
      source: 'pager',
      repository: null,
      count: 1,
      lastReceivedAt: '2026-11-22T12:50:00.000Z',
      examples: ['p1'],
      reason: 'the events name neither a component nor a repository',
      hint: 'To attribute them, name the component (`component`) in each event, or send the repository.',
    },
  ],
};

/** A backend where nothing has arrived yet: the installed sources, all empty. */
export const nothingYet: IngestionHealth = {
  range: demoWeek.range,
  sources: ['api', 'cdevents', 'github'].map(name =>
    withDays({ ...source('github'), source: name }, []),
  ),
  unattributed: [],
};
