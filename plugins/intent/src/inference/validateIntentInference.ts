import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { IntentInferenceFieldValue } from './fieldSchema';

/** What the repository did not say must be chosen before the form goes on. */
export const validateIntentInference: CustomFieldValidator<
  IntentInferenceFieldValue
> = (value, validation) => {
  if (!value?.url) {
    validation.addError(
      'Read the repository first (give its URL on the first step)',
    );
    return;
  }
  if (!value.type) validation.addError('Choose the workload type');
  if (value.type === 'scheduled-job' && !value.schedule) {
    validation.addError('Give the schedule (cron) of the scheduled job');
  }
  if (!value.provider) validation.addError('Choose the cloud');
  if (!value.region) validation.addError('Give the region');
};
