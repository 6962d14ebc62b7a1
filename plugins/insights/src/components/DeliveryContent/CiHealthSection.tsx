import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  CiHealth,
  FlakyTest,
  PipelineHealth,
  PipelineKind,
} from '@cairn/plugin-insights-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  durationAxis,
  formatBucketLabel,
  formatDateTime,
  formatDuration,
  formatRate,
} from '../../format/format';
import { useCiHealth } from '../../hooks/useInsights';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { useChartColors } from '../charts/useChartColors';
import { Table } from '../common/ReadableTable';

const useStyles = makeStyles(theme => ({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  muted: { color: theme.palette.text.secondary },
  suite: { color: theme.palette.text.secondary },
}));

const KIND_NAMES: Record<PipelineKind, string> = {
  defaultBranch: 'default branch',
  pullRequest: 'pull requests',
  other: 'other runs',
};

/** "10 min (was 8 min)" when the previous period had runs. */
function withPrevious(current: number | null, previous: number | null) {
  const now = formatDuration(current);
  return previous === null ? now : `${now} (was ${formatDuration(previous)})`;
}

function PipelinesTable(props: { pipelines: PipelineHealth[] }) {
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Pipelines">
      <TableHead>
        <TableRow>
          <TableCell>Pipeline</TableCell>
          <TableCell>Builds</TableCell>
          <TableCell align="right">Runs</TableCell>
          <TableCell align="right">Success rate</TableCell>
          <TableCell align="right">Duration p50</TableCell>
          <TableCell align="right">Duration p95</TableCell>
          <TableCell align="right">Queue p50 / p95</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.pipelines.map(p => (
          <TableRow key={`${p.kind}:${p.pipeline}`}>
            <TableCell>
              {p.lastRun?.url ? (
                <Link to={p.lastRun.url}>{p.pipeline}</Link>
              ) : (
                p.pipeline
              )}
            </TableCell>
            <TableCell>{KIND_NAMES[p.kind]}</TableCell>
            <TableCell align="right">
              {p.runs}
              {p.cancelled ? (
                <span className={classes.muted}>
                  {' '}
                  ({p.cancelled} cancelled)
                </span>
              ) : null}
            </TableCell>
            <TableCell align="right">
              {formatRate(p.successRate)}
              {p.previous.successRate !== null ? (
                <span className={classes.muted}>
                  {' '}
                  (was {formatRate(p.previous.successRate)})
                </span>
              ) : null}
            </TableCell>
            <TableCell align="right">
              {withPrevious(p.duration.p50, p.previous.duration.p50)}
            </TableCell>
            <TableCell align="right">
              {withPrevious(p.duration.p95, p.previous.duration.p95)}
            </TableCell>
            <TableCell align="right">
              {p.queue.count
                ? `${formatDuration(p.queue.p50)} / ${formatDuration(
                    p.queue.p95,
                  )}`
                : 'not reported'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function FlakyTestsTable(props: { tests: FlakyTest[]; timeZone: string }) {
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Flaky tests">
      <TableHead>
        <TableRow>
          <TableCell>Test</TableCell>
          <TableCell align="right">Failure rate</TableCell>
          <TableCell align="right">Failed runs</TableCell>
          <TableCell align="right">Runs it blocked</TableCell>
          <TableCell align="right">Commits it flaked on</TableCell>
          <TableCell>Last failure</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.tests.map(t => (
          <TableRow key={`${t.suite}\u0000${t.name}`}>
            <TableCell>
              {t.name}
              {t.suite ? (
                <div className={classes.suite}>
                  {t.suite} · {t.pipelines.join(', ')}
                </div>
              ) : (
                <div className={classes.suite}>{t.pipelines.join(', ')}</div>
              )}
            </TableCell>
            <TableCell align="right">{formatRate(t.failureRate)}</TableCell>
            <TableCell align="right">
              {t.failures} of {t.runs}
            </TableCell>
            <TableCell align="right">{t.blockedRuns}</TableCell>
            <TableCell align="right">{t.flakyCommits}</TableCell>
            <TableCell>
              {t.lastFailure.url ? (
                <Link to={t.lastFailure.url}>
                  {formatDateTime(t.lastFailure.at, props.timeZone)}
                </Link>
              ) : (
                formatDateTime(t.lastFailure.at, props.timeZone)
              )}
              {t.lastFailure.message ? (
                <div className={classes.suite}>{t.lastFailure.message}</div>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The default-branch runs' durations per bucket (p50 and p95) and their queue time p50. */
function DurationChart(props: { health: CiHealth }) {
  const colors = useChartColors();
  const { points, bucket } = props.health.series;
  const values = points.flatMap(p => [p.duration.p50, p.duration.p95]);
  const format = durationAxis(values);
  const rows = points.map(p => ({
    label: formatBucketLabel(p.from, bucket, props.health.range.timezone),
    p50: p.duration.p50,
    p95: p.duration.p95,
    queue: p.queue.p50,
  }));
  const described = points
    .filter(p => p.runs > 0)
    .map(
      p =>
        `${formatBucketLabel(
          p.from,
          bucket,
          props.health.range.timezone,
        )}: p50 ${formatDuration(p.duration.p50)}, p95 ${formatDuration(
          p.duration.p95,
        )}, ${p.runs} runs`,
    )
    .join('; ');
  return (
    <TimeSeriesChart
      rows={rows}
      series={[
        {
          key: 'p50',
          name: 'Duration p50',
          color: colors.primary,
          type: 'line',
        },
        {
          key: 'p95',
          name: 'Duration p95',
          color: colors.warning,
          type: 'line',
        },
        { key: 'queue', name: 'Queue p50', color: colors.info, type: 'line' },
      ]}
      format={formatDuration}
      axisFormat={format}
      description={`Default-branch pipeline durations per ${bucket}: ${
        described || 'no runs'
      }`}
    />
  );
}

/**
 * The Delivery tab's CI section: each pipeline's runs, success rate, durations and queue times against
 * the previous period, the default branch's durations over time, the tests that flaked and what reruns
 * cost. Empty, it says which events to send.
 */
export function CiHealthSection(props: {
  entityRef: string;
  from?: string;
  to?: string;
  timezone?: string;
  bucket: 'day' | 'week' | 'month' | 'quarter';
}) {
  const classes = useStyles();
  const health = useCiHealth({
    entityRef: props.entityRef,
    from: props.from,
    to: props.to,
    timezone: props.timezone,
    // CI runs are too many for quarters: the chart groups them by month then.
    bucket: props.bucket === 'quarter' ? 'month' : props.bucket,
  });
  if (health.loading && !health.value) {
    return (
      <InfoCard title="CI health">
        <Progress />
      </InfoCard>
    );
  }
  if (health.error || !health.value) {
    return (
      <InfoCard title="CI health">
        <ResponseErrorPanel
          title="CI health could not be loaded"
          error={health.error ?? new Error('no answer')}
        />
      </InfoCard>
    );
  }
  const h = health.value;
  if (h.pipelines.length === 0) {
    return (
      <InfoCard title="CI health">
        <Typography variant="body2" paragraph>
          No pipeline run of this component finished in the range, so there are
          no build times, queue times or flaky tests to show, and the lead
          time&apos;s deploy stage is not split into build and release.
        </Typography>
        <CiNotes notes={h.coverage.notes} />
      </InfoCard>
    );
  }
  const lost = h.reruns.runs
    ? `${h.reruns.runs} failed run${
        h.reruns.runs === 1 ? '' : 's'
      } went green when rerun on the same commit: ${formatDuration(
        h.reruns.secondsLost,
      )} of pipeline time lost to reruns.`
    : 'No failed run was turned green by a rerun in the range.';
  return (
    <InfoCard
      title="CI health"
      subheader={`${
        h.coverage.runs
      } pipeline runs · trends against the previous ${Math.round(
        h.range.days,
      )} days`}
    >
      <div className={classes.section}>
        <PipelinesTable pipelines={h.pipelines} />
        <DurationChart health={h} />
        <Typography variant="body2">{lost}</Typography>
        <Typography variant="h6" component="h3">
          Flaky tests
        </Typography>
        {h.flakyTests.length ? (
          <FlakyTestsTable tests={h.flakyTests} timeZone={h.range.timezone} />
        ) : (
          <Typography variant="body2" className={classes.muted}>
            {h.coverage.withTests
              ? 'No test failed and passed on the same commit in the range.'
              : 'No run reported test results.'}
          </Typography>
        )}
        <CiNotes notes={h.coverage.notes} />
      </div>
    </InfoCard>
  );
}

/** What the CI data lacks, and what to send. */
function CiNotes(props: { notes: CiHealth['coverage']['notes'] }) {
  const classes = useStyles();
  if (props.notes.length === 0) return null;
  return (
    <div className={classes.section} role="region" aria-label="CI data notes">
      {props.notes.map(note => (
        <Alert
          key={note.message}
          severity={note.severity === 'warning' ? 'warning' : 'info'}
          variant="outlined"
        >
          {note.message}
        </Alert>
      ))}
    </div>
  );
}
