import { Chip } from '@material-ui/core';
import { EnvironmentStatus } from '@cairn/plugin-intent-common';

const labels: Record<string, string> = {
  'awaiting-approval': 'Awaiting approval',
  active: 'Active',
  expired: 'Expired',
};

/** An environment's status in words; unknown statuses (added by later backends) show as they are. */
export const StatusChip = ({ status }: { status: EnvironmentStatus }) => {
  let color: 'primary' | 'secondary' | 'default' = 'default';
  if (status === 'active') color = 'primary';
  else if (status === 'awaiting-approval') color = 'secondary';
  return (
    <Chip
      size="small"
      color={color}
      variant={status === 'expired' ? 'outlined' : 'default'}
      label={labels[status] ?? status}
    />
  );
};
