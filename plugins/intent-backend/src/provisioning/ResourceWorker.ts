import { randomUUID } from 'node:crypto';
import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import {
  DataService,
  EnvironmentSummary,
  Plan,
  ResourceState,
} from '@cairn/plugin-intent-common';
import {
  EnvironmentProvisioner,
  ProvisionedCredentials,
  ProvisionTarget,
} from '@cairn/plugin-intent-node';
import { JsonObject } from '@backstage/types';
import { DatabaseResourceStore, ResourcePatch } from './DatabaseResourceStore';
import { errorText, SealedLogins } from './SealedLogins';

/**
 * The worker part of provisioning: one piece of work on one resource under a lease
 * (DatabaseResourceStore.claim), so backend instances racing on the same environment apply, check or tear
 * it down once; each finished with its history entry and auditor event.
 */
export class ResourceWorker {
  constructor(
    private readonly options: {
      resources: DatabaseResourceStore;
      logins: SealedLogins;
      auditor: AuditorService;
      logger: LoggerService;
      clock: () => Date;
      leaseMs: number;
    },
  ) {}

  private get resources() {
    return this.options.resources;
  }

  private clock() {
    return this.options.clock();
  }

  /** A new lease: a unique owner and when it runs out. */
  lease() {
    return {
      owner: randomUUID(),
      until: this.clock().getTime() + this.options.leaseMs,
    };
  }

  /** Applies with the stored login (or a new one), seals it, and checks the result with it. */
  async applyAndCheck(
    environment: Pick<EnvironmentSummary, 'id' | 'name'> & { plan?: Plan },
    provisioner: EnvironmentProvisioner,
    service: DataService,
  ): Promise<ResourcePatch> {
    const row = await this.resources.get(environment.id, service);
    let existing: ProvisionedCredentials | undefined;
    try {
      existing = row ? this.options.logins.open(row) : undefined;
    } catch (error) {
      // A login sealed with another key cannot be recovered: the provisioner sets a new password.
      this.options.logger.warn(
        `${service} of environment ${environment.id}: ${errorText(
          error,
        )}; applying with a new password`,
      );
    }
    const { resource, credentials } = await provisioner.apply(
      target(environment),
      existing,
    );
    const status = await provisioner.status(target(environment), credentials);
    return {
      state: status.state,
      provisioner: provisioner.id,
      detail: status.detail,
      host: resource.host,
      port: resource.port,
      database: resource.database ?? null,
      keyPrefix: resource.keyPrefix ?? null,
      username: resource.username,
      sealedCredentials: this.options.logins.seal(
        credentials,
        environment.id,
        service,
      ),
      checkedAt: status.checkedAt,
    };
  }

  /**
   * One piece of work on one resource under a lease: claimed from `from`, done, finished with its
   * history entry (when the state changed or it was an apply/repair) and its auditor event (apply and
   * repair; a routine check that changes nothing is not audited). A failure becomes `failed` with the
   * reason. False when another instance held the resource.
   */
  async work(
    environment: Pick<EnvironmentSummary, 'id' | 'name' | 'status' | 'owner'> &
      Partial<EnvironmentSummary>,
    service: DataService,
    from: ResourceState[],
    actor: string,
    kind: 'apply' | 'repair' | 'check',
    fn: () => Promise<ResourcePatch & { repaired?: boolean }>,
  ): Promise<boolean> {
    const before = await this.resources.get(environment.id, service);
    const lease = this.lease();
    const claimed = await this.resources.claim(
      environment.id,
      service,
      from,
      lease,
      this.clock(),
      kind === 'check' ? undefined : { state: 'provisioning', detail: null },
    );
    if (!claimed) return false;
    let patch: ResourcePatch & { repaired?: boolean };
    let failure: unknown;
    try {
      patch = await fn();
    } catch (error) {
      failure = error;
      patch = {
        state: 'failed',
        detail: `${kind} failed: ${errorText(error)}`,
        checkedAt: this.clock().toISOString(),
      };
    }
    // A routine check that changes nothing is neither recorded nor audited; one that repaired or changed
    // the state is both.
    const step = patch.repaired ? 'repair' : kind;
    let type: string | undefined;
    if (failure) type = `resource-${step}-failed`;
    else if (step === 'apply') type = 'resource-applied';
    else if (step === 'repair') type = 'resource-repaired';
    else if (patch.state !== before?.state) type = `resource-${patch.state}`;
    const now = this.clock();
    const { repaired: _repaired, ...changes } = patch;
    await this.resources.finish(
      environment.id,
      service,
      lease.owner,
      changes,
      now,
      type
        ? {
            type,
            at: now.toISOString(),
            actor,
            fromStatus: environment.status,
            toStatus: environment.status,
            message: `${service} (${
              patch.provisioner ?? before?.provisioner ?? 'no provisioner'
            }): ${patch.state}${patch.detail ? ` - ${patch.detail}` : ''}`,
          }
        : undefined,
    );
    // Applies and repairs are audited, and so is a check that changed the state.
    if (step !== 'check' || type) {
      const audit = await this.options.auditor.createEvent({
        eventId: `environment-resource-${step}`,
        severityLevel: 'medium',
        meta: auditMeta(environment, service, before?.provisioner),
      });
      if (failure) await audit.fail({ error: failure as Error });
      else await audit.success({ meta: { state: patch.state } });
    }
    if (failure) {
      this.options.logger.warn(
        `${step} of ${service} for environment ${
          environment.id
        } failed: ${errorText(failure)}`,
      );
    }
    return true;
  }
}

/**
 * What a provisioner is told about an environment: its identity and, from its live plan, the limits of
 * its share (a database's connection limit); without a plan (status checks, teardown), no limits.
 */
export function target(
  environment: Pick<EnvironmentSummary, 'id' | 'name'> & { plan?: Plan },
): ProvisionTarget {
  const connectionLimit = environment.plan?.database?.connectionLimit;
  return {
    environmentId: environment.id,
    name: environment.name,
    limits: connectionLimit ? { connectionLimit } : {},
  };
}

export function auditMeta(
  environment: Pick<EnvironmentSummary, 'id' | 'name' | 'owner'> &
    Partial<EnvironmentSummary>,
  service: string,
  provisioner: string | undefined,
): JsonObject {
  return {
    environmentId: environment.id,
    name: environment.name,
    environment: environment.environment ?? null,
    owner: environment.owner,
    service,
    provisioner: provisioner ?? null,
  };
}
