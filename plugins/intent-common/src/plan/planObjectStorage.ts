import { ObjectStoragePlan } from './planTypes';
import { PlanningContext } from './PlanningContext';

/** Private, encrypted object storage; versioned in production. Static sites always get one. */
export function planObjectStorage(
  ctx: PlanningContext,
): ObjectStoragePlan | undefined {
  const { intent, assumptions: a, trail } = ctx;
  const needed =
    intent.spec.services.includes('objectStorage') ||
    intent.spec.workload.type === 'static-site';
  if (!needed) return undefined;
  const sizing = intent.spec.sizing;
  const explicit =
    sizing.level === 'explicit' && ctx.loadFactor === 1
      ? sizing.objectStorage
      : undefined;
  const storageGb = explicit
    ? trail.record(
        'objectStorage.storageGb',
        explicit.storageGb,
        'explicit: the storage the intent names',
        { inputs: {}, assumptions: [] },
      )
    : trail.record(
        'objectStorage.storageGb',
        Math.max(
          a.objectStorageMinGb * ctx.loadFactor,
          Math.ceil(
            ((ctx.users ?? 0) / 1000) * a.objectStorageGbPerThousandUsers,
          ),
        ),
        'expected users × storage per thousand users, at least the minimum per load factor',
        {
          formula:
            'max(objectStorageMinGb × loadFactor, users / 1000 × objectStorageGbPerThousandUsers)',
          inputs: { users: ctx.users ?? 0, loadFactor: ctx.loadFactor },
          assumptions: [
            'objectStorageMinGb',
            'objectStorageGbPerThousandUsers',
          ],
        },
      );
  return {
    storageGb,
    versioning: intent.spec.environment === 'prod',
    publicAccess: false,
    encryption: { atRest: true, inTransit: true },
  };
}
