import useAsync from 'react-use/esm/useAsync';
import { useApiHolder } from '@backstage/core-plugin-api';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { parseEntityRef } from '@backstage/catalog-model';
import { Button, Typography } from '@material-ui/core';
import { EnvironmentSummary } from '@cairn/plugin-intent-common';

/**
 * Where "Change this environment" leads: the template that registered the environment, its form filled
 * with the values that task was given and the template's `change` option ticked. Undefined when the
 * task is not known (registered through the API, or the task was cleaned up).
 */
export function changeLink(task: {
  spec?: {
    templateInfo?: { entityRef?: string };
    parameters?: Record<string, unknown>;
  };
}): string | undefined {
  const ref = task.spec?.templateInfo?.entityRef;
  if (!ref) return undefined;
  const { namespace, name } = parseEntityRef(ref, { defaultKind: 'template' });
  const formData = { ...(task.spec?.parameters ?? {}), change: true };
  return `/create/templates/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}

/**
 * A day-2 change: opens the environment's template with its current values; the template plans the
 * change, shows what it changes, and applies it in place (production after approval).
 */
export const ChangeEnvironmentButton = ({
  environment,
}: {
  environment: EnvironmentSummary;
}) => {
  // Optional: a portal without the scaffolder still shows the environment.
  const scaffolder = useApiHolder().get(scaffolderApiRef);
  const { taskId } = environment;
  const link = useAsync(async () => {
    if (!taskId || !scaffolder) return undefined;
    return changeLink(await scaffolder.getTask(taskId));
  }, [scaffolder, taskId]);
  if (environment.status !== 'active') return null;
  if (link.loading) return null;
  if (!link.value)
    return (
      <Typography variant="body2" color="textSecondary">
        {taskId && scaffolder
          ? `Its template's task (${taskId}) could not be read: ${
              link.error?.message ?? 'it names no template'
            }. Register the changed intent with "change": true to change it.`
          : 'Registered without a template: register the changed intent with "change": true to change it.'}
      </Typography>
    );
  return (
    <Button variant="outlined" color="primary" href={link.value}>
      Change this environment
    </Button>
  );
};
