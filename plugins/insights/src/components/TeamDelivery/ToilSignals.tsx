import { DoraRollup } from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatRate, plural } from '../../format/format';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: theme.spacing(1.5),
  },
  value: { fontSize: '1.5rem', fontWeight: 600 },
  muted: { color: theme.palette.text.secondary },
}));

/** Signals of toil across the team: manual deployments, rework and incidents per member. */
export function ToilSignals(props: { toil: DoraRollup['toil'] }) {
  const { toil } = props;
  const classes = useStyles();
  const perMember =
    toil.incidentsPerMember === null
      ? '–'
      : String(Math.round(toil.incidentsPerMember * 10) / 10);
  const signals = [
    {
      label: 'Manual deployments',
      value: formatRate(toil.manualDeploymentShare),
      detail:
        toil.manualDeploymentShare === null
          ? 'no deployments in the range'
          : `of ${plural(toil.deployments, 'deployment')}`,
    },
    {
      label: 'Rework rate',
      value: formatRate(toil.reworkRate),
      detail: 'rollbacks, hotfixes, reverts',
    },
    {
      label: 'Incidents per member',
      value: perMember,
      detail:
        toil.members === 0
          ? 'no members (a system, or a group without members)'
          : `${plural(toil.incidents, 'incident')}, ${plural(
              toil.members,
              'member',
            )}`,
    },
  ];
  return (
    <>
      <div className={classes.root} role="list" aria-label="Toil signals">
        {signals.map(s => (
          <div
            key={s.label}
            role="listitem"
            aria-label={`${s.label}: ${s.value}, ${s.detail}`}
          >
            <Typography variant="overline" component="div">
              {s.label}
            </Typography>
            <Typography className={classes.value}>{s.value}</Typography>
            <Typography variant="caption" className={classes.muted}>
              {s.detail}
            </Typography>
          </div>
        ))}
      </div>
      {toil.membersNote ? (
        <Typography variant="caption" component="p" role="note">
          {toil.membersNote}
        </Typography>
      ) : null}
    </>
  );
}
