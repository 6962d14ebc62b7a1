import { stringify } from 'yaml';
import { MetricSource, SloDefinition } from './openslo';
import { alertFactor, WORKBOOK_WINDOWS } from './sloMath';
import { periodLengthMs } from './windows';

/*
 * Prometheus recording and alerting rules implementing an SLO's multiwindow, multi-burn-rate alerts
 * (../shared/reference/slo-math.md, "Generated rules"), in the shape Sloth generates: one error-ratio
 * recording per window (`slo:sli_error:ratio_rate<W>`), the objective and budget as recordings, and per
 * severity an alert `(rate_L > factor * (1 - T)) and (rate_S > factor * (1 - T))` over the Workbook's
 * window pairs, the factor scaled to the SLO's period. Teams load the file into their own Prometheus.
 */

export type RuleFile = {
  groups: Array<{
    name: string;
    rules: Array<
      | { record: string; expr: string; labels: Record<string, string> }
      | {
          alert: string;
          expr: string;
          labels: Record<string, string>;
          annotations: Record<string, string>;
        }
    >;
  }>;
};

export type GeneratedRules =
  | { generated: true; file: RuleFile; yaml: string }
  | { generated: false; reason: string };

/** Prometheus duration text for a window in milliseconds (5m, 1h, 3d). */
function promDuration(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const)
    if (ms % size === 0) return `${ms / size}${unit}`;
  return `${Math.round(ms / 1000)}s`;
}

const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;

/** A label-safe name: Prometheus metric and alert names take letters, digits and underscores. */
const alertName = (slo: string, severity: string) =>
  `${slo
    .split('-')
    .map(p => p.charAt(0).toUpperCase() + p.slice(1))
    .join('')}${severity === 'page' ? 'Page' : 'Ticket'}BurnRate`;

const num = (n: number) => String(Number(n.toPrecision(12)));

/**
 * The rules for one SLO. Generated for ratio indicators read from Prometheus whose queries hold the
 * `{{.window}}` placeholder for the rate window (Sloth's convention); otherwise the reason why not.
 * Several objectives give one set of alerts each (labelled with the objective's index).
 */
export function prometheusRules(
  slo: SloDefinition,
  options: { at: number },
): GeneratedRules {
  const ratio = slo.indicator.ratio;
  if (slo.indicator.kind !== 'ratio' || !ratio)
    return {
      generated: false,
      reason:
        'rules are generated for ratio indicators (good or bad over total); a threshold metric reads a computed value, not countable events',
    };
  if (slo.budgetingMethod !== 'Occurrences')
    return {
      generated: false,
      reason: `burn-rate alerts count occurrences; ${slo.budgetingMethod} SLOs are evaluated by Cairn only`,
    };
  const sources: Array<[string, MetricSource | undefined]> = ratio.raw
    ? [['raw', ratio.raw]]
    : [
        [ratio.good ? 'good' : 'bad', ratio.good ?? ratio.bad],
        ['total', ratio.total],
      ];
  for (const [part, source] of sources) {
    if (!source || source.type.toLowerCase() !== 'prometheus')
      return {
        generated: false,
        reason: `the ${part} query is not read from Prometheus`,
      };
    const query = source.spec.query;
    if (typeof query !== 'string' || !WINDOW_PLACEHOLDER.test(query))
      return {
        generated: false,
        reason: `the ${part} query needs the {{.window}} placeholder for its rate window`,
      };
    WINDOW_PLACEHOLDER.lastIndex = 0;
  }
  const q = (source: MetricSource | undefined, window: string) =>
    `(${String(source!.spec.query).replace(WINDOW_PLACEHOLDER, window)})`;
  const errorRatio = (window: string) => {
    if (ratio.raw)
      return ratio.rawType === 'failure'
        ? q(ratio.raw, window)
        : `(1 - ${q(ratio.raw, window)})`;
    return ratio.good
      ? `(1 - (${q(ratio.good, window)} / ${q(ratio.total, window)}))`
      : `(${q(ratio.bad, window)} / ${q(ratio.total, window)})`;
  };

  const periodMs = periodLengthMs(slo.period, options.at);
  const windows = [
    ...new Set(WORKBOOK_WINDOWS.flatMap(w => [w.shortMs, w.longMs])),
  ].sort((a, b) => a - b);
  const base = { cairn_slo: slo.name, cairn_service: slo.service };
  const recordings = windows.map(ms => ({
    record: `slo:sli_error:ratio_rate${promDuration(ms)}`,
    expr: errorRatio(promDuration(ms)),
    labels: { ...base, cairn_window: promDuration(ms) },
  }));

  const objectiveGroups = slo.objectives.map((objective, index) => {
    const labels = { ...base, cairn_objective: String(index) };
    const budget = 1 - objective.target;
    const meta = [
      {
        record: 'slo:objective:ratio',
        expr: `vector(${num(objective.target)})`,
        labels,
      },
      {
        record: 'slo:error_budget:ratio',
        expr: `vector(${num(budget)})`,
        labels,
      },
      {
        record: 'slo:time_period:days',
        expr: `vector(${num(periodMs / 86_400_000)})`,
        labels,
      },
    ];
    const selector = `{cairn_slo="${slo.name}"}`;
    const alerts = (['page', 'ticket'] as const).map(severity => {
      const pairs = WORKBOOK_WINDOWS.filter(w => w.severity === severity);
      const expr = pairs
        .map(pair => {
          const threshold = num(alertFactor(pair, periodMs) * budget);
          const rate = (ms: number) =>
            `slo:sli_error:ratio_rate${promDuration(ms)}${selector}`;
          return `(max(${rate(pair.longMs)}) > ${threshold} and max(${rate(
            pair.shortMs,
          )}) > ${threshold})`;
        })
        .join(' or ');
      return {
        alert: alertName(slo.name, severity),
        expr,
        labels: { ...labels, severity },
        annotations: {
          summary: `${
            slo.displayName ?? slo.name
          } is burning its error budget too fast`,
          description: `Multiwindow burn-rate alert (${pairs
            .map(
              p =>
                `${num(alertFactor(p, periodMs))}× over ${promDuration(
                  p.longMs,
                )} and ${promDuration(p.shortMs)}`,
            )
            .join('; ')}) for the objective ${num(objective.target * 100)} %.`,
        },
      };
    });
    return {
      name: `cairn-slo-${slo.name}-objective-${index}`,
      rules: [...meta, ...alerts],
    };
  });

  const file: RuleFile = {
    groups: [
      { name: `cairn-slo-${slo.name}-sli-recordings`, rules: recordings },
      ...objectiveGroups,
    ],
  };
  return { generated: true, file, yaml: stringify(file, { lineWidth: 0 }) };
}
