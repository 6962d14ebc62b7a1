import { AvailabilityBand } from './planTypes';

/**
 * DESIGN.md "Intent levels", availability bands (the planner meets or exceeds the target):
 * below 99.5 % one zone; 99.5 % up to 99.95 % multi-zone compute and database; 99.95 % up to 99.995 %
 * adds a database replica and point-in-time recovery; 99.995 % and above is multi-region.
 */
export function availabilityBand(targetPercent: number): AvailabilityBand {
  if (targetPercent >= 99.995) return 'multi-region';
  if (targetPercent >= 99.95) return 'multi-zone-replica';
  if (targetPercent >= 99.5) return 'multi-zone';
  return 'single-zone';
}

const order: AvailabilityBand[] = [
  'single-zone',
  'multi-zone',
  'multi-zone-replica',
  'multi-region',
];

/** Whether `band` includes everything `minimum` provides. */
export function bandAtLeast(
  band: AvailabilityBand,
  minimum: AvailabilityBand,
): boolean {
  return order.indexOf(band) >= order.indexOf(minimum);
}

/** Zones each region's compute and database spread over in a band. */
export function zonesForBand(band: AvailabilityBand): number {
  switch (band) {
    case 'single-zone':
      return 1;
    case 'multi-zone':
      return 2;
    default:
      return 3;
  }
}
