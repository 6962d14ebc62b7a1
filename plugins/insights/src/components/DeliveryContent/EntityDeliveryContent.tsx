import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { METRIC_IDS } from '@cairn/plugin-insights-common';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect } from 'react';
import { formatRange } from '../../format/format';
import {
  useDeliverySeries,
  useDeliverySummary,
  useEnvironments,
} from '../../hooks/useInsights';
import { CoverageNotes } from '../common/CoverageNotes';
import { METRICS, sampleText } from '../common/metrics';
import { SetupGuidance } from '../common/SetupGuidance';
import { TierTable } from '../common/TierTable';
import { hasNoDeliveryData } from '../DoraCard/EntityDoraCard';
import { MetricTile } from '../DoraCard/MetricTile';
import { DrillDownTabs } from '../DrillDown/DrillDownTabs';
import { DeliveryControls } from './DeliveryControls';
import { CiHealthSection } from './CiHealthSection';
import { LeadTimeBreakdown } from './LeadTimeBreakdown';
import { MetricTrendCharts } from './MetricTrendCharts';
import { useDeliveryQuery } from './rangeQuery';

const useStyles = makeStyles(theme => ({
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: theme.spacing(1.5),
  },
}));

/**
 * A component's delivery tab: the six metrics for a chosen environment, range and time zone, each
 * charted per day, week, month or quarter; where lead time goes; the tiers with the report's words;
 * CI health (pipelines, flaky tests, reruns); and the deployments, changes and incidents behind every
 * number.
 */
export function EntityDeliveryContent() {
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
  const summary = useDeliverySummary(metricsQuery);
  const series = useDeliverySeries({ ...metricsQuery, bucket: query.bucket });
  const reportedZone = summary.value?.range.timezone;
  useEffect(() => {
    reportZone(reportedZone);
  });

  const controls = (
    <DeliveryControls
      value={query}
      range={range}
      onChange={setQuery}
      environments={environments.value?.items}
      defaultTimezone={summary.value?.range.timezone}
    />
  );

  if (summary.loading && !summary.value) {
    return (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {controls}
        </Grid>
        <Grid item xs={12}>
          <Progress />
        </Grid>
      </Grid>
    );
  }
  const error = summary.error ?? series.error;
  if (error || !summary.value) {
    return (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {controls}
        </Grid>
        <Grid item xs={12}>
          {error ? <ResponseErrorPanel error={error} /> : null}
        </Grid>
      </Grid>
    );
  }

  const s = summary.value;
  const periodLabel = `the previous ${Math.round(s.range.days)} days`;
  if (hasNoDeliveryData(s)) {
    return (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {controls}
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="No delivery data yet">
            <SetupGuidance
              entity={entity}
              environment={s.environment}
              coverage={s.coverage}
              reason={
                s.metrics.deploymentFrequency.missingReason ??
                'No delivery data has been reported for this component.'
              }
            />
          </InfoCard>
        </Grid>
      </Grid>
    );
  }

  const scope = {
    ...metricsQuery,
    displayTimezone: s.range.timezone,
  };
  return (
    <Grid container spacing={3} aria-busy={summary.loading || series.loading}>
      <Grid item xs={12}>
        {controls}
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Delivery performance"
          subheader={`${formatRange(
            s.range.from,
            s.range.to,
            s.range.timezone,
          )} · ${s.environment} · trends against ${periodLabel}`}
        >
          <div className={classes.tiles}>
            {METRIC_IDS.map(id => (
              <MetricTile
                key={id}
                info={METRICS[id]}
                metric={s.metrics[id]}
                sample={sampleText(s, id)}
                periodLabel={periodLabel}
                benchmarkLabel={s.benchmark.label}
              />
            ))}
          </div>
        </InfoCard>
      </Grid>
      {s.coverage.notes.length > 0 ? (
        <Grid item xs={12}>
          <CoverageNotes notes={s.coverage.notes} />
        </Grid>
      ) : null}
      <Grid item xs={12}>
        {series.value ? (
          <MetricTrendCharts series={series.value} />
        ) : (
          <Progress />
        )}
      </Grid>
      <Grid item xs={12} xl={7}>
        <LeadTimeBreakdown
          leadTime={s.metrics.changeLeadTime}
          series={series.value}
        />
      </Grid>
      <Grid item xs={12} xl={5}>
        <InfoCard title="Tiers">
          <TierTable summary={s} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <CiHealthSection
          entityRef={entityRef}
          from={range.from}
          to={range.to}
          timezone={query.timezone}
          bucket={query.bucket}
        />
      </Grid>
      <Grid item xs={12}>
        <DrillDownTabs scope={scope} />
      </Grid>
    </Grid>
  );
}
