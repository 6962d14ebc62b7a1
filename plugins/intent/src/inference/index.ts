export { IntentInferenceField } from './IntentInferenceField';
export { validateIntentInference } from './validateIntentInference';
export {
  IntentInferenceFieldSchema,
  INTENT_INFERENCE_FIELD,
} from './fieldSchema';
export type {
  IntentInferenceFieldProps,
  IntentInferenceFieldValue,
} from './fieldSchema';
