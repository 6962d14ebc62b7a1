import { InputError } from '@backstage/errors';
import { Plan } from '../../plan/planTypes';
import {
  controlsFor,
  defaultComplianceProfiles,
  PlanControls,
} from '../../platform/complianceProfiles';
import { labelValue } from '../resourceNames';
import { literal, TerraformBuilder } from './TerraformDocument';

/**
 * Why Cairn cannot generate infrastructure for a plan, if it cannot: multi-region plans are planned and
 * costed (what a second region would cost), but not rendered yet.
 */
export function unrenderableReason(plan: Plan): string | undefined {
  if (plan.target.regions.length > 1)
    return `plan ${plan.name} is multi-region (${plan.target.regions.join(
      ', ',
    )}); rendering covers one region — lower spec.sizing.availability below 99.995 or render the standby region separately`;
  return undefined;
}

export function checkRenderable(plan: Plan): void {
  const reason = unrenderableReason(plan);
  if (reason) throw new InputError(reason);
}

/**
 * The paths a CDN in front of an application caches (on every cloud): its build's static files. Every
 * other path is the application's to answer, uncached, with the viewer's headers, cookies and query.
 */
export const STATIC_PATHS = ['/static/*', '/assets/*'];

/** Tags for AWS and Azure: the plan's tags with every value escaped (they come from the intent). */
export function escapedTags(plan: Plan): Record<string, string> {
  return Object.fromEntries(
    Object.entries(plan.tags).map(([k, v]) => [literal(k), literal(v)]),
  );
}

/** GCP labels: keys and values restricted to lowercase letters, digits, `_` and `-` (63 characters). */
export function gcpLabels(plan: Plan): Record<string, string> {
  return Object.fromEntries(
    Object.entries(plan.tags).map(([k, v]) => [labelValue(k), labelValue(v)]),
  );
}

/** The container image variable's default: the intent's image, escaped; none when the intent names none. */
export function containerImage(plan: Plan): { default?: string } {
  return plan.compute?.image ? { default: literal(plan.compute.image) } : {};
}

/**
 * A five-field cron expression as an EventBridge `cron(...)`: six fields, one of day-of-month/week `?`.
 * Day-of-week numbers differ (EventBridge counts 1 = Sunday); names such as MON-FRI mean the same in both.
 */
export function awsCron(schedule: string): string {
  const [minute, hour, dom, month, dow] = schedule.trim().split(/\s+/);
  return dow === '*'
    ? `cron(${minute} ${hour} ${dom} ${month} ? *)`
    : `cron(${minute} ${hour} ? ${month} ${dow} *)`;
}

/**
 * What the workload needs to reach its data services, collected while they are rendered: plain
 * settings (host names, ports, queue and bucket names, as Terraform expressions) and secrets (where in
 * the cloud's secret store each value is; never the value). The same names on every cloud.
 */
export class WorkloadWiring {
  readonly env: Record<string, string> = {};
  readonly secrets: Record<string, string> = {};

  setting(name: string, value: string | number | boolean): this {
    this.env[name] = String(value);
    return this;
  }

  secret(name: string, source: string): this {
    this.secrets[name] = source;
    return this;
  }

  /** Names and values sorted by name, so generated files are stable. */
  sortedEnv(): Array<[string, string]> {
    return Object.entries(this.env).sort(([a], [b]) => a.localeCompare(b));
  }

  sortedSecrets(): Array<[string, string]> {
    return Object.entries(this.secrets).sort(([a], [b]) => a.localeCompare(b));
  }

  /** Every name the workload gets, for the `workload_environment` output and the Kubernetes Secret. */
  names(): string[] {
    return [...Object.keys(this.env), ...Object.keys(this.secrets)].sort();
  }
}

/**
 * The names the workload gets and where each value comes from: on ECS they are set on the task; on a
 * Kubernetes cluster the platform's secret sync writes them into the `<name>-services` Secret.
 */
export function workloadEnvironmentOutput(
  tf: TerraformBuilder,
  wiring: WorkloadWiring,
) {
  if (!wiring.names().length) return;
  tf.output(
    'workload_environment',
    {
      settings: Object.fromEntries(wiring.sortedEnv()),
      secrets: Object.fromEntries(wiring.sortedSecrets()),
    },
    'What the workload reads to reach its data services: settings by name, and for secrets where the value is (never the value)',
  );
}

/** The plan's controls; plans made before compliance profiles get what an intent without profiles gets. */
export function planControls(plan: Plan): PlanControls {
  return (
    plan.controls ??
    controlsFor(
      [],
      defaultComplianceProfiles,
      plan.environment,
      plan.target.provider,
    )
  );
}

/** The plan's database and cache when they are the environment's own (shared ones are not rendered). */
export function dedicatedServices(plan: Plan) {
  return {
    database: plan.database?.placement === 'shared' ? undefined : plan.database,
    cache: plan.cache?.placement === 'shared' ? undefined : plan.cache,
  };
}

/**
 * Says, in the Terraform, which data services this environment gets on the platform's shared servers:
 * they are not resources of this bundle, and their connection is in the environment's credentials.
 */
export function sharedServicesOutput(tf: TerraformBuilder, plan: Plan) {
  const shared = [
    ...(plan.database?.placement === 'shared'
      ? [['postgres', "a database on the platform's shared PostgreSQL server"]]
      : []),
    ...(plan.cache?.placement === 'shared'
      ? [['redis', "a key prefix on the platform's shared Redis"]]
      : []),
  ];
  if (!shared.length) return;
  tf.output(
    'shared_services',
    Object.fromEntries(shared),
    "Data services on the platform's shared servers, not in this bundle: the platform's provisioner creates them, and their connection is in the environment's credentials (intent backend), not in Terraform",
  );
}
