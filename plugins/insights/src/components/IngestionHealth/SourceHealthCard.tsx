import { InfoCard } from '@backstage/core-components';
import { IngestionSourceHealth } from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useChartColors } from '../charts/useChartColors';
import { Marker } from '../DrillDown/Marker';
import { NoteList } from './NoteList';
import {
  formatCount,
  OUTCOME_LABELS,
  OUTCOMES,
  OutcomeChart,
} from './OutcomeChart';
import { sourceInfo } from './sourceInfo';
import { TimeAgo } from './TimeAgo';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  title: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  overview: {
    display: 'grid',
    gridTemplateColumns: 'minmax(240px, 1fr) minmax(0, 3fr)',
    gap: theme.spacing(2),
    [theme.breakpoints.down('sm')]: { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  facts: {
    margin: 0,
    '& dt': {
      ...theme.typography.caption,
      color: theme.palette.text.secondary,
    },
    '& dd': {
      ...theme.typography.body2,
      margin: theme.spacing(0, 0, 1, 0),
    },
  },
  totals: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    // Swatch, number, label: the numbers line up on the right.
    gridTemplateColumns: 'auto auto 1fr',
    columnGap: theme.spacing(1),
    rowGap: theme.spacing(0.25),
    alignItems: 'baseline',
  },
  total: { display: 'contents' },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 2,
  },
  number: {
    ...theme.typography.h6,
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
  },
  unattributed: {
    gridColumn: '2 / -1',
    marginTop: theme.spacing(0.5),
    color: theme.palette.text.secondary,
  },
  notes: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
    gap: theme.spacing(2),
  },
}));

/**
 * One ingestion source: when it last received and stored events, what happened to its events over
 * the range (stacked by outcome), and the latest reasons it refused or ignored input. A source the
 * backend no longer has installed is marked, with what that means.
 */
export function SourceHealthCard(props: {
  source: IngestionSourceHealth;
  bucket: 'hour' | 'day';
  rangeLabel: string;
  now: number;
}) {
  const { source, bucket, rangeLabel, now } = props;
  const classes = useStyles();
  const colors = useChartColors();
  const info = sourceInfo(source.source);
  const t = source.totals;
  return (
    <InfoCard
      title={
        <span className={classes.title}>
          <span>{source.source}</span>
          {source.registered ? null : (
            <Marker
              label="no longer registered"
              tone="warn"
              title="Not installed in the backend now"
            />
          )}
        </span>
      }
      subheader={info.label}
    >
      <section
        className={classes.root}
        aria-label={`Source ${source.source}${
          source.registered ? '' : ' (no longer registered)'
        }`}
        data-testid={`source-health-${source.source}`}
      >
        {source.registered ? null : (
          <Alert severity="warning" variant="outlined">
            The backend no longer has the source <code>{source.source}</code>{' '}
            installed (its module was removed or disabled). What it sent before
            is still stored and counted; nothing new arrives through it.
          </Alert>
        )}
        <div className={classes.overview}>
          <div>
            <dl className={classes.facts}>
              <dt>Last received</dt>
              <dd>
                <TimeAgo iso={source.lastReceivedAt} now={now} />
              </dd>
              <dt>Last accepted</dt>
              <dd>
                <TimeAgo
                  iso={source.lastAcceptedAt}
                  now={now}
                  never="nothing stored yet"
                />
              </dd>
            </dl>
            <ul
              className={classes.totals}
              aria-label={`Totals, ${rangeLabel.toLowerCase()}`}
            >
              {OUTCOMES.map(key => (
                <li
                  key={key}
                  className={classes.total}
                  aria-label={`${OUTCOME_LABELS[key]}: ${formatCount(t[key])}`}
                >
                  <span
                    className={classes.swatch}
                    style={{ background: colors.outcomes[key] }}
                  />
                  <span className={classes.number}>{formatCount(t[key])}</span>
                  <Typography variant="body2" component="span">
                    {OUTCOME_LABELS[key].toLowerCase()}
                  </Typography>
                </li>
              ))}
              <li
                className={classes.total}
                aria-label={`Unattributed: ${formatCount(t.unattributed)}`}
              >
                <Typography
                  variant="body2"
                  component="span"
                  className={classes.unattributed}
                >
                  {formatCount(t.unattributed)} of the accepted and updated
                  stored without a component
                </Typography>
              </li>
            </ul>
          </div>
          <OutcomeChart
            source={source}
            bucket={bucket}
            rangeLabel={rangeLabel}
          />
        </div>
        <div className={classes.notes}>
          <NoteList
            title="Latest rejections"
            notes={source.recentRejections}
            empty="No rejection recorded."
            now={now}
            tone="bad"
          />
          <NoteList
            title="Latest ignored input"
            notes={source.recentIgnored}
            empty={
              t.ignored > 0
                ? 'No reason recorded: ignored input without a reason is a replay or an older update arriving late, which is only counted.'
                : 'No ignored input recorded.'
            }
            now={now}
          />
        </div>
      </section>
    </InfoCard>
  );
}
