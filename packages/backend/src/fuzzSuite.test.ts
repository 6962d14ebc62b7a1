/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "fc.assert"] }] */
import { createHmac } from 'node:crypto';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createTestDatabases } from '@cairn/test-utils';
import {
  defaultPlatformConfig,
  evaluateIntent,
  outcomeIntentYaml,
  renderBundle,
} from '@cairn/plugin-intent-common';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import {
  CI_TOKEN,
  signInAsGuest,
  startDemoBackend,
} from './__testUtils__/demoBackend';

/**
 * Issue 15's fuzz suite: property-based requests, grown from valid payloads of every body-taking route,
 * against the real backend (real auth, catalog and permission policy). For every request: no 5xx; a
 * 4xx names the field; response and log lines stay small; a rejected request stores nothing. Each
 * route gets a time budget: `CAIRN_FUZZ_SECONDS` (default 4) per route and engine.
 */
const SECONDS = Number(process.env.CAIRN_FUZZ_SECONDS ?? 4);
const SECRET = 'fuzz-webhook-secret';
const MAX_RESPONSE = 64 * 1024;
const MAX_LOG_LINE = 16 * 1024;

jest.setTimeout(120_000 + SECONDS * 1000 * 12);

const databases = createTestDatabases();

/** The longest line any plugin logged, so that no input can amplify into the logs. */
class RecordingLogger implements LoggerService {
  static longest = { length: 0, text: '' };
  private record(message: string, meta?: unknown) {
    let text = message;
    try {
      text += meta === undefined ? '' : ` ${JSON.stringify(meta)}`;
    } catch {
      text += ' [meta]';
    }
    if (text.length > RecordingLogger.longest.length) {
      RecordingLogger.longest = {
        length: text.length,
        text: text.slice(0, 300),
      };
    }
  }
  error(message: string, meta?: unknown) {
    this.record(message, meta);
  }
  warn(message: string, meta?: unknown) {
    this.record(message, meta);
  }
  info(message: string, meta?: unknown) {
    this.record(message, meta);
  }
  debug(message: string, meta?: unknown) {
    this.record(message, meta);
  }
  child() {
    return this;
  }
}

const recordingLogger = createServiceFactory({
  service: coreServices.rootLogger,
  deps: {},
  factory: () => new RecordingLogger(),
});

// Valid payloads, the seeds every generated request is grown from.

const validBatch = {
  events: [
    {
      type: 'deployment',
      source: 'fuzz',
      id: 'd1',
      component: 'checkout-service',
      environment: 'production',
      version: '1.2.3',
      commit: 'a'.repeat(40),
      startedAt: '2026-03-02T09:50:00Z',
      finishedAt: '2026-03-02T10:00:00Z',
      result: 'success',
      trigger: 'normal',
      commits: ['b'.repeat(40)],
    },
    {
      type: 'change',
      source: 'fuzz',
      id: 'c1',
      repository: 'github.com/northwind/checkout',
      firstCommitAt: '2026-03-01T09:00:00Z',
      openedAt: '2026-03-01T10:00:00Z',
      firstReviewAt: '2026-03-01T11:00:00Z',
      mergedAt: '2026-03-01T12:00:00Z',
      mergeCommit: 'b'.repeat(40),
      changedPaths: ['services/checkout/app.ts'],
    },
    {
      type: 'incident',
      source: 'fuzz',
      id: 'i1',
      component: 'checkout-service',
      environment: 'production',
      severity: 'high',
      detectedAt: '2026-03-02T11:00:00Z',
      resolvedAt: '2026-03-02T12:00:00Z',
      causedBy: { deployment: { source: 'fuzz', id: 'd1' } },
    },
  ],
};

const validCloudEvent = {
  specversion: '1.0',
  id: 'ce-1',
  source: '/ci/fuzz',
  type: 'dev.cdevents.service.deployed.0.3.0',
  datacontenttype: 'application/json',
  data: {
    context: {
      specversion: '0.5.1',
      id: 'ce-1',
      source: '/ci/fuzz',
      type: 'dev.cdevents.service.deployed.0.3.0',
      timestamp: '2026-03-03T10:00:00Z',
    },
    subject: {
      id: 'service/checkout-service',
      content: {
        environment: { id: 'production' },
        artifactId: 'pkg:oci/checkout-service@sha256%3Aabc',
      },
    },
  },
};

const validPullRequest = {
  action: 'opened',
  number: 7,
  pull_request: {
    number: 7,
    title: 'Faster checkout',
    state: 'open',
    created_at: '2026-03-01T10:00:00Z',
    updated_at: '2026-03-01T10:00:00Z',
    merged_at: null,
    merge_commit_sha: null,
    html_url: 'https://github.com/northwind/checkout/pull/7',
    user: { login: 'ada' },
    head: { ref: 'feature', sha: 'c'.repeat(40) },
    base: { ref: 'main' },
  },
  repository: {
    full_name: 'northwind/checkout',
    default_branch: 'main',
    html_url: 'https://github.com/northwind/checkout',
  },
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path into a JSON value (object keys and array indexes), the root included. */
function pathsOf(
  value: Json,
  prefix: (string | number)[] = [],
): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) {
    return here.concat(...value.map((v, i) => pathsOf(v, [...prefix, i])));
  }
  if (value && typeof value === 'object') {
    return here.concat(
      ...Object.entries(value).map(([k, v]) => pathsOf(v, [...prefix, k])),
    );
  }
  return here;
}

function applyAt(
  value: Json,
  path: (string | number)[],
  change: (current: Json) => Json | undefined,
): Json {
  if (path.length === 0) return change(value) ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    const next = applyAt(copy[head as number], rest, change);
    if (rest.length === 0 && change(copy[head as number]) === undefined) {
      copy.splice(head as number, 1);
    } else copy[head as number] = next;
    return copy;
  }
  if (value && typeof value === 'object') {
    const copy: { [k: string]: Json } = { ...value };
    if (rest.length === 0 && change(copy[head as string]) === undefined) {
      delete copy[head as string];
    } else copy[head as string] = applyAt(copy[head as string], rest, change);
    return copy;
  }
  return value;
}

const loneSurrogate = fc.constantFrom(
  '\ud800',
  'x\udfff',
  '\udc00a',
  'a\ud83d',
);
const awkwardString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  loneSurrogate,
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '../../etc/passwd',
    '${{ x }}',
    'x'.repeat(5000),
  ),
);
const awkwardValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  awkwardString,
  fc.constantFrom<Json>(
    -1,
    0,
    1e308,
    Number.MAX_SAFE_INTEGER,
    [],
    {},
    '2026-13-45T99:99:99Z',
    'not a time',
  ),
  fc
    .integer({ min: 65, max: 2000 })
    .map(depth => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
);

/** One edit at one place: removed, replaced, or a field (or element) added next to what is there. */
function editValue(
  e: { op: string; key: string; value: Json },
  current: Json,
): Json | undefined {
  if (e.op === 'delete') return undefined;
  if (e.op === 'replace') return e.value;
  if (Array.isArray(current)) return [...current, e.value];
  if (current && typeof current === 'object') {
    return { ...current, [e.key]: e.value };
  }
  return e.value;
}

/** A payload grown from a valid one: kept, or one to three places replaced, removed or added to. */
function mutated(valid: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(valid);
  const edit = fc.record({
    path: fc.constantFrom(...paths),
    op: fc.constantFrom('replace', 'delete', 'add'),
    key: fc.oneof(fc.string({ maxLength: 12 }), loneSurrogate),
    value: awkwardValue,
  });
  return fc.oneof(
    { arbitrary: fc.constant(valid), weight: 1 },
    {
      arbitrary: fc
        .array(edit, { minLength: 1, maxLength: 3 })
        .map(edits =>
          edits.reduce<Json>(
            (doc, e) => applyAt(doc, e.path, current => editValue(e, current)),
            valid,
          ),
        ),
      weight: 8,
    },
    { arbitrary: awkwardValue, weight: 1 },
  );
}

/** An id as a URL path segment; a lone surrogate goes as the bytes a careless client would send. */
function pathSegment(id: string): string {
  try {
    return encodeURIComponent(id);
  } catch {
    return '%ED%A0%80';
  }
}

/** Whether an error names what was wrong: a field path, `body`, a header or a parameter. */
function namesAField(body: any): boolean {
  const message: string = body?.error?.message ?? '';
  if (Array.isArray(body?.invalidEvents) && body.invalidEvents.length) {
    return body.invalidEvents.every(
      (e: { path?: string }) => typeof e.path === 'string' && e.path !== '',
    );
  }
  return /(^|[\s(:])(body|events|content-type|intent|spec|metadata|plannedAt|bundleSha256|idempotencyKey|taskId|status|payload|path|X-GitHub-\w+|X-Hub-Signature-256|[a-z][\w-]*(\[\d+\]|\.[\w[\]"-]+)+)\b/i.test(
    message,
  );
}

const CONTENT_TABLES = {
  insights: [
    'delivery_deployments',
    'delivery_changes',
    'delivery_incidents',
    'cdevents_events',
    'github_pull_requests',
    'github_deliveries',
  ],
  intent: ['intent_environments', 'intent_environment_events'],
};

describe.each(databases.eachSupportedId())(
  'fuzzed requests on %p',
  databaseId => {
    const clients = new Map<string, Knex>();
    const statuses = new Map<number, number>();
    afterAll(() => {
      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      // eslint-disable-next-line no-console
      console.log(
        `fuzz on ${databaseId}: ${total} requests, by status ${JSON.stringify(
          Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
        )}; longest log line ${RecordingLogger.longest.length} characters`,
      );
    });
    let server: Awaited<ReturnType<typeof startDemoBackend>>['server'];
    let userToken = '';

    beforeAll(async () => {
      ({ server } = await startDemoBackend({
        database: {
          databases,
          id: databaseId,
          onClient: (pluginId, knex) => clients.set(pluginId, knex),
        },
        config: {
          insights: {
            github: { webhook: { secret: SECRET } },
            ingest: { maxBodySize: '256kb' },
          },
        },
        features: [recordingLogger],
      }));
      userToken = (await signInAsGuest(server)).token;
    });

    /** Rows per content table, as `table=n` words, so a difference says where it was. */
    async function contentRows(): Promise<string> {
      const counts: string[] = [];
      for (const [pluginId, tables] of Object.entries(CONTENT_TABLES)) {
        const knex = clients.get(pluginId);
        if (!knex) continue;
        for (const table of tables) {
          if (!(await knex.schema.hasTable(table))) continue;
          const [{ n }] = await knex(table).count({ n: '*' });
          counts.push(`${table}=${n}`);
        }
      }
      return counts.join(' ');
    }

    /**
     * Requests still in flight: fast-check's time limit ends a property without waiting for the run
     * under way, so each test waits for its own before the next one counts rows.
     */
    const inFlight = new Set<Promise<unknown>>();
    afterEach(async () => {
      await Promise.allSettled([...inFlight]);
    });

    /** Sends, then checks the properties every answer must have. */
    async function check(
      send: () => request.Test,
      label: string,
    ): Promise<void> {
      // In flight from its first moment (before the rows are counted, which awaits): a run that the time
      // limit leaves behind while counting would otherwise send its request during the next test.
      let settle = () => {};
      const done = new Promise<void>(resolve => {
        settle = resolve;
      });
      inFlight.add(done);
      try {
        const before = await contentRows();
        // The rows are counted again after the answer, inside this run.
        await checkAnswer(await send(), before, label);
      } finally {
        settle();
        inFlight.delete(done);
      }
    }

    async function checkAnswer(
      res: request.Response,
      before: string,
      label: string,
    ): Promise<void> {
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const size = Buffer.byteLength(res.text ?? '');
      const problems: string[] = [];
      if (res.status >= 500) problems.push(`answered ${res.status}`);
      if (size > MAX_RESPONSE) problems.push(`answered ${size} bytes`);
      if (res.status >= 400 && res.status < 500) {
        // Refusals about the input name the field; 401/403/404/409 are about who asks and for what.
        if ([400, 413, 415].includes(res.status) && !namesAField(res.body)) {
          problems.push(
            `a ${res.status} that names no field: ${res.text.slice(0, 300)}`,
          );
        }
        const after = await contentRows();
        if (after !== before) {
          problems.push(`a ${res.status} stored rows: ${before} → ${after}`);
        }
      }
      if (RecordingLogger.longest.length > MAX_LOG_LINE) {
        problems.push(
          `logged a line of ${RecordingLogger.longest.length} characters: ${RecordingLogger.longest.text}`,
        );
      }
      if (problems.length) {
        throw new Error(
          `${label}: ${problems.join('; ')} (${res.text.slice(0, 300)})`,
        );
      }
    }

    const budget = {
      numRuns: 100_000,
      interruptAfterTimeLimit: SECONDS * 1000,
      markInterruptAsFailure: false,
    };

    it('POST /api/insights/v1/events', async () => {
      await fc.assert(
        fc.asyncProperty(mutated(validBatch as unknown as Json), async body => {
          await check(
            () =>
              request(server)
                .post('/api/insights/v1/events')
                .set('Authorization', `Bearer ${CI_TOKEN}`)
                .set('Content-Type', 'application/json')
                .send(JSON.stringify(body)),
            'events',
          );
        }),
        budget,
      );
    });

    it('POST /api/insights/v1/cdevents (structured and batched)', async () => {
      await fc.assert(
        fc.asyncProperty(
          mutated(validCloudEvent as unknown as Json),
          fc.boolean(),
          async (event, batched) => {
            await check(
              () =>
                request(server)
                  .post('/api/insights/v1/cdevents')
                  .set('Authorization', `Bearer ${CI_TOKEN}`)
                  .set(
                    'Content-Type',
                    batched
                      ? 'application/cloudevents-batch+json'
                      : 'application/cloudevents+json',
                  )
                  .send(JSON.stringify(batched ? [event] : event)),
              'cdevents',
            );
          },
        ),
        budget,
      );
    });

    it('POST /api/insights/github/webhook (signed)', async () => {
      await fc.assert(
        fc.asyncProperty(
          mutated(validPullRequest as unknown as Json),
          fc.constantFrom(
            'pull_request',
            'push',
            'deployment_status',
            'issues',
            'ping',
          ),
          fc.uuid(),
          async (payload, event, delivery) => {
            const raw = Buffer.from(JSON.stringify(payload));
            const signature = `sha256=${createHmac('sha256', SECRET)
              .update(raw)
              .digest('hex')}`;
            await check(
              () =>
                request(server)
                  .post('/api/insights/github/webhook')
                  .set('Content-Type', 'application/json')
                  .set('X-GitHub-Event', event)
                  .set('X-GitHub-Delivery', delivery)
                  .set('X-Hub-Signature-256', signature)
                  .serialize(b => b)
                  .send(raw),
              'github',
            );
          },
        ),
        budget,
      );
    });

    it('POST /api/intent/v1/environments', async () => {
      const now = new Date();
      const { plan } = evaluateIntent(
        outcomeIntentYaml,
        defaultPlatformConfig,
        {
          requester: 'user:default/ada.okafor',
          now,
        },
      );
      const valid = {
        intent: parseYaml(outcomeIntentYaml),
        plannedAt: now.toISOString(),
        bundleSha256: renderBundle(plan, defaultPlatformConfig).manifest.sha256,
      };
      await fc.assert(
        fc.asyncProperty(mutated(valid as unknown as Json), async body => {
          await check(
            () =>
              request(server)
                .post('/api/intent/v1/environments')
                .set('Authorization', `Bearer ${userToken}`)
                .set('Content-Type', 'application/json')
                .send(JSON.stringify(body)),
            'intent register',
          );
        }),
        budget,
      );
    });

    it('POST /api/intent/v1/environments/{id}/{approve,teardown,provision}', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('approve', 'teardown', 'provision'),
          fc.oneof(
            fc.uuid(),
            awkwardString.filter(s => s.length > 0 && s.length < 200),
          ),
          mutated({ pullRequestUrl: 'https://github.com/x/y/pull/1' }),
          async (action, id, body) => {
            await check(
              () =>
                request(server)
                  .post(
                    `/api/intent/v1/environments/${pathSegment(id)}/${action}`,
                  )
                  .set('Authorization', `Bearer ${userToken}`)
                  .set('Content-Type', 'application/json')
                  .send(JSON.stringify(body)),
              `intent ${action}`,
            );
          },
        ),
        budget,
      );
    });
  },
);
