import { InputError } from '@backstage/errors';
import { Plan } from '../../plan/planTypes';
import { labelValue } from '../resourceNames';
import { literal } from './TerraformDocument';

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
