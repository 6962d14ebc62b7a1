import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ApproveEnvironmentRequest,
  canonicalSha256,
  CheckRequestResponse,
  diffLines,
  diffPlans,
  EnvironmentRevision,
  EnvironmentSummary,
  evaluateIntent,
  Intent,
  IntentEvaluation,
  isEmptyDiff,
  PlanSide,
  RenderedBundle,
  PlatformConfigResponse,
  RegisterEnvironmentRequest,
  renderBundle,
  renderEnvironmentFiles,
  renderPlanMarkdown,
} from '@cairn/plugin-intent-common';
import {
  DatabaseEnvironmentStore,
  LiveEnvironmentExistsError,
  RevisionDocuments,
  RevisionMovedError,
} from './DatabaseEnvironmentStore';
import { EnvironmentNotifier } from './EnvironmentNotifier';
import { teardownPlan } from './teardownPlan';

export type RegistryOptions = {
  store: DatabaseEnvironmentStore;
  platform: PlatformConfigResponse;
  notifier: EnvironmentNotifier;
  /** How old a plan may be when it is registered. */
  maxPlanAgeMs: number;
  /** How long before an environment expires its owner is told. */
  warnBeforeExpiryMs?: number;
  clock?: () => Date;
};

const HOUR_MS = 3_600_000;

// Clocks of the scaffolder's host and this one may differ a little.
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const ENTITY_REF =
  /^(system:)?([a-z0-9][a-z0-9._-]{0,62}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const HTTP_URL = /^https?:\/\/\S+$/;

function systemRef(system: string | undefined): string | undefined {
  if (system === undefined || system === '') return undefined;
  if (!ENTITY_REF.test(system)) {
    throw new InputError(
      'system: must be a system entity reference such as system:default/checkout',
    );
  }
  const bare = system.replace(/^system:/, '');
  return `system:${bare.includes('/') ? bare : `default/${bare}`}`;
}

function reviewUrl(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined;
  if (!HTTP_URL.test(url) || url.length > 2048) {
    throw new InputError('reviewUrl: must be an http(s) URL');
  }
  return url;
}

/**
 * The environment registry's rules: what a registration must prove, who may approve production, and
 * how environments expire. Callers (the router, the scheduler) have authenticated and authorized the
 * actor already; the rules that depend on who the actor is in relation to the environment live here.
 */
export class EnvironmentRegistry {
  private readonly clock: () => Date;

  constructor(private readonly options: RegistryOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  get platform() {
    return this.options.platform;
  }

  /**
   * Plans a registration's intent again with the platform's data and the requester's identity, so the
   * registry never stores a plan the platform would not make; the guardrails must pass and the bundle
   * hash from the scaffolder must match.
   */
  private replan(request: RegisterEnvironmentRequest, requester: string) {
    const now = this.clock();
    const plannedAt = new Date(request.plannedAt);
    if (Number.isNaN(plannedAt.getTime())) {
      throw new InputError('plannedAt: must be an ISO 8601 time');
    }
    if (plannedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw new InputError('plannedAt: is in the future');
    }
    if (now.getTime() - plannedAt.getTime() > this.options.maxPlanAgeMs) {
      throw new InputError(
        `plannedAt: the plan is older than ${
          this.options.maxPlanAgeMs / 3_600_000
        } hours; plan again`,
      );
    }
    const { config, version } = this.options.platform;
    const evaluation = evaluateIntent(request.intent, config, {
      requester,
      now: plannedAt,
    });
    const { policies } = evaluation;
    if (!policies.passed) {
      throw new InputError(
        `intent: blocked by the guardrails: ${[
          ...policies.violations,
          ...policies.errors,
        ]
          .map(r => `${r.policyId}: ${r.message}`)
          .join('; ')}`,
      );
    }
    const bundle = renderBundle(evaluation.plan, config);
    if (bundle.manifest.sha256 !== request.bundleSha256) {
      throw new ConflictError(
        `bundleSha256: the platform now plans this intent as bundle ${
          bundle.manifest.sha256
        } (platform ${version.slice(0, 12)}), not ${
          request.bundleSha256
        }; plan again`,
      );
    }
    return { now, evaluation, bundle };
  }

  /** One version's documents, figures and files, as the store keeps them. */
  private documents(
    evaluation: IntentEvaluation,
    bundle: RenderedBundle,
  ): RevisionDocuments {
    const { intent, plan, cost, policies } = evaluation;
    return {
      intent,
      plan,
      cost,
      policyReport: policies,
      planMarkdown: renderPlanMarkdown(evaluation),
      bundleManifest: bundle.manifest,
      monthlyCostLowUsd: cost.totalLowUsd,
      monthlyCostHighUsd: cost.totalHighUsd,
      priceTableVersion: cost.priceTableVersion,
      policyPackVersion: policies.packVersion,
      platformVersion: this.options.platform.version,
      intentSha256: canonicalSha256(intent),
      bundleSha256: bundle.manifest.sha256,
      policies: {
        passed: policies.passed,
        violations: policies.violations.length,
        warnings: policies.warnings.length,
      },
      files: renderEnvironmentFiles(evaluation, bundle),
    };
  }

  /**
   * Registers what a plan produced (see replan). Production starts `awaiting-approval`, other kinds
   * `active`. With `change`, a live environment of the same name and kind gets the intent as its next
   * version instead (see change).
   */
  async register(
    request: RegisterEnvironmentRequest,
    requester: string,
    options: {
      /** The owning group a platform team member requests for (not a member of it). */
      actingFor?: string;
    } = {},
  ): Promise<{
    environment: EnvironmentSummary;
    created: boolean;
    revision?: EnvironmentRevision;
  }> {
    if (request.change && request.idempotencyKey) {
      // A retried change task gets the version it made first.
      const made = await this.options.store.revisionByKey(
        request.idempotencyKey,
      );
      if (made) {
        return {
          environment: await this.get(made.environmentId),
          created: false,
          revision: made,
        };
      }
    }
    const { now, evaluation, bundle } = this.replan(request, requester);
    const { intent, plan } = evaluation;
    const system = systemRef(request.system);
    const review = reviewUrl(request.reviewUrl);
    if (plan.expiresAt && new Date(plan.expiresAt) <= now) {
      throw new InputError(
        `intent: spec.constraints.ttlHours: the environment would have expired at ${plan.expiresAt}; plan again`,
      );
    }
    const status =
      intent.spec.environment === 'prod' ? 'awaiting-approval' : 'active';
    const id = randomUUID();
    const at = now.toISOString();
    const { files, ...documents } = this.documents(evaluation, bundle);
    let result;
    try {
      result = await this.options.store.insert(
        {
          ...documents,
          id,
          name: intent.metadata.name,
          environment: intent.spec.environment,
          owner: intent.metadata.owner,
          requester,
          system,
          description: intent.metadata.description,
          status,
          createdAt: at,
          expiresAt: plan.expiresAt,
          reviewLinks: review ? [{ url: review, title: 'Review' }] : [],
          taskId: request.taskId,
          idempotencyKey: request.idempotencyKey,
        },
        files,
        {
          type: 'requested',
          at,
          actor: requester,
          toStatus: status,
          message:
            [
              options.actingFor
                ? `requested by the platform team for ${options.actingFor}`
                : undefined,
              status === 'awaiting-approval'
                ? 'production: waiting for an approver other than the requester'
                : undefined,
            ]
              .filter(Boolean)
              .join('; ') || undefined,
        },
      );
    } catch (error) {
      if (error instanceof LiveEnvironmentExistsError) {
        if (request.change) {
          return this.change(error.existingId, request, requester, {
            evaluation,
            bundle,
            documents: { ...documents, files },
            now,
            actingFor: options.actingFor,
          });
        }
        throw new ConflictError(
          `intent: metadata.name: a live ${intent.spec.environment} environment named ${intent.metadata.name} exists (${error.existingId}); change it (the template's "change the live environment" option) or choose another name`,
        );
      }
      throw error;
    }
    if (
      !result.created &&
      result.summary.intentSha256 !== documents.intentSha256
    ) {
      throw new ConflictError(
        `idempotencyKey: already registered environment ${result.summary.id} from a different intent`,
      );
    }
    if (result.created && status === 'awaiting-approval') {
      await this.options.notifier.approvalNeeded(result.summary, intent);
    }
    return { environment: result.summary, created: result.created };
  }

  /** The live version of an environment as a change compares it. */
  private async liveSide(id: string): Promise<{
    details: NonNullable<
      Awaited<ReturnType<DatabaseEnvironmentStore['getDetails']>>
    >;
    side: PlanSide;
  }> {
    const details = await this.options.store.getDetails(id);
    if (!details) throw new NotFoundError(`environment ${id} not found`);
    return {
      details,
      side: {
        intent: details.intent,
        plan: details.plan,
        cost: details.cost,
        policyReport: details.policyReport,
        terraform: await this.options.store.terraformOf(id),
        kubernetes: (
          await this.options.store.getFile(id, 'kubernetes/workload.yaml')
        )?.content,
      },
    };
  }

  private static sideOf(
    evaluation: IntentEvaluation,
    bundle: RenderedBundle,
  ): PlanSide {
    const file = (path: string) =>
      bundle.files.find(f => f.path === path)?.content;
    return {
      intent: evaluation.intent,
      plan: evaluation.plan,
      cost: evaluation.cost,
      policyReport: evaluation.policies,
      terraform: file('terraform/main.tf.json'),
      kubernetes: file('kubernetes/workload.yaml'),
    };
  }

  /**
   * What an intent would change in the live environment of its name and kind (the plan preview and
   * the plan action ask before anything is stored); undefined when there is none.
   */
  async previewChange(
    intent: Intent,
    requester: string,
  ): Promise<CheckRequestResponse['change']> {
    // Planned only when there is a live environment to compare with.
    const live = await this.options.store.findLive(
      intent.metadata.name,
      intent.spec.environment,
    );
    if (!live) return undefined;
    const { config } = this.options.platform;
    const evaluation = evaluateIntent(intent, config, {
      requester,
      now: this.clock(),
    });
    const { side } = await this.liveSide(live.id);
    return {
      environmentId: live.id,
      revision: live.revision ?? 1,
      diff: diffPlans(
        side,
        EnvironmentRegistry.sideOf(
          evaluation,
          renderBundle(evaluation.plan, config),
        ),
      ),
    };
  }

  /**
   * A day-2 change: the planned intent becomes the live environment's next version, with its diff
   * against the live one. The owner does not change (the requester's membership of it was checked);
   * the expiry becomes the new plan's (the one its files and tags carry). Production waits for an approver other than the
   * change's requester; other kinds are applied at once, and provisioning then applies them in place
   * (kept data services keep their data). An intent equal to the live one changes nothing.
   */
  private async change(
    id: string,
    request: RegisterEnvironmentRequest,
    requester: string,
    planned: {
      evaluation: IntentEvaluation;
      bundle: RenderedBundle;
      /** What register made of them already. */
      documents: RevisionDocuments;
      now: Date;
      actingFor?: string;
    },
  ): Promise<{
    environment: EnvironmentSummary;
    created: boolean;
    revision?: EnvironmentRevision;
  }> {
    const { evaluation, bundle, documents, now } = planned;
    const { details, side } = await this.liveSide(id);
    const { intent } = evaluation;
    if (details.status !== 'active') {
      throw new ConflictError(
        `status: environment ${id} is ${details.status}; only an active environment can be changed (production is changed once its first version is approved)`,
      );
    }
    if (intent.metadata.owner !== details.owner) {
      throw new InputError(
        `intent: metadata.owner: environment ${id} is owned by ${details.owner}; a change keeps its owner`,
      );
    }
    const live = details.revision ?? 1;
    if (
      request.basedOnRevision !== undefined &&
      request.basedOnRevision !== live
    ) {
      throw new ConflictError(
        `basedOnRevision: environment ${id} moved to version ${live} since this change was reviewed against version ${request.basedOnRevision}; plan again`,
      );
    }
    // The same intent again (planned later, so only its expiry would move): nothing to change; a
    // lifetime is extended with extend.
    if (documents.intentSha256 === details.intentSha256) {
      const revision = await this.options.store.getRevision(id, live);
      if (revision) delete revision.pending;
      return { environment: details, created: false, revision };
    }
    const diff = diffPlans(
      side,
      EnvironmentRegistry.sideOf(evaluation, bundle),
    );
    const apply = details.environment !== 'prod';
    const at = now.toISOString();
    let stored;
    try {
      stored = await this.options.store.proposeRevision(id, {
        basedOn: details.revision ?? 1,
        requester,
        createdAt: at,
        taskId: request.taskId,
        idempotencyKey: request.idempotencyKey,
        diff,
        documents,
        apply,
        event: {
          type: apply ? 'changed' : 'change-requested',
          at,
          actor: requester,
          fromStatus: details.status,
          toStatus: details.status,
          message: [
            planned.actingFor
              ? `requested by the platform team for ${planned.actingFor}`
              : undefined,
            apply
              ? 'applied; provisioning applies it in place'
              : 'production: waiting for an approver other than the requester',
            isEmptyDiff(diff)
              ? 'the plan is unchanged'
              : diffLines(diff, text => `\`${text}\``).join('; '),
          ]
            .filter(Boolean)
            .join('; '),
        },
      });
    } catch (error) {
      if (error instanceof RevisionMovedError) {
        throw new ConflictError(
          `intent: environment ${id} moved to version ${error.live} while this change was planned; plan again`,
        );
      }
      throw error;
    }
    if (!stored) {
      throw new ConflictError(
        `status: environment ${id} is no longer active, or its teardown was requested; it cannot be changed`,
      );
    }
    if (!apply) {
      await this.options.notifier.approvalNeeded(stored.summary, intent);
    }
    return {
      environment: stored.summary,
      created: true,
      revision: stored.revision,
    };
  }

  /**
   * Approves a production environment. The approver has the approve permission (checked by the caller
   * with the approver's own credentials) and must not be the requester.
   */
  async approve(
    id: string,
    approver: string,
    request: ApproveEnvironmentRequest,
    /**
     * Whether this approver may approve it (the named approver, or an override recorded with the
     * approval), asked after the requester rule; nothing is open while it asks the catalog.
     */
    checkApprover: (
      intent: Intent,
    ) => Promise<{ override?: string }> = async () => ({}),
  ): Promise<EnvironmentSummary> {
    // The details carry the intent, whose named approver the check reads.
    const environment = await this.options.store.getDetails(id);
    if (!environment) throw new NotFoundError(`environment ${id} not found`);
    if (environment.status === 'active' && environment.pendingRevision) {
      return this.approveChange(
        environment,
        environment.pendingRevision,
        approver,
        request,
        checkApprover,
      );
    }
    if (request.revision !== undefined && request.revision !== 1) {
      throw new ConflictError(
        `revision: no version ${request.revision} of environment ${id} waits for approval`,
      );
    }
    if (environment.requester === approver) {
      throw new NotAllowedError(
        `approver: ${approver} requested environment ${id} and cannot approve it; another holder of intent.environment.approve must`,
      );
    }
    const { override } = await checkApprover(environment.intent);
    if (environment.status !== 'awaiting-approval') {
      throw new ConflictError(
        `status: environment ${id} is ${environment.status}, not awaiting-approval`,
      );
    }
    const review = reviewUrl(request.reviewUrl);
    const at = this.clock().toISOString();
    const approved = await this.options.store.transition(id, {
      from: ['awaiting-approval'],
      event: {
        type: 'approved',
        at,
        actor: approver,
        fromStatus: 'awaiting-approval',
        toStatus: 'active',
        message:
          [override, request.comment?.slice(0, 1000)]
            .filter(Boolean)
            .join(' — ') || undefined,
      },
      patch: {
        approvedBy: approver,
        approvedAt: at,
        reviewLinks: review
          ? [...environment.reviewLinks, { url: review, title: 'Approval' }]
          : undefined,
      },
    });
    if (!approved) {
      throw new ConflictError(
        `status: environment ${id} changed while it was being approved`,
      );
    }
    return approved;
  }

  /**
   * Approves the day-2 change of a production environment that waits: the same rules as the first
   * version's approval, with the change's requester (who cannot approve it) and intent (whose named
   * approver is checked). Applying it makes it the live version.
   */
  private async approveChange(
    environment: EnvironmentSummary,
    revision: number,
    approver: string,
    request: ApproveEnvironmentRequest,
    checkApprover: (intent: Intent) => Promise<{ override?: string }>,
  ): Promise<EnvironmentSummary> {
    const { id } = environment;
    if (request.revision !== undefined && request.revision !== revision) {
      throw new ConflictError(
        `revision: version ${revision} of environment ${id} waits for approval now, not ${request.revision}; review it first`,
      );
    }
    const pending = await this.options.store.getRevision(id, revision);
    if (!pending?.pending) {
      throw new ConflictError(
        `revision: version ${revision} of environment ${id} no longer waits for approval`,
      );
    }
    if (pending.requester === approver) {
      throw new NotAllowedError(
        `approver: ${approver} requested version ${revision} of environment ${id} and cannot approve it; another holder of intent.environment.approve must`,
      );
    }
    const { override } = await checkApprover(pending.pending.intent);
    const at = this.clock().toISOString();
    const approved = await this.options.store.approveRevision(id, revision, {
      approvedBy: approver,
      event: {
        type: 'change-approved',
        at,
        actor: approver,
        fromStatus: environment.status,
        toStatus: environment.status,
        message:
          [
            `version ${revision} applied`,
            override,
            request.comment?.slice(0, 1000),
            reviewUrl(request.reviewUrl),
          ]
            .filter(Boolean)
            .join(' — ') || undefined,
      },
    });
    if (!approved) {
      throw new ConflictError(
        `revision: version ${revision} of environment ${id} changed while it was being approved`,
      );
    }
    return approved;
  }

  /** Ends a live environment before its TTL: its expiry becomes now, and the next expiry run expires it. */
  async requestTeardown(
    id: string,
    actor: string,
  ): Promise<EnvironmentSummary> {
    const environment = await this.get(id);
    const updated = await this.options.store.requestTeardown(id, {
      type: 'teardown-requested',
      at: this.clock().toISOString(),
      actor,
      fromStatus: environment.status,
      toStatus: environment.status,
    });
    if (!updated) {
      throw new ConflictError(
        `status: environment ${id} is ${environment.status}; only live environments can be torn down`,
      );
    }
    return updated;
  }

  /**
   * The most hours an environment of this kind may live from now: the `environment-ttl` policy's
   * parameter for the kind, when the policy is on and names one.
   */
  maxLifetimeHours(kind: string): number | undefined {
    const policy = this.options.platform.config.policyPack.policies.find(
      p => p.id === 'environment-ttl',
    );
    const limits = policy?.params?.maxTtlHours as
      | Record<string, number>
      | undefined;
    return limits?.[kind];
  }

  /**
   * Extends a live environment: it now expires `hours` from now, within its kind's maximum lifetime.
   * Only environments that expire can be extended, and not once their teardown was requested.
   */
  async extend(
    id: string,
    hours: unknown,
    actor: string,
  ): Promise<EnvironmentSummary> {
    const environment = await this.get(id);
    const max = this.maxLifetimeHours(environment.environment);
    if (
      typeof hours !== 'number' ||
      !Number.isInteger(hours) ||
      hours < 1 ||
      (max !== undefined && hours > max)
    ) {
      throw new InputError(
        max === undefined
          ? 'hours: must be a whole number of hours, at least 1'
          : `hours: must be a whole number of hours from 1 to ${max} (a ${environment.environment} environment lives at most ${max} hours from now)`,
      );
    }
    if (!environment.expiresAt) {
      throw new ConflictError(
        `expiresAt: environment ${id} does not expire; there is nothing to extend`,
      );
    }
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + hours * HOUR_MS).toISOString();
    const updated = await this.options.store.extend(id, expiresAt, {
      type: 'extended',
      at: now.toISOString(),
      actor,
      fromStatus: environment.status,
      toStatus: environment.status,
      message: `expires at ${expiresAt} (was ${environment.expiresAt})`,
    });
    if (!updated) {
      throw new ConflictError(
        `status: environment ${id} is ${environment.status}${
          (await this.options.store.teardownRequestedBy(id))
            ? ' and its teardown was requested'
            : ''
        }; only live environments that are not being torn down can be extended`,
      );
    }
    return updated;
  }

  /** Tells the owners of environments that expire soon, once per expiry (an extension resets it). */
  async warnExpiring(): Promise<EnvironmentSummary[]> {
    const now = this.clock();
    const before = new Date(
      now.getTime() + (this.options.warnBeforeExpiryMs ?? 24 * HOUR_MS),
    );
    const warned = await this.options.store.claimExpiryWarnings(
      now,
      before,
      500,
    );
    for (const environment of warned)
      await this.options.notifier.expiresSoon(
        environment,
        this.maxLifetimeHours(environment.environment),
      );
    return warned;
  }

  /**
   * Expires every live environment past its expiry: status `expired`, a teardown plan from its bundle,
   * and a notification to the owner. Returns what it expired.
   */
  async expireDue(actor: string): Promise<EnvironmentSummary[]> {
    const now = this.clock();
    const expired: EnvironmentSummary[] = [];
    for (const due of await this.options.store.dueForExpiry(now, 500)) {
      const details = await this.options.store.getDetails(due.id);
      if (!details) continue;
      const requestedBy = await this.options.store.teardownRequestedBy(due.id);
      const plan = teardownPlan({
        reason: requestedBy ? 'requested' : 'ttl',
        now,
        manifest: details.bundleManifest,
        terraform: await this.options.store.terraformOf(due.id),
      });
      const summary = await this.options.store.transition(due.id, {
        from: [due.status],
        event: {
          type: 'expired',
          at: now.toISOString(),
          actor,
          fromStatus: due.status,
          toStatus: 'expired',
          message: requestedBy
            ? `torn down early at the request of ${requestedBy}`
            : `TTL passed at ${due.expiresAt}`,
        },
        patch: { teardownPlan: plan },
      });
      // Another replica expired it first.
      if (!summary) continue;
      expired.push(summary);
      await this.options.notifier.expired(summary, plan);
    }
    return expired;
  }

  async get(id: string): Promise<EnvironmentSummary> {
    const environment = await this.options.store.getSummary(id);
    if (!environment) throw new NotFoundError(`environment ${id} not found`);
    return environment;
  }
}
