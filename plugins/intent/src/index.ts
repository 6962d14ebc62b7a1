/**
 * Cairn self-service environments in the portal (legacy frontend system). Portals on the new
 * frontend system import `@cairn/plugin-intent/alpha` instead.
 *
 * @packageDocumentation
 */
export {
  intentPlugin,
  IntentPreviewFieldExtension,
  IntentInferenceFieldExtension,
  EnvironmentsPage,
  EntityGroupEnvironmentsCard,
} from './plugin';
export { intentApiRef } from './api';
export { rootRouteRef } from './routes';
export {
  INTENT_PREVIEW_FIELD,
  IntentPreviewFieldSchema,
  previewIntent,
} from './preview';
export type {
  IntentPreviewFieldProps,
  IntentPreviewFieldValue,
  IntentPreview,
  PreviewIssue,
} from './preview';
export {
  INTENT_INFERENCE_FIELD,
  IntentInferenceFieldSchema,
} from './inference';
export type {
  IntentInferenceFieldProps,
  IntentInferenceFieldValue,
} from './inference';
