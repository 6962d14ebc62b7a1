import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
// The registry builds action schemas with zod's v3 API.
import type { z as zodV3 } from 'zod/v3';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  evaluateIntent,
  inferredIntentFields,
  intentEnvironmentReadPermission,
  IntentEvaluation,
  renderBundle,
} from '@cairn/plugin-intent-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { RepositoryInference } from '../inference/RepositoryInference';
import { EnvironmentRegistry } from '../registry/EnvironmentRegistry';
import { OwnershipVerifier } from '../registry/OwnershipVerifier';
import { authorizeOrThrow, registerAsUser } from '../service/requests';

export interface IntentActionsOptions {
  actionsRegistry: ActionsRegistryService;
  registry: EnvironmentRegistry;
  inference: RepositoryInference;
  permissions: PermissionsService;
  ownership: OwnershipVerifier;
  auditor: AuditorService;
  catalog: CatalogService;
}

const INTENT_HELP =
  'An EnvironmentIntent document (apiVersion cairn.dev/v1alpha1, kind EnvironmentIntent) as an object or YAML text: metadata {name, owner (group:default/<team>), costCentre}, spec {environment: preview|dev|staging|prod, workload {type: web-service|worker|scheduled-job|static-site, port?}, services [postgres|redis|queue|objectStorage|cdn], target {provider: aws|gcp|azure, region}, sizing {level: outcome, expectedUsers, growth: stable|fast, p95LatencyMs, availability?} or {level: directional, instances, size?}, constraints {dataResidency?: eu|us|any, monthlyBudgetUsd?, compliance?: [hipaa|soc2|gdpr], approver? (user:default/<name>, required for prod)}}. list-platform-rules gives the regions and guardrails; infer-intent proposes one from a repository.';

/** The input of the actions that take an intent. */
const intentInput = (z: typeof zodV3) =>
  z.object({
    intent: z.union([z.string(), z.record(z.any())]).describe(INTENT_HELP),
  });

/** Only people: an assistant acts for the user who connected it, never as a service of its own. */
function asUser(
  credentials: BackstageCredentials,
): BackstageCredentials<BackstageUserPrincipal> {
  if ((credentials.principal as { type?: string }).type !== 'user') {
    throw new NotAllowedError(
      "Cairn's actions act for a signed-in user; connect the assistant with a user's token",
    );
  }
  return credentials as BackstageCredentials<BackstageUserPrincipal>;
}

const usd = (n: number) => Math.round(n * 100) / 100;

/** A plan, cost and verdict in the terms an assistant relays: what passes, what blocks and what to change. */
function describeEvaluation(evaluation: IntentEvaluation) {
  const { intent, plan, cost, policies } = evaluation;
  const blocking = [...policies.violations, ...policies.errors];
  return {
    status: policies.passed ? ('passed' as const) : ('denied' as const),
    name: intent.metadata.name,
    environment: intent.spec.environment,
    owner: intent.metadata.owner,
    monthlyCostUsd: {
      low: usd(cost.totalLowUsd),
      high: usd(cost.totalHighUsd),
      at10x: usd(cost.scales[0]?.totalHighUsd ?? 0),
      at100x: usd(cost.scales[1]?.totalHighUsd ?? 0),
    },
    guardrails: policies.results
      .filter(r => r.status !== 'not-applicable')
      .map(r => ({
        policyId: r.policyId,
        severity: r.severity,
        status: r.status,
        ...(r.message ? { message: r.message } : {}),
      })),
    toFix: blocking.map(r => `${r.policyId}: ${r.message ?? r.description}`),
    sizing: plan.explanations.slice(0, 40).map(e => ({
      key: e.path,
      value: String(e.value),
      why: e.rule,
    })),
    ...(plan.expiresAt ? { expiresAt: plan.expiresAt } : {}),
  };
}

/**
 * Cairn's intent operations in Backstage's actions registry, so the portal's MCP server offers them to
 * assistants: plan an intent, list the platform's rules and templates, infer an intent from a
 * repository, register an environment. Each runs as the calling user with the portal's own checks
 * (permissions, ownership and approver against the catalog, the guardrails); none can skip one.
 */
export function registerIntentActions(options: IntentActionsOptions) {
  const { actionsRegistry, registry } = options;
  const reader = async (credentials: BackstageCredentials) => {
    const user = asUser(credentials);
    await authorizeOrThrow(
      options.permissions,
      user,
      intentEnvironmentReadPermission,
    );
    return user;
  };
  const evaluate = (intent: unknown, requester: string, now = new Date()) => {
    try {
      return evaluateIntent(intent, registry.platform.config, {
        requester,
        now,
      });
    } catch (error) {
      if ((error as Error).name === 'InputError') throw error;
      throw new InputError(`intent: ${(error as Error).message}`);
    }
  };

  actionsRegistry.register({
    name: 'plan-intent',
    title: 'Plan an environment intent',
    description: `Plans an environment intent with the platform's sizes, prices and guardrails, exactly as the portal's templates plan it, without registering anything. Returns the monthly cost now and at 10× and 100× load, every guardrail's verdict, and for a denial what to change (toFix). An invalid intent is an error naming each field. ${INTENT_HELP}`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: intentInput,
      output: z =>
        z.object({
          status: z
            .enum(['passed', 'denied'])
            .describe('passed: it can be registered; denied: see toFix'),
          name: z.string(),
          environment: z.string(),
          owner: z.string(),
          monthlyCostUsd: z.object({
            low: z.number(),
            high: z.number(),
            at10x: z.number(),
            at100x: z.number(),
          }),
          guardrails: z.array(
            z.object({
              policyId: z.string(),
              severity: z.string(),
              status: z.string(),
              message: z.string().optional(),
            }),
          ),
          toFix: z
            .array(z.string())
            .describe(
              'For a denial: each blocking guardrail and what to change',
            ),
          sizing: z
            .array(
              z.object({ key: z.string(), value: z.string(), why: z.string() }),
            )
            .describe('Each planned number and the rule that produced it'),
          expiresAt: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const user = await reader(credentials);
      return {
        output: describeEvaluation(
          evaluate(input.intent, user.principal.userEntityRef),
        ),
      };
    },
  });

  actionsRegistry.register({
    name: 'list-platform-rules',
    title: "List the platform's rules",
    description:
      "The platform team's rules an intent is checked against: the guardrails (id, deny or warn, what each requires), the regions per cloud with their geography (for data residency), the compliance profiles and the workload types and data services an intent may name.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          version: z.string(),
          guardrails: z.array(
            z.object({
              id: z.string(),
              severity: z.string(),
              description: z.string(),
              environments: z.array(z.string()).optional(),
            }),
          ),
          regions: z.record(
            z.array(z.object({ id: z.string(), geography: z.string() })),
          ),
          complianceProfiles: z.array(z.string()),
          workloadTypes: z.array(z.string()),
          dataServices: z.array(z.string()),
        }),
    },
    action: async ({ credentials }) => {
      await reader(credentials);
      const { config, version } = registry.platform;
      return {
        output: {
          version,
          guardrails: config.policyPack.policies.map(p => ({
            id: p.id,
            severity: p.severity,
            description: p.description,
            ...(p.environments ? { environments: p.environments } : {}),
          })),
          regions: Object.fromEntries(
            Object.entries(config.sizeCatalog.providers).map(
              ([provider, catalog]) => [
                provider,
                Object.entries(catalog.regions).map(([id, info]) => ({
                  id,
                  geography: info.geography,
                })),
              ],
            ),
          ),
          complianceProfiles: Object.keys(config.complianceProfiles),
          workloadTypes: [
            'web-service',
            'worker',
            'scheduled-job',
            'static-site',
          ],
          dataServices: ['postgres', 'redis', 'queue', 'objectStorage', 'cdn'],
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-templates',
    title: 'List the environment templates',
    description:
      "The portal's environment templates (scaffolder templates of type environment) the user can see, with where to open each. A person can finish any plan there in the browser.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          templates: z.array(
            z.object({
              ref: z.string(),
              title: z.string(),
              description: z.string(),
              path: z.string().describe("The template's form in the portal"),
            }),
          ),
        }),
    },
    action: async ({ credentials }) => {
      const user = asUser(credentials);
      // The catalog answers with what this user may see.
      const { items } = await options.catalog.getEntities(
        { filter: { kind: 'Template', 'spec.type': 'environment' } },
        { credentials: user },
      );
      return {
        output: {
          templates: items.map(t => ({
            ref: stringifyEntityRef(t),
            title: t.metadata.title ?? t.metadata.name,
            description: t.metadata.description ?? '',
            path: `/create/templates/${t.metadata.namespace ?? 'default'}/${
              t.metadata.name
            }`,
          })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'infer-intent',
    title: 'Infer an intent from a repository',
    description:
      "Reads a repository through the portal's integrations (Dockerfile, package.json, pom.xml, build.gradle, go.mod, requirements.txt, pyproject.toml, compose files, .env examples, Spring configuration, Terraform, Kubernetes manifests) and proposes the intent's workload, port, data services, cloud and region. Every value carries the files and lines it came from and a confidence; what no file says is listed in unknowns: ask the user for those, never guess them.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          url: z
            .string()
            .min(8)
            .max(2048)
            .describe(
              'The repository URL, e.g. https://github.com/org/repo/tree/main',
            ),
        }),
      output: z =>
        z.object({
          proposed: z
            .object({
              workload: z.record(z.any()),
              services: z.array(z.string()),
              target: z.record(z.any()),
            })
            .describe("The intent's spec fields the repository says"),
          unknowns: z
            .array(z.string())
            .describe('Intent fields no file says: ask the user'),
          findings: z
            .record(z.any())
            .describe(
              'Every finding with its sources (file:line) and confidence, and notes',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      await reader(credentials);
      const inference = await options.inference.infer(input.url);
      return {
        output: {
          proposed: inferredIntentFields(inference),
          unknowns: inference.unknowns,
          findings: inference as unknown as Record<string, unknown>,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'register-environment',
    title: 'Register an environment',
    description: `Registers an environment from an intent as the calling user, with the portal's rules: the user needs the permission for the environment kind and must belong to the owning team; the guardrails must pass (call plan-intent first and fix what it says); production waits for its approver, another person, to approve it in the portal. Returns the environment's id, status and page. ${INTENT_HELP}`,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: intentInput,
      output: z =>
        z.object({
          environmentId: z.string(),
          status: z
            .string()
            .describe('active, or awaiting-approval for production'),
          created: z.boolean(),
          path: z.string().describe("The environment's page in the portal"),
        }),
    },
    action: async ({ input, credentials }) => {
      const user = asUser(credentials);
      const requester = user.principal.userEntityRef;
      const event = await options.auditor.createEvent({
        eventId: 'environment-register',
        severityLevel: 'medium',
        meta: { via: 'actions', actor: requester },
      });
      try {
        // Planned at one moment, registered with it: the registry plans again at plannedAt.
        const now = new Date();
        const evaluation = evaluate(input.intent, requester, now);
        if (!evaluation.policies.passed) {
          const { toFix } = describeEvaluation(evaluation);
          throw new InputError(
            `The guardrails deny this intent; change it and plan again: ${toFix.join(
              '; ',
            )}`,
          );
        }
        const plannedAt = now.toISOString();
        const bundle = renderBundle(evaluation.plan, registry.platform.config);
        const result = await registerAsUser(
          {
            permissions: options.permissions,
            ownership: options.ownership,
            registry,
          },
          user,
          {
            intent: evaluation.intent,
            plannedAt,
            bundleSha256: bundle.manifest.sha256,
          },
        );
        await event.success({
          meta: {
            environmentId: result.environment.id,
            status: result.environment.status,
            created: result.created,
            ...(result.actingFor ? { actingFor: result.actingFor } : {}),
          },
        });
        return {
          output: {
            environmentId: result.environment.id,
            status: result.environment.status,
            created: result.created,
            path: `/environments/${result.environment.id}`,
          },
        };
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  });
}
