import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';

/** No labels known (the same object every render, so that it can be a dependency). */
const NO_LABELS: Record<string, string> = {};

/**
 * The labels of the template's form fields, by field name, from every step (the preview sits on one
 * step and speaks of fields on others): the template page's route names the template, the scaffolder
 * API gives its steps. Empty outside a template page or without the scaffolder API; messages then
 * name fields by their keys.
 */
export function useFormLabels(): Record<string, string> {
  const { namespace, templateName } = useParams();
  const scaffolder = useApiHolder().get(scaffolderApiRef);
  const { value } = useAsync(async () => {
    if (!scaffolder || !templateName) return NO_LABELS;
    const schema = await scaffolder.getTemplateParameterSchema(
      stringifyEntityRef({
        kind: 'template',
        namespace: namespace ?? 'default',
        name: templateName,
      }),
    );
    return Object.fromEntries(
      schema.steps.flatMap(step =>
        Object.entries(
          (step.schema.properties ?? {}) as Record<string, { title?: unknown }>,
        ).flatMap(([key, property]) =>
          typeof property?.title === 'string' ? [[key, property.title]] : [],
        ),
      ),
    );
  }, [scaffolder, namespace, templateName]);
  return value ?? NO_LABELS;
}
