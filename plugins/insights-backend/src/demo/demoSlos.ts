import { LoggerService } from '@backstage/backend-plugin-api';
import { DeliveryEventInput, isoTime } from '@cairn/plugin-insights-common';
import { IngestionService } from '../ingest';
import { MAX_BUCKETS_PER_PUSH, ReliabilityService } from '../reliability';
import { DEMO_SOURCE } from './seedDemoHistory';

/*
 * The demo's SLOs, pushed as OpenSLO documents, and their SLI minutes, pushed through the SLI route's
 * path: checkout healthy (availability and latency), storefront healthy, logistics' shipping service
 * burning its budget since a bad release (ingested as a deployment, so the delivery history shows it),
 * the warehouse worker with too little traffic to alert on, and the rest without SLOs. The queries are
 * what a team would write for Prometheus, so the rule export works on them; the demo has no Prometheus,
 * its minutes are generated.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const availability = (
  name: string,
  service: string,
  job: string,
  targetPercent: number,
) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  displayName: ${service} availability
spec:
  description: Requests answered without a server error.
  service: ${service}
  indicator:
    metadata:
      name: ${service}-good-requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="${job}",code!~"5.."}[{{.window}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="${job}"}[{{.window}}]))
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: ${targetPercent} % of requests succeed
      targetPercent: ${targetPercent}
`;

const latency = (name: string, service: string, job: string) => `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  displayName: ${service} latency
spec:
  service: ${service}
  indicator:
    metadata:
      name: ${service}-latency
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: http_request_duration_seconds_bucket{job="${job}"}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: p95 under 400 ms
      op: lte
      value: 0.4
      targetPercent: 95
`;

/** How a series' minutes look: requests per minute, and the share of them that is good. */
type Traffic = {
  perMinute: number;
  goodShare: number;
  /** From the burn's start on, this share instead. */
  burningGoodShare?: number;
};

type DemoSlo = {
  entityRef: string;
  documents: string;
  series: Array<{ slo: string; objective?: number; traffic: Traffic }>;
};

export const demoSlos: DemoSlo[] = [
  {
    entityRef: 'component:default/checkout-service',
    documents:
      availability(
        'checkout-availability',
        'checkout-service',
        'checkout',
        99.9,
      ) + latency('checkout-latency', 'checkout-service', 'checkout'),
    series: [
      {
        slo: 'checkout-availability',
        traffic: { perMinute: 900, goodShare: 0.9997 },
      },
      {
        slo: 'checkout-latency',
        traffic: { perMinute: 900, goodShare: 0.975 },
      },
    ],
  },
  {
    entityRef: 'component:default/payment-gateway',
    documents: availability(
      'payments-availability',
      'payment-gateway',
      'payments',
      99.95,
    ),
    series: [
      {
        slo: 'payments-availability',
        traffic: { perMinute: 300, goodShare: 0.99985 },
      },
    ],
  },
  {
    entityRef: 'component:default/product-catalog',
    documents: availability(
      'catalog-availability',
      'product-catalog',
      'catalog',
      99.5,
    ),
    series: [
      {
        slo: 'catalog-availability',
        traffic: { perMinute: 1200, goodShare: 0.9985 },
      },
    ],
  },
  {
    entityRef: 'component:default/shipping-service',
    documents: availability(
      'shipping-availability',
      'shipping-service',
      'shipping',
      99.5,
    ),
    series: [
      {
        slo: 'shipping-availability',
        // 12 % errors since the bad release: 24 times the budget's pace (a page on 1 h / 5 m); it
        // keeps burning until the budget is spent, about a day later. Even at the night's trough (a
        // tenth of this) five minutes hold well over the alerts' minimum of 100 events, so the page
        // shows whatever the hour the demo starts.
        traffic: { perMinute: 600, goodShare: 0.998, burningGoodShare: 0.88 },
      },
    ],
  },
  {
    entityRef: 'component:default/warehouse-worker',
    documents: availability(
      'warehouse-jobs',
      'warehouse-worker',
      'warehouse',
      99,
    ),
    // A batch worker: a job every 20 minutes, too few events for any alert window.
    series: [
      {
        slo: 'warehouse-jobs',
        traffic: { perMinute: 1 / 20, goodShare: 0.995 },
      },
    ],
  },
];

/** The release after which shipping burns: ingested as a production deployment of shipping-service. */
export const DEMO_BAD_RELEASE_ID = 'shipping-service-bad-release';

/** A small deterministic noise in [0, 1) from a minute's index and a salt. */
function noise(minute: number, salt: number) {
  let t = (Math.imul(minute ^ 0x9e3779b9, 0x85ebca6b) + salt) | 0;
  t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
  return ((t ^ (t >>> 16)) >>> 0) / 4294967296;
}

/**
 * One minute of a series: more traffic by day than at night, errors within a fifth of the share either
 * way (so five minutes of a burn are a burn, whatever the minute).
 */
export function demoMinute(
  traffic: Traffic,
  start: number,
  burning: boolean,
  salt: number,
) {
  const minute = Math.floor(start / MINUTE);
  const hour = new Date(start).getUTCHours();
  const daily = 0.55 + 0.45 * Math.sin(((hour - 6) / 24) * 2 * Math.PI);
  const expected = traffic.perMinute * Math.max(0.1, daily);
  const total =
    expected >= 1
      ? Math.round(expected * (0.9 + 0.2 * noise(minute, salt)))
      : Number(noise(minute, salt) < expected);
  const share =
    burning && traffic.burningGoodShare !== undefined
      ? traffic.burningGoodShare
      : traffic.goodShare;
  const bad = Math.min(
    total,
    Math.round(total * (1 - share) * (0.8 + 0.4 * noise(minute, salt + 1))),
  );
  return { start: isoTime(start), good: total - bad, total };
}

/**
 * Pushes the demo's documents and brings each series' minutes up to now: 30 days on the first start,
 * then from the last stored minute. The shipping service burns from two hours before its first start.
 */
export async function seedDemoSlos(options: {
  reliability: ReliabilityService;
  ingestion: IngestionService;
  logger: LoggerService;
  now?: number;
}) {
  const now = Math.floor((options.now ?? Date.now()) / MINUTE) * MINUTE;
  let pushed = 0;
  let backfilled = 0;
  for (const [index, demo] of demoSlos.entries()) {
    await options.reliability.pushDocuments({
      entityRef: demo.entityRef,
      content: demo.documents,
      actor: 'demo',
    });
    for (const series of demo.series) {
      const last = await options.reliability.lastMinute({
        entityRef: demo.entityRef,
        slo: series.slo,
        objective: series.objective ?? 0,
      });
      const first = last === null;
      const from = first ? now - 30 * DAY : last + MINUTE;
      const burnStart = first ? now - 2 * HOUR : -Infinity;
      if (first && series.traffic.burningGoodShare !== undefined) {
        // The bad release, ten minutes before the burn, in the delivery history.
        const release: DeliveryEventInput = {
          type: 'deployment',
          source: DEMO_SOURCE,
          id: DEMO_BAD_RELEASE_ID,
          component: demo.entityRef,
          environment: 'production',
          name: 'shipping-service 4.18.0',
          version: '4.18.0',
          commit: 'b4d5e1ea5e0418',
          startedAt: isoTime(burnStart - 25 * MINUTE),
          finishedAt: isoTime(burnStart - 10 * MINUTE),
          result: 'success',
        };
        await options.ingestion.ingest([release], {
          actor: 'demo history',
          source: DEMO_SOURCE,
        });
      }
      const buckets = [];
      for (let start = from; start < now; start += MINUTE)
        buckets.push(
          demoMinute(series.traffic, start, start >= burnStart, index * 7),
        );
      for (let i = 0; i < buckets.length; i += MAX_BUCKETS_PER_PUSH) {
        await options.reliability.pushSli({
          entityRef: demo.entityRef,
          slo: series.slo,
          objective: series.objective,
          buckets: buckets.slice(i, i + MAX_BUCKETS_PER_PUSH),
        });
      }
      pushed += buckets.length;
      if (first) backfilled++;
    }
  }
  // The minute-by-minute runs that follow are not worth a log line each.
  if (backfilled)
    options.logger.info(
      `Demo SLOs: ${demoSlos.length} components, ${pushed} SLI minutes pushed`,
    );
  return pushed;
}
