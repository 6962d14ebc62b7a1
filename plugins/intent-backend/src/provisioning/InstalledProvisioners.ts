import { DataService, EnvironmentSummary } from '@cairn/plugin-intent-common';
import { EnvironmentProvisioner } from '@cairn/plugin-intent-node';
import { ProvisionerSelection } from './readProvisioningConfig';

/** Where to configure the provisioners Cairn ships, for the awaiting-provisioner detail. */
const CONFIG_HINTS: Record<string, string> = {
  'shared-postgres':
    'intent.provisioners.sharedPostgres (host, port, user, password) and install @cairn/plugin-intent-backend-module-shared-data',
  'shared-redis':
    'intent.provisioners.sharedRedis (host, port, username, password) and install @cairn/plugin-intent-backend-module-shared-data',
};

/**
 * The provisioners installed by modules and which one the platform chose for each environment kind and
 * data service (`intent.provisioning.kinds`): the selection part of provisioning.
 */
export class InstalledProvisioners {
  private readonly provisioners = new Map<string, EnvironmentProvisioner>();

  constructor(
    provisioners: EnvironmentProvisioner[],
    private readonly selection: ProvisionerSelection,
  ) {
    for (const p of provisioners) {
      if (this.provisioners.has(p.id)) {
        throw new Error(`two provisioners share the id ${p.id}`);
      }
      this.provisioners.set(p.id, p);
    }
  }

  /** The ids of the installed provisioners. */
  get ids(): string[] {
    return [...this.provisioners.keys()];
  }

  get(id: string): EnvironmentProvisioner | undefined {
    return this.provisioners.get(id);
  }

  /** The provisioner configured for a kind and service, and why there is none when there is none. */
  select(
    kind: EnvironmentSummary['environment'],
    service: DataService,
  ): { provisioner?: EnvironmentProvisioner; id?: string; why?: string } {
    const id = this.selection[kind]?.[service];
    if (!id) {
      return {
        why: `no provisioner for ${service} in ${kind} environments: its reviewed pipeline provides it (to provision it here, set intent.provisioning.kinds.${kind}.${service})`,
      };
    }
    const provisioner = this.provisioners.get(id);
    if (!provisioner) {
      return {
        id,
        why: `intent.provisioning.kinds.${kind}.${service} names ${id}, which is not installed: configure ${
          CONFIG_HINTS[id] ?? `a module that adds the provisioner ${id}`
        }`,
      };
    }
    if (provisioner.service !== service) {
      return {
        id,
        why: `intent.provisioning.kinds.${kind}.${service} names ${id}, which provides ${provisioner.service}, not ${service}`,
      };
    }
    return { provisioner, id };
  }
}
