/*
 * A checkout service's history in OpenMetrics text, for a real Prometheus (backfilled with promtool):
 * requests by status code and a latency histogram, one sample every 15 s, with a constant rate
 * inside each minute so every minute's increase is known exactly. The last hour burns: 20 % errors.
 */

export const MINUTE_MS = 60_000;
const SAMPLE_MS = 15_000;

export type MinuteTruth = {
  start: number;
  ok: number;
  errors: number;
  /** Requests at or under each bound, +Inf last. */
  latency: Record<'0.1' | '0.4' | '1' | '+Inf', number>;
};

/** Requests and errors per minute: 100 requests, 1 error, except 20 errors per minute in the last hour. */
export function minuteTruth(from: number, to: number): MinuteTruth[] {
  const minutes: MinuteTruth[] = [];
  for (let start = from; start < to; start += MINUTE_MS) {
    const burning = to - start <= 60 * MINUTE_MS;
    const errors = burning ? 20 : 1;
    minutes.push({
      start,
      ok: 100 - errors,
      errors,
      latency: { '0.1': 48, '0.4': 96, '1': 100, '+Inf': 100 },
    });
  }
  return minutes;
}

/**
 * OpenMetrics text for the minutes: counters start at 0 at `from`; the ok counter resets (the
 * process restarted) at `resetAt` when given.
 */
export function openMetrics(minutes: MinuteTruth[], resetAt?: number): string {
  const ok: string[] = [];
  const errors: string[] = [];
  const buckets: Record<string, string[]> = {
    '0.1': [],
    '0.4': [],
    '1': [],
    '+Inf': [],
  };
  const count: string[] = [];
  const sum: string[] = [];
  const value = { ok: 0, errors: 0, sum: 0 };
  const le: Record<string, number> = { '0.1': 0, '0.4': 0, '1': 0, '+Inf': 0 };
  const at = (t: number) => (t / 1000).toFixed(3);
  const sample = (t: number) => {
    ok.push(
      `http_requests_total{job="checkout",code="200"} ${value.ok} ${at(t)}`,
    );
    errors.push(
      `http_requests_total{job="checkout",code="500"} ${value.errors} ${at(t)}`,
    );
    for (const bound of Object.keys(buckets))
      buckets[bound].push(
        `http_request_duration_seconds_bucket{job="checkout",le="${bound}"} ${
          le[bound]
        } ${at(t)}`,
      );
    count.push(
      `http_request_duration_seconds_count{job="checkout"} ${le['+Inf']} ${at(
        t,
      )}`,
    );
    sum.push(
      `http_request_duration_seconds_sum{job="checkout"} ${value.sum} ${at(t)}`,
    );
  };
  sample(minutes[0].start);
  for (const m of minutes) {
    for (let step = 1; step <= MINUTE_MS / SAMPLE_MS; step++) {
      const share = SAMPLE_MS / MINUTE_MS;
      if (resetAt !== undefined && m.start === resetAt && step === 1)
        value.ok = 0;
      value.ok += m.ok * share;
      value.errors += m.errors * share;
      for (const bound of Object.keys(buckets))
        le[bound] += m.latency[bound as keyof MinuteTruth['latency']] * share;
      value.sum += 20 * share;
      sample(m.start + step * SAMPLE_MS);
    }
  }
  return [
    '# HELP http_requests Requests served.',
    '# TYPE http_requests counter',
    ...ok,
    ...errors,
    '# HELP http_request_duration_seconds Request latency.',
    '# TYPE http_request_duration_seconds histogram',
    ...Object.values(buckets).flat(),
    ...count,
    ...sum,
    '# EOF',
    '',
  ].join('\n');
}
