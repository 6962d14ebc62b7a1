import { useState } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  EnvironmentDetails,
  liveEnvironmentStatuses,
} from '@cairn/plugin-intent-common';
import { useCurrentUser, useEnvironmentActions } from '../../hooks/useIntent';
import { errorMessage } from '../../format/errorMessage';
import { ChangeEnvironmentButton } from './ChangeEnvironmentButton';

type Action = 'approve' | 'teardown' | 'extend';

function dialogTitle(action: Action | undefined, e: EnvironmentDetails) {
  const what = `${e.name} (${e.environment})`;
  if (action === 'approve') return `Approve ${what}?`;
  if (action === 'extend') return `Extend ${what}`;
  return `End ${what} now?`;
}

function dialogText(action: Action | undefined, e: EnvironmentDetails) {
  if (action === 'approve')
    return 'You confirm that you reviewed the plan, the policy report and the bundle. The requester cannot approve their own environment.';
  if (action === 'extend')
    return `It expires at ${e.expiresAt}. It will expire this many hours from now instead, at most the lifetime its kind allows (the platform's environment-ttl rule); you are told again before then.`;
  return 'The environment expires at the next expiry run; its teardown plan then says what to destroy. This cannot be undone.';
}

function dialogButton(action: Action | undefined) {
  if (action === 'approve') return 'Approve';
  if (action === 'extend') return 'Extend';
  return 'End now';
}

/**
 * Approve a production environment (the backend refuses the requester and anyone without
 * `intent.environment.approve`), extend a live environment that expires (its owner, within its kind's
 * maximum lifetime) and end a live environment now (its owner; the next expiry run issues the teardown
 * plan). Refusals are shown as the backend words them.
 */
export const EnvironmentActions = (props: {
  environment: EnvironmentDetails;
  onChanged: () => void;
}) => {
  const actions = useEnvironmentActions();
  const identity = useCurrentUser();
  const { environment } = props;
  // The registry refuses a requester's own approval; say so instead of offering the button.
  const ownRequest = identity.value?.userEntityRef === environment.requester;
  const [confirming, setConfirming] = useState<Action | undefined>();
  const [comment, setComment] = useState('');
  const [hours, setHours] = useState('24');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<
    { ok: boolean; text: string } | undefined
  >();
  const live = liveEnvironmentStatuses.includes(environment.status);
  if (!live) return null;

  const run = async (action: Action) => {
    setBusy(true);
    setResult(undefined);
    try {
      if (action === 'approve') {
        await actions.approve(
          environment.id,
          comment || undefined,
          environment.pendingRevision ?? environment.revision,
        );
        setResult({
          ok: true,
          text: environment.pendingRevision
            ? `Approved: version ${environment.pendingRevision} is live.`
            : 'Approved: the environment is active.',
        });
      } else if (action === 'extend') {
        const extended = await actions.extend(environment.id, Number(hours));
        setResult({
          ok: true,
          text: `Extended: the environment now expires at ${extended.expiresAt}.`,
        });
      } else {
        await actions.requestTeardown(environment.id);
        setResult({
          ok: true,
          text: 'Teardown requested: the environment expires at the next expiry run, which issues its teardown plan.',
        });
      }
      props.onChanged();
    } catch (error) {
      setResult({ ok: false, text: errorMessage(error as Error) });
    } finally {
      setBusy(false);
      setConfirming(undefined);
    }
  };

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      <Box display="flex" style={{ gap: 8 }}>
        {(environment.status === 'awaiting-approval' ||
          environment.pendingRevision) && (
          <Button
            variant="contained"
            color="primary"
            disabled={busy || ownRequest}
            onClick={() => setConfirming('approve')}
          >
            Approve
          </Button>
        )}
        {environment.expiresAt && (
          <Button
            variant="outlined"
            disabled={busy}
            onClick={() => setConfirming('extend')}
          >
            Extend
          </Button>
        )}
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => setConfirming('teardown')}
        >
          End now
        </Button>
        <ChangeEnvironmentButton environment={environment} />
      </Box>
      {environment.pendingRevision && (
        <Alert severity="info">
          Version {environment.pendingRevision} waits for approval by someone
          other than its requester (Versions below says what it changes);
          version {environment.revision ?? 1} stays live until then.
        </Alert>
      )}
      {environment.status === 'awaiting-approval' && ownRequest && (
        <Alert severity="info">
          You requested this environment: someone else with the approval
          permission (the platform team in the demo) must approve it.
        </Alert>
      )}
      {result && (
        <Alert severity={result.ok ? 'success' : 'error'} role="status">
          {result.text}
        </Alert>
      )}
      <Dialog
        open={confirming !== undefined}
        onClose={() => setConfirming(undefined)}
      >
        <DialogTitle>{dialogTitle(confirming, environment)}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {dialogText(confirming, environment)}
          </DialogContentText>
          {confirming === 'extend' && (
            <TextField
              fullWidth
              id="extend-hours"
              type="number"
              label="Hours from now"
              inputProps={{ min: 1, step: 1 }}
              value={hours}
              onChange={e => setHours(e.target.value)}
            />
          )}
          {confirming === 'approve' && (
            <TextField
              fullWidth
              label="Comment (optional)"
              value={comment}
              onChange={e => setComment(e.target.value)}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(undefined)}>Cancel</Button>
          <Button
            color="primary"
            disabled={busy}
            onClick={() => confirming && run(confirming)}
          >
            {dialogButton(confirming)}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
};
