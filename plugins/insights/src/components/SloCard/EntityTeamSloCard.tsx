import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { SloRollup, SloRollupObjective } from '@cairn/plugin-insights-common';
import { Table } from '../common/ReadableTable';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useSloRollup } from '../../hooks/useInsights';
import { CountTiles } from '../common/CountTiles';
import {
  ALERT_LABELS,
  formatBurnRate,
  formatShare,
} from '../../format/sloFormat';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  muted: { color: theme.palette.text.secondary },
  nowrap: { whiteSpace: 'nowrap' },
  bars: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr) max-content',
    gap: theme.spacing(0.5, 1),
    alignItems: 'center',
  },
  bar: {
    height: 10,
    borderRadius: 2,
    backgroundColor: theme.palette.primary.main,
  },
  spent: { backgroundColor: theme.palette.error.main },
}));

const STATES: Array<[keyof SloRollup['byState'], string]> = [
  ['healthy', 'Healthy'],
  ['burning', 'Burning'],
  ['exhausted', 'Budget spent'],
  ['noData', 'No data'],
];

const BAND_LABELS: Record<string, string> = {
  spent: 'Spent',
  '0-25': 'Up to 25 %',
  '25-50': '25 to 50 %',
  '50-75': '50 to 75 %',
  '75-100': 'Over 75 %',
};

function ObjectivesTable(props: {
  rows: SloRollupObjective[];
  caption: string;
}) {
  const classes = useStyles();
  return (
    <Table size="small" aria-label={props.caption}>
      <TableHead>
        <TableRow>
          <TableCell>Component</TableCell>
          <TableCell>SLO</TableCell>
          <TableCell className={classes.nowrap}>Budget left</TableCell>
          <TableCell className={classes.nowrap}>Burn (1 h)</TableCell>
          <TableCell>Alert</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(o => (
          <TableRow key={`${o.entityRef}-${o.slo}-${o.objective}`}>
            <TableCell>
              <EntityRefLink entityRef={o.entityRef} defaultKind="component" />
            </TableCell>
            <TableCell>
              {o.slo}
              {o.name ? ` · ${o.name}` : ''}
            </TableCell>
            <TableCell className={classes.nowrap}>
              {formatShare(o.remaining, 1)}
            </TableCell>
            <TableCell className={classes.nowrap}>
              {formatBurnRate(o.burnRate1h)}
            </TableCell>
            <TableCell className={classes.nowrap}>
              {o.alert ? ALERT_LABELS[o.alert] : '—'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * The SLO card of a Group's (whole sub-tree's) or System's overview: objectives by state, the alerts
 * firing now, the lowest budgets and how the budgets left spread, each linked to its component.
 */
export function EntityTeamSloCard(props: { title?: string }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const classes = useStyles();
  const rollup = useSloRollup(entityRef);

  let content;
  if (rollup.loading) content = <Progress />;
  else if (rollup.error) content = <ResponseErrorPanel error={rollup.error} />;
  else if (rollup.value && rollup.value.objectives === 0)
    content = (
      <Typography variant="body1">
        None of the {rollup.value.components} components here has an SLO yet. A
        component gets one from an OpenSLO file named in its{' '}
        <code>cairn.dev/openslo</code> annotation; its SLO card shows how.
      </Typography>
    );
  else if (rollup.value) {
    const r = rollup.value;
    const most = Math.max(1, ...r.budgetDistribution.map(b => b.objectives));
    content = (
      <>
        <CountTiles
          tiles={STATES.map(([key, label]) => ({
            key,
            label,
            count: r.byState[key],
          }))}
        />
        <Typography variant="body2" className={classes.muted}>
          {r.objectives} objectives in {r.componentsWithSlos} of {r.components}{' '}
          components
          {r.tooLittleTraffic
            ? ` · ${r.tooLittleTraffic} with too little traffic to alert on`
            : ''}
        </Typography>
        <div className={classes.section}>
          <Typography variant="h6" component="h3" gutterBottom>
            Alerts firing now
          </Typography>
          {r.firing.length ? (
            <ObjectivesTable rows={r.firing} caption="Alerts firing now" />
          ) : (
            <Typography variant="body2">No alert is firing.</Typography>
          )}
        </div>
        {r.fastestBurning.length > 0 ? (
          <div className={classes.section}>
            <Typography variant="h6" component="h3" gutterBottom>
              Burning fastest
            </Typography>
            <ObjectivesTable
              rows={r.fastestBurning}
              caption="Burning fastest"
            />
          </div>
        ) : null}
        <div className={classes.section}>
          <Typography variant="h6" component="h3" gutterBottom>
            Lowest budgets
          </Typography>
          <ObjectivesTable rows={r.lowestBudgets} caption="Lowest budgets" />
        </div>
        <div className={classes.section}>
          <Typography variant="h6" component="h3" gutterBottom>
            Budget left across objectives
          </Typography>
          <div className={classes.bars}>
            {r.budgetDistribution.map(b => (
              <div key={b.band} style={{ display: 'contents' }}>
                <Typography variant="body2">{BAND_LABELS[b.band]}</Typography>
                <div
                  role="img"
                  aria-label={`${BAND_LABELS[b.band]}: ${
                    b.objectives
                  } objectives`}
                  className={`${classes.bar} ${
                    b.band === 'spent' ? classes.spent : ''
                  }`}
                  style={{ width: `${(b.objectives / most) * 100}%` }}
                />
                <Typography variant="body2">{b.objectives}</Typography>
              </div>
            ))}
          </div>
        </div>
      </>
    );
  }
  return (
    <InfoCard title={props.title ?? 'SLOs of the team'}>
      <div aria-busy={rollup.loading}>{content}</div>
    </InfoCard>
  );
}
