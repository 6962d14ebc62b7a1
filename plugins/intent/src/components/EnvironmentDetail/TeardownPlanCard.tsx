import { CodeSnippet, InfoCard } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { TeardownPlan } from '@cairn/plugin-intent-common';
import { formatTime } from '../../format/format';
import { useTimeZone } from '../../hooks/useTimeZone';

/** What ending the environment removes, in order, and the commands that remove it. */
export const TeardownPlanCard = ({ plan }: { plan: TeardownPlan }) => {
  const zone = useTimeZone();
  return (
    <InfoCard
      title="Teardown plan"
      subheader={`${
        plan.reason === 'ttl' ? 'Its lifetime ended' : 'Its owner ended it'
      }; issued ${formatTime(plan.createdAt, zone)}`}
    >
      <Typography variant="subtitle2">Steps</Typography>
      <CodeSnippet language="shell" text={plan.steps.join('\n')} />
      <Typography variant="subtitle2" style={{ marginTop: 8 }}>
        Resources removed ({plan.resources.length})
      </Typography>
      <ul aria-label="Resources removed">
        {plan.resources.map(r => (
          <li key={r}>
            <code>{r}</code>
          </li>
        ))}
      </ul>
    </InfoCard>
  );
};
