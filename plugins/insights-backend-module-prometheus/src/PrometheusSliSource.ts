import {
  SliMetricSource,
  SliMinuteHistogram,
  SliMinuteValue,
  SliSource,
} from '@cairn/plugin-insights-node';

/*
 * PromQL range queries for SLI data, one value per minute. Conventions (the module's README):
 * - A query holding Sloth's `{{.window}}` placeholder is a rate: evaluated with a 1m window at the end
 *   of each minute, times 60, it is that minute's events.
 * - A counter query without the placeholder is read as it is at each minute's start and end; the
 *   minute's events are the difference (a drop is a counter reset: the new value is the increase).
 * - Several series in an answer are added up (a query should aggregate; an unaggregated one still
 *   counts every series).
 * - A latency histogram is a query over `_bucket` series: by `le`, as above.
 */

const MINUTE_MS = 60_000;
const WINDOW = /\{\{\s*\.window\s*\}\}/g;
/** Whether a query carries the placeholder (a global regex's test would keep state between calls). */
const windowed = (query: string) => query.search(WINDOW) >= 0;
/** The query as a per-minute rate times 60: the minute's events. */
const perMinuteRate = (query: string) =>
  `(${query.replace(WINDOW, '1m')}) * 60`;

type Matrix = Array<{
  metric: Record<string, string>;
  values: Array<[number, string]>;
}>;

export class PrometheusQueryError extends Error {}

export type PrometheusOptions = {
  url: string;
  headers?: Record<string, string>;
  retries: number;
  /** Waits between retries; default 500 ms doubling. */
  backoffMs?: number;
};

export class PrometheusSliSource implements SliSource {
  readonly type = 'Prometheus';

  constructor(private readonly options: PrometheusOptions) {}

  /** A range query's matrix, retried when the failure may pass (network, 429, 5xx). */
  async queryRange(
    query: string,
    range: { start: number; end: number },
    signal: AbortSignal,
  ): Promise<Matrix> {
    const body = new URLSearchParams({
      query,
      start: String(range.start / 1000),
      end: String(range.end / 1000),
      step: '60',
    });
    const endpoint = `${this.options.url.replace(
      /\/+$/,
      '',
    )}/api/v1/query_range`;
    for (let attempt = 0; ; attempt++) {
      let retryable: string;
      try {
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            ...this.options.headers,
          },
          body,
          signal,
        });
        const text = await res.text();
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        if (res.ok && json?.status === 'success') {
          if (json.data?.resultType !== 'matrix')
            throw new PrometheusQueryError(
              `${query}: expected a range vector answer, got ${json.data?.resultType}`,
            );
          return json.data.result as Matrix;
        }
        const reason = json?.error ?? `${res.status} ${text.slice(0, 200)}`;
        if (res.status !== 429 && res.status < 500)
          throw new PrometheusQueryError(`${query}: ${reason}`);
        retryable = `Prometheus answered ${res.status}: ${reason}`;
      } catch (error) {
        if (error instanceof PrometheusQueryError) throw error;
        if (signal.aborted)
          throw new Error(
            `no answer from Prometheus at ${this.options.url} in time`,
          );
        retryable = `Prometheus at ${this.options.url} is unreachable: ${
          (error as Error).message
        }`;
      }
      if (attempt >= this.options.retries) throw new Error(retryable);
      await new Promise(resolve =>
        setTimeout(resolve, (this.options.backoffMs ?? 500) * 2 ** attempt),
      );
    }
  }

  private queryOf(source: SliMetricSource): string {
    const query = source.spec.query;
    if (typeof query !== 'string' || !query.trim())
      throw new PrometheusQueryError(
        'spec.query: a PromQL expression is required',
      );
    return query;
  }

  /** Each minute's value from a 1m-window query evaluated at the minute's end. */
  private async perMinute(
    expr: string,
    from: number,
    to: number,
    signal: AbortSignal,
  ): Promise<Map<number, number>> {
    const sums = new Map<number, number>();
    if (to <= from) return sums;
    const matrix = await this.queryRange(
      expr,
      { start: from + MINUTE_MS, end: to },
      signal,
    );
    for (const series of matrix)
      for (const [t, v] of series.values) {
        const value = Number(v);
        if (!Number.isFinite(value)) continue;
        const start = Math.round(t * 1000) - MINUTE_MS;
        sums.set(start, (sums.get(start) ?? 0) + value);
      }
    return sums;
  }

  async readEvents(request: {
    source: SliMetricSource;
    counter: boolean;
    from: number;
    to: number;
    signal: AbortSignal;
  }): Promise<SliMinuteValue[]> {
    const query = this.queryOf(request.source);
    if (windowed(query) || !request.counter) {
      const expr = windowed(query) ? perMinuteRate(query) : query;
      const sums = await this.perMinute(
        expr,
        request.from,
        request.to,
        request.signal,
      );
      return [...sums].map(([start, value]) => ({ start, value }));
    }
    // A counter as it is: differences between the ends of each minute.
    const matrix = await this.queryRange(
      query,
      { start: request.from, end: request.to },
      request.signal,
    );
    const increases = new Map<number, number>();
    for (const series of matrix) {
      for (let i = 1; i < series.values.length; i++) {
        const [t0, v0] = series.values[i - 1];
        const [t1, v1] = series.values[i];
        const start = Math.round(t0 * 1000);
        if (Math.round(t1 * 1000) - start !== MINUTE_MS) continue;
        const before = Number(v0);
        const after = Number(v1);
        if (!Number.isFinite(before) || !Number.isFinite(after)) continue;
        const increase = after >= before ? after - before : after;
        increases.set(start, (increases.get(start) ?? 0) + increase);
      }
    }
    return [...increases].map(([start, value]) => ({ start, value }));
  }

  async readValues(request: {
    source: SliMetricSource;
    from: number;
    to: number;
    signal: AbortSignal;
  }): Promise<SliMinuteValue[]> {
    const query = this.queryOf(request.source).replace(WINDOW, '1m');
    const matrix = await this.queryRange(
      query,
      { start: request.from + MINUTE_MS, end: request.to },
      request.signal,
    );
    if (matrix.length > 1)
      throw new PrometheusQueryError(
        `${query}: gives ${matrix.length} series; a value per minute needs one (aggregate the query)`,
      );
    return (matrix[0]?.values ?? [])
      .map(([t, v]) => ({
        start: Math.round(t * 1000) - MINUTE_MS,
        value: Number(v),
      }))
      .filter(v => Number.isFinite(v.value));
  }

  async readHistogram(request: {
    source: SliMetricSource;
    from: number;
    to: number;
    signal: AbortSignal;
  }): Promise<SliMinuteHistogram[] | undefined> {
    const query = this.queryOf(request.source);
    if (!/_bucket\b/.test(query)) return undefined;
    const expr = windowed(query)
      ? perMinuteRate(query)
      : `sum by (le) (increase(${query}[1m]))`;
    const matrix = await this.queryRange(
      expr,
      { start: request.from + MINUTE_MS, end: request.to },
      request.signal,
    );
    const minutes = new Map<number, Map<number, number>>();
    for (const series of matrix) {
      const leText = series.metric.le;
      if (leText === undefined)
        throw new PrometheusQueryError(
          `${expr}: the answer has no le label; keep le in the aggregation (sum by (le))`,
        );
      const le = leText === '+Inf' ? Infinity : Number(leText);
      for (const [t, v] of series.values) {
        const value = Number(v);
        if (!Number.isFinite(value)) continue;
        const start = Math.round(t * 1000) - MINUTE_MS;
        const byLe = minutes.get(start) ?? new Map<number, number>();
        byLe.set(le, (byLe.get(le) ?? 0) + value);
        minutes.set(start, byLe);
      }
    }
    return [...minutes].map(([start, byLe]) => ({
      start,
      buckets: [...byLe].map(([le, count]) => ({ le, count })),
    }));
  }
}
