import { DeliveryEventInput } from '@cairn/plugin-insights-common';
import { createTestDatabases } from '@cairn/test-utils';
import fc from 'fast-check';
import { createDeliveryHarness } from '../__testUtils__/deliveryHarness';

/*
 * Facts derived around what each batch touched must equal a derivation over whole timelines: the
 * harness re-derives every timeline after each batch and compares. Random histories of deployments
 * (results, rollbacks and hotfixes with and without `fixes`, updates that move them in time) and
 * incidents (inferred, or naming a deployment) arrive in random batches and orders.
 */

jest.setTimeout(180_000);
const databases = createTestDatabases();
const T0 = Date.parse('2026-03-01T00:00:00Z');
const HOUR_MS = 3_600_000;
const RUNS = Number(process.env.CAIRN_DERIVE_RUNS ?? 12);

const deploymentArb = fc.record({
  n: fc.integer({ min: 0, max: 25 }),
  hour: fc.integer({ min: 0, max: 24 * 20 }),
  result: fc.constantFrom('success', 'success', 'success', 'failure'),
  trigger: fc.constantFrom('normal', 'normal', 'rollback', 'hotfix'),
  fixes: fc.option(fc.integer({ min: 0, max: 25 }), { freq: 4 }),
  component: fc.constantFrom('api', 'api', 'api', 'checkout'),
  version: fc.integer({ min: 0, max: 1000 }),
});
const incidentArb = fc.record({
  n: fc.integer({ min: 0, max: 8 }),
  hour: fc.integer({ min: 0, max: 24 * 20 }),
  resolvedAfter: fc.option(fc.integer({ min: 1, max: 72 }), { freq: 2 }),
  cause: fc.option(fc.integer({ min: 0, max: 25 }), { freq: 3 }),
  version: fc.integer({ min: 0, max: 1000 }),
});
const eventArb = fc.oneof(
  {
    weight: 4,
    arbitrary: deploymentArb.map(d => ({ kind: 'd' as const, ...d })),
  },
  {
    weight: 1,
    arbitrary: incidentArb.map(i => ({ kind: 'i' as const, ...i })),
  },
);

const iso = (hour: number, plusMinutes = 0) =>
  new Date(T0 + hour * HOUR_MS + plusMinutes * 60_000).toISOString();

type Generated =
  | ({ kind: 'd' } & {
      n: number;
      hour: number;
      result: string;
      trigger: string;
      fixes: number | null;
      component: string;
      version: number;
    })
  | ({ kind: 'i' } & {
      n: number;
      hour: number;
      resolvedAfter: number | null;
      cause: number | null;
      version: number;
    });

function toEvent(e: Generated): DeliveryEventInput {
  if (e.kind === 'd') {
    return {
      type: 'deployment',
      source: 'ci',
      id: `d${e.n}`,
      component: e.component,
      environment: 'production',
      finishedAt: iso(e.hour),
      result: e.result,
      trigger: e.trigger,
      ...(e.fixes !== null ? { fixes: `d${e.fixes}` } : {}),
      // Later reports of the same deployment win (they may move it or change its result).
      updatedAt: iso(24 * 30, e.version),
    } as DeliveryEventInput;
  }
  return {
    type: 'incident',
    source: 'pager',
    id: `i${e.n}`,
    component: 'api',
    detectedAt: iso(e.hour, 30),
    ...(e.resolvedAfter !== null
      ? { resolvedAt: iso(e.hour + e.resolvedAfter, 30) }
      : {}),
    ...(e.cause !== null
      ? { causedBy: { deployment: { source: 'ci', id: `d${e.cause}` } } }
      : {}),
    updatedAt: iso(24 * 30, e.version),
  } as DeliveryEventInput;
}

/** One batch holds each event id once (a batch states each record once). */
function uniqueById(events: DeliveryEventInput[]): DeliveryEventInput[] {
  const byId = new Map<string, DeliveryEventInput>();
  for (const e of events) byId.set(`${e.type}/${e.id}`, e);
  return [...byId.values()];
}

describe.each(databases.eachSupportedId())(
  'facts derived around a batch on %p',
  databaseId => {
    it('equal a derivation over whole timelines, whatever the history and the order it arrives in', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(eventArb, { minLength: 1, maxLength: 12 }), {
            minLength: 1,
            maxLength: 8,
          }),
          async batches => {
            const h = await createDeliveryHarness(databases, databaseId);
            for (const batch of batches) {
              // ingest() compares the stored facts with whole-timeline derivation after each batch.
              const events = uniqueById(batch.map(toEvent));
              const counts = await h.ingest(events);
              expect(counts.inserted + counts.updated + counts.unchanged).toBe(
                events.length,
              );
            }
          },
        ),
        {
          numRuns: RUNS,
          // Histories that once disagreed: an incident naming a deployment far from the batch's times;
          // a deployment named by an incident moving to another component (the incident's link in the
          // old one is decided again).
          examples: [
            [
              [
                [
                  {
                    kind: 'i',
                    n: 0,
                    hour: 0,
                    resolvedAfter: null,
                    cause: 13,
                    version: 0,
                  },
                  {
                    kind: 'd',
                    n: 13,
                    hour: 1,
                    result: 'success',
                    trigger: 'normal',
                    fixes: null,
                    component: 'checkout',
                    version: 0,
                  },
                  {
                    kind: 'd',
                    n: 0,
                    hour: 0,
                    result: 'success',
                    trigger: 'normal',
                    fixes: null,
                    component: 'api',
                    version: 0,
                  },
                ],
                [
                  {
                    kind: 'd',
                    n: 13,
                    hour: 0,
                    result: 'success',
                    trigger: 'normal',
                    fixes: null,
                    component: 'api',
                    version: 1,
                  },
                  {
                    kind: 'd',
                    n: 0,
                    hour: 1,
                    result: 'success',
                    trigger: 'normal',
                    fixes: null,
                    component: 'checkout',
                    version: 1,
                  },
                ],
              ],
            ],
            [
              [
                [
                  {
                    kind: 'i',
                    n: 1,
                    hour: 0,
                    resolvedAfter: null,
                    cause: 10,
                    version: 0,
                  },
                  {
                    kind: 'd',
                    n: 10,
                    hour: 1,
                    result: 'success',
                    trigger: 'normal',
                    fixes: null,
                    component: 'api',
                    version: 0,
                  },
                  {
                    kind: 'i',
                    n: 2,
                    hour: 0,
                    resolvedAfter: null,
                    cause: null,
                    version: 0,
                  },
                ],
                [
                  {
                    kind: 'i',
                    n: 0,
                    hour: 25,
                    resolvedAfter: null,
                    cause: 10,
                    version: 0,
                  },
                  {
                    kind: 'd',
                    n: 0,
                    hour: 25,
                    result: 'success',
                    trigger: 'normal',
                    fixes: null,
                    component: 'api',
                    version: 0,
                  },
                ],
              ],
            ],
          ],
        },
      );
    });
  },
);
