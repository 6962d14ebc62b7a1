import { randomUUID } from 'node:crypto';
import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DataService,
  EnvironmentDetails,
  EnvironmentResource,
  EnvironmentSummary,
  liveEnvironmentStatuses,
  ResourceCredentials,
  ResourceState,
} from '@cairn/plugin-intent-common';
import {
  EnvironmentProvisioner,
  ProvisionedCredentials,
  ProvisionTarget,
} from '@cairn/plugin-intent-node';
import { JsonObject } from '@backstage/types';
import { DatabaseEnvironmentStore } from '../registry/DatabaseEnvironmentStore';
import { CredentialCipher } from './CredentialCipher';
import {
  DatabaseResourceStore,
  ResourcePatch,
  StoredResource,
} from './DatabaseResourceStore';
import { ProvisionerSelection } from './readProvisioningConfig';

export type ProvisioningOptions = {
  store: DatabaseEnvironmentStore;
  provisioners: EnvironmentProvisioner[];
  selection: ProvisionerSelection;
  /** Required as soon as a provisioner is installed: logins are never stored in plaintext. */
  cipher?: CredentialCipher;
  auditor: AuditorService;
  logger: LoggerService;
  /** How long a worker may hold a resource before another may take over. Default: 5 minutes. */
  leaseMs?: number;
  clock?: () => Date;
};

/** Where to configure the provisioners Cairn ships, for the awaiting-provisioner detail. */
const CONFIG_HINTS: Record<string, string> = {
  'shared-postgres':
    'intent.provisioners.sharedPostgres (host, port, user, password) and install @cairn/plugin-intent-backend-module-shared-data',
  'shared-redis':
    'intent.provisioners.sharedRedis (host, port, username, password) and install @cairn/plugin-intent-backend-module-shared-data',
};

const CHECKABLE: ResourceState[] = [
  'healthy',
  'unhealthy',
  'missing',
  'failed',
];
const APPLICABLE: ResourceState[] = [
  'awaiting-provisioner',
  'provisioning',
  ...CHECKABLE,
];
const NOT_TORN_DOWN: ResourceState[] = [...APPLICABLE, 'tearing-down'];

/** The associated data a login is sealed with: the row it belongs to. */
const sealContext = (environmentId: string, service: string) =>
  `${environmentId}/${service}`;

const errorText = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * Applies, checks and tears down environments' data services with the provisioners the platform
 * configured per environment kind (`intent.provisioning.kinds`). Every step is recorded in the
 * environment's history and audited; logins are sealed with CredentialCipher before they are stored and
 * never logged. Each resource is worked on under a lease (DatabaseResourceStore.claim), so backend
 * instances racing on the same environment apply or tear it down once.
 */
export class ProvisioningService {
  private readonly provisioners = new Map<string, EnvironmentProvisioner>();
  private readonly resources: DatabaseResourceStore;
  private readonly clock: () => Date;
  private readonly leaseMs: number;

  constructor(private readonly options: ProvisioningOptions) {
    for (const p of options.provisioners) {
      if (this.provisioners.has(p.id)) {
        throw new Error(`two provisioners share the id ${p.id}`);
      }
      this.provisioners.set(p.id, p);
    }
    if (this.provisioners.size > 0 && !options.cipher) {
      throw new Error(
        `Provisioners are installed (${[...this.provisioners.keys()].join(
          ', ',
        )}) but intent.credentials.encryptionKey is not set: Cairn does not store credentials unencrypted. Set it to 32 random bytes in base64 (openssl rand -base64 32).`,
      );
    }
    this.resources = options.store.resources();
    this.clock = options.clock ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
  }

  /** The ids of the installed provisioners. */
  get installed(): string[] {
    return [...this.provisioners.keys()];
  }

  /** The provisioner configured for a kind and service, and why there is none when there is none. */
  private select(
    kind: EnvironmentSummary['environment'],
    service: DataService,
  ): { provisioner?: EnvironmentProvisioner; id?: string; why?: string } {
    const id = this.options.selection[kind]?.[service];
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

  /**
   * An environment's resources as the API shows them: the stored rows, and for every data service of
   * its intent without a row, `awaiting-provisioner` with what to configure. No secrets.
   */
  async resourcesOf(
    environment: Pick<
      EnvironmentDetails,
      'id' | 'environment' | 'intent' | 'updatedAt' | 'status'
    >,
  ): Promise<EnvironmentResource[]> {
    const stored = new Map(
      (await this.resources.list(environment.id)).map(r => [r.service, r]),
    );
    const services = new Set<DataService>([
      ...(environment.intent.spec.services ?? []),
      ...stored.keys(),
    ]);
    return [...services].map(service => {
      const row = stored.get(service);
      if (row && row.state !== 'awaiting-provisioner') return publicView(row);
      const { id, provisioner, why } = this.select(
        environment.environment,
        service,
      );
      const live = liveEnvironmentStatuses.includes(environment.status);
      return {
        service,
        provisioner: id,
        state: live || !row ? 'awaiting-provisioner' : 'torn-down',
        detail:
          why ??
          (provisioner && live
            ? `${id} is configured and has not applied it yet: the template's provision step (cairn:environment:provision) applies it`
            : undefined),
        updatedAt: row?.updatedAt ?? environment.updatedAt,
      };
    });
  }

  /**
   * Applies every data service of an active environment that has a provisioner (idempotent: a second call
   * repairs and keeps the logins), checks each with its own credentials, and answers where each stands.
   * Services without one stay `awaiting-provisioner`. A resource another instance is working on is left
   * to it and shown as it is.
   */
  async provision(
    environmentId: string,
    actor: string,
  ): Promise<EnvironmentResource[]> {
    const details = await this.options.store.getDetails(environmentId);
    if (!details) {
      throw new NotFoundError(`environment ${environmentId} not found`);
    }
    if (details.status !== 'active') {
      throw new ConflictError(
        `status: environment ${environmentId} is ${
          details.status
        }; only active environments are provisioned${
          details.status === 'awaiting-approval'
            ? ' (production waits for its approval and its reviewed pipeline)'
            : ''
        }`,
      );
    }
    for (const service of details.intent.spec.services ?? []) {
      const { provisioner, id } = this.select(details.environment, service);
      await this.resources.ensure(details.id, service, id, this.clock());
      if (!provisioner) continue;
      await this.work(details, service, APPLICABLE, actor, 'apply', () =>
        this.applyAndCheck(details, provisioner, service),
      );
    }
    return this.resourcesOf(details);
  }

  /** Counts of stored resources per state for list entries (see EnvironmentListItem). */
  async statesOf(environmentIds: string[]) {
    return this.resources.countStates(environmentIds);
  }

  /** The logins of an environment's usable resources, opened for an authorized owner. Never logged. */
  async credentials(environmentId: string): Promise<ResourceCredentials[]> {
    const rows = await this.resources.list(environmentId);
    const result: ResourceCredentials[] = [];
    for (const row of rows) {
      if (!row.sealedCredentials || !this.options.cipher) continue;
      if (row.state === 'tearing-down' || row.state === 'torn-down') continue;
      let opened: ProvisionedCredentials;
      try {
        opened = this.options.cipher.open(
          row.sealedCredentials,
          sealContext(row.environmentId, row.service),
        );
      } catch (error) {
        // Sealed with another key: provisioning again sets a new password.
        this.options.logger.warn(
          `${row.service} of environment ${environmentId}: ${errorText(error)}`,
        );
        continue;
      }
      const { username, password } = opened;
      result.push({
        service: row.service,
        username,
        password,
        host: row.host!,
        port: row.port!,
        database: row.database,
        keyPrefix: row.keyPrefix,
        connectionString: connectionString(row, username, password),
      });
    }
    return result;
  }

  /**
   * The scheduled status check: connects to each provisioned resource of a live environment with its own
   * credentials; a missing resource (drift) or a failed apply is repaired by applying again with the
   * same login. Records only changes in the history. Returns how many it checked.
   */
  async checkAll(actor: string): Promise<number> {
    let checked = 0;
    // An environment's resources share its details: read them once per run.
    const detailsOf = oncePerId(id => this.options.store.getDetails(id));
    for (const row of await this.resources.dueForCheck(this.clock(), 200)) {
      const details = await detailsOf(row.environmentId);
      const provisioner = row.provisioner
        ? this.provisioners.get(row.provisioner)
        : undefined;
      if (!details || !provisioner) continue;
      // Failed, missing, or left `provisioning` by an instance that died mid-apply (its lease ran out;
      // the login may exist on the server without Cairn knowing its password): apply again.
      const repair = ['failed', 'missing', 'provisioning'].includes(row.state);
      const done = await this.work(
        details,
        row.service,
        [row.state],
        actor,
        repair ? 'repair' : 'check',
        async () => {
          if (repair) {
            return this.applyAndCheck(details, provisioner, row.service);
          }
          const credentials = this.open(row);
          const status = credentials
            ? await provisioner.status(target(details), credentials)
            : undefined;
          if (status && status.state !== 'missing') {
            return {
              state: status.state,
              detail: status.detail,
              checkedAt: status.checkedAt,
            };
          }
          // Drift: the database or its login is gone. Applying again brings it back with the same login.
          const repaired = await this.applyAndCheck(
            details,
            provisioner,
            row.service,
          );
          return {
            ...repaired,
            repaired: true,
            detail: `repaired (${status?.detail ?? 'no stored login'}); now: ${
              repaired.detail
            }`,
          };
        },
      );
      if (done) checked++;
    }
    return checked;
  }

  /**
   * Tears down the resources of environments that are no longer live (expired by TTL or at an owner's
   * request). The claim wipes the stored login first, so a teardown that fails half-way leaves no usable
   * credentials in Cairn (and the shared provisioners disable the login before dropping anything); the
   * resource stays `tearing-down` with the reason and is retried on the next run. Returns how many it
   * tore down.
   */
  async teardownDue(actor: string): Promise<number> {
    let count = 0;
    const summaryOf = oncePerId(id => this.options.store.getSummary(id));
    for (const row of await this.resources.dueForTeardown(this.clock(), 200)) {
      const summary = await summaryOf(row.environmentId);
      if (!summary) continue;
      const lease = this.lease();
      const claimed = await this.resources.claim(
        row.environmentId,
        row.service,
        NOT_TORN_DOWN,
        lease,
        this.clock(),
        { state: 'tearing-down', sealedCredentials: null },
      );
      if (!claimed) continue;
      const event = {
        at: '',
        actor,
        fromStatus: summary.status,
        toStatus: summary.status,
      };
      if (row.state === 'awaiting-provisioner' || !row.provisioner) {
        await this.resources.finish(
          row.environmentId,
          row.service,
          lease.owner,
          { state: 'torn-down', detail: 'nothing was provisioned' },
          this.clock(),
        );
        continue;
      }
      const provisioner = this.provisioners.get(row.provisioner);
      const audit = await this.options.auditor.createEvent({
        eventId: 'environment-resource-teardown',
        severityLevel: 'medium',
        meta: auditMeta(summary, row.service, row.provisioner),
      });
      try {
        if (!provisioner) {
          throw new Error(
            `the provisioner ${row.provisioner} is not installed any more; reinstall it to tear ${row.service} down`,
          );
        }
        await provisioner.teardown(target(summary));
        const now = this.clock();
        await this.resources.finish(
          row.environmentId,
          row.service,
          lease.owner,
          {
            state: 'torn-down',
            detail: `dropped by ${provisioner.id}`,
            checkedAt: null,
          },
          now,
          {
            ...event,
            type: 'resource-torn-down',
            at: now.toISOString(),
            message: `${row.service}: ${
              row.database ?? row.keyPrefix ?? ''
            } and its login dropped by ${provisioner.id}`,
          },
        );
        await audit.success();
        count++;
      } catch (error) {
        const now = this.clock();
        const reason = `teardown failed, retried on the next run: ${errorText(
          error,
        )}`;
        await this.resources.finish(
          row.environmentId,
          row.service,
          lease.owner,
          { state: 'tearing-down', detail: reason },
          now,
          {
            ...event,
            type: 'resource-teardown-failed',
            at: now.toISOString(),
            message: `${row.service}: ${reason}`,
          },
        );
        await audit.fail({ error: error as Error });
        this.options.logger.warn(
          `Teardown of ${row.service} for environment ${
            row.environmentId
          } failed: ${errorText(error)}`,
        );
      }
    }
    return count;
  }

  private lease() {
    return {
      owner: randomUUID(),
      until: this.clock().getTime() + this.leaseMs,
    };
  }

  private open(row: StoredResource): ProvisionedCredentials | undefined {
    if (!row.sealedCredentials || !this.options.cipher) return undefined;
    return this.options.cipher.open(
      row.sealedCredentials,
      sealContext(row.environmentId, row.service),
    );
  }

  /** Applies with the stored login (or a new one), seals it, and checks the result with it. */
  private async applyAndCheck(
    environment: Pick<EnvironmentSummary, 'id' | 'name'>,
    provisioner: EnvironmentProvisioner,
    service: DataService,
  ): Promise<ResourcePatch> {
    const row = await this.resources.get(environment.id, service);
    let existing: ProvisionedCredentials | undefined;
    try {
      existing = row ? this.open(row) : undefined;
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
      sealedCredentials: this.options.cipher!.seal(
        credentials,
        sealContext(environment.id, service),
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
  private async work(
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

function target(
  environment: Pick<EnvironmentSummary, 'id' | 'name'>,
): ProvisionTarget {
  // The plan carries no connection or timeout limits yet; the provisioners' defaults apply.
  return { environmentId: environment.id, name: environment.name, limits: {} };
}

function publicView(row: StoredResource): EnvironmentResource {
  const { environmentId: _id, sealedCredentials: _sealed, ...view } = row;
  return view;
}

function auditMeta(
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

function connectionString(
  row: StoredResource,
  username: string,
  password: string,
): string | undefined {
  const user = `${encodeURIComponent(username)}:${encodeURIComponent(
    password,
  )}`;
  if (row.service === 'postgres') {
    return `postgresql://${user}@${row.host}:${row.port}/${encodeURIComponent(
      row.database ?? '',
    )}`;
  }
  if (row.service === 'redis') return `redis://${user}@${row.host}:${row.port}`;
  return undefined;
}

/** `load` memoised by id for the length of one run. */
function oncePerId<T>(load: (id: string) => Promise<T>) {
  const seen = new Map<string, Promise<T>>();
  return (id: string) => {
    if (!seen.has(id)) seen.set(id, load(id));
    return seen.get(id)!;
  };
}
