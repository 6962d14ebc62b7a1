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
  const fields = inferredIntentFields(inference);
  const value: IntentInferenceFieldValue = {
    url,
    services: fields.services,
  };
  if (fields.workload.type) value.type = fields.workload.type as any;
  if (fields.workload.port) value.port = fields.workload.port as number;
  if (fields.workload.schedule) {
    value.schedule = fields.workload.schedule as string;
  }
  if (fields.target.provider) value.provider = fields.target.provider as any;
  if (fields.target.region) value.region = fields.target.region as string;
  return value;
}
