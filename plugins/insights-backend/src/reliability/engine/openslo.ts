import { describeIssue, issuePath } from '@cairn/plugin-insights-common';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { fixedDurationMs, periodOf, SloPeriod } from './windows';

/*
 * OpenSLO v1 documents (github.com/OpenSLO/OpenSLO, README) read into the SLO definitions the engine
 * evaluates. Kinds: SLO, SLI, Service, DataSource, AlertPolicy, AlertCondition (the last two are kept
 * and named, not evaluated: Cairn's alerts are the multiwindow burn-rate alerts of slo-math.md).
 * Indicators and data sources may be inline or referenced by name within the same set of documents.
 * Every problem names its document, the field path and what was expected.
 */

export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

export type MetricSource = {
  /** The data source type ("Prometheus"), from the source or the DataSource it references. */
  type: string;
  /** The DataSource document it references, if any. */
  ref?: string;
  /** The source's own fields (for Prometheus, `query`). */
  spec: Record<string, unknown>;
  /** Whether Cairn has a module that reads this type. */
  supported: boolean;
};

export type SliDefinition = {
  name?: string;
  /**
   * ratio: good (or bad) over total, or a raw ratio; threshold: a value per event or time slice compared
   * with each objective's `op` and `value` (a latency SLO reads histogram buckets).
   */
  kind: 'ratio' | 'threshold';
  ratio?: {
    counter: boolean;
    good?: MetricSource;
    bad?: MetricSource;
    total?: MetricSource;
    raw?: MetricSource;
    rawType?: 'success' | 'failure';
  };
  threshold?: MetricSource;
};

export type Objective = {
  name?: string;
  /** In [0, 1): targetPercent is divided by 100. */
  target: number;
  op?: 'lt' | 'lte' | 'gt' | 'gte';
  value?: number;
  timeSliceTarget?: number;
  timeSliceWindowMs?: number;
};

export type SloDefinition = {
  name: string;
  displayName?: string;
  description?: string;
  service: string;
  indicator: SliDefinition;
  period: SloPeriod;
  budgetingMethod: BudgetingMethod;
  objectives: Objective[];
  alertPolicies: string[];
};

export type OpensloProblem = {
  /** "SLO checkout-availability", or "document 3" when it has no kind or name. */
  document: string;
  /** The field, e.g. `spec.objectives[0].target`; empty for the document as a whole. */
  path: string;
  message: string;
};

export type OpensloResult = {
  slos: SloDefinition[];
  /** Every document read, by kind and name. */
  documents: Array<{ kind: string; name: string }>;
  problems: OpensloProblem[];
  /** Accepted but not evaluated: unknown kinds, data source types without a module. */
  unsupported: OpensloProblem[];
};

/** Data source types Cairn reads (a module per type). */
const SUPPORTED_SOURCES = new Set(['prometheus']);

const name = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be a lower-case name of letters, digits and dashes (RFC 1123), at most 63',
  );
const metadata = z.object({
  name,
  displayName: z.string().max(256).optional(),
  labels: z.record(z.string(), z.unknown()).optional(),
  annotations: z.record(z.string(), z.unknown()).optional(),
});

const metricSource = z.object({
  metricSourceRef: z.string().optional(),
  type: z.string().min(1).optional(),
  spec: z.record(z.string(), z.unknown()).default({}),
});
const metric = z.object({ metricSource });

const sliSpec = z
  .object({
    description: z.string().optional(),
    ratioMetric: z
      .object({
        counter: z.boolean().default(true),
        good: metric.optional(),
        bad: metric.optional(),
        total: metric.optional(),
        raw: metric.optional(),
        rawType: z.enum(['success', 'failure']).optional(),
      })
      .optional(),
    thresholdMetric: metric.optional(),
  })
  .superRefine((spec, ctx) => {
    if (!spec.ratioMetric === !spec.thresholdMetric)
      ctx.addIssue({
        code: 'custom',
        message: 'needs exactly one of ratioMetric or thresholdMetric',
        path: [],
      });
    const r = spec.ratioMetric;
    if (r) {
      const parts = [r.good, r.bad].filter(Boolean).length;
      if (r.raw) {
        if (parts > 0 || r.total)
          ctx.addIssue({
            code: 'custom',
            message:
              'raw is used alone (with rawType), without good, bad or total',
            path: ['ratioMetric', 'raw'],
          });
        if (!r.rawType)
          ctx.addIssue({
            code: 'custom',
            message: 'is required with raw (success or failure)',
            path: ['ratioMetric', 'rawType'],
          });
      } else {
        if (parts !== 1)
          ctx.addIssue({
            code: 'custom',
            message: 'needs exactly one of good or bad, over total',
            path: ['ratioMetric'],
          });
        if (!r.total)
          ctx.addIssue({
            code: 'custom',
            message: 'is required',
            path: ['ratioMetric', 'total'],
          });
      }
    }
  });

const objective = z.object({
  displayName: z.string().optional(),
  op: z.enum(['lt', 'lte', 'gt', 'gte']).optional(),
  value: z.number().optional(),
  target: z
    .number()
    .min(0, 'must be at least 0')
    .lt(1, 'must be below 1 (0.999 for 99.9 %)')
    .optional(),
  targetPercent: z
    .number()
    .min(0, 'must be at least 0')
    .lt(100, 'must be below 100')
    .optional(),
  timeSliceTarget: z.number().gt(0).lte(1).optional(),
  timeSliceWindow: z.string().optional(),
});

const sloSpec = z.object({
  description: z.string().optional(),
  service: z.string().min(1),
  indicator: z
    .object({ metadata: metadata.optional(), spec: sliSpec })
    .optional(),
  indicatorRef: z.string().optional(),
  timeWindow: z
    .array(
      z.object({
        duration: z.string(),
        isRolling: z.boolean().optional(),
        calendar: z
          .object({ startTime: z.string().optional(), timeZone: z.string() })
          .optional(),
      }),
    )
    .length(1, 'must hold exactly one time window'),
  budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
  objectives: z.array(objective).min(1, 'must hold at least one objective'),
  alertPolicies: z
    .array(z.union([z.string(), z.object({ metadata })]))
    .optional(),
});

const envelope = z.object({
  apiVersion: z.literal('openslo/v1', 'must be openslo/v1'),
  kind: z.string(),
  metadata,
  spec: z.unknown(),
});

const KNOWN_KINDS = new Set([
  'SLO',
  'SLI',
  'Service',
  'DataSource',
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
]);

/** Reads a YAML stream (documents separated by `---`) or already-parsed documents. */
export function readOpenslo(input: string | unknown[]): OpensloResult {
  const problems: OpensloProblem[] = [];
  const unsupported: OpensloProblem[] = [];
  let raw: unknown[];
  if (typeof input === 'string') {
    raw = [];
    parseAllDocuments(input).forEach((doc, i) => {
      if (doc.errors.length) {
        problems.push({
          document: `document ${i + 1}`,
          path: '',
          message: `is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`,
        });
      } else if (doc.contents !== null) {
        raw.push(doc.toJS());
      }
    });
  } else {
    raw = input;
  }

  type Doc = {
    kind: string;
    name: string;
    displayName?: string;
    label: string;
    spec: unknown;
  };
  const docs: Doc[] = [];
  raw.forEach((value, i) => {
    const parsed = envelope.safeParse(value);
    if (!parsed.success) {
      const kindName =
        typeof value === 'object' && value !== null
          ? (value as { kind?: unknown; metadata?: { name?: unknown } })
          : {};
      const label =
        typeof kindName.kind === 'string' &&
        typeof kindName.metadata?.name === 'string'
          ? `${kindName.kind} ${kindName.metadata.name}`
          : `document ${i + 1}`;
      for (const issue of parsed.error.issues)
        problems.push({
          document: label,
          path: issuePath(issue.path).replace(/^\./, ''),
          message: describeIssue(issue, value),
        });
      return;
    }
    const { kind, metadata: meta, spec } = parsed.data;
    const label = `${kind} ${meta.name}`;
    if (!KNOWN_KINDS.has(kind)) {
      unsupported.push({
        document: label,
        path: 'kind',
        message: `${kind} is not an OpenSLO v1 kind Cairn reads`,
      });
      return;
    }
    docs.push({
      kind,
      name: meta.name,
      ...(meta.displayName ? { displayName: meta.displayName } : {}),
      label,
      spec,
    });
  });

  const byKind = (kind: string) =>
    new Map(docs.filter(d => d.kind === kind).map(d => [d.name, d]));
  const slis = byKind('SLI');
  const sources = byKind('DataSource');

  const slos: SloDefinition[] = [];
  for (const doc of docs.filter(d => d.kind === 'SLO')) {
    const problem = (path: string, message: string) =>
      problems.push({ document: doc.label, path, message });
    const parsed = sloSpec.safeParse(doc.spec);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problem(
          `spec${issuePath(issue.path)}`,
          describeIssue(issue, doc.spec, { typeNames: true }),
        );
      continue;
    }
    const spec = parsed.data;
    const before = problems.length;

    // The indicator: inline, or an SLI document of the same set.
    let sliSpecValue: z.infer<typeof sliSpec> | undefined;
    let sliName: string | undefined;
    let sliPath = 'spec.indicator.spec';
    if (spec.indicator && spec.indicatorRef) {
      problem('spec', 'needs indicator or indicatorRef, not both');
    } else if (spec.indicator) {
      sliSpecValue = spec.indicator.spec;
      sliName = spec.indicator.metadata?.name;
    } else if (spec.indicatorRef) {
      const sli = slis.get(spec.indicatorRef);
      if (!sli) {
        problem(
          'spec.indicatorRef',
          `names SLI ${spec.indicatorRef}, which is not among the documents`,
        );
      } else {
        const sliParsed = sliSpec.safeParse(sli.spec);
        if (!sliParsed.success) {
          for (const issue of sliParsed.error.issues)
            problems.push({
              document: sli.label,
              path: `spec${issuePath(issue.path)}`,
              message: describeIssue(issue, sli.spec, { typeNames: true }),
            });
        } else {
          sliSpecValue = sliParsed.data;
          sliName = sli.name;
          sliPath = `SLI ${sli.name} spec`;
        }
      }
    } else {
      problem('spec', 'needs indicator or indicatorRef');
    }

    const sourceOf = (
      m: z.infer<typeof metric> | undefined,
      path: string,
    ): MetricSource | undefined => {
      if (!m) return undefined;
      const { metricSourceRef, type, spec: sourceSpec } = m.metricSource;
      let sourceType = type;
      if (metricSourceRef) {
        const ds = sources.get(metricSourceRef);
        const dsType =
          ds && typeof ds.spec === 'object' && ds.spec !== null
            ? (ds.spec as { type?: unknown }).type
            : undefined;
        if (!ds) {
          problem(
            `${path}.metricSource.metricSourceRef`,
            `names DataSource ${metricSourceRef}, which is not among the documents`,
          );
          return undefined;
        }
        if (typeof dsType !== 'string') {
          problems.push({
            document: ds.label,
            path: 'spec.type',
            message: 'is required',
          });
          return undefined;
        }
        sourceType = sourceType ?? dsType;
      }
      if (!sourceType) {
        problem(
          `${path}.metricSource.type`,
          'is required without metricSourceRef',
        );
        return undefined;
      }
      const supported = SUPPORTED_SOURCES.has(sourceType.toLowerCase());
      if (!supported)
        unsupported.push({
          document: doc.label,
          path: `${path}.metricSource`,
          message: `data source type ${sourceType} has no Cairn module; the SLO is kept and shows no data`,
        });
      else if (typeof sourceSpec.query !== 'string' || !sourceSpec.query)
        problem(
          `${path}.metricSource.spec.query`,
          'is required (a PromQL expression)',
        );
      return {
        type: sourceType,
        ...(metricSourceRef ? { ref: metricSourceRef } : {}),
        spec: sourceSpec,
        supported,
      };
    };

    let indicator: SliDefinition | undefined;
    if (sliSpecValue?.ratioMetric) {
      const r = sliSpecValue.ratioMetric;
      const at = `${sliPath}.ratioMetric`;
      indicator = {
        ...(sliName ? { name: sliName } : {}),
        kind: 'ratio',
        ratio: {
          counter: r.counter,
          ...(r.good ? { good: sourceOf(r.good, `${at}.good`) } : {}),
          ...(r.bad ? { bad: sourceOf(r.bad, `${at}.bad`) } : {}),
          ...(r.total ? { total: sourceOf(r.total, `${at}.total`) } : {}),
          ...(r.raw ? { raw: sourceOf(r.raw, `${at}.raw`) } : {}),
          ...(r.rawType ? { rawType: r.rawType } : {}),
        },
      };
    } else if (sliSpecValue?.thresholdMetric) {
      indicator = {
        ...(sliName ? { name: sliName } : {}),
        kind: 'threshold',
        threshold: sourceOf(
          sliSpecValue.thresholdMetric,
          `${sliPath}.thresholdMetric`,
        ),
      };
    }

    const period = periodOf(spec.timeWindow[0]);
    if (!period)
      problem(
        'spec.timeWindow[0]',
        spec.timeWindow[0].calendar
          ? 'a calendar window is 1w, 1M, 1Q or 1Y in a known IANA time zone'
          : 'a rolling window is a duration such as 7d, 28d or 30d (s, m, h, d, w)',
      );

    const objectives: Objective[] = [];
    spec.objectives.forEach((o, i) => {
      const at = `spec.objectives[${i}]`;
      if ((o.target === undefined) === (o.targetPercent === undefined)) {
        problem(at, 'needs exactly one of target (0 to 1) or targetPercent');
        return;
      }
      if (indicator?.kind === 'threshold' && (!o.op || o.value === undefined))
        problem(at, 'a threshold metric needs op and value in each objective');
      if (indicator?.kind === 'ratio' && (o.op || o.value !== undefined))
        problem(at, 'op and value belong to a threshold metric, not a ratio');
      let timeSliceWindowMs: number | undefined;
      if (spec.budgetingMethod !== 'Occurrences') {
        timeSliceWindowMs = o.timeSliceWindow
          ? fixedDurationMs(o.timeSliceWindow)
          : undefined;
        if (timeSliceWindowMs === undefined)
          problem(
            `${at}.timeSliceWindow`,
            `is required with ${spec.budgetingMethod} (a duration such as 1m or 5m)`,
          );
        if (
          spec.budgetingMethod === 'Timeslices' &&
          o.timeSliceTarget === undefined
        )
          problem(`${at}.timeSliceTarget`, 'is required with Timeslices');
      }
      objectives.push({
        ...(o.displayName ? { name: o.displayName } : {}),
        target: o.target ?? o.targetPercent! / 100,
        ...(o.op ? { op: o.op } : {}),
        ...(o.value !== undefined ? { value: o.value } : {}),
        ...(o.timeSliceTarget !== undefined
          ? { timeSliceTarget: o.timeSliceTarget }
          : {}),
        ...(timeSliceWindowMs !== undefined ? { timeSliceWindowMs } : {}),
      });
    });

    if (problems.length > before || !indicator || !period) continue;
    slos.push({
      name: doc.name,
      ...(doc.displayName ? { displayName: doc.displayName } : {}),
      ...(spec.description ? { description: spec.description } : {}),
      service: spec.service,
      indicator,
      period,
      budgetingMethod: spec.budgetingMethod,
      objectives,
      alertPolicies: (spec.alertPolicies ?? []).map(p =>
        typeof p === 'string' ? p : p.metadata.name,
      ),
    });
  }

  return {
    slos,
    documents: docs.map(d => ({ kind: d.kind, name: d.name })),
    problems,
    unsupported,
  };
}
