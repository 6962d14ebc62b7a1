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
import { EnvironmentProvisioner } from '@cairn/plugin-intent-node';
import { DatabaseEnvironmentStore } from '../registry/DatabaseEnvironmentStore';
import { CredentialCipher } from './CredentialCipher';
import { DatabaseResourceStore, StoredResource } from './DatabaseResourceStore';
import { InstalledProvisioners } from './InstalledProvisioners';
import { ProvisionerSelection } from './readProvisioningConfig';
import { auditMeta, ResourceWorker, target } from './ResourceWorker';
import { errorText, SealedLogins } from './SealedLogins';

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

/**
 * Applies, checks and tears down environments' data services with the provisioners the platform
 * configured per environment kind (`intent.provisioning.kinds`). Its parts: which provisioner serves
 * what (InstalledProvisioners), the work on one resource under a lease (ResourceWorker), and the sealed
 * logins (SealedLogins). Every step is recorded in the environment's history and audited; logins are
 * never logged.
 */
export class ProvisioningService {
  private readonly provisioners: InstalledProvisioners;
  private readonly logins: SealedLogins;
  private readonly worker: ResourceWorker;
  private readonly resources: DatabaseResourceStore;
  private readonly clock: () => Date;

  constructor(private readonly options: ProvisioningOptions) {
    this.provisioners = new InstalledProvisioners(
      options.provisioners,
      options.selection,
    );
    if (this.provisioners.ids.length > 0 && !options.cipher) {
      throw new Error(
        `Provisioners are installed (${this.provisioners.ids.join(
          ', ',
        )}) but intent.credentials.encryptionKey is not set: Cairn does not store credentials unencrypted. Set it to 32 random bytes in base64 (openssl rand -base64 32).`,
      );
    }
    this.resources = options.store.resources();
    this.clock = options.clock ?? (() => new Date());
    this.logins = new SealedLogins(options.cipher, options.logger);
    this.worker = new ResourceWorker({
      resources: this.resources,
      logins: this.logins,
      auditor: options.auditor,
      logger: options.logger,
      clock: this.clock,
      leaseMs: options.leaseMs ?? 5 * 60_000,
    });
  }

  /** The ids of the installed provisioners. */
  get installed(): string[] {
    return this.provisioners.ids;
  }

  /** The logins of an environment's usable resources, opened for an authorized owner. Never logged. */
  async credentials(environmentId: string): Promise<ResourceCredentials[]> {
    return this.logins.openAll(
      environmentId,
      await this.resources.list(environmentId),
    );
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
      const { id, provisioner, why } = this.provisioners.select(
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
    // The live version's services: applied (again: in place, keeping their data and logins, with the
    // version's limits); those a change removed are torn down.
    for (const service of details.intent.spec.services ?? []) {
      const { provisioner, id } = this.provisioners.select(
        details.environment,
        service,
      );
      await this.resources.ensure(details.id, service, id, this.clock());
      if (!provisioner) continue;
      // `torn-down`: a change removed it and a later one asks for it again.
      await this.worker.work(
        details,
        service,
        [...APPLICABLE, 'torn-down'],
        actor,
        'apply',
        () => this.worker.applyAndCheck(details, provisioner, service),
      );
    }
    await this.retireRemoved(details, actor);
    return this.resourcesOf(details);
  }

  /** Counts of stored resources per state for list entries (see EnvironmentListItem). */
  async statesOf(environmentIds: string[]) {
    return this.resources.countStates(environmentIds);
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
      // A day-2 change removed the service: tear it down (a provision cut off before it did).
      if (!(details.intent.spec.services ?? []).includes(row.service)) {
        await this.retireRemoved(details, actor);
        continue;
      }
      // Failed, missing, or left `provisioning` by an instance that died mid-apply (its lease ran out;
      // the login may exist on the server without Cairn knowing its password): apply again.
      const repair = ['failed', 'missing', 'provisioning'].includes(row.state);
      const done = await this.worker.work(
        details,
        row.service,
        [row.state],
        actor,
        repair ? 'repair' : 'check',
        async () => {
          if (repair) {
            return this.worker.applyAndCheck(details, provisioner, row.service);
          }
          const credentials = this.logins.open(row);
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
          const repaired = await this.worker.applyAndCheck(
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
      if (await this.tearDown(row, summary, actor, 'dropped')) count++;
    }
    return count;
  }

  /**
   * Tears down the stored resources of a live environment whose service its live version no longer has
   * (a day-2 change removed it). Returns how many it tore down.
   */
  private async retireRemoved(
    details: Pick<EnvironmentDetails, 'intent'> & EnvironmentSummary,
    actor: string,
  ): Promise<number> {
    const wanted = details.intent.spec.services ?? [];
    let count = 0;
    for (const row of await this.resources.list(details.id)) {
      if (wanted.includes(row.service) || row.state === 'torn-down') continue;
      if (
        await this.tearDown(
          row,
          details,
          actor,
          `removed by version ${details.revision ?? 1}: dropped`,
        )
      )
        count++;
    }
    return count;
  }

  /**
   * Tears one resource down under a lease. The claim wipes the stored login first, so a teardown that
   * fails half-way leaves no usable credentials in Cairn; the resource then stays `tearing-down` with the
   * reason and is retried on the next run. True when it was torn down now.
   */
  private async tearDown(
    row: StoredResource,
    summary: EnvironmentSummary,
    actor: string,
    what: string,
  ): Promise<boolean> {
    const lease = this.worker.lease();
    const claimed = await this.resources.claim(
      row.environmentId,
      row.service,
      NOT_TORN_DOWN,
      lease,
      this.clock(),
      { state: 'tearing-down', sealedCredentials: null },
    );
    if (!claimed) return false;
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
      return false;
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
          detail: `${what} by ${provisioner.id}`,
          checkedAt: null,
        },
        now,
        {
          ...event,
          type: 'resource-torn-down',
          at: now.toISOString(),
          message: `${row.service}: ${
            row.database ?? row.keyPrefix ?? ''
          } and its login ${what} by ${provisioner.id}`,
        },
      );
      await audit.success();
      return true;
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
      return false;
    }
  }
}

function publicView(row: StoredResource): EnvironmentResource {
  const { environmentId: _id, sealedCredentials: _sealed, ...view } = row;
  return view;
}

/** `load` memoised by id for the length of one run. */
function oncePerId<T>(load: (id: string) => Promise<T>) {
  const seen = new Map<string, Promise<T>>();
  return (id: string) => {
    if (!seen.has(id)) seen.set(id, load(id));
    return seen.get(id)!;
  };
}
