import { identityApiRef } from '@backstage/core-plugin-api';
import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { intentApiRef } from '../api';
import { errorMessage } from '../format/errorMessage';
import { IntentPreviewFieldValue } from './fieldSchema';
import { platformConfigOnce } from '../hooks/platformConfigOnce';
import { describeProblems, previewIntent } from './previewIntent';

/**
 * Blocks Next / Review while the plan is invalid or a guardrail denies it, with one error per
 * problem naming the form field or the policy and what to change. It plans again from the submitted
 * form rather than trusting the field's stored status, which may lag a keystroke behind.
 */
export const validateIntentPreview: CustomFieldValidator<
  IntentPreviewFieldValue,
  { intent: Record<string, any> }
> = async (value, validation, context) => {
  const api = context.apiHolder.get(intentApiRef);
  if (!api) {
    validation.addError(
      'The intent API is not installed in this portal: add the Cairn intent plugin to the app',
    );
    return;
  }
  let platform;
  try {
    platform = await platformConfigOnce(api);
  } catch (error) {
    validation.addError(
      `Could not load the platform's policies and prices to check the plan: ${errorMessage(
        error as Error,
      )}`,
    );
    return;
  }
  const identity = context.apiHolder.get(identityApiRef);
  const requester = identity
    ? (await identity.getBackstageIdentity()).userEntityRef
    : undefined;
  const preview = previewIntent({
    template: context.uiSchema?.['ui:options']?.intent,
    formData: context.formData as Record<string, unknown>,
    config: platform.config,
    requester,
    now: new Date(),
    // The form's labels, which the field keeps in its value (the validator sees one step's schema).
    labels: value?.labels,
  });
  const problems = describeProblems(preview);
  for (const problem of problems) validation.addError(problem);
  // A plan that passes is checked against the catalog too: the owning group and the approver.
  if (problems.length === 0 && preview.status !== 'invalid') {
    try {
      // Asked with `change`, it also says whether a live environment has this name and kind:
      // registering would then be refused unless the template's change option is ticked.
      const { change } = await api.checkRequest(
        preview.evaluation.intent,
        undefined,
        { change: true },
      );
      const { metadata, spec } = preview.evaluation.intent;
      if (change && (context.formData as { change?: unknown }).change !== true)
        validation.addError(
          `Name: a live ${spec.environment} environment named ${metadata.name} exists; choose another name, or tick "Change the live environment of this name" to change it in place`,
        );
    } catch (error) {
      validation.addError(`Owner or approver: ${errorMessage(error as Error)}`);
    }
  }
};
