import { InputError } from '@backstage/errors';
import { Assumptions } from '../platform/assumptions';

/** ln(20): the 95th percentile of an exponential distribution is ln(20) ≈ 3.0 times its mean. */
const P95_FACTOR = Math.log(20);

/**
 * The highest utilisation at which the p95 latency target still holds, modelling each worker slot as an
 * M/M/1 queue: response time is exponential with mean S / (1 − ρ) (Kleinrock, Queueing Systems Vol. 1,
 * §3.2), so p95 = ln(20) · S / (1 − ρ) and ρ_max = 1 − ln(20) · S / p95. Capped by `maxUtilisation`.
 */
export function utilisationForLatency(
  p95LatencyMs: number | undefined,
  assumptions: Assumptions,
): number {
  if (p95LatencyMs === undefined) return assumptions.maxUtilisation;
  const rho = 1 - (P95_FACTOR * assumptions.serviceTimeMs) / p95LatencyMs;
  if (rho < 0.1) {
    const needed = Math.ceil(
      (P95_FACTOR * assumptions.serviceTimeMs) / (1 - 0.1),
    );
    throw new InputError(
      `spec.sizing.p95LatencyMs: ${p95LatencyMs} ms cannot be met with the assumed service time of ${assumptions.serviceTimeMs} ms per request; use at least ${needed} ms, or ask the platform team to revise serviceTimeMs`,
    );
  }
  return Math.min(rho, assumptions.maxUtilisation);
}

/** Requests per second one instance serves at utilisation ρ: vCPU × slots per vCPU × ρ / S. */
export function perInstanceRps(
  vcpu: number,
  utilisation: number,
  assumptions: Assumptions,
): number {
  const rps =
    (vcpu * assumptions.concurrencyPerVcpu * utilisation) /
    (assumptions.serviceTimeMs / 1000);
  return Math.round(rps * 100) / 100;
}
