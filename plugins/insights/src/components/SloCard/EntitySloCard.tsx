import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CodeSnippet,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_OPENSLO,
  SloDocuments,
  SloObjectiveStatus,
  SloStatus,
} from '@cairn/plugin-insights-common';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useSloStatus } from '../../hooks/useInsights';
import {
  ALERT_LABELS,
  budgetLeftText,
  formatBurnRate,
  formatHours,
  formatShare,
  formatTarget,
  objectiveLabel,
} from '../../format/sloFormat';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  objective: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    gap: theme.spacing(0.5, 2),
    alignItems: 'center',
  },
  heading: { fontWeight: 600, overflowWrap: 'anywhere' },
  muted: { color: theme.palette.text.secondary },
  bar: { gridColumn: '1 / -1', height: 6, borderRadius: 3 },
  footer: {
    marginTop: theme.spacing(2),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
}));

/** A minimal OpenSLO file that works, for the empty state. */
export const MINIMAL_OPENSLO = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: my-service-availability
spec:
  service: my-service
  indicator:
    metadata:
      name: my-service-good-requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="my-service",code!~"5.."}[{{.window}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="my-service"}[{{.window}}]))
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.9`;

const ALERT_COLORS: Record<string, 'error' | 'warning' | 'success' | 'info'> = {
  page: 'error',
  ticket: 'warning',
  ok: 'success',
  'too-little-traffic': 'info',
  'no-data': 'info',
};

function AlertChip(props: { objective: SloObjectiveStatus }) {
  const status = props.objective.alert?.status;
  if (!status) return null;
  const tone = ALERT_COLORS[status];
  return (
    <Chip
      size="small"
      label={ALERT_LABELS[status]}
      color={tone === 'error' ? 'secondary' : 'default'}
      variant={tone === 'success' || tone === 'info' ? 'outlined' : 'default'}
      aria-label={`Alert state: ${ALERT_LABELS[status]}`}
    />
  );
}

function exhaustionText(hours: number | null) {
  if (hours === null) return '';
  if (hours === 0) return ' · budget spent';
  return ` · exhausted in ${formatHours(hours)} at this rate`;
}

function periodText(slo: SloStatus) {
  if (slo.period.kind === 'rolling')
    return `rolling ${Math.round(slo.period.durationMs / 86_400_000)} days`;
  return `this calendar ${slo.period.unit} (${slo.period.timeZone})`;
}

/** One objective: the SLI against its target, the budget left, the alert and its burn. */
function ObjectiveRow(props: {
  slo: SloStatus;
  objective: SloObjectiveStatus;
}) {
  const { slo, objective: o } = props;
  const classes = useStyles();
  const latency = slo.indicator.kind === 'threshold';
  const remaining = o.budget?.remaining ?? null;
  const burning = o.alert?.status === 'page' || o.alert?.status === 'ticket';
  const title = `${slo.displayName ?? slo.name}: ${objectiveLabel(slo, o)}`;
  return (
    <li className={classes.objective} aria-label={title}>
      <Typography variant="body1" className={classes.heading}>
        {title}
      </Typography>
      <AlertChip objective={o} />
      <Typography variant="body2">
        {o.sli === null
          ? 'No data in the period'
          : `${formatShare(o.sli)}${
              latency ? ' of requests' : ''
            }, target ${formatTarget(o.target)}`}
      </Typography>
      <Typography variant="body2" className={classes.muted}>
        {periodText(slo)}
      </Typography>
      {remaining !== null ? (
        <LinearProgress
          className={classes.bar}
          variant="determinate"
          value={Math.max(0, Math.min(100, remaining * 100))}
          color={remaining <= 0.25 ? 'secondary' : 'primary'}
          aria-label={`Error budget remaining: ${formatShare(remaining, 1)}`}
        />
      ) : null}
      {remaining !== null ? (
        <Typography variant="body2" style={{ gridColumn: '1 / -1' }}>
          Error budget {formatShare(remaining, 1)} remaining
          {budgetLeftText(slo, o) ? ` · ${budgetLeftText(slo, o)}` : ''}
        </Typography>
      ) : null}
      {burning ? (
        <Typography variant="body2" style={{ gridColumn: '1 / -1' }}>
          Burning {formatBurnRate(o.burnRate1h)} over the last hour
          {exhaustionText(o.timeToExhaustionHours)}
        </Typography>
      ) : null}
      {o.alert?.status === 'too-little-traffic' ? (
        <Typography
          variant="body2"
          className={classes.muted}
          style={{ gridColumn: '1 / -1' }}
        >
          Too little traffic to judge its alert windows ({o.events.total} events
          in the period); the budget still counts.
        </Typography>
      ) : null}
      {o.sli !== null && o.coverage < 1 ? (
        <Typography
          variant="caption"
          className={classes.muted}
          style={{ gridColumn: '1 / -1' }}
        >
          Data for {formatShare(o.coverage, 1)} of the period's minutes; missing
          minutes count neither as good nor as bad.
        </Typography>
      ) : null}
    </li>
  );
}

/** What is wrong with the documents or the data source, in the owner's terms. */
function SourceNotes(props: { slos: SloStatus[]; documents: SloDocuments }) {
  const invalid = props.documents.documents.filter(d => d.state === 'invalid');
  const notInstalled = props.slos.filter(
    s => s.dataSource.module === 'not-installed',
  );
  const failing = props.slos.filter(s => s.dataSource.lastError);
  return (
    <>
      {invalid.map(d => (
        <Alert severity="warning" key={d.origin}>
          {d.origin === 'api' ? 'The pushed documents' : d.origin} (version{' '}
          {d.version}) did not validate; the last valid version keeps serving.{' '}
          {d.problems
            .slice(0, 3)
            .map(
              p => `${p.document}${p.path ? ` ${p.path}` : ''}: ${p.message}`,
            )
            .join('; ')}
        </Alert>
      ))}
      {notInstalled.length > 0 ? (
        <Alert severity="info">
          No module of this portal reads{' '}
          {[...new Set(notInstalled.map(s => s.dataSource.type))].join(', ')}{' '}
          (for {notInstalled.map(s => s.name).join(', ')}): its SLI data comes
          only from the push API. For Prometheus, install
          @cairn/plugin-insights-backend-module-prometheus and set
          insights.prometheus.url.
        </Alert>
      ) : null}
      {failing.map(s => (
        <Alert severity="warning" key={s.name}>
          {s.name}: reading {s.dataSource.type} failed ({s.dataSource.lastError}
          ); the minutes since are missing, not counted as good.
        </Alert>
      ))}
    </>
  );
}

/** No SLO yet: what to add, and a minimal file that works. */
function SloEmptyState(props: { documents: SloDocuments }) {
  const classes = useStyles();
  return (
    <div className={classes.footer}>
      <Typography variant="body1">
        This component has no SLO yet. Keep an OpenSLO file in its repository
        and name it in an annotation:
      </Typography>
      <CodeSnippet
        language="yaml"
        text={`metadata:\n  annotations:\n    ${ANNOTATION_OPENSLO}: slo/availability.yaml`}
      />
      <Typography variant="body2" className={classes.muted}>
        The path is relative to the component's source location (or a URL); the
        file is read every 10 minutes. A minimal file:
      </Typography>
      <CodeSnippet language="yaml" text={MINIMAL_OPENSLO} />
      <SourceNotes slos={[]} documents={props.documents} />
    </div>
  );
}

/**
 * The SLO card of a component's overview: each SLO objective's SLI against its target, the error
 * budget left (as a share and in outage minutes or bad events), the alert state and, when burning,
 * the burn rate and time to exhaustion; what to add when there is none.
 */
export function EntitySloCard(props: { title?: string }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const classes = useStyles();
  const state = useSloStatus(entityRef);

  let content;
  if (state.loading) content = <Progress />;
  else if (state.error) content = <ResponseErrorPanel error={state.error} />;
  else if (state.value && state.value.status.slos.length === 0)
    content = <SloEmptyState documents={state.value.documents} />;
  else if (state.value) {
    const { slos } = state.value.status;
    content = (
      <>
        <ul className={classes.list}>
          {slos.flatMap(slo =>
            slo.objectives.map((o, i) => (
              <ObjectiveRow key={`${slo.name}-${i}`} slo={slo} objective={o} />
            )),
          )}
        </ul>
        <div className={classes.footer}>
          <SourceNotes slos={slos} documents={state.value.documents} />
        </div>
      </>
    );
  }
  return (
    <InfoCard title={props.title ?? 'SLOs and error budgets'}>
      <div aria-busy={state.loading}>{content}</div>
    </InfoCard>
  );
}
