import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readOpenslo } from './openslo';
import { prometheusRules, RuleFile } from './prometheusRules';

/*
 * The generated rules are checked by the real tool: `promtool check rules`, and `promtool test rules`,
 * which evaluates them with Prometheus' own rule engine on a synthetic outage and checks which alerts
 * fire when. CI has promtool (Debian's prometheus package); elsewhere without it these tests are skipped
 * and say so.
 */

const promtool = spawnSync('promtool', ['--version']).status === 0;
if (!promtool && process.env.CI === 'true')
  throw new Error(
    'CI=true but promtool is not installed (apt-get install prometheus)',
  );
if (!promtool)
  // eslint-disable-next-line no-console
  console.warn('promtool not found: the rule checks are skipped');
const withPromtool = promtool ? describe : describe.skip;

const slo = (extra = '') =>
  readOpenslo(`
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout
  indicator:
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
              query: sum(rate(http_requests_total{job="checkout"}[{{ .window }}]))
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.9
${extra}`).slos[0];

const AT = Date.parse('2026-03-01T00:00:00Z');

function generated() {
  const result = prometheusRules(slo(), { at: AT });
  if (!result.generated) throw new Error(result.reason);
  return result;
}

describe('Prometheus rules for an SLO', () => {
  it('records the error ratio per window and alerts with factors scaled to 28 days', () => {
    const { file } = generated();
    const recordings = file.groups[0].rules.map(r =>
      'record' in r ? `${r.record} ${r.labels.cairn_window}` : '',
    );
    expect(recordings).toEqual([
      'slo:sli_error:ratio_rate5m 5m',
      'slo:sli_error:ratio_rate30m 30m',
      'slo:sli_error:ratio_rate1h 1h',
      'slo:sli_error:ratio_rate2h 2h',
      'slo:sli_error:ratio_rate6h 6h',
      'slo:sli_error:ratio_rate1d 1d',
      'slo:sli_error:ratio_rate3d 3d',
    ]);
    expect(file.groups[0].rules[2].expr).toBe(
      '(1 - ((sum(rate(http_requests_total{job="checkout",code!~"5.."}[1h]))) / (sum(rate(http_requests_total{job="checkout"}[1h])))))',
    );
    const alerts = file.groups[1].rules.filter(
      (r): r is Extract<RuleFile['groups'][0]['rules'][0], { alert: string }> =>
        'alert' in r,
    );
    // 13.44 × 0.001 over 1 h and 5 m, 5.6 × 0.001 over 6 h and 30 m (slo-math.md, 28 days).
    expect(alerts[0].expr).toBe(
      '(max(slo:sli_error:ratio_rate1h{cairn_slo="checkout-availability"}) > 0.01344 and max(slo:sli_error:ratio_rate5m{cairn_slo="checkout-availability"}) > 0.01344) or (max(slo:sli_error:ratio_rate6h{cairn_slo="checkout-availability"}) > 0.0056 and max(slo:sli_error:ratio_rate30m{cairn_slo="checkout-availability"}) > 0.0056)',
    );
    expect(alerts.map(a => [a.alert, a.labels.severity])).toEqual([
      ['CheckoutAvailabilityPageBurnRate', 'page'],
      ['CheckoutAvailabilityTicketBurnRate', 'ticket'],
    ]);
  });

  it('says why it generates nothing for what Prometheus cannot alert on this way', () => {
    const timeslices = slo()!;
    expect(
      prometheusRules(
        { ...timeslices, budgetingMethod: 'Timeslices' },
        { at: AT },
      ),
    ).toMatchObject({ generated: false });
    const noPlaceholder = {
      ...timeslices,
      indicator: {
        ...timeslices.indicator,
        ratio: {
          ...timeslices.indicator.ratio!,
          total: {
            ...timeslices.indicator.ratio!.total!,
            spec: { query: 'sum(http_requests_total)' },
          },
        },
      },
    };
    expect(prometheusRules(noPlaceholder, { at: AT })).toEqual({
      generated: false,
      reason:
        'the total query needs the {{.window}} placeholder for its rate window',
    });
  });

  withPromtool('checked by promtool', () => {
    it('pass promtool check rules', () => {
      const dir = mkdtempSync(join(tmpdir(), 'cairn-rules-'));
      try {
        writeFileSync(join(dir, 'rules.yaml'), generated().yaml);
        const out = execFileSync('promtool', [
          'check',
          'rules',
          join(dir, 'rules.yaml'),
        ]).toString();
        expect(out).toContain('SUCCESS: 12 rules found');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('page and ticket in Prometheus’ own rule engine when an outage starts, and not before', () => {
      const { yaml, file } = generated();
      const alert = (name: string) =>
        file.groups[1].rules.find(r => 'alert' in r && r.alert === name) as {
          labels: Record<string, string>;
          annotations: Record<string, string>;
        };
      const expected = (name: string) => [
        {
          exp_labels: alert(name).labels,
          exp_annotations: alert(name).annotations,
        },
      ];
      const dir = mkdtempSync(join(tmpdir(), 'cairn-rules-'));
      try {
        writeFileSync(join(dir, 'rules.yaml'), yaml);
        // 100 requests a minute, all good for an hour, then every one failing.
        const tests = {
          rule_files: ['rules.yaml'],
          evaluation_interval: '1m',
          tests: [
            {
              interval: '1m',
              input_series: [
                {
                  series: 'http_requests_total{job="checkout",code="200"}',
                  values: '0+100x60 6000x30',
                },
                {
                  series: 'http_requests_total{job="checkout",code="500"}',
                  values: '0x60 100+100x29',
                },
              ],
              alert_rule_test: [
                {
                  eval_time: '55m',
                  alertname: 'CheckoutAvailabilityPageBurnRate',
                  exp_alerts: [],
                },
                {
                  eval_time: '55m',
                  alertname: 'CheckoutAvailabilityTicketBurnRate',
                  exp_alerts: [],
                },
                {
                  eval_time: '70m',
                  alertname: 'CheckoutAvailabilityPageBurnRate',
                  exp_alerts: expected('CheckoutAvailabilityPageBurnRate'),
                },
                {
                  eval_time: '70m',
                  alertname: 'CheckoutAvailabilityTicketBurnRate',
                  exp_alerts: expected('CheckoutAvailabilityTicketBurnRate'),
                },
              ],
            },
          ],
        };
        writeFileSync(join(dir, 'tests.yaml'), stringify(tests));
        const run = spawnSync('promtool', ['test', 'rules', 'tests.yaml'], {
          cwd: dir,
        });
        expect({
          status: run.status,
          output: `${run.stdout}${run.stderr}`,
        }).toMatchObject({ status: 0 });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
