import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import { CiSpread } from '@cairn/plugin-insights-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatDuration, formatRate } from '../../format/format';
import { useCiRollup } from '../../hooks/useInsights';
import { Table } from '../common/ReadableTable';

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
        <Table size="small" aria-label="Each component's CI">
          <TableHead>
            <TableRow>
              <TableCell>Component</TableCell>
              <TableCell align="right">Runs</TableCell>
              <TableCell align="right">Success</TableCell>
              <TableCell align="right">Build p50 / p95</TableCell>
              <TableCell align="right">Queue p50</TableCell>
              <TableCell align="right">Flaky tests</TableCell>
              <TableCell align="right">Reruns cost</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {r.components.map(row => (
              <TableRow key={row.entityRef}>
                <TableCell>
                  <EntityRefLink
                    entityRef={row.entityRef}
                    defaultKind="component"
                  />
                </TableCell>
                <TableCell align="right">{row.runs}</TableCell>
                <TableCell align="right">
                  {formatRate(row.successRate)}
                </TableCell>
                <TableCell align="right">
                  {formatDuration(row.duration.p50)} /{' '}
                  {formatDuration(row.duration.p95)}
                </TableCell>
                <TableCell align="right">
                  {row.queue.count
                    ? formatDuration(row.queue.p50)
                    : 'not reported'}
                </TableCell>
                <TableCell align="right">{row.flakyTests}</TableCell>
                <TableCell align="right">
                  {formatDuration(row.rerunSecondsLost)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
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
