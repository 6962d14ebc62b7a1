import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useTeamRollup } from '../../hooks/useInsights';
import { AttentionList } from './AttentionList';
import { DistributionTable } from './DistributionTable';
import { rollupIsEmpty, TeamEmptyState } from './TeamEmptyState';
import { ToilSignals } from './ToilSignals';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  muted: { color: theme.palette.text.secondary },
}));

/**
 * The team card of a Group's (whole sub-tree's) or System's overview: each metric's distribution
 * across its components with tier counts, the components that need attention, and toil signals,
 * over the last 30 days in production.
 */
export function EntityTeamDeliveryCard(props: { title?: string }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const classes = useStyles();
  const rollup = useTeamRollup({ entityRef });

  let content;
  if (rollup.loading) content = <Progress />;
  else if (rollup.error) content = <ResponseErrorPanel error={rollup.error} />;
  else if (rollup.value && rollupIsEmpty(rollup.value))
    content = <TeamEmptyState rollup={rollup.value} />;
  else if (rollup.value) {
    const r = rollup.value;
    content = (
      <>
        <DistributionTable rollup={r} compact />
        <div className={classes.section}>
          <Typography variant="h6" component="h3">
            Needs attention
          </Typography>
          <AttentionList attention={r.attention} limit={3} />
        </div>
        <div className={classes.section}>
          <Typography variant="h6" component="h3" gutterBottom>
            Toil
          </Typography>
          <ToilSignals toil={r.toil} />
        </div>
        {r.componentsWithoutData.length > 0 ? (
          <div className={classes.section}>
            <Typography variant="body2" className={classes.muted}>
              No delivery data in the range:{' '}
              <EntityRefLinks
                entityRefs={r.componentsWithoutData}
                defaultKind="component"
              />
            </Typography>
          </div>
        ) : null}
      </>
    );
  }

  const r = rollup.value;
  return (
    <InfoCard
      title={props.title ?? 'Team delivery (DORA)'}
      subheader={
        r
          ? `${r.components.length} components with data · last ${Math.round(
              r.range.days,
            )} days · ${r.environment} · benchmark ${r.benchmark.label} (${
              r.benchmark.source
            })`
          : undefined
      }
    >
      {content}
    </InfoCard>
  );
}
