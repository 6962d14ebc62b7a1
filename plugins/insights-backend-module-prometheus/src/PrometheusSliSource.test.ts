import {
  describeWithServices,
  PrometheusServer,
  startPrometheus,
} from '@cairn/test-utils';
import { PrometheusSliSource } from './PrometheusSliSource';
import {
  MINUTE_MS,
  minuteTruth,
  MinuteTruth,
  openMetrics,
} from './__testUtils__/history';

/*
 * The Prometheus SLI source against a real Prometheus whose four hours of history were backfilled
 * with promtool: every minute's events equal the history's own numbers, for rate queries, raw
 * counters (across a reset), raw ratios and latency histograms; a bad query fails at once naming
 * Prometheus's reason; a Prometheus that is down fails after its retries, and works when it is back.
 */

jest.setTimeout(120_000);

describeWithServices({ prometheus: true })(
  'Prometheus SLI source (real Prometheus)',
  () => {
    const to = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
    const from = to - 240 * MINUTE_MS;
    const resetAt = to - 100 * MINUTE_MS;
    const truth = minuteTruth(from, to);
    let prometheus: PrometheusServer;
    let source: PrometheusSliSource;
    const signal = () => AbortSignal.timeout(10_000);

    beforeAll(async () => {
      prometheus = await startPrometheus({
        openMetrics: openMetrics(truth, resetAt),
      });
      source = new PrometheusSliSource({
        url: prometheus.url,
        retries: 2,
        backoffMs: 50,
      });
    });
    afterAll(() => prometheus?.stop());

    /** Minutes whose value differs from the history's (empty when every minute agrees). */
    const differences = (
      read: Array<{ start: number; value: number }>,
      expected: (m: MinuteTruth) => number,
    ) => {
      const byStart = new Map(read.map(r => [r.start, r.value]));
      const wrong = truth
        .filter(
          m => !(Math.abs((byStart.get(m.start) ?? NaN) - expected(m)) < 1e-6),
        )
        .map(m => ({
          start: new Date(m.start).toISOString(),
          read: byStart.get(m.start),
          expected: expected(m),
        }));
      const extra = read.filter(r => !truth.some(m => m.start === r.start));
      return [...wrong, ...extra];
    };

    it('reads a rate query with the {{.window}} placeholder as each minute’s events', async () => {
      const good = await source.readEvents({
        source: {
          type: 'Prometheus',
          spec: {
            query:
              'sum(rate(http_requests_total{job="checkout",code!~"5.."}[{{.window}}]))',
          },
        },
        counter: true,
        from,
        to,
        signal: signal(),
      });
      expect(differences(good, m => m.ok)).toEqual([]);
      const total = await source.readEvents({
        source: {
          type: 'Prometheus',
          spec: {
            query:
              'sum(rate(http_requests_total{job="checkout"}[{{.window}}]))',
          },
        },
        counter: true,
        from,
        to,
        signal: signal(),
      });
      expect(differences(total, m => m.ok + m.errors)).toEqual([]);
    });

    it('reads a counter as it is: the increase of each minute, across a reset', async () => {
      const ok = await source.readEvents({
        source: {
          type: 'Prometheus',
          spec: {
            query: 'sum(http_requests_total{job="checkout",code="200"})',
          },
        },
        counter: true,
        from,
        to,
        signal: signal(),
      });
      expect(differences(ok, m => m.ok)).toEqual([]);
    });

    it('reads a raw ratio per minute', async () => {
      const ratio = await source.readValues({
        source: {
          type: 'Prometheus',
          spec: {
            query:
              'sum(rate(http_requests_total{job="checkout",code="200"}[{{.window}}])) / sum(rate(http_requests_total{job="checkout"}[{{.window}}]))',
          },
        },
        from,
        to,
        signal: signal(),
      });
      expect(differences(ratio, m => m.ok / (m.ok + m.errors))).toEqual([]);
    });

    it('reads a latency histogram by bucket bound', async () => {
      const histogram = await source.readHistogram({
        source: {
          type: 'Prometheus',
          spec: {
            query: 'http_request_duration_seconds_bucket{job="checkout"}',
          },
        },
        from,
        to,
        signal: signal(),
      });
      expect(histogram).toHaveLength(truth.length);
      for (const minute of histogram!) {
        const bounds = Object.fromEntries(
          minute.buckets.map(b => [String(b.le), b.count]),
        );
        expect(bounds['0.1']).toBeCloseTo(48, 6);
        expect(bounds['0.4']).toBeCloseTo(96, 6);
        expect(bounds['1']).toBeCloseTo(100, 6);
        expect(bounds.Infinity).toBeCloseTo(100, 6);
      }
      expect(
        await source.readHistogram({
          source: { type: 'Prometheus', spec: { query: 'up' } },
          from,
          to,
          signal: signal(),
        }),
      ).toBeUndefined();
    });

    it('fails at once on a query Prometheus cannot parse, with its reason', async () => {
      const started = Date.now();
      await expect(
        source.readEvents({
          source: { type: 'Prometheus', spec: { query: 'sum(rate(' } },
          counter: true,
          from,
          to,
          signal: signal(),
        }),
      ).rejects.toThrow(/parse error/);
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('fails after its retries while Prometheus is down, and reads again when it is back', async () => {
      const request = {
        source: {
          type: 'Prometheus',
          spec: { query: 'sum(http_requests_total{job="checkout"})' },
        },
        counter: true,
        from: to - 10 * MINUTE_MS,
        to,
      };
      await prometheus.pause();
      await expect(
        source.readEvents({ ...request, signal: signal() }),
      ).rejects.toThrow(/unreachable/);
      await prometheus.start();
      expect(
        await source.readEvents({ ...request, signal: signal() }),
      ).toHaveLength(10);
    });
  },
);
