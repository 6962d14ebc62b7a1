import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ScorecardCheckState } from '@cairn/plugin-insights-common';
import Grid from '@material-ui/core/Grid';
import { Table } from '../common/ReadableTable';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  useScorecardHistory,
  useScorecardResults,
} from '../../hooks/useInsights';
import { formatDateTime } from '../../format/format';
import { EntityScorecardCard } from './EntityScorecardCard';
import { useTimeZone } from '../../hooks/useTimeZone';

const useStyles = makeStyles(theme => ({
  nowrap: { whiteSpace: 'nowrap' },
  muted: { color: theme.palette.text.secondary },
}));

const STATE: Record<ScorecardCheckState, string> = {
  pass: 'Pass',
  fail: 'Fail',
  warn: 'Warn',
  'not-applicable': 'Not applicable',
  'not-reported': 'No data yet',
  error: 'Error',
  exempt: 'Exempt',
};

/** Every check of every scorecard with its state and since when. */
function AllChecks(props: { entityRef: string }) {
  const zone = useTimeZone();
  const classes = useStyles();
  const state = useScorecardResults(props.entityRef);
  if (state.loading) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  const cards = state.value?.scorecards ?? [];
  if (!cards.length)
    return (
      <Typography variant="body2">No scorecard applies here yet.</Typography>
    );
  return (
    <>
      {cards.map(card => (
        <Table
          size="small"
          aria-label={`Every check of ${card.title}`}
          key={card.name}
        >
          <TableHead>
            <TableRow>
              <TableCell>{card.title}</TableCell>
              <TableCell>Level</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Value</TableCell>
              <TableCell className={classes.nowrap}>Since</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {card.checks.map(c => (
              <TableRow key={c.id}>
                <TableCell>{c.title}</TableCell>
                <TableCell className={classes.nowrap}>{c.level}</TableCell>
                <TableCell className={classes.nowrap}>
                  {c.state === 'fail' && c.dueBy
                    ? `Due by ${c.dueBy}`
                    : STATE[c.state]}
                </TableCell>
                <TableCell>{c.message ?? '–'}</TableCell>
                <TableCell className={classes.nowrap}>
                  {formatDateTime(c.since, zone)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ))}
    </>
  );
}

/** When each check changed state, newest first. */
function History(props: { entityRef: string }) {
  const zone = useTimeZone();
  const classes = useStyles();
  const history = useScorecardHistory(props.entityRef);
  const results = useScorecardResults(props.entityRef);
  if (history.loading) return <Progress />;
  if (history.error) return <ResponseErrorPanel error={history.error} />;
  const changes = history.value?.changes ?? [];
  if (!changes.length)
    return (
      <Typography variant="body2">
        No change yet: each check's state is recorded when it changes.
      </Typography>
    );
  const titleOf = (scorecard: string, check: string) =>
    results.value?.scorecards
      .find(s => s.name === scorecard)
      ?.checks.find(c => c.id === check)?.title ?? check;
  return (
    <Table size="small" aria-label="Scorecard history">
      <TableHead>
        <TableRow>
          <TableCell className={classes.nowrap}>When</TableCell>
          <TableCell>Check</TableCell>
          <TableCell>Became</TableCell>
          <TableCell>Why</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map((c, i) => (
          <TableRow key={`${c.scorecard}-${c.check}-${c.at}-${i}`}>
            <TableCell className={classes.nowrap}>
              {formatDateTime(c.at, zone)}
            </TableCell>
            <TableCell>{titleOf(c.scorecard, c.check)}</TableCell>
            <TableCell className={classes.nowrap}>{STATE[c.state]}</TableCell>
            <TableCell className={c.message ? undefined : classes.muted}>
              {c.message ?? '–'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * The Scorecards tab of an entity: the card, every check with its state and value, and the history of
 * when each check changed and why.
 */
export function EntityScorecardsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return (
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          <EntityScorecardCard />
        </Grid>
        <Grid item xs={12} md={7}>
          <InfoCard title="Every check">
            <AllChecks entityRef={entityRef} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="History">
            <History entityRef={entityRef} />
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  );
}
