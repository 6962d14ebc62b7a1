import { SizeClass } from '../intent/intentSchema';
import { estimateRunsPerMonth } from './estimateRunsPerMonth';
import { perInstanceRps, utilisationForLatency } from './perInstanceThroughput';
import { ComputePlan } from './planTypes';
import {
  computeClassFor,
  nextSizeClass,
  PlanningContext,
} from './PlanningContext';

const DEFAULT_PORT = 8080;

function kindFor(ctx: PlanningContext): ComputePlan['kind'] {
  switch (ctx.intent.spec.workload.type) {
    case 'worker':
      return 'worker';
    case 'scheduled-job':
      return 'job';
    default:
      return 'service';
  }
}

/**
 * Compute: the size class, instance bounds and per-instance throughput. Outcome intents size from load;
 * directional and explicit intents keep the counts they name (scaled plans size from the implied load).
 * Returns undefined for a static site, which has no compute.
 */
export function planCompute(ctx: PlanningContext): ComputePlan | undefined {
  const { intent, assumptions: a, trail } = ctx;
  const { workload, sizing } = intent.spec;
  if (workload.type === 'static-site') return undefined;
  const kind = kindFor(ctx);
  const p95 = sizing.level === 'outcome' ? sizing.p95LatencyMs : undefined;
  const utilisation = utilisationForLatency(p95, a);

  let size: SizeClass;
  let sizeRule: string;
  if (sizing.level === 'explicit' && sizing.compute) {
    size = sizing.compute.size;
    sizeRule = 'explicit: the size the intent names';
  } else if (sizing.level === 'directional' && sizing.size) {
    size = sizing.size;
    sizeRule = 'directional: the size the intent names';
  } else {
    size = a.defaultComputeSize[intent.spec.environment];
    sizeRule = `default size for ${intent.spec.environment}`;
  }

  const throughput = (s: SizeClass) =>
    perInstanceRps(computeClassFor(ctx, s).vcpu, utilisation, a);
  const namesCount =
    ctx.loadFactor === 1 &&
    (sizing.level === 'explicit' || sizing.level === 'directional');
  // Outcome sizing (and every scaled plan) steps the class up until the peak fits in maxInstancesPerClass.
  if (!namesCount && kind !== 'job') {
    let next = nextSizeClass(size);
    while (
      next &&
      Math.ceil((ctx.peakRps * ctx.headroom) / throughput(size)) >
        a.maxInstancesPerClass
    ) {
      size = next;
      sizeRule = `smallest class from the default up whose instance count at peak × headroom stays within maxInstancesPerClass`;
      next = nextSizeClass(size);
    }
  }
  const shape = computeClassFor(ctx, size);
  const catalogRef = shape.reason
    ? `sizeCatalog.providers.${intent.spec.target.provider}.computeOverrides.${size}`
    : `sizeCatalog.compute.${size}`;
  const vcpu = trail.record(
    'compute.vcpu',
    shape.vcpu,
    `${sizeRule}; ${size} class from the size catalog${
      shape.reason ? ` (${shape.reason})` : ''
    }`,
    {
      inputs: { sizeClass: size },
      assumptions: [catalogRef],
    },
  );
  const memoryGb = trail.record(
    'compute.memoryGb',
    shape.memoryGb,
    `${size} class from the size catalog`,
    {
      inputs: { sizeClass: size },
      assumptions: [catalogRef],
    },
  );
  const rps = trail.record(
    'compute.perInstanceRps',
    throughput(size),
    'per-instance throughput at the latency target (M/M/1 per worker slot)',
    {
      formula:
        'vcpu × concurrencyPerVcpu × ρ / serviceTime, ρ = min(maxUtilisation, 1 − ln(20) × serviceTime / p95)',
      inputs: {
        vcpu,
        utilisation: Math.round(utilisation * 1000) / 1000,
        ...(p95 ? { p95LatencyMs: p95 } : {}),
      },
      assumptions: ['concurrencyPerVcpu', 'serviceTimeMs', 'maxUtilisation'],
    },
  );
  const port = trail.record(
    'compute.port',
    workload.port ?? DEFAULT_PORT,
    workload.port
      ? 'the port the intent names'
      : 'platform default container port',
    {
      inputs: {},
      assumptions: [],
    },
  );

  if (kind === 'job') {
    const schedule = workload.schedule ?? '0 0 * * *';
    const runs = estimateRunsPerMonth(schedule, 'spec.workload.schedule');
    const minutes = workload.runMinutes ?? a.jobRunMinutes;
    const parallel = ctx.loadFactor;
    trail.record(
      'compute.minInstances',
      parallel,
      'a job runs one task per run, in parallel per load factor',
      { inputs: { loadFactor: ctx.loadFactor }, assumptions: [] },
    );
    trail.record('compute.maxInstances', parallel, 'a job does not autoscale', {
      inputs: {},
      assumptions: [],
    });
    const hours = trail.record(
      'compute.jobHoursPerMonth',
      Math.round(((runs * minutes * parallel) / 60) * 100) / 100,
      'runs per month × minutes per run × parallel tasks / 60',
      {
        formula: 'runsPerMonth(schedule) × runMinutes × tasks / 60',
        inputs: {
          schedule,
          runsPerMonth: Math.round(runs * 100) / 100,
          runMinutes: minutes,
          tasks: parallel,
        },
        assumptions: workload.runMinutes ? [] : ['jobRunMinutes'],
      },
    );
    return {
      kind,
      sizeClass: size,
      vcpu,
      memoryGb,
      minInstances: parallel,
      maxInstances: parallel,
      perInstanceRps: rps,
      port,
      ...(workload.image ? { image: workload.image } : {}),
      schedule,
      jobHoursPerMonth: hours,
    };
  }

  let minInstances: number;
  let maxInstances: number;
  if (namesCount && sizing.level === 'explicit' && sizing.compute) {
    minInstances = trail.record(
      'compute.minInstances',
      sizing.compute.count,
      'explicit: the count the intent names',
      { inputs: { count: sizing.compute.count }, assumptions: [] },
    );
    maxInstances = trail.record(
      'compute.maxInstances',
      sizing.compute.maxCount ?? sizing.compute.count,
      sizing.compute.maxCount
        ? 'explicit: the maxCount the intent names'
        : 'explicit: no maxCount, so no autoscaling above count',
      { inputs: { count: sizing.compute.count }, assumptions: [] },
    );
  } else if (namesCount && sizing.level === 'directional') {
    minInstances = trail.record(
      'compute.minInstances',
      Math.max(sizing.instances, ctx.zones),
      'directional: the instances the intent names, at least one per zone',
      {
        formula: 'max(instances, zones)',
        inputs: { instances: sizing.instances, zones: ctx.zones },
        assumptions: [],
      },
    );
    maxInstances =
      sizing.autoscale === false
        ? trail.record(
            'compute.maxInstances',
            minInstances,
            'directional: autoscale is off, so exactly the named instances',
            { inputs: { minInstances }, assumptions: [] },
          )
        : trail.record(
            'compute.maxInstances',
            Math.ceil(minInstances * a.growthHeadroom.stable),
            'directional: autoscale up to the stable-growth headroom over the named instances',
            {
              formula: 'ceil(minInstances × growthHeadroom.stable)',
              inputs: { minInstances, headroom: a.growthHeadroom.stable },
              assumptions: ['growthHeadroom.stable'],
            },
          );
  } else {
    const needed = Math.ceil(ctx.peakRps / rps);
    minInstances = trail.record(
      'compute.minInstances',
      Math.max(needed, ctx.zones),
      'enough instances for the peak at the latency target, at least one per zone',
      {
        formula: 'max(ceil(peakRps / perInstanceRps), zones)',
        inputs: { peakRps: ctx.peakRps, perInstanceRps: rps, zones: ctx.zones },
        assumptions: [],
      },
    );
    maxInstances = trail.record(
      'compute.maxInstances',
      Math.max(minInstances, Math.ceil((ctx.peakRps * ctx.headroom) / rps)),
      'autoscaling ceiling: the peak times the growth headroom',
      {
        formula: 'max(minInstances, ceil(peakRps × headroom / perInstanceRps))',
        inputs: {
          peakRps: ctx.peakRps,
          headroom: ctx.headroom,
          perInstanceRps: rps,
        },
        assumptions: ['growthHeadroom'],
      },
    );
  }
  return {
    kind,
    sizeClass: size,
    vcpu,
    memoryGb,
    minInstances,
    maxInstances,
    perInstanceRps: rps,
    port,
    ...(workload.image ? { image: workload.image } : {}),
  };
}
