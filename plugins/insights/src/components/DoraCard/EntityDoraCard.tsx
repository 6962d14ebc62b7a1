import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DoraSummary,
  EnvironmentSummary,
  METRIC_IDS,
  SeriesBucket,
} from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import {
  useDeliverySeries,
  useDeliverySummary,
  useEnvironments,
} from '../../hooks/useInsights';
import { CoverageNotes } from '../common/CoverageNotes';
import { EnvironmentSelect, PRODUCTION } from '../common/EnvironmentSelect';
import { bucketValue, METRICS, sampleText } from '../common/metrics';
import { SetupGuidance } from '../common/SetupGuidance';
import { formatDuration } from '../../format/format';
import { MetricTile } from './MetricTile';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: theme.spacing(1.5),
  },
  footer: {
    marginTop: theme.spacing(1.5),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  muted: { color: theme.palette.text.secondary },
}));

const SPARKLINE_WEEKS = 12;
const DAY_MS = 86_400_000;

/** True when no deployment to the environment was ever reported: the card explains the setup instead. */
export function hasNoDeliveryData(summary: DoraSummary) {
  return (
    summary.coverage.notes.some(n => n.code === 'no-deployments') &&
    METRIC_IDS.every(id => summary.metrics[id].value === null)
  );
}

function otherEnvironments(
  environments: EnvironmentSummary[] | undefined,
  current: string,
) {
  return (environments ?? []).filter(
    e => e.environment !== current && e.deployments > 0,
  );
}

/**
 * The DORA card of a component's overview: deployment frequency, change lead time, change fail rate,
 * failed deployment recovery time, rework rate and MTTR over the last 30 days, with trend, tier and
 * sparkline; an environment selector; and, without data, what to configure.
 */
export function EntityDoraCard(props: { title?: string }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [environment, setEnvironment] = useState(PRODUCTION);
  // The sparkline window starts when the card opens, so that re-renders ask for the same range.
  const [sparklineFrom] = useState(() =>
    new Date(Date.now() - SPARKLINE_WEEKS * 7 * DAY_MS).toISOString(),
  );

  const environments = useEnvironments(entityRef);
  const summary = useDeliverySummary({ entityRef, environment });
  // The sparklines are a nicety: if their request fails, the tiles still show.
  const series = useDeliverySeries({
    entityRef,
    environment,
    bucket: 'week',
    from: sparklineFrom,
  });

  const action = (
    <EnvironmentSelect
      value={environment}
      onChange={setEnvironment}
      environments={environments.value?.items}
    />
  );

  let content;
  if (summary.loading) {
    content = <Progress />;
  } else if (summary.error) {
    content = <ResponseErrorPanel error={summary.error} />;
  } else if (summary.value) {
    content = (
      <DoraCardBody
        entity={entity}
        summary={summary.value}
        buckets={series.value?.buckets}
        others={otherEnvironments(environments.value?.items, environment)}
      />
    );
  }

  const value = summary.value;
  return (
    <InfoCard
      title={props.title ?? 'Delivery performance (DORA)'}
      subheader={
        value
          ? `Last ${Math.round(value.range.days)} days · ${
              value.environment === PRODUCTION
                ? 'production'
                : value.environment
            } · ${value.range.timezone} · benchmark ${value.benchmark.label} (${
              value.benchmark.source
            })`
          : undefined
      }
      action={action}
    >
      <div aria-busy={summary.loading}>{content}</div>
    </InfoCard>
  );
}

function DoraCardBody(bodyProps: {
  entity: Entity;
  summary: DoraSummary;
  buckets?: SeriesBucket[];
  others: EnvironmentSummary[];
}) {
  const { entity, summary: s, buckets, others } = bodyProps;
  const classes = useStyles();
  if (hasNoDeliveryData(s)) {
    return (
      <div className={classes.footer}>
        {others.length > 0 ? (
          <Alert severity="info">
            This component deploys to{' '}
            {others
              .map(o => `${o.environment} (${o.deployments} deployments)`)
              .join(', ')}
            : pick it under Environment to see its metrics there.
          </Alert>
        ) : null}
        <SetupGuidance
          entity={entity}
          environment={s.environment}
          coverage={s.coverage}
          reason={
            s.metrics.deploymentFrequency.missingReason ??
            s.coverage.notes.find(n => n.code === 'no-deployments')?.message ??
            'No delivery data has been reported for this component.'
          }
        />
        <CoverageNotes notes={s.coverage.notes} hide={['no-deployments']} />
      </div>
    );
  }
  const periodLabel = `the previous ${Math.round(s.range.days)} days`;
  return (
    <>
      <div className={classes.grid}>
        {METRIC_IDS.map(id => {
          const info = METRICS[id];
          const values = buckets?.map(b => bucketValue(b, id));
          return (
            <MetricTile
              key={id}
              info={info}
              metric={s.metrics[id]}
              sample={sampleText(s, id)}
              periodLabel={periodLabel}
              benchmarkLabel={s.benchmark.label}
              sparkline={
                values
                  ? {
                      values,
                      label: `${info.label} per week over the last ${
                        values.length
                      } weeks: ${values.map(v => info.format(v)).join(', ')}`,
                    }
                  : undefined
              }
            />
          );
        })}
      </div>
      <div className={classes.footer}>
        <CiBottleneck summary={s} />
        <CoverageNotes notes={s.coverage.notes} />
        <Typography variant="caption" className={classes.muted}>
          Trends compare with {periodLabel}. Tiers place values in the{' '}
          {s.benchmark.label} clusters ({s.benchmark.source}); reports give no
          clusters for rework rate or MTTR, and some values fall between
          clusters.
        </Typography>
      </div>
    </>
  );
}

/**
 * A line when CI is the lead time's bottleneck: the build (merged → built by CI) has the largest
 * median of the stages, so cutting build time is where lead time goes down first.
 */
function CiBottleneck(props: { summary: DoraSummary }) {
  const lead = props.summary.metrics.changeLeadTime.details;
  if (lead.bottleneck !== 'build') return null;
  return (
    <Alert severity="warning" variant="outlined">
      CI is the lead time&apos;s bottleneck: changes wait a median of{' '}
      {formatDuration(lead.deployParts.build.median)} from merge until CI has
      built them, the longest stage. The Delivery tab&apos;s CI health shows
      which pipelines and tests cost the time.
    </Alert>
  );
}
