import type {
  OwnerProblem,
  OwnershipReportResponse,
} from '@cairn/plugin-insights-common';
import { DateTime } from 'luxon';

/*
 * Owner health from the catalog (../shared/DESIGN.md, "Ownership"): the owner resolves to an existing
 * Group with current members, on-call is mapped (PagerDuty or Opsgenie annotations on the component
 * or its owning group), and the owner was confirmed within a configurable age.
 */

/** When the owner was last confirmed (an ISO date). */
export const ANNOTATION_OWNER_VERIFIED = 'cairn.dev/owner-verified';

/** On-call annotations of the PagerDuty and Opsgenie plugins. */
const ON_CALL_ANNOTATIONS: Array<[string, 'PagerDuty' | 'Opsgenie']> = [
  ['pagerduty.com/integration-key', 'PagerDuty'],
  ['pagerduty.com/service-id', 'PagerDuty'],
  ['opsgenie.com/team', 'Opsgenie'],
  ['opsgenie.com/component-selector', 'Opsgenie'],
];

/** The owner problems and the health the API answers (insights-common). */
export type { OwnerProblem };
export type OwnerHealth = OwnershipReportResponse['ownerHealth'];

type Annotated = { annotations?: Record<string, string> };

function onCallOf(metadata: Annotated | undefined) {
  const annotations = metadata?.annotations ?? {};
  const hit = ON_CALL_ANNOTATIONS.find(([key]) => annotations[key]?.trim());
  return hit?.[1];
}

export function ownerHealth(input: {
  component: { owner?: string; metadata: Annotated };
  /** The owner as the catalog has it; undefined when the reference resolves to nothing. */
  owner?: { kind: 'group' | 'user'; metadata: Annotated };
  /** Current members of the owning group; for a user owner, the groups the user belongs to. */
  members: number;
  now: number;
  staleAfterDays: number;
}): OwnerHealth {
  const problems: OwnerProblem[] = [];
  const ownerRef = input.component.owner ?? null;
  if (!ownerRef) problems.push('no-owner');
  else if (!input.owner) problems.push('owner-missing');
  else if (input.owner.kind === 'user')
    problems.push(input.members === 0 ? 'owner-left' : 'owner-is-person');
  else if (input.members === 0) problems.push('no-members');

  const text =
    input.component.metadata.annotations?.[ANNOTATION_OWNER_VERIFIED]?.trim();
  let confirmedOn: string | null = null;
  let age: number | null = null;
  if (!text) problems.push('never-confirmed');
  else {
    const date = DateTime.fromISO(text, { zone: 'utc' });
    if (!date.isValid) problems.push('confirmation-unreadable');
    else {
      confirmedOn = date.toISODate();
      age = Math.floor((input.now - date.toMillis()) / 86_400_000);
      if (age > input.staleAfterDays) problems.push('confirmation-stale');
    }
  }

  const fromComponent = onCallOf(input.component.metadata);
  const fromGroup =
    input.owner?.kind === 'group' ? onCallOf(input.owner.metadata) : undefined;
  let onCall: OwnerHealth['onCall'] = null;
  if (fromComponent) onCall = { provider: fromComponent, on: 'component' };
  else if (fromGroup) onCall = { provider: fromGroup, on: 'group' };
  if (!onCall) problems.push('no-on-call');

  return {
    owner: ownerRef,
    ownerKind: input.owner?.kind ?? null,
    members: input.members,
    confirmedOn,
    confirmationAgeDays: age,
    onCall,
    problems,
    healthy: problems.length === 0,
  };
}
