import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * The inference field's value: the intent fields the repository proposed, as the developer corrected
 * them. The template's intent reads them (`${{ parameters.<field>.type }}`, `.port`, `.services`,
 * `.provider`, `.region`, `.schedule`). `url` is the repository they came from.
 */
export const IntentInferenceFieldSchema = makeFieldSchema({
  output: z =>
    z.object({
      url: z.string().optional(),
      type: z
        .enum(['web-service', 'worker', 'scheduled-job', 'static-site'])
        .optional(),
      port: z.number().optional(),
      schedule: z.string().optional(),
      services: z.array(z.string()).optional(),
      provider: z.enum(['aws', 'gcp', 'azure']).optional(),
      region: z.string().optional(),
    }),
  uiOptions: z =>
    z.object({
      repoUrlField: z
        .string()
        .optional()
        .describe(
          'The form field holding the repository URL (default repoUrl)',
        ),
    }),
});

export type IntentInferenceFieldProps =
  typeof IntentInferenceFieldSchema.TProps;
export type IntentInferenceFieldValue =
  typeof IntentInferenceFieldSchema.TOutput;

/** The name templates use: `ui:field: CairnIntentInference`. */
export const INTENT_INFERENCE_FIELD = 'CairnIntentInference';
