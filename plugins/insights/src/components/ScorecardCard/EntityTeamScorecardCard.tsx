import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { ScorecardRollupResponse } from '@cairn/plugin-insights-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useScorecardRollup } from '../../hooks/useInsights';
import { CountTiles } from '../common/CountTiles';
import { plural } from '../../format/format';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  muted: { color: theme.palette.text.secondary },
}));

type Card = ScorecardRollupResponse['scorecards'][number];

/** "+2 since a month ago", "−1", or nothing when the count did not move or there was no history. */
function trend(card: Card, level: string) {
  const before = card.levelsMonthAgo[level] ?? 0;
  const known = Object.values(card.levelsMonthAgo).some(n => n > 0);
  const delta = (card.levelsNow[level] ?? 0) - before;
  if (!known || delta === 0) return '';
  return ` (${delta > 0 ? '+' : '−'}${Math.abs(delta)} in 30 days)`;
}

function ScorecardRollup(props: { card: Card }) {
  const classes = useStyles();
  const { card } = props;
  return (
    <div className={classes.section}>
      <Typography variant="h6" component="h3" gutterBottom>
        {card.title}
      </Typography>
      <CountTiles
        tiles={['none', ...card.levels].map(level => ({
          key: level,
          label: `${
            level === 'none' ? `below ${card.levels[0]}` : level
          }${trend(card, level)}`,
          count: card.levelsNow[level] ?? 0,
        }))}
      />
      <Typography variant="body2" className={classes.muted}>
        {plural(card.evaluated, 'component')} evaluated.
      </Typography>
      {card.topFailing.length ? (
        <List dense aria-label={`Checks of ${card.title} failing most`}>
          {card.topFailing.map(t => {
            const failing = card.checks.find(c => c.id === t.id)?.failing ?? [];
            return (
              <ListItem key={t.id} disableGutters>
                <ListItemText
                  primary={`${t.title}: ${plural(
                    t.failing,
                    'component',
                  )} failing`}
                  secondary={
                    <>
                      {failing.map((ref, i) => (
                        <span key={ref}>
                          {i ? ', ' : ''}
                          <EntityRefLink
                            entityRef={ref}
                            defaultKind="component"
                          />
                        </span>
                      ))}
                    </>
                  }
                />
              </ListItem>
            );
          })}
        </List>
      ) : (
        <Typography variant="body2" className={classes.section}>
          No check fails here.
        </Typography>
      )}
    </div>
  );
}

/**
 * The scorecard card of a Group's (whole sub-tree's) or System's overview: per scorecard, how many
 * components reached each level and how that moved in 30 days, and the checks failing most with the
 * components failing them.
 */
export function EntityTeamScorecardCard(props: { title?: string }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const rollup = useScorecardRollup(entityRef);

  let content;
  if (rollup.loading) content = <Progress />;
  else if (rollup.error) content = <ResponseErrorPanel error={rollup.error} />;
  else if (
    rollup.value &&
    rollup.value.scorecards.every(s => s.evaluated === 0)
  )
    content = (
      <Typography variant="body1">
        No scorecard results for the{' '}
        {plural(rollup.value.components, 'component')} here yet: scorecards are
        evaluated every hour, from the rules the platform team lists in
        insights.scorecards.rules.
      </Typography>
    );
  else if (rollup.value)
    content = rollup.value.scorecards
      .filter(s => s.evaluated > 0)
      .map(card => <ScorecardRollup key={card.name} card={card} />);
  return (
    <InfoCard title={props.title ?? 'Scorecards'}>
      <div aria-busy={rollup.loading}>{content}</div>
    </InfoCard>
  );
}
