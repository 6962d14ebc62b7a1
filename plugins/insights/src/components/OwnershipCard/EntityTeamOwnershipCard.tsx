import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { OwnerProblem, OwnershipRollup } from '@cairn/plugin-insights-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useOwnershipRollup } from '../../hooks/useInsights';
import { CountTiles } from '../common/CountTiles';
import { plural } from '../../format/format';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  muted: { color: theme.palette.text.secondary },
}));

const PROBLEM_LABELS: Record<OwnerProblem, string> = {
  'no-owner': 'no owner',
  'owner-missing': 'owner not in the catalog',
  'owner-is-person': 'owned by a person',
  'owner-left': 'owned by a person in no team',
  'no-members': 'owning group without members',
  'never-confirmed': 'ownership never confirmed',
  'confirmation-stale': 'ownership confirmation old',
  'confirmation-unreadable': 'confirmation date unreadable',
  'no-on-call': 'no on-call mapped',
};

const BANDS: Array<[keyof OwnershipRollup['truckFactors'], string]> = [
  ['0', 'Truck factor 0'],
  ['1', 'Truck factor 1'],
  ['2', 'Truck factor 2'],
  ['3+', 'Truck factor 3+'],
];

/**
 * The ownership card of a Group's (whole sub-tree's) or System's overview: the components' truck
 * factors, the ones whose code one person or nobody knows, and owner problems by kind (counts only).
 */
export function EntityTeamOwnershipCard(props: { title?: string }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const classes = useStyles();
  const rollup = useOwnershipRollup(entityRef);

  let content;
  if (rollup.loading) content = <Progress />;
  else if (rollup.error) content = <ResponseErrorPanel error={rollup.error} />;
  else if (rollup.value && rollup.value.withReports === 0)
    content = (
      <Typography variant="body1">
        No ownership report yet for the {rollup.value.components} components
        here: they are computed every few hours.
      </Typography>
    );
  else if (rollup.value) {
    const r = rollup.value;
    const problems = Object.entries(r.ownerProblems) as Array<
      [OwnerProblem, number]
    >;
    content = (
      <>
        <CountTiles
          tiles={BANDS.map(([band, label]) => ({
            key: band,
            label,
            count: r.truckFactors[band],
          }))}
        />
        <Typography variant="body2" className={classes.muted}>
          {plural(r.withReports, 'component')} with a report
          {r.withoutHistory
            ? `, ${r.withoutHistory} of them without history to read`
            : ''}
          .
        </Typography>
        <div className={classes.section}>
          <Typography variant="h6" component="h3" gutterBottom>
            Known by one person or nobody
          </Typography>
          {r.atRisk.length ? (
            <List dense aria-label="Components at risk">
              {r.atRisk.map(c => (
                <ListItem key={c.entityRef} disableGutters>
                  <ListItemText
                    primary={
                      <>
                        <EntityRefLink
                          entityRef={c.entityRef}
                          defaultKind="component"
                        />
                        {` · truck factor ${c.truckFactor} · ${plural(
                          c.files,
                          'file',
                        )}`}
                        {c.uncoveredFiles
                          ? `, ${c.uncoveredFiles} that no current member knows`
                          : ''}
                      </>
                    }
                  />
                </ListItem>
              ))}
            </List>
          ) : (
            <Typography variant="body2">
              Every component with history is known by at least two current
              members.
            </Typography>
          )}
        </div>
        {problems.length ? (
          <div className={classes.section}>
            <Typography variant="h6" component="h3" gutterBottom>
              Owner problems
            </Typography>
            <List dense aria-label="Owner problems">
              {problems.map(([problem, n]) => (
                <ListItem key={problem} disableGutters>
                  <ListItemText
                    primary={`${plural(n, 'component')}: ${
                      PROBLEM_LABELS[problem]
                    }`}
                  />
                </ListItem>
              ))}
            </List>
          </div>
        ) : null}
      </>
    );
  }
  return (
    <InfoCard title={props.title ?? 'Ownership risks'}>
      <div aria-busy={rollup.loading}>{content}</div>
    </InfoCard>
  );
}
