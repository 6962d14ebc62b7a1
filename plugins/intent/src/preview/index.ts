export { IntentPreviewField } from './IntentPreviewField';
export { validateIntentPreview } from './validateIntentPreview';
export { IntentPreviewFieldSchema, INTENT_PREVIEW_FIELD } from './fieldSchema';
export type {
  IntentPreviewFieldProps,
  IntentPreviewFieldValue,
} from './fieldSchema';
export { previewIntent } from './previewIntent';
export type { IntentPreview, PreviewIssue } from './previewIntent';
