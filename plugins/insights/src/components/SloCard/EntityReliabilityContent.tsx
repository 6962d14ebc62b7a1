import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CodeSnippet,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  SloDeploymentNearBurn,
  SloDocuments,
  SloHistory,
  SloStatus,
} from '@cairn/plugin-insights-common';
import FormControl from '@material-ui/core/FormControl';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { Table } from '../common/ReadableTable';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import {
  useProductionDeployments,
  useSloHistory,
  useSloStatus,
} from '../../hooks/useInsights';
import { formatDateTime } from '../../format/format';
import {
  ALERT_LABELS,
  formatBurnRate,
  formatShare,
  objectiveLabel,
} from '../../format/sloFormat';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { useChartColors } from '../charts/useChartColors';
import { EntitySloCard } from './EntitySloCard';
import { useTimeZone } from '../../hooks/useTimeZone';

const useStyles = makeStyles(theme => ({
  controls: { marginBottom: theme.spacing(2), minWidth: 320 },
  muted: { color: theme.palette.text.secondary },
  nowrap: { whiteSpace: 'nowrap' },
}));

const DAY_MS = 86_400_000;

function deploymentText(d: SloDeploymentNearBurn, zone: string) {
  return `${d.version ?? d.id} (finished ${formatDateTime(
    d.finishedAt,
    zone,
  )})`;
}

/** The budget left per day beside the even pace, and the burn per day with its thresholds. */
function HistoryCharts(props: {
  slo: SloStatus;
  objective: number;
  history: SloHistory;
  deployments: Array<{ finishedAt?: string; version?: string; id: string }>;
}) {
  const { slo, history } = props;
  const colors = useChartColors();
  const o = slo.objectives[props.objective];
  const periodMs =
    slo.period.kind === 'rolling'
      ? slo.period.durationMs
      : Date.parse(o.window.to) - Date.parse(o.window.from);
  const from = Date.parse(history.from);
  const days = history.days;
  const rows = days.map(d => ({
    label: d.day,
    remaining: d.budgetRemaining === null ? null : d.budgetRemaining * 100,
    // Spending the budget evenly from the first day shown: 100 % then down by a day's share a day.
    ideal: Math.max(0, 100 - ((Date.parse(d.at) - from) / periodMs) * 100),
    burn: d.burnRate,
  }));
  const dayOf = (iso: string) =>
    days.find(
      d =>
        Date.parse(d.at) - DAY_MS <= Date.parse(iso) &&
        Date.parse(iso) < Date.parse(d.at),
    )?.day;
  // Every production deployment is a line on its day; those just before a burn carry their name.
  const beforeBurns = new Set(
    [...history.days, ...history.alerts].flatMap(x =>
      (x.deploymentsBefore ?? []).map(d => d.id),
    ),
  );
  const placed = props.deployments.filter(
    d => d.finishedAt && dayOf(d.finishedAt),
  );
  const markers = placed.map(d => ({
    label: dayOf(d.finishedAt!)!,
    name: beforeBurns.has(d.id) ? d.version ?? d.id : '',
  }));
  const named = placed
    .filter(d => beforeBurns.has(d.id))
    .map(d => `${dayOf(d.finishedAt!)} (${d.version ?? d.id}, before a burn)`);
  const pairs = o.alert?.pairs ?? [];
  return (
    <>
      <Grid item xs={12} lg={6}>
        <InfoCard title="Error budget left">
          <TimeSeriesChart
            rows={rows}
            series={[
              {
                key: 'remaining',
                name: 'Budget left',
                color: colors.primary,
                type: 'line',
              },
              {
                key: 'ideal',
                name: 'Spent evenly',
                color: colors.text,
                type: 'line',
              },
            ]}
            markers={markers}
            format={v => (v === null ? '—' : `${Math.round(v)} %`)}
            description={`Error budget left at the end of each day, from ${
              rows[0]?.label
            } to ${rows[rows.length - 1]?.label}: ${rows
              .map(
                r =>
                  `${r.label} ${
                    r.remaining === null
                      ? 'no data'
                      : `${Math.round(r.remaining as number)} %`
                  }`,
              )
              .join(', ')}; ${placed.length} production deployments${
              named.length ? `, among them ${named.join(', ')}` : ''
            }`}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard title="Burn rate per day">
          <TimeSeriesChart
            rows={rows}
            series={[
              {
                key: 'burn',
                name: 'Burn rate',
                color: colors.bad,
                type: 'bar',
              },
            ]}
            thresholds={[
              { value: 1, label: '1× (budget lasts the period)' },
              ...pairs
                .filter(
                  p => (p.long === '1d' || p.long === '3d') && p.factor !== 1,
                )
                .map(p => ({
                  value: p.factor,
                  label: `${formatBurnRate(p.factor)} ticket over ${p.long}`,
                })),
            ]}
            markers={markers}
            format={v => formatBurnRate(v)}
            description={`Burn rate per day: ${rows
              .map(r => `${r.label} ${formatBurnRate(r.burn as number | null)}`)
              .join(', ')}`}
          />
        </InfoCard>
      </Grid>
    </>
  );
}

function AlertHistory(props: { history: SloHistory }) {
  const zone = useTimeZone();
  const classes = useStyles();
  const changes = props.history.alerts.filter(a => a.from !== null);
  const burns = props.history.days.filter(d => d.unusualBurn);
  return (
    <InfoCard title="Alert history and what was deployed before">
      {changes.length === 0 && burns.length === 0 ? (
        <Typography variant="body2">
          The alert state has not changed since{' '}
          {formatDateTime(props.history.from, zone)}, and no day burned the
          budget twice as fast as it lasts.
        </Typography>
      ) : (
        <Table size="small" aria-label="Alert history">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>What</TableCell>
              <TableCell>Burn (long / short window)</TableCell>
              <TableCell>Deployed in the 6 hours before</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {changes.map(a => {
              const firing = a.windows.find(w => w.firing);
              return (
                <TableRow key={`alert-${a.at}`}>
                  <TableCell className={classes.nowrap}>
                    {formatDateTime(a.at, zone)}
                  </TableCell>
                  <TableCell>
                    {ALERT_LABELS[a.from!]} → {ALERT_LABELS[a.to]}
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    {firing
                      ? `${formatBurnRate(firing.longBurnRate)} over ${
                          firing.long
                        } / ${formatBurnRate(firing.shortBurnRate)} over ${
                          firing.short
                        }`
                      : '—'}
                  </TableCell>
                  <TableCell>
                    {a.deploymentsBefore
                      ? a.deploymentsBefore
                          .map(before => deploymentText(before, zone))
                          .join(', ') || 'nothing'
                      : '—'}
                  </TableCell>
                </TableRow>
              );
            })}
            {burns.map(d => (
              <TableRow key={`day-${d.day}`}>
                <TableCell className={classes.nowrap}>
                  {d.burnOnset ? formatDateTime(d.burnOnset, zone) : d.day}
                </TableCell>
                <TableCell>
                  Unusual burn on {d.day} ({formatBurnRate(d.burnRate)} for the
                  day)
                </TableCell>
                <TableCell>—</TableCell>
                <TableCell>
                  {(d.deploymentsBefore ?? [])
                    .map(before => deploymentText(before, zone))
                    .join(', ') || 'nothing'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}

function pairState(p: { firing: boolean; tooLittleTraffic: boolean }) {
  if (p.firing) return 'Firing';
  return p.tooLittleTraffic ? 'Too little traffic' : 'Quiet';
}

function WindowsNow(props: { slo: SloStatus; objective: number }) {
  const o = props.slo.objectives[props.objective];
  const pairs = o.alert?.pairs ?? [];
  return (
    <InfoCard title="Alert windows now">
      {pairs.length === 0 ? (
        <Typography variant="body2">
          {props.slo.budgetingMethod} SLOs are judged by their slices, without
          burn-rate alerts.
        </Typography>
      ) : (
        <Table size="small" aria-label="Alert windows now">
          <TableHead>
            <TableRow>
              <TableCell>Alert</TableCell>
              <TableCell>Windows</TableCell>
              <TableCell>Threshold</TableCell>
              <TableCell>Burn now (long / short)</TableCell>
              <TableCell>State</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {pairs.map(p => (
              <TableRow key={`${p.long}-${p.short}`}>
                <TableCell>
                  {p.severity === 'page' ? 'Page' : 'Ticket'}
                </TableCell>
                <TableCell>
                  {p.long} and {p.short}
                </TableCell>
                <TableCell>{formatBurnRate(p.factor)}</TableCell>
                <TableCell>
                  {formatBurnRate(p.longBurnRate)} /{' '}
                  {formatBurnRate(p.shortBurnRate)}
                </TableCell>
                <TableCell>{pairState(p)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}

function DocumentView(props: { slo: SloStatus; documents: SloDocuments }) {
  const zone = useTimeZone();
  const classes = useStyles();
  const document = props.documents.documents.find(
    d => d.origin === props.slo.origin,
  );
  return (
    <InfoCard title="OpenSLO document">
      <Typography variant="body2" className={classes.muted} gutterBottom>
        {props.slo.origin === 'api'
          ? 'Pushed through the API'
          : `Read from ${props.slo.origin}`}
        {document
          ? ` · version ${document.version}, received ${formatDateTime(
              document.receivedAt,
              zone,
            )} from ${document.receivedBy}`
          : ''}
      </Typography>
      {document?.content ? (
        <CodeSnippet language="yaml" text={document.content} showLineNumbers />
      ) : (
        <Typography variant="body2">The document is not available.</Typography>
      )}
    </InfoCard>
  );
}

/**
 * A component's Reliability tab: per SLO objective, the budget left per day beside an even pace, the
 * burn per day with its thresholds, the component's production deployments on the same axis, the alert
 * history with what was deployed before each burn, the alert windows now and the OpenSLO document.
 */
export function EntityReliabilityContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const classes = useStyles();
  const state = useSloStatus(entityRef);
  const options = useMemo(
    () =>
      (state.value?.status.slos ?? []).flatMap(slo =>
        slo.objectives.map((o, index) => ({
          key: `${slo.name}#${index}`,
          slo,
          index,
          label: `${slo.displayName ?? slo.name}: ${objectiveLabel(slo, o)}`,
        })),
      ),
    [state.value],
  );
  const [chosen, setChosen] = useState<string>();
  const selected = options.find(o => o.key === chosen) ?? options[0];
  const history = useSloHistory({
    entityRef,
    slo: selected?.slo.name,
    objective: selected?.index ?? 0,
  });
  const deployments = useProductionDeployments(
    entityRef,
    history.value
      ? { from: history.value.from, to: history.value.to }
      : undefined,
  );

  if (state.loading) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  if (!selected) return <EntitySloCard title="Reliability" />;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <FormControl className={classes.controls}>
          <InputLabel id="slo-objective-label">SLO objective</InputLabel>
          <Select
            // The value belongs in the accessible name (MUI names the select by its label alone).
            SelectDisplayProps={{ id: 'slo-objective-value' }}
            labelId="slo-objective-label"
            value={selected.key}
            onChange={e => setChosen(String(e.target.value))}
          >
            {options.map(o => (
              <MenuItem key={o.key} value={o.key}>
                {o.label}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <Typography variant="body2" className={classes.muted}>
          Budget now{' '}
          {formatShare(
            selected.slo.objectives[selected.index].budget?.remaining,
            1,
          )}{' '}
          · alert{' '}
          {
            ALERT_LABELS[
              selected.slo.objectives[selected.index].alert?.status ?? 'no-data'
            ]
          }
          {history.value
            ? ` · days in ${history.value.timeZone}, last 30 days`
            : ''}
        </Typography>
      </Grid>
      {history.loading ? (
        <Grid item xs={12}>
          <Progress />
        </Grid>
      ) : null}
      {history.error ? (
        <Grid item xs={12}>
          <ResponseErrorPanel error={history.error} />
        </Grid>
      ) : null}
      {history.value ? (
        <>
          <HistoryCharts
            slo={selected.slo}
            objective={selected.index}
            history={history.value}
            deployments={deployments.value?.items ?? []}
          />
          <Grid item xs={12}>
            <AlertHistory history={history.value} />
          </Grid>
        </>
      ) : null}
      <Grid item xs={12} lg={6}>
        <WindowsNow slo={selected.slo} objective={selected.index} />
      </Grid>
      <Grid item xs={12} lg={6}>
        <DocumentView slo={selected.slo} documents={state.value!.documents} />
      </Grid>
    </Grid>
  );
}
