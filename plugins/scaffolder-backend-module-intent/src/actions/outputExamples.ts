import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonValue } from '@backstage/types';

/**
 * Puts an example value on each output property's JSON schema. A dry run skips actions that do not
 * support it and gives later steps the first example of each output instead, so templates that chain
 * outputs (`${{ steps.register.output.environmentId }}`) still preview sensibly.
 */
export function withOutputExamples<T extends TemplateAction<any, any, any>>(
  action: T,
  examples: Record<string, JsonValue>,
): T {
  const properties = (action.schema?.output as any)?.properties as
    | Record<string, { examples?: JsonValue[] }>
    | undefined;
  for (const [key, value] of Object.entries(examples)) {
    if (!properties?.[key]) {
      throw new Error(`${action.id} has no output ${key} to give an example`);
    }
    properties[key].examples = [value];
  }
  return action;
}
