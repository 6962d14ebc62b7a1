import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import { DoraRollup } from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';

/** True when none of the team's components reported delivery data in the range. */
export function rollupIsEmpty(rollup: DoraRollup) {
  return rollup.components.length === 0;
}

/** Says why a team view is empty and where the setup is explained. */
export function TeamEmptyState(props: { rollup: DoraRollup }) {
  const { rollup } = props;
  const without = rollup.componentsWithoutData;
  if (without.length === 0) {
    return (
      <Typography variant="body2">
        {rollup.entityRef} owns no components (for a group: in its whole
        sub-tree of teams), so there is nothing to measure.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2" paragraph>
        None of the {without.length} components reported deployments or
        incidents to {rollup.environment} in this range. Each component’s
        Delivery performance card explains what to send: deployment, change and
        incident events to <code>POST /api/insights/v1/events</code>, and the
        repository annotations that tie events to components.
      </Typography>
      <EntityRefLinks entityRefs={without} defaultKind="component" />
    </>
  );
}
