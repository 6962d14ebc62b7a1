import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { IntentInferenceField } from './IntentInferenceField';
import {
  INTENT_INFERENCE_FIELD,
  IntentInferenceFieldSchema,
} from './fieldSchema';
import { validateIntentInference } from './validateIntentInference';

/** The inference field for the new frontend system, loaded lazily by its blueprint. */
export const intentInferenceFormField = createFormField({
  name: INTENT_INFERENCE_FIELD,
  component: IntentInferenceField,
  validation: validateIntentInference,
  schema: IntentInferenceFieldSchema,
});
