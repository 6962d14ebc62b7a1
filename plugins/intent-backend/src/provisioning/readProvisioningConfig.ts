import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DataService,
  dataServices,
  EnvironmentKind,
  environmentKinds,
} from '@cairn/plugin-intent-common';

/** Which provisioner (by id) provides which data service, per environment kind. */
export type ProvisionerSelection = Partial<
  Record<EnvironmentKind, Partial<Record<DataService, string>>>
>;

/**
 * Reads `intent.provisioning.kinds` (e.g. `preview: { postgres: shared-postgres }`). Unknown kinds or
 * services stop the backend with the path that is wrong; a kind or service left out is provided by the
 * environment's reviewed pipeline.
 */
export function readProvisioningConfig(config: Config | undefined): {
  selection: ProvisionerSelection;
  /** How long one instance holds a resource it works on; after that another may resume the work. */
  leaseMs?: number;
} {
  const kinds = config?.getOptionalConfig('provisioning.kinds');
  const selection: ProvisionerSelection = {};
  for (const kind of kinds?.keys() ?? []) {
    if (!environmentKinds.includes(kind as EnvironmentKind)) {
      throw new Error(
        `intent.provisioning.kinds.${kind}: not an environment kind (${environmentKinds.join(
          ', ',
        )})`,
      );
    }
    const services = kinds!.getConfig(kind);
    const entry: Partial<Record<DataService, string>> = {};
    for (const service of services.keys()) {
      if (!dataServices.includes(service as DataService)) {
        throw new Error(
          `intent.provisioning.kinds.${kind}.${service}: not a data service (${dataServices.join(
            ', ',
          )})`,
        );
      }
      entry[service as DataService] = services.getString(service);
    }
    selection[kind as EnvironmentKind] = entry;
  }
  return {
    selection,
    leaseMs: config?.has('provisioning.lease')
      ? durationToMilliseconds(
          readDurationFromConfig(config, { key: 'provisioning.lease' }),
        )
      : undefined,
  };
}
