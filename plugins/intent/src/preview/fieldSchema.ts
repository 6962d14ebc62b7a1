import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * The preview field's value and options. The value is the preview's outcome, kept in the form so
 * that the field's validation runs on Next / Review; templates do not read it. `ui:options.intent` is
 * the intent with `${{ parameters.<field> }}` placeholders, as in the template's plan step.
 */
export const IntentPreviewFieldSchema = makeFieldSchema({
  output: z =>
    z.object({
      status: z.enum(['invalid', 'denied', 'warning', 'valid', 'unavailable']),
      monthlyCostHighUsd: z.number().optional(),
      /** The form's labels by field name, so that the validation's messages use them too. */
      labels: z.record(z.string()).optional(),
    }),
  uiOptions: z =>
    z.object({
      intent: z
        .record(z.any())
        .describe(
          "The intent with ${{ parameters.<field> }} placeholders, as in the template's cairn:intent:plan step",
        ),
    }),
});

export type IntentPreviewFieldProps = typeof IntentPreviewFieldSchema.TProps;
export type IntentPreviewFieldValue = typeof IntentPreviewFieldSchema.TOutput;

/** The name templates use: `ui:field: CairnIntentPreview`. */
export const INTENT_PREVIEW_FIELD = 'CairnIntentPreview';
