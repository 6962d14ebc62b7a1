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
import { Table } from '../common/ReadableTable';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useOwnershipRollup } from '../../hooks/useInsights';
import { CountTiles } from '../common/CountTiles';
import { formatRate, plural } from '../../format/format';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  muted: { color: theme.palette.text.secondary },
  matrix: { overflowX: 'auto' },
  // Every cell on one line (a squeezed column wrapped letter by letter), scrolling sideways when wide.
  cell: { whiteSpace: 'nowrap', padding: theme.spacing(1, 1) },
}));

type Team = NonNullable<OwnershipRollup['team']>;

/** The size of a team against the 15–25 people at which silos form. */
function sizeAdvice(t: OwnershipRollup['teams'][number]) {
  if (t.size === 'large')
    return `${t.members} members: past the 15–25 at which silos form; split it along its components.`;
  if (t.size === 'forming')
    return `${t.members} members: silos form at 15–25 people; watch who works on what.`;
  return null;
}

/**
 * Who knows what: each member's share of each component's commits in the year before its newest (only the team
 * and the platform team see it; everyone else, the counts above).
 */
function WhoKnowsWhat(props: { team: Team }) {
  const classes = useStyles();
  const { team } = props;
  if (!team.namesVisible)
    return (
      <Typography variant="body2" className={classes.muted}>
        Who knows what and review load per member are shown to the team’s
        members and the platform team.
      </Typography>
    );
  if (team.whoKnowsWhat.length === 0)
    return (
      <Typography variant="body2">
        No history read for the team’s components yet: give them a source
        location (backstage.io/source-location) and history access.
      </Typography>
    );
  const members = team.members.filter((m): m is string => m !== null);
  return (
    <div className={classes.matrix}>
      <Table size="small" aria-label="Who knows what">
        <TableHead>
          <TableRow>
            <TableCell className={classes.cell}>Member</TableCell>
            {team.whoKnowsWhat.map(c => (
              <TableCell
                key={c.component}
                align="right"
                className={classes.cell}
              >
                <EntityRefLink
                  entityRef={c.component}
                  defaultKind="component"
                />
              </TableCell>
            ))}
            <TableCell align="right" className={classes.cell}>
              Reviews
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {members.map(member => (
            <TableRow key={member}>
              <TableCell className={classes.cell}>
                <EntityRefLink entityRef={member} defaultKind="user" />
              </TableCell>
              {team.whoKnowsWhat.map(c => {
                const share = c.shares.find(x => x.member === member)?.share;
                return (
                  <TableCell
                    key={c.component}
                    align="right"
                    className={classes.cell}
                  >
                    {share ? formatRate(share) : '–'}
                  </TableCell>
                );
              })}
              <TableCell align="right" className={classes.cell}>
                {team.reviewLoad.find(x => x.member === member)?.reviews ?? 0}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" className={classes.muted}>
        Share of each component’s commits in the year before its newest.
        Reviews: first reviews on the team’s components in the review window
        {team.reviewsByOthers
          ? ` (${team.reviewsByOthers} more by people outside the team)`
          : ''}
        .
      </Typography>
    </div>
  );
}

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
 * factors, the ones whose code one person or nobody knows, review bottlenecks, the teams' sizes against
 * the point where silos form, who knows what and review load per member (names for the team and the
 * platform team only), and owner problems by kind.
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
        <div className={classes.section}>
          <Typography variant="h6" component="h3" gutterBottom>
            Review bottlenecks
          </Typography>
          {r.reviews.components.length ? (
            <List dense aria-label="Review bottlenecks">
              {r.reviews.components.map(c => (
                <ListItem key={c.entityRef} disableGutters>
                  <ListItemText
                    primary={
                      <>
                        <EntityRefLink
                          entityRef={c.entityRef}
                          defaultKind="component"
                        />
                        {` · ${formatRate(
                          c.topShare,
                        )} of first reviews from one person, ${plural(
                          c.distinctReviewers,
                          'reviewer',
                        )}`}
                        {c.bottleneck
                          ? ' · pickup is its lead time’s bottleneck'
                          : ''}
                      </>
                    }
                  />
                </ListItem>
              ))}
            </List>
          ) : (
            <Typography variant="body2">
              {r.reviews.withReviews
                ? `First reviews are spread over several people in all ${plural(
                    r.reviews.withReviews,
                    'component',
                  )} with reviewed changes.`
                : 'No reviewed changes with their reviewer yet: send pull requests with their first reviewer (the GitHub module, the REST batch or CDEvents).'}
            </Typography>
          )}
        </div>
        {r.teams.length ? (
          <div className={classes.section}>
            <Typography variant="h6" component="h3" gutterBottom>
              Teams
            </Typography>
            <List dense aria-label="Teams">
              {r.teams.map(t => (
                <ListItem key={t.entityRef} disableGutters>
                  <ListItemText
                    primary={
                      <>
                        <EntityRefLink
                          entityRef={t.entityRef}
                          defaultKind="group"
                        />
                        {` · ${plural(t.members, 'member')} · ${plural(
                          t.components,
                          'component',
                        )}`}
                        {t.componentsPerMember !== null
                          ? ` (${t.componentsPerMember.toFixed(1)} per member)`
                          : ''}
                      </>
                    }
                    secondary={sizeAdvice(t)}
                  />
                </ListItem>
              ))}
            </List>
            {r.teams.some(t => t.members === 0 && t.components > 0) ? (
              <Alert severity="warning">
                A team without members owns components: add its members in the
                catalog.
              </Alert>
            ) : null}
          </div>
        ) : null}
        {r.team ? (
          <div className={classes.section}>
            <Typography variant="h6" component="h3" gutterBottom>
              Who knows what
            </Typography>
            <WhoKnowsWhat team={r.team} />
          </div>
        ) : null}
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
