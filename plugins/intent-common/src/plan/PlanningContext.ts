import { Intent, SizeClass, sizeClasses } from '../intent/intentSchema';
import { Assumptions } from '../platform/assumptions';
import { SharedService } from '../platform/PlatformConfig';
import { ComputeClass, SizeCatalog } from '../platform/sizeCatalog';
import { ExplanationTrail } from './ExplanationTrail';
import { AvailabilityBand, ProviderLimit } from './planTypes';

/** What every planning step reads: the intent, the platform data, and the decisions taken before it. */
export type PlanningContext = {
  intent: Intent;
  assumptions: Assumptions;
  catalog: SizeCatalog;
  band: AvailabilityBand;
  /** Zones compute and database spread over. */
  zones: number;
  /** 1, 10 or 100: the load the plan is made for, relative to the intent. */
  loadFactor: number;
  /** Spare capacity for growth (outcome intents; directional and explicit use the stable figure). */
  headroom: number;
  /** Peak requests (or messages) per second at this load factor. */
  peakRps: number;
  /** Expected users at this load factor, when the intent gives them. */
  users?: number;
  trail: ExplanationTrail;
  /** Provider limits the planners held a figure at (the plan lists them). */
  limits: ProviderLimit[];
  /** The least backup retention the intent's compliance profiles ask for. */
  minBackupRetentionDays?: number;
  /** Data services this kind of environment gets on the platform's shared infrastructure. */
  shared: SharedService[];
};

export function nextSizeClass(size: SizeClass): SizeClass | undefined {
  return sizeClasses[sizeClasses.indexOf(size) + 1];
}

export function maxSizeClass(a: SizeClass, b: SizeClass): SizeClass {
  return sizeClasses.indexOf(a) >= sizeClasses.indexOf(b) ? a : b;
}

/** The compute shape a class has on the intent's provider (some providers cannot run every shape). */
export function computeClassFor(
  ctx: Pick<PlanningContext, 'intent' | 'catalog'>,
  size: SizeClass,
): ComputeClass & { reason?: string } {
  const override =
    ctx.catalog.providers[ctx.intent.spec.target.provider].computeOverrides[
      size
    ];
  return override ?? ctx.catalog.compute[size];
}
