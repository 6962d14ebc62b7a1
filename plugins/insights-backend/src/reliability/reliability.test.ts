import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@cairn/test-utils';
import request from 'supertest';
import { insightsPlugin } from '../plugin';

/*
 * The reliability domain through the real plugin's API on SQLite and PostgreSQL: OpenSLO documents
 * pushed (a bad one answers 400 naming the field and the last good version keeps serving), SLI minutes
 * pushed (a minute sent again replaces), and the status at a pinned moment, hand-computed.
 */

jest.setTimeout(120_000);
const databases = createTestDatabases();

const CHECKOUT = 'component:default/checkout';
const T0 = Date.parse('2026-03-01T00:00:00Z');
const MINUTE = 60_000;
const iso = (minute: number) => new Date(T0 + minute * MINUTE).toISOString();

const openslo = (targetPercent: string) => `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout
  indicator:
    spec:
      ratioMetric:
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="checkout",code!~"5.."}[{{.window}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: ${targetPercent}
`;

describe.each(databases.eachSupportedId())(
  'SLOs through the API on %p',
  databaseId => {
    const user = mockCredentials.user.header('user:default/ana');
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          insightsPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({
            entities: [
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Component',
                metadata: { name: 'checkout', namespace: 'default' },
                spec: {
                  type: 'service',
                  owner: 'team',
                  lifecycle: 'production',
                },
                relations: [
                  { type: 'ownedBy', targetRef: 'group:default/team' },
                ],
              },
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Group',
                metadata: { name: 'team', namespace: 'default' },
                spec: { type: 'team', children: [] },
              },
            ],
          }),
        ],
      }));
    });

    const put = (content: string, entity = CHECKOUT) =>
      request(server)
        .put('/api/insights/v1/slos/documents')
        .set('Authorization', user)
        .send({ entity, content });
    const pushSli = (body: object) =>
      request(server)
        .post('/api/insights/v1/slos/sli')
        .set('Authorization', user)
        .send({ entity: CHECKOUT, slo: 'checkout-availability', ...body });
    const get = (path: string, query: Record<string, string>) =>
      request(server)
        .get(`/api/insights/v1/slos/${path}`)
        .query({ entity: CHECKOUT, ...query })
        .set('Authorization', user);

    it('stores documents by version; a bad one answers 400 naming the field and changes nothing', async () => {
      const bad = await put(openslo('100'));
      expect(bad.status).toBe(400);
      expect(bad.body.problems).toEqual([
        {
          document: 'SLO checkout-availability',
          path: 'spec.objectives[0].targetPercent',
          message: 'must be below 100',
        },
      ]);
      expect((await get('status', {})).body.slos).toEqual([]);

      const good = await put(openslo('99.9'));
      expect(good.status).toBe(200);
      expect(good.body).toEqual({
        entityRef: CHECKOUT,
        version: 2,
        slos: ['checkout-availability'],
        unsupported: [],
      });

      // Another bad version: stored as invalid, the last valid one keeps serving.
      expect((await put(openslo('-1'))).status).toBe(400);
      const documents = (await get('documents', {})).body.documents;
      expect(documents).toEqual([
        expect.objectContaining({
          origin: 'api',
          version: 3,
          state: 'invalid',
          receivedBy: 'user:default/ana',
        }),
      ]);
      const status = (await get('status', { at: iso(0) })).body;
      expect(status.slos.map((s: any) => [s.name, s.version])).toEqual([
        ['checkout-availability', 2],
      ]);

      const unknown = await put(openslo('99.9'), 'component:default/nowhere');
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toBe(
        'entity: component:default/nowhere is not in the catalog',
      );
    });

    it('answers 200 to the same push twice at once, and to a replay, with one version', async () => {
      const content = openslo('99.9');
      const [a, b] = await Promise.all([put(content), put(content)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.version).toBe(b.body.version);
      const replay = await put(content);
      expect(replay.body.version).toBe(a.body.version);
    });

    it('computes budget, burn and alerts from pushed minutes, hand-checked', async () => {
      // Three days of 100 requests a minute; every request fails for ten minutes from day 3, minute 0.
      const outage = 3 * 1440;
      const buckets = Array.from({ length: outage + 10 }, (_, m) => ({
        start: iso(m),
        good: m >= outage ? 0 : 100,
        total: 100,
      }));
      const pushed = await pushSli({ buckets });
      expect(pushed.status).toBe(200);
      expect(pushed.body).toEqual({
        entityRef: CHECKOUT,
        slo: 'checkout-availability',
        buckets: outage + 10,
      });

      // Five minutes into the outage.
      const status = (await get('status', { at: iso(outage + 5) })).body;
      const objective = status.slos[0].objectives[0];
      const total = (outage + 5) * 100;
      const bad = 500;
      const e = bad / total;
      expect(objective.target).toBeCloseTo(0.999, 12);
      expect(objective.events).toEqual({ good: total - bad, total });
      expect(objective.sli).toBeCloseTo(1 - e, 12);
      expect(objective.budget.consumed).toBeCloseTo(e / 0.001, 9);
      expect(objective.budget.remaining).toBeCloseTo(1 - e / 0.001, 9);
      expect(objective.budget.badEventsLeft).toBeCloseTo(
        0.001 * total - bad,
        6,
      );
      // 28 days of minutes, 4,325 of them with data.
      expect(objective.coverage).toBeCloseTo((outage + 5) / (28 * 1440), 12);
      // The last hour: 500 of 6,000 failed.
      expect(objective.burnRate1h).toBeCloseTo(500 / 6000 / 0.001, 9);
      expect(objective.timeToExhaustionHours).toBe(0);
      expect(objective.alert.status).toBe('page');
      expect(objective.alert.pairs[0]).toMatchObject({
        severity: 'page',
        long: '1h',
        short: '5m',
        firing: true,
        tooLittleTraffic: false,
      });
      expect(objective.alert.pairs[0].factor).toBeCloseTo(13.44, 9);

      // Before the outage: nothing fires, and the budget is whole.
      const before = (await get('status', { at: iso(outage) })).body.slos[0]
        .objectives[0];
      expect(before.alert.status).toBe('ok');
      expect(before.budget.remaining).toBe(1);
      expect(before.timeToExhaustionHours).toBeNull();
    });

    it('rolls a team’s SLOs up by state, with the lowest budgets and the alerts firing', async () => {
      const rollup = (minute: number) =>
        request(server)
          .get('/api/insights/v1/slos/rollup')
          .query({ entity: 'group:default/team', at: iso(minute) })
          .set('Authorization', user);
      const outage = 3 * 1440;
      const before = (await rollup(outage)).body;
      expect(before).toMatchObject({
        entityRef: 'group:default/team',
        components: 1,
        componentsWithSlos: 1,
        objectives: 1,
        byState: { healthy: 1, burning: 0, exhausted: 0, noData: 0 },
        firing: [],
      });
      // Five minutes into the outage the budget is overspent (exhausted counts before burning) and it pages.
      const during = (await rollup(outage + 5)).body;
      expect(during.byState).toEqual({
        healthy: 0,
        burning: 0,
        exhausted: 1,
        noData: 0,
      });
      expect(during.firing).toEqual([
        expect.objectContaining({
          entityRef: CHECKOUT,
          slo: 'checkout-availability',
          objective: 0,
          alert: 'page',
        }),
      ]);
      expect(during.lowestBudgets[0].remaining).toBeLessThan(0);
      const component = await request(server)
        .get('/api/insights/v1/slos/rollup')
        .query({ entity: CHECKOUT })
        .set('Authorization', user);
      expect(component.status).toBe(400);
    });

    it('keeps a daily history and every alert change, naming the deployment before the burn', async () => {
      const outage = 3 * 1440;
      const deployment = (id: string, finishedAt: string) => ({
        type: 'deployment',
        source: 'ci',
        id,
        component: 'checkout',
        environment: 'production',
        commit: 'a1b2c3d4e5f6',
        startedAt: finishedAt,
        finishedAt,
        result: 'success',
      });
      const events = await request(server)
        .post('/api/insights/v1/events')
        .set('Authorization', user)
        .send({
          events: [
            // 1 h 30 before the outage, and 14 h before it (outside the 6 h looked at).
            deployment('release-42', '2026-03-03T22:30:00Z'),
            deployment('release-41', '2026-03-03T10:00:00Z'),
          ],
        });
      expect(events.status).toBe(200);

      const history = await get('history', {
        slo: 'checkout-availability',
        from: '2026-03-02T00:00:00Z',
        to: iso(outage + 10),
      });
      expect(history.status).toBe(200);
      const { days, alerts } = history.body;
      expect(history.body).toMatchObject({
        entityRef: CHECKOUT,
        objective: 0,
        timeZone: 'UTC',
      });
      expect(days.map((d: any) => [d.day, d.alert, d.unusualBurn])).toEqual([
        ['2026-03-02', 'ok', false],
        ['2026-03-03', 'ok', false],
        ['2026-03-04', 'page', true],
      ]);
      expect(days[1]).toMatchObject({
        sli: 1,
        burnRate: 0,
        budgetRemaining: 1,
        events: { good: 144000, total: 144000 },
      });
      // The outage's day: 10 minutes, every request failed.
      const last = days[2];
      expect(last.events).toEqual({ good: 0, total: 1000 });
      expect(last.burnRate).toBeCloseTo(1000, 9);
      expect(last.budgetRemaining).toBeCloseTo(
        1 - 1000 / ((outage + 10) * 100) / 0.001,
        9,
      );
      // Its last hour burned 16.7× from the outage's first minute.
      expect(last.burnOnset).toBe(iso(outage + 1));
      expect(last.deploymentsBefore.map((d: any) => d.id)).toEqual([
        'release-42',
      ]);
      expect(
        alerts.map((a: any) => [
          a.at,
          a.from,
          a.to,
          a.deploymentsBefore?.length,
        ]),
      ).toEqual([
        ['2026-03-02T00:00:00.000Z', null, 'ok', undefined],
        [iso(outage + 1), 'ok', 'page', 1],
      ]);
      expect(alerts[1].windows[0]).toMatchObject({
        long: '1h',
        short: '5m',
        firing: true,
      });
      expect(alerts[1].windows[0].longBurnRate).toBeCloseTo(
        100 / 6000 / 0.001,
        9,
      );

      for (const [query, message] of [
        [{ slo: 'checkout-availability', objective: '3' }, 'objective:'],
        [
          {
            slo: 'checkout-availability',
            from: '2025-01-01T00:00:00Z',
            to: iso(0),
          },
          'from: at most 90 days',
        ],
      ] as const) {
        const bad = await get('history', query);
        expect([bad.status, bad.body.error?.message ?? bad.text]).toEqual([
          400,
          expect.stringContaining(message),
        ]);
      }
    });

    it('replaces a minute sent again, and rejects bad minutes naming the field', async () => {
      const minute = 5000;
      expect(
        (
          await pushSli({
            buckets: [{ start: iso(minute), good: 0, total: 50 }],
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await pushSli({
            buckets: [{ start: iso(minute), good: 50, total: 50 }],
          })
        ).status,
      ).toBe(200);
      const objective = (await get('status', { at: iso(minute + 1) })).body
        .slos[0].objectives[0];
      const lastHour = objective.burnRate1h;
      // Minute 5000 alone in its hour: 50 good of 50.
      expect(lastHour).toBe(0);

      const cases: Array<[object, string]> = [
        [
          { buckets: [{ start: iso(1), good: 101, total: 100 }] },
          'buckets[0].good: must not exceed total (101 > 100)',
        ],
        [
          {
            buckets: [{ start: '2026-03-01T00:00:30Z', good: 1, total: 1 }],
          },
          'buckets[0].start: must be the start of a minute (buckets are one minute long)',
        ],
        [
          {
            buckets: [
              { start: iso(1), good: 1, total: 1 },
              { start: iso(1), good: 1, total: 1 },
            ],
          },
          `buckets[1].start: ${iso(1)} appears twice in the request`,
        ],
        [
          { slo: 'nope', buckets: [] },
          'slo: component:default/checkout has no SLO named nope (push its OpenSLO document first)',
        ],
      ];
      for (const [body, message] of cases) {
        const res = await pushSli(body);
        expect([res.status, res.body.error?.message]).toEqual([400, message]);
      }
      // The schema bounds what it accepts before the service sees it.
      const negative = await pushSli({
        buckets: [{ start: iso(1), good: -1, total: 1 }],
      });
      expect(negative.status).toBe(400);
      expect(negative.body.error.message).toContain('good');
    });

    it('exports Prometheus rules for the SLO, and says which SLO is missing', async () => {
      const rules = await get('rules', { slo: 'checkout-availability' });
      expect(rules.status).toBe(200);
      expect(rules.headers['content-type']).toContain('application/yaml');
      expect(rules.text).toContain('alert: CheckoutAvailabilityPageBurnRate');
      expect(rules.text).toContain('record: slo:sli_error:ratio_rate5m');
      const missing = await get('rules', { slo: 'nope' });
      expect(missing.status).toBe(404);
    });
  },
);

describe('SLO permissions', () => {
  it('needs credentials, insights.slos.push to push and insights.slos.read to read', async () => {
    const { server } = await startTestBackend({
      features: [
        insightsPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const anonymous = await request(server)
      .get('/api/insights/v1/slos/status')
      .query({ entity: CHECKOUT });
    expect(anonymous.status).toBe(401);
    const user = mockCredentials.user.header();
    const read = await request(server)
      .get('/api/insights/v1/slos/status')
      .query({ entity: CHECKOUT })
      .set('Authorization', user);
    expect([read.status, read.body.error.message]).toEqual([
      403,
      expect.stringContaining('insights.slos.read'),
    ]);
    const push = await request(server)
      .put('/api/insights/v1/slos/documents')
      .set('Authorization', user)
      .send({ entity: CHECKOUT, content: openslo('99.9') });
    expect([push.status, push.body.error.message]).toEqual([
      403,
      expect.stringContaining('insights.slos.push'),
    ]);
  });
});
