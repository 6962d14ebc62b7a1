import { readOpenslo } from './openslo';
import { DAY_MS, MINUTE_MS } from './windows';

const availability = `
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prometheus
spec:
  type: Prometheus
  connectionDetails:
    url: http://prometheus:9090
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-requests
spec:
  ratioMetric:
    counter: true
    good:
      metricSource:
        metricSourceRef: prometheus
        spec:
          query: sum(rate(http_requests_total{job="checkout",code!~"5.."}[{{.window}}]))
    total:
      metricSource:
        metricSourceRef: prometheus
        spec:
          query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  displayName: Checkout availability
spec:
  service: checkout
  indicatorRef: checkout-requests
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: 99.9 % of requests succeed
      targetPercent: 99.9
  alertPolicies:
    - checkout-burn
`;

const latency = `
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
            query: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))
  timeWindow:
    - duration: 1M
      calendar:
        startTime: "2026-01-01 00:00:00"
        timeZone: Europe/Berlin
  budgetingMethod: Timeslices
  objectives:
    - displayName: p95 under 400 ms
      op: lte
      value: 0.4
      target: 0.95
      timeSliceTarget: 0.95
      timeSliceWindow: 5m
    - displayName: p95 under 1 s
      op: lte
      value: 1
      target: 0.99
      timeSliceTarget: 0.99
      timeSliceWindow: 5m
`;

describe('OpenSLO v1 documents', () => {
  it('reads a ratio SLO whose indicator and data source are referenced by name', () => {
    const result = readOpenslo(availability);
    expect(result.problems).toEqual([]);
    expect(result.unsupported).toEqual([]);
    expect(result.documents).toEqual([
      { kind: 'DataSource', name: 'prometheus' },
      { kind: 'SLI', name: 'checkout-requests' },
      { kind: 'SLO', name: 'checkout-availability' },
    ]);
    expect(result.slos).toHaveLength(1);
    const slo = result.slos[0];
    expect(slo).toMatchObject({
      name: 'checkout-availability',
      displayName: 'Checkout availability',
      service: 'checkout',
      period: { kind: 'rolling', durationMs: 28 * DAY_MS },
      budgetingMethod: 'Occurrences',
      objectives: [{ name: '99.9 % of requests succeed' }],
      alertPolicies: ['checkout-burn'],
      indicator: {
        name: 'checkout-requests',
        kind: 'ratio',
        ratio: {
          counter: true,
          good: { type: 'Prometheus', ref: 'prometheus', supported: true },
          total: { type: 'Prometheus', ref: 'prometheus', supported: true },
        },
      },
    });
    expect(slo.objectives[0].target).toBeCloseTo(0.999, 12);
    expect(slo.indicator.ratio!.good!.spec.query).toContain('code!~"5.."');
  });

  it('reads a latency SLO with two thresholds over a calendar month by time slices', () => {
    const result = readOpenslo(latency);
    expect(result.problems).toEqual([]);
    expect(result.slos[0]).toMatchObject({
      indicator: { kind: 'threshold', threshold: { type: 'Prometheus' } },
      period: { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' },
      budgetingMethod: 'Timeslices',
      objectives: [
        {
          op: 'lte',
          value: 0.4,
          target: 0.95,
          timeSliceTarget: 0.95,
          timeSliceWindowMs: 5 * MINUTE_MS,
        },
        { op: 'lte', value: 1, target: 0.99 },
      ],
    });
  });

  it('names the document, the field and what was expected', () => {
    const broken = availability
      .replace('targetPercent: 99.9', 'targetPercent: 100')
      .replace('duration: 28d', 'duration: 28 days')
      .replace('indicatorRef: checkout-requests', 'indicatorRef: nowhere');
    expect(readOpenslo(broken).problems).toEqual([
      {
        document: 'SLO checkout-availability',
        path: 'spec.objectives[0].targetPercent',
        message: 'must be below 100',
      },
    ]);
    // Once the structure holds, references and windows are checked.
    const unresolved = availability
      .replace('duration: 28d', 'duration: 28 days')
      .replace('indicatorRef: checkout-requests', 'indicatorRef: nowhere');
    expect(readOpenslo(unresolved).problems).toEqual([
      {
        document: 'SLO checkout-availability',
        path: 'spec.indicatorRef',
        message: 'names SLI nowhere, which is not among the documents',
      },
      {
        document: 'SLO checkout-availability',
        path: 'spec.timeWindow[0]',
        message:
          'a rolling window is a duration such as 7d, 28d or 30d (s, m, h, d, w)',
      },
    ]);
    const noTarget = latency.replace('      target: 0.95\n', '');
    expect(readOpenslo(noTarget).problems).toEqual([
      {
        document: 'SLO checkout-latency',
        path: 'spec.objectives[0]',
        message: 'needs exactly one of target (0 to 1) or targetPercent',
      },
    ]);
    const noWindow = latency.replace('      timeSliceWindow: 5m\n', '');
    expect(readOpenslo(noWindow).problems).toEqual([
      {
        document: 'SLO checkout-latency',
        path: 'spec.objectives[0].timeSliceWindow',
        message: 'is required with Timeslices (a duration such as 1m or 5m)',
      },
    ]);
    expect(
      readOpenslo(
        availability.replace(
          'apiVersion: openslo/v1\nkind: SLO',
          'apiVersion: openslo/v2\nkind: SLO',
        ),
      ).problems,
    ).toEqual([
      {
        document: 'SLO checkout-availability',
        path: 'apiVersion',
        message: 'must be openslo/v1',
      },
    ]);
    expect(readOpenslo('kind: [unclosed').problems).toEqual([
      expect.objectContaining({ document: 'document 1', path: '' }),
    ]);
  });

  it('keeps what it cannot evaluate and says so', () => {
    const datadog = availability
      .replace('type: Prometheus', 'type: Datadog')
      .concat(
        '---\napiVersion: openslo/v1\nkind: Dashboard\nmetadata:\n  name: x\nspec: {}\n',
      );
    const result = readOpenslo(datadog);
    expect(result.problems).toEqual([]);
    expect(result.slos[0].indicator.ratio!.total).toMatchObject({
      type: 'Datadog',
      supported: false,
    });
    expect(result.unsupported).toEqual([
      {
        document: 'Dashboard x',
        path: 'kind',
        message: 'Dashboard is not an OpenSLO v1 kind Cairn reads',
      },
      expect.objectContaining({
        document: 'SLO checkout-availability',
        path: 'SLI checkout-requests spec.ratioMetric.good.metricSource',
      }),
      expect.objectContaining({
        path: 'SLI checkout-requests spec.ratioMetric.total.metricSource',
      }),
    ]);
  });
});
