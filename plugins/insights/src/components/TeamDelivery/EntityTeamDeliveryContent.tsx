import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import { METRIC_IDS } from '@cairn/plugin-insights-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect } from 'react';
import { formatRange } from '../../format/format';
import { useComponentTitles } from '../../hooks/useComponentTitles';
import { useEnvironments, useTeamRollup } from '../../hooks/useInsights';
import { METRICS } from '../common/metrics';
import { DeliveryControls } from '../DeliveryContent/DeliveryControls';
import { useDeliveryQuery } from '../DeliveryContent/rangeQuery';
import { DrillDownTabs } from '../DrillDown/DrillDownTabs';
import { AttentionList } from './AttentionList';
import { ComponentsTable } from './ComponentsTable';
import { ComponentValuesChart } from './ComponentValuesChart';
import { DistributionTable, tierCountText } from './DistributionTable';
import { rollupIsEmpty, TeamEmptyState } from './TeamEmptyState';
import { TeamCiHealth } from './TeamCiHealth';
import { ToilSignals } from './ToilSignals';

const useStyles = makeStyles(theme => ({
  charts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(360px, 1fr))',
    gap: theme.spacing(2),
  },
  muted: { color: theme.palette.text.secondary },
}));

/**
 * The delivery tab of a Group (its whole sub-tree of teams) or a System: every metric's distribution
 * across the components, each component's values and tiers, the components that need attention,
 * toil signals, CI health across the components, and the deployments, changes and incidents behind
 * them.
 */
export function EntityTeamDeliveryContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const classes = useStyles();
  const { query, setQuery, range, reportZone } = useDeliveryQuery();
  const metricsQuery = {
    entityRef,
    environment: query.environment,
    from: range.from,
    to: range.to,
    timezone: query.timezone,
  };
  const environments = useEnvironments(entityRef);
  const rollup = useTeamRollup(metricsQuery);
  // Every chart names components by title: asked of the catalog once for the view.
  const titles = useComponentTitles(
    rollup.value?.components.map(c => c.entityRef) ?? [],
  );
  const reportedZone = rollup.value?.range.timezone;
  useEffect(() => {
    reportZone(reportedZone);
  });

  const controls = (
    <Grid item xs={12}>
      <DeliveryControls
        value={query}
        range={range}
        onChange={setQuery}
        environments={environments.value?.items}
        defaultTimezone={rollup.value?.range.timezone}
        showBucket={false}
      />
    </Grid>
  );
  if (rollup.loading && !rollup.value) {
    return (
      <Grid container spacing={3}>
        {controls}
        <Grid item xs={12}>
          <Progress />
        </Grid>
      </Grid>
    );
  }
  if (rollup.error || !rollup.value) {
    return (
      <Grid container spacing={3}>
        {controls}
        <Grid item xs={12}>
          {rollup.error ? <ResponseErrorPanel error={rollup.error} /> : null}
        </Grid>
      </Grid>
    );
  }
  const r = rollup.value;
  if (rollupIsEmpty(r)) {
    return (
      <Grid container spacing={3}>
        {controls}
        <Grid item xs={12}>
          <InfoCard title="No delivery data">
            <TeamEmptyState rollup={r} />
          </InfoCard>
        </Grid>
      </Grid>
    );
  }
  return (
    <Grid container spacing={3} aria-busy={rollup.loading}>
      {controls}
      <Grid item xs={12}>
        <InfoCard
          title="Across the components"
          subheader={`${r.components.length} components with data · ${
            r.environment
          } · ${formatRange(r.range.from, r.range.to, r.range.timezone)} · ${
            r.benchmark.label
          } (${r.benchmark.source})`}
        >
          <DistributionTable rollup={r} />
          {r.componentsWithoutData.length > 0 ? (
            <Typography variant="body2" className={classes.muted}>
              No delivery data in the range:{' '}
              <EntityRefLinks
                entityRefs={r.componentsWithoutData}
                defaultKind="component"
              />
            </Typography>
          ) : null}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <div className={classes.charts}>
          {METRIC_IDS.map(id => (
            <InfoCard
              key={id}
              title={METRICS[id].label}
              subheader={tierCountText(r.distribution[id].tierCounts)}
            >
              <ComponentValuesChart rollup={r} metric={id} titles={titles} />
            </InfoCard>
          ))}
        </div>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Needs attention">
          <AttentionList attention={r.attention} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Toil signals">
          <ToilSignals toil={r.toil} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <ComponentsTable rollup={r} />
      </Grid>
      <Grid item xs={12}>
        <TeamCiHealth
          entityRef={entityRef}
          from={range.from}
          to={range.to}
          timezone={query.timezone}
        />
      </Grid>
      <Grid item xs={12}>
        <DrillDownTabs
          scope={{
            ...metricsQuery,
            displayTimezone: r.range.timezone,
            showComponent: true,
          }}
        />
      </Grid>
    </Grid>
  );
}
