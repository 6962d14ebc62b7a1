import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { IntentPreviewField } from './IntentPreviewField';
import { INTENT_PREVIEW_FIELD, IntentPreviewFieldSchema } from './fieldSchema';
import { validateIntentPreview } from './validateIntentPreview';

/** The preview field for the new frontend system, loaded lazily by its blueprint. */
export const intentPreviewFormField = createFormField({
  name: INTENT_PREVIEW_FIELD,
  component: IntentPreviewField,
  validation: validateIntentPreview,
  schema: IntentPreviewFieldSchema,
});
