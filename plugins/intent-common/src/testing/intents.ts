import { Intent, IntentInput } from '../intent/intentSchema';
import { parseIntent } from '../intent/parseIntent';

/** A production outcome intent for tests; `patch` replaces parts of `spec` (shallowly per section). */
export function outcomeIntent(
  patch: {
    spec?: Partial<IntentInput['spec']>;
    sizing?: Record<string, unknown>;
    constraints?: Record<string, unknown>;
    metadata?: Partial<IntentInput['metadata']>;
  } = {},
): Intent {
  const doc = {
    apiVersion: 'cairn.dev/v1alpha1',
    kind: 'EnvironmentIntent',
    metadata: {
      name: 'checkout-api',
      owner: 'group:default/checkout',
      costCentre: 'CC-4711',
      ...patch.metadata,
    },
    spec: {
      environment: 'prod',
      workload: { type: 'web-service', port: 8080 },
      services: ['postgres', 'redis', 'queue', 'objectStorage', 'cdn'],
      target: { provider: 'aws', runtime: 'managed', region: 'eu-west-1' },
      ...patch.spec,
      sizing: {
        level: 'outcome',
        expectedUsers: 10000,
        growth: 'fast',
        availability: 99.9,
        p95LatencyMs: 400,
        dataGb: 50,
        ...patch.sizing,
      },
      constraints: {
        dataResidency: 'eu',
        compliance: ['gdpr'],
        approver: 'user:default/priya.raman',
        ...patch.constraints,
      },
    },
  };
  return parseIntent(doc);
}

export const NOW = new Date('2026-11-22T10:00:00Z');
export const REQUESTER = 'user:default/ada.okafor';
