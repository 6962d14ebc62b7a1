import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import { CiComponentRow, CiSpread } from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatDuration, formatRate } from '../../format/format';
import { useCiRollup } from '../../hooks/useInsights';
import { DataTable } from '../common/ReadableTable';

const useStyles = makeStyles(theme => ({
  muted: { color: theme.palette.text.secondary },
  spread: { marginBottom: theme.spacing(2) },
}));

const spreadText = (s: CiSpread, format: (v: number | null) => string) =>
  s.median === null
    ? '–'
    : `median ${format(s.median)} (best ${format(s.best)}, worst ${format(
        s.worst,
      )})`;

/**
 * CI across the team's components: each component's default-branch build time, queue time and
 * success rate, its flaky tests and the time reruns cost, the slowest build first, and the spread
 * across the components. Empty, it says which events to send.
 */
export function TeamCiHealth(props: {
  entityRef: string;
  from?: string;
  to?: string;
  timezone?: string;
}) {
  const classes = useStyles();
  const rollup = useCiRollup({
    entityRef: props.entityRef,
    from: props.from,
    to: props.to,
    timezone: props.timezone,
  });
  if (rollup.loading && !rollup.value) {
    return (
      <InfoCard title="CI health across the components">
        <Progress />
      </InfoCard>
    );
  }
  if (rollup.error || !rollup.value) {
    return (
      <InfoCard title="CI health across the components">
        <ResponseErrorPanel
          title="CI health could not be loaded"
          error={rollup.error ?? new Error('no answer')}
        />
      </InfoCard>
    );
  }
  const r = rollup.value;
  if (r.components.length === 0) {
    return (
      <InfoCard title="CI health across the components">
        <Typography variant="body2">
          No pipeline run of the team&apos;s components finished in the range.
          Send pipelineRun events (POST /v1/events), CDEvents pipelineRun
          events, or GitHub workflow_run webhooks through the GitHub module.
        </Typography>
      </InfoCard>
    );
  }
  const columns: TableColumn<CiComponentRow>[] = [
    {
      title: 'Component',
      field: 'entityRef',
      render: row => (
        <EntityRefLink entityRef={row.entityRef} defaultKind="component" />
      ),
    },
    { title: 'Runs', field: 'runs', type: 'numeric' },
    {
      title: 'Success',
      field: 'successRate',
      type: 'numeric',
      render: row => formatRate(row.successRate),
    },
    {
      title: 'Build p50 / p95',
      field: 'duration.p50',
      type: 'numeric',
      render: row =>
        `${formatDuration(row.duration.p50)} / ${formatDuration(
          row.duration.p95,
        )}`,
    },
    {
      title: 'Queue p50',
      field: 'queue.p50',
      type: 'numeric',
      render: row =>
        row.queue.count ? formatDuration(row.queue.p50) : 'not reported',
    },
    { title: 'Flaky tests', field: 'flakyTests', type: 'numeric' },
    {
      title: 'Reruns cost',
      field: 'rerunSecondsLost',
      type: 'numeric',
      render: row => formatDuration(row.rerunSecondsLost),
    },
  ];
  return (
    <InfoCard
      title="CI health across the components"
      subheader={`${r.flakyTests} flaky tests · ${formatDuration(
        r.rerunSecondsLost,
      )} lost to reruns`}
    >
      <Typography variant="body2" className={classes.spread}>
        Runs, success and build and queue times are each component&apos;s
        default-branch runs; flaky tests and reruns count all its runs.
        Default-branch build p50:{' '}
        {spreadText(r.distribution.durationP50, formatDuration)}. Success rate:{' '}
        {spreadText(r.distribution.successRate, formatRate)}. Queue p50:{' '}
        {spreadText(r.distribution.queueP50, formatDuration)}.
      </Typography>
      <div role="region" aria-label="CI of each component">
        <DataTable<CiComponentRow>
          title="Each component's CI"
          columns={columns}
          data={r.components}
          options={{
            paging: r.components.length > 10,
            pageSize: 10,
            search: false,
          }}
        />
      </div>
      {r.componentsWithoutRuns.length > 0 ? (
        <Typography variant="body2" className={classes.muted}>
          No pipeline run in the range:{' '}
          <EntityRefLinks
            entityRefs={r.componentsWithoutRuns}
            defaultKind="component"
          />
        </Typography>
      ) : null}
    </InfoCard>
  );
}
