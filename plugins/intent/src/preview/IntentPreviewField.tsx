import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { useApi } from '@backstage/core-plugin-api';
import { intentApiRef } from '../api';
import { Progress } from '@backstage/core-components';
import {
  Box,
  Button,
  Divider,
  Grid,
  Paper,
  Typography,
} from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { useCurrentUser, usePlatformConfig } from '../hooks/useIntent';
import { formatMonthlyRange } from '../format/format';
import { errorMessage } from '../format/errorMessage';
import { CostAtScales } from '../components/plan/CostAtScales';
import { PolicyResults } from '../components/plan/PolicyResults';
import { SizingTable } from '../components/plan/SizingTable';
import { PlanDiffList } from '../components/plan/PlanDiffList';
import { CheckRequestResponse } from '@cairn/plugin-intent-common';
import { IntentPreviewFieldProps } from './fieldSchema';
import { IntentPreview, previewIntent } from './previewIntent';
import { useFormLabels } from './useFormLabels';

const Invalid = ({
  preview,
}: {
  preview: Extract<IntentPreview, { status: 'invalid' }>;
}) => (
  <Alert severity="info">
    <AlertTitle>Complete the form to see the plan</AlertTitle>
    <ul aria-label="What the plan still needs" style={{ margin: 0 }}>
      {preview.issues.map(i => (
        <li key={`${i.path}:${i.message}`}>
          <Typography variant="body2">
            {i.label ?? i.field ? (
              <strong>{i.label ?? i.field}</strong>
            ) : (
              i.path || 'The intent'
            )}
            {/* Without the form's label, the intent path says where. */}
            {i.field && !i.label ? ` (${i.path || 'intent'})` : ''}: {i.message}
          </Typography>
        </li>
      ))}
    </ul>
  </Alert>
);

/** What the catalog says of the owner and the approver, as registration will check them. */
const OwnershipCheck = (props: {
  pending: boolean;
  error?: Error;
  result?: { owner: string; actingFor?: string };
}) => {
  if (props.pending)
    return (
      <Typography variant="body2" color="textSecondary">
        Checking the owner and the approver in the catalog…
      </Typography>
    );
  if (props.error)
    return (
      <Alert severity="error" style={{ marginTop: 8 }}>
        <AlertTitle>Owner or approver refused</AlertTitle>
        {errorMessage(props.error)}
      </Alert>
    );
  if (!props.result) return null;
  return (
    <Typography variant="body2" color="textSecondary">
      Owner checked in the catalog: {props.result.owner}
      {props.result.actingFor
        ? `, requested by the platform team acting for it`
        : ''}
      .
    </Typography>
  );
};

/** What the change does to the live environment, or that there is none to change. */
const ChangePreview = (props: {
  name: string;
  environment: string;
  change: CheckRequestResponse['change'];
}) => (
  <Box component="section" aria-label="Change to the live environment" mt={1}>
    <Typography variant="subtitle2">
      {props.change
        ? `Changes the live ${props.environment} environment ${props.name} (version ${props.change.revision})`
        : `No live ${props.environment} environment is named ${props.name}: a new one will be registered`}
    </Typography>
    {props.change && (
      <PlanDiffList diff={props.change.diff} label="What the change does" />
    )}
  </Box>
);

/**
 * The live plan preview: the form's intent planned in the browser by Cairn's engine with the
 * platform's configuration, as the template's plan step will plan it. Shows the sizing with each
 * number's reason, the monthly cost at 1×, 10× and 100×, and the guardrails' verdict with what to
 * change. Its validation blocks the form while the plan is invalid or denied.
 */
export const IntentPreviewField = (props: IntentPreviewFieldProps) => {
  const { formContext, uiSchema, onChange, formData, name } = props;
  const platform = usePlatformConfig();
  const identity = useCurrentUser();
  const template = uiSchema['ui:options']?.intent;
  const labels = useFormLabels();

  // The whole form (every step), without this field's own value.
  const allFormData = (formContext?.formData ?? {}) as Record<string, unknown>;
  const { [name]: _own, ...siblings } = allFormData;
  const siblingsKey = JSON.stringify(siblings);

  const preview = useMemo(() => {
    if (!platform.value || identity.loading) return undefined;
    return previewIntent({
      template,
      formData: JSON.parse(siblingsKey),
      config: platform.value.config,
      requester: identity.value?.userEntityRef,
      now: new Date(),
      labels,
    });
  }, [platform.value, identity, template, siblingsKey, labels]);

  // Ownership and the approver are facts of the catalog: the backend checks them with the user's
  // credentials, as registration will, once the form has paused.
  const api = useApi(intentApiRef);
  const checkInput =
    preview && preview.status !== 'invalid'
      ? JSON.stringify(preview.evaluation.intent)
      : undefined;
  // The templates' `change` option: a day-2 change of the live environment of this name and kind.
  const change = allFormData.change === true;
  const [checkFor, setCheckFor] = useState<string | undefined>();
  useDebounce(() => setCheckFor(checkInput), 400, [checkInput]);
  const ownership = useAsync(
    async () =>
      checkFor
        ? api.checkRequest(JSON.parse(checkFor), undefined, { change })
        : undefined,
    [api, checkFor, change],
  );

  // Keep the outcome in the form, so that the field's validation runs when the user moves on.
  const status = platform.error ? 'unavailable' : preview?.status;
  const monthlyCostHighUsd =
    preview && preview.status !== 'invalid'
      ? preview.evaluation.cost.totalHighUsd
      : undefined;
  useEffect(() => {
    if (!status) return;
    if (
      formData?.status !== status ||
      formData?.monthlyCostHighUsd !== monthlyCostHighUsd ||
      // By content: the form may hand the value back as a copy.
      JSON.stringify(formData?.labels ?? {}) !== JSON.stringify(labels)
    ) {
      onChange({ status, monthlyCostHighUsd, labels });
    }
  }, [status, monthlyCostHighUsd, formData, onChange, labels]);

  let body: JSX.Element;
  if (platform.error) {
    body = (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={platform.retry}>
            Retry
          </Button>
        }
      >
        <AlertTitle>
          Could not load the platform's policies, sizes and prices
        </AlertTitle>
        The intent backend answered: {errorMessage(platform.error)}. Without
        them the plan cannot be previewed; ask the platform team whether the
        intent backend is installed and running.
      </Alert>
    );
  } else if (!preview) {
    body = (
      <Box aria-label="Loading the platform configuration">
        <Typography variant="body2">
          Loading the platform's policies, sizes and prices…
        </Typography>
        <Progress />
      </Box>
    );
  } else if (preview.status === 'invalid') {
    body = <Invalid preview={preview} />;
  } else {
    const { plan, cost, policies } = preview.evaluation;
    body = (
      <>
        <Typography variant="h6" component="p" aria-live="polite">
          {formatMonthlyRange(cost.totalLowUsd, cost.totalHighUsd)}
        </Typography>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {plan.environment} on {plan.target.provider} in{' '}
          {plan.target.regions.join(', ')}, availability band{' '}
          {plan.availability.band}; prices of {cost.priceTableVersion}
          {cost.illustrative ? ' (some illustrative)' : ''}.
        </Typography>
        <PolicyResults report={policies} />
        <OwnershipCheck
          pending={ownership.loading || checkFor !== checkInput}
          error={ownership.error}
          result={ownership.value}
        />
        {change && ownership.value && (
          <ChangePreview
            name={plan.name}
            environment={plan.environment}
            change={ownership.value.change}
          />
        )}
        <Grid container spacing={2} style={{ marginTop: 8 }}>
          <Grid item xs={12} md={4}>
            <Typography variant="subtitle2">Cost at 1×, 10×, 100×</Typography>
            <CostAtScales cost={cost} plan={plan} />
          </Grid>
          <Grid item xs={12} md={8}>
            <Typography variant="subtitle2">Sizing and why</Typography>
            <SizingTable plan={plan} />
          </Grid>
        </Grid>
      </>
    );
  }

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label="Plan preview"
      data-cairn="intent"
      style={{ padding: 16, marginTop: 8 }}
    >
      <Typography variant="h6" component="h2">
        {props.schema.title ?? 'Plan preview'}
      </Typography>
      {props.schema.description && (
        <Typography variant="body2" color="textSecondary">
          {props.schema.description}
        </Typography>
      )}
      <Divider style={{ margin: '8px 0' }} />
      {body}
    </Paper>
  );
};
