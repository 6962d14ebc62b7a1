import { computeClassFor, PlanningContext } from './PlanningContext';
import { perInstanceRps } from './perInstanceThroughput';
import { Intent } from '../intent/intentSchema';
import { Assumptions } from '../platform/assumptions';
import { SizeCatalog } from '../platform/sizeCatalog';
import { ExplanationTrail } from './ExplanationTrail';

/**
 * Peak requests per second at a load factor, and expected users when known. Outcome intents state the load
 * (users and/or peak rps; the larger wins); directional and explicit intents imply it: the capacity of the
 * instances they name at the planning utilisation.
 */
export function estimateLoad(
  intent: Intent,
  assumptions: Assumptions,
  catalog: SizeCatalog,
  loadFactor: number,
  trail: ExplanationTrail,
): { peakRps: number; users?: number } {
  const sizing = intent.spec.sizing;
  const a = assumptions;
  if (sizing.level === 'outcome') {
    const users =
      sizing.expectedUsers !== undefined
        ? sizing.expectedUsers * loadFactor
        : undefined;
    const fromUsers =
      users !== undefined
        ? users * a.peakActiveUserRatio * a.requestsPerActiveUserPerSecond
        : 0;
    const stated = (sizing.peakRps ?? 0) * loadFactor;
    const peakRps = trail.record(
      'usage.peakRps',
      Math.round(Math.max(fromUsers, stated) * 100) / 100,
      'the larger of the stated peak and expected users × active share × requests per active user, times the load factor',
      {
        formula:
          'max(peakRps, users × peakActiveUserRatio × requestsPerActiveUserPerSecond) × loadFactor',
        inputs: {
          ...(sizing.expectedUsers !== undefined
            ? { expectedUsers: sizing.expectedUsers }
            : {}),
          ...(sizing.peakRps !== undefined ? { peakRps: sizing.peakRps } : {}),
          loadFactor,
        },
        assumptions: ['peakActiveUserRatio', 'requestsPerActiveUserPerSecond'],
      },
    );
    return { peakRps, users };
  }
  const ctxLike = { intent, catalog } as Pick<
    PlanningContext,
    'intent' | 'catalog'
  >;
  let instances = 0;
  let vcpu = 0;
  if (sizing.level === 'directional') {
    instances = sizing.instances;
    vcpu = computeClassFor(
      ctxLike,
      sizing.size ?? a.defaultComputeSize[intent.spec.environment],
    ).vcpu;
  } else if (sizing.compute) {
    instances = sizing.compute.count;
    vcpu = computeClassFor(ctxLike, sizing.compute.size).vcpu;
  } else {
    // A static site names no compute: its load is the egress it names through the CDN.
    const egressGb = sizing.cdn?.egressGbPerMonth ?? 0;
    const requests = (egressGb * 1e6) / a.responseKb;
    const rps = (requests / (a.hoursPerMonth * 3600)) * a.peakToAverageRatio;
    const peakRps = trail.record(
      'usage.peakRps',
      Math.round(rps * loadFactor * 100) / 100,
      'static site: peak implied by the CDN egress the intent names',
      {
        formula:
          'egressGb × 1e6 / responseKb / seconds per month × peakToAverageRatio × loadFactor',
        inputs: { egressGbPerMonth: egressGb, loadFactor },
        assumptions: ['responseKb', 'hoursPerMonth', 'peakToAverageRatio'],
      },
    );
    return { peakRps };
  }
  const capacity = instances * perInstanceRps(vcpu, a.maxUtilisation, a);
  const peakRps = trail.record(
    'usage.peakRps',
    Math.round(capacity * loadFactor * 100) / 100,
    `${sizing.level}: the load implied by the named instances at the planning utilisation, times the load factor`,
    {
      formula: 'instances × perInstanceRps(size, maxUtilisation) × loadFactor',
      inputs: { instances, vcpu, loadFactor },
      assumptions: ['maxUtilisation', 'concurrencyPerVcpu', 'serviceTimeMs'],
    },
  );
  return { peakRps };
}
