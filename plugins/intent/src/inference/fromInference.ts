import {
  IntentInference,
  inferredIntentFields,
} from '@cairn/plugin-intent-common';
import { IntentInferenceFieldValue } from './fieldSchema';

/** The field's first value: what the repository proposed, nothing more. */
export function fromInference(
  url: string,
  inference: IntentInference,
): IntentInferenceFieldValue {
  const { workload, services, target } = inferredIntentFields(inference);
  // Only what was found: absent fields stay absent, for the form to ask.
  const value: IntentInferenceFieldValue = { url, services };
  if (workload.type) value.type = workload.type;
  if (workload.port) value.port = workload.port;
  if (workload.schedule) value.schedule = workload.schedule;
  if (target.provider) value.provider = target.provider;
  if (target.region) value.region = target.region;
  return value;
}
