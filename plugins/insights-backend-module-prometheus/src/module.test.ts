import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import insightsPlugin from '@cairn/plugin-insights-backend';
import {
  createTestDatabases,
  describeWithServices,
  PrometheusServer,
  startPrometheus,
} from '@cairn/test-utils';
import request from 'supertest';
import { insightsModulePrometheus } from './module';
import { MINUTE_MS, minuteTruth, openMetrics } from './__testUtils__/history';

/*
 * The module inside the real insights backend, reading a real Prometheus: SLOs pushed as OpenSLO
 * documents are backfilled by the scheduled collection and their status equals the history's own
 * numbers (availability from rate queries, latency objectives from the histogram); a data source type
 * without a module says so; a Prometheus that goes down leaves an error and no invented data, and the
 * collection resumes when it is back. The exported alert rules, loaded into a real Prometheus with the
 * same history, fire.
 */

jest.setTimeout(180_000);
const databases = createTestDatabases();
const CHECKOUT = 'component:default/checkout';

const documents = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout
  indicator:
    metadata:
      name: checkout-good-requests
    spec:
      ratioMetric:
        counter: true
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
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.9
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-latency
spec:
  service: checkout
  indicator:
    metadata:
      name: checkout-latency
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: http_request_duration_seconds_bucket{job="checkout"}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: p95 under 400 ms
      op: lte
      value: 0.4
      targetPercent: 95
    - displayName: half under 250 ms
      op: lte
      value: 0.25
      targetPercent: 50
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-datadog
spec:
  service: checkout
  indicator:
    metadata:
      name: checkout-datadog
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Datadog
            spec:
              query: sum:requests.ok{service:checkout}.as_count()
        total:
          metricSource:
            type: Datadog
            spec:
              query: sum:requests{service:checkout}.as_count()
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99
`;

describeWithServices({ prometheus: true })(
  'the Prometheus module in the insights backend',
  () => {
    const end = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
    const truth = minuteTruth(end - 240 * MINUTE_MS, end);
    const history = openMetrics(truth);
    let prometheus: PrometheusServer;

    beforeAll(async () => {
      prometheus = await startPrometheus({ openMetrics: history });
    });
    afterAll(() => prometheus?.stop());

    describe.each(databases.eachSupportedId())('on %p', databaseId => {
      const user = mockCredentials.user.header('user:default/ana');
      let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
      // The test backend's scheduler runs a task when asked (and waits for it).
      const scheduler = mockServices.scheduler() as SchedulerService & {
        factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
      };
      const collect = () => scheduler.triggerTask('insights-sli-collection');

      beforeAll(async () => {
        const knex = await databases.init(databaseId);
        ({ server } = await startTestBackend({
          features: [
            insightsPlugin,
            insightsModulePrometheus,
            scheduler.factory({ skipTaskRunOnStartup: true }),
            mockServices.database.factory({ knex }),
            mockServices.rootConfig.factory({
              data: {
                insights: {
                  prometheus: { url: prometheus.url, retries: 1 },
                },
              },
            }),
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
                },
              ],
            }),
          ],
        }));
        const put = await request(server)
          .put('/api/insights/v1/slos/documents')
          .set('Authorization', user)
          .send({ entity: CHECKOUT, content: documents });
        if (put.status !== 200)
          throw new Error(`the documents were refused: ${put.text}`);
      });

      const status = async () => {
        const res = await request(server)
          .get('/api/insights/v1/slos/status')
          .query({ entity: CHECKOUT })
          .set('Authorization', user);
        expect(res.status).toBe(200);
        return Object.fromEntries(
          res.body.slos.map((s: { name: string }) => [s.name, s]),
        ) as Record<string, any>;
      };
      it('backfills the window and computes the status from the history', async () => {
        await collect();
        const slos = await status();
        for (const name of ['checkout-availability', 'checkout-latency'])
          expect(
            Date.parse(slos[name].dataSource.readTo),
          ).toBeGreaterThanOrEqual(end);
        const sum = (f: (m: (typeof truth)[number]) => number) =>
          truth.reduce((n, m) => n + f(m), 0);

        const availability = slos['checkout-availability'];
        expect(availability.dataSource).toMatchObject({
          type: 'Prometheus',
          module: 'installed',
          lastError: null,
        });
        const [objective] = availability.objectives;
        expect(objective.events.good).toBeCloseTo(
          sum(m => m.ok),
          4,
        );
        expect(objective.events.total).toBeCloseTo(
          sum(m => m.ok + m.errors),
          4,
        );
        // The last hour's 20 % errors burn a 99.9 % budget 200 times too fast.
        expect(objective.alert.status).toBe('page');
        expect(objective.burnRate1h).toBeCloseTo(200, 4);

        const latency = slos['checkout-latency'];
        expect(latency.objectives[0].events).toEqual({
          good: expect.closeTo(96 * truth.length, 4),
          total: expect.closeTo(100 * truth.length, 4),
        });
        // 250 ms is no bucket bound: the nearest bound under it, 100 ms, is read.
        expect(latency.objectives[1].events.good).toBeCloseTo(
          48 * truth.length,
          4,
        );
        expect(latency.objectives[0].alert.status).toBe('ok');

        expect(slos['checkout-datadog'].dataSource).toMatchObject({
          type: 'Datadog',
          module: 'not-installed',
          readTo: null,
        });
        expect(slos['checkout-datadog'].objectives[0].sli).toBeNull();
      });

      it('records the error while Prometheus is down, invents no data, and resumes', async () => {
        const before = await status();
        await prometheus.pause();
        try {
          await collect();
          const down = await status();
          expect(down['checkout-availability'].dataSource.lastError).toMatch(
            /unreachable/,
          );
          // Nothing read, nothing invented: the same events as before.
          expect(
            down['checkout-availability'].objectives[0].events.total,
          ).toBeCloseTo(
            before['checkout-availability'].objectives[0].events.total,
            4,
          );
        } finally {
          await prometheus.start();
        }
        await collect();
        const back = await status();
        expect(back['checkout-availability'].dataSource.lastError).toBeNull();
        expect(
          back['checkout-availability'].objectives[0].events.total,
        ).toBeCloseTo(
          before['checkout-availability'].objectives[0].events.total,
          4,
        );
      });

      it('exports alert rules that fire in a real Prometheus on the same history', async () => {
        const rules = await request(server)
          .get('/api/insights/v1/slos/rules')
          .query({ entity: CHECKOUT, slo: 'checkout-availability' })
          .set('Authorization', user);
        expect(rules.status).toBe(200);
        const alerting = await startPrometheus({
          openMetrics: history,
          rules: [rules.text],
          evaluationSeconds: 1,
        });
        try {
          const deadline = Date.now() + 30_000;
          let firing: string[] = [];
          while (Date.now() < deadline) {
            const res = await fetch(`${alerting.url}/api/v1/alerts`);
            const body = await res.json();
            firing = body.data.alerts
              .filter((a: any) => a.state === 'firing')
              .map((a: any) => a.labels.alertname);
            if (firing.includes('CheckoutAvailabilityPageBurnRate')) break;
            await new Promise(r => setTimeout(r, 500));
          }
          expect(firing).toContain('CheckoutAvailabilityPageBurnRate');
        } finally {
          await alerting.stop();
        }
      });
    });
  },
);
