import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  OwnerProblem,
  OwnershipReportResponse,
} from '@cairn/plugin-insights-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';
import { useOwnership } from '../../hooks/useInsights';
import {
  formatDateTime,
  formatDuration,
  formatRate,
  plural,
} from '../../format/format';
import { useTimeZone } from '../../hooks/useTimeZone';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  muted: { color: theme.palette.text.secondary },
  figure: {
    fontSize: '1.75rem',
    fontWeight: 600,
    marginRight: theme.spacing(1),
  },
}));

/** Each owner problem as what it means and what to do. */
const PROBLEMS: Record<OwnerProblem, string> = {
  'no-owner': 'No owner is set: add spec.owner with the team that runs it.',
  'owner-missing':
    'The owner is not in the catalog: point spec.owner at an existing group.',
  'owner-is-person':
    'A person owns it: make their team the owner, so it outlives a move.',
  'owner-left':
    'The owning person is in no team any more: give it to a team that runs it.',
  'no-members':
    'The owning group has no members: add them, or move the component.',
  'never-confirmed':
    'Ownership was never confirmed: add cairn.dev/owner-verified with today’s date once the team agrees.',
  'confirmation-stale':
    'The ownership confirmation is old: confirm it again (cairn.dev/owner-verified).',
  'confirmation-unreadable':
    'cairn.dev/owner-verified is not a date (use YYYY-MM-DD).',
  'no-on-call':
    'No on-call is mapped: add a PagerDuty or Opsgenie annotation to the component or its team.',
};

function person(ref: string) {
  if (ref.startsWith('user:'))
    return <EntityRefLink entityRef={ref} defaultKind="user" />;
  return ref;
}

/** The backend's 404 for a component whose first report is not computed yet. */
function isNotComputedYet(error: Error) {
  const body = (error as { body?: { error?: { message?: string } } }).body;
  return /no ownership report yet/.test(body?.error?.message ?? error.message);
}

function Line(props: { primary: ReactNode; secondary?: ReactNode }) {
  return (
    <ListItem disableGutters dense>
      <ListItemText primary={props.primary} secondary={props.secondary} />
    </ListItem>
  );
}

function Knowledge(props: { report: OwnershipReportResponse }) {
  const classes = useStyles();
  const k = props.report.knowledge;
  if (!k)
    return (
      <Alert severity="info">
        No history to measure knowledge concentration:{' '}
        {props.report.knowledgeProblem}
      </Alert>
    );
  return (
    <>
      <Typography variant="body1">
        <span
          className={classes.figure}
          aria-label={`Truck factor ${k.truckFactor}`}
        >
          {k.truckFactor}
        </span>
        truck factor: {plural(k.truckFactor, 'current member')} would have to
        leave before more than half of its {plural(k.files, 'file')} lose
        everyone who knows them
        {k.truckFactor <= 1 && k.keyPeople[0] ? (
          <> ({person(k.keyPeople[0])})</>
        ) : null}
        .
      </Typography>
      <List dense aria-label="Knowledge risks">
        {k.singleKnowerAreas.slice(0, 5).map(a => (
          <Line
            key={`${a.area}-${a.member}`}
            primary={
              <>
                Pair someone on <code>{a.area}</code>: only{' '}
                {a.member ? person(a.member) : 'one current member'} knows{' '}
                {plural(a.files, 'file')} there.
              </>
            }
          />
        ))}
        {k.uncoveredFiles > 0 ? (
          <Line
            primary={`${plural(
              k.uncoveredFiles,
              'file',
            )} no current member knows: their authors left.`}
          />
        ) : null}
        {k.departedAuthors.slice(0, 3).map((d, i) => (
          <Line
            key={`${d.author}-${i}`}
            primary={
              <>
                {d.author ?? 'An author'} left, and knew{' '}
                {plural(d.files, 'file')}.
              </>
            }
          />
        ))}
        {k.unmatchedAuthors > 0 ? (
          <Line
            primary={`${plural(
              k.unmatchedAuthors,
              'commit author',
            )} match no catalog user: add their addresses to spec.profile.email or cairn.dev/emails.`}
          />
        ) : null}
      </List>
      <Typography variant="caption" className={classes.muted}>
        From {plural(k.commits, 'commit')} of {props.report.source}.
        {props.report.namesVisible
          ? ''
          : ' Names are shown to the owning team and the platform team.'}
      </Typography>
    </>
  );
}

/** Review concentration: who gives the first reviews, and whether that is the decision bottleneck. */
function Reviews(props: { report: OwnershipReportResponse }) {
  const classes = useStyles();
  const r = props.report.reviews;
  if (!r)
    return (
      <Typography variant="body2">
        No change was first reviewed in the review window (the last 90 days
        unless configured). Review concentration needs pull requests with their
        first review: the GitHub module, the REST batch (
        <code>firstReviewAt</code>, <code>firstReviewer</code>) or CDEvents (
        <code>customData.reviewer</code> on change.reviewed).
      </Typography>
    );
  if (r.withReviewer === 0)
    return (
      <Typography variant="body2">
        {plural(r.reviewed, 'change')} had a first review in the last{' '}
        {r.windowDays} days, but their source does not say who gave it: send{' '}
        <code>firstReviewer</code> (REST batch) or{' '}
        <code>customData.reviewer</code> (CDEvents).
      </Typography>
    );
  const top = r.reviewers[0];
  const p = r.pickup;
  const who = top.reviewer ? person(top.reviewer) : 'One person';
  return (
    <>
      <Typography variant="body1">
        <span
          className={classes.figure}
          aria-label={`Top reviewer share ${formatRate(r.topShare)}`}
        >
          {formatRate(r.topShare)}
        </span>
        of {plural(r.withReviewer, 'first review')} in the last {r.windowDays}{' '}
        days came from {who}; the top two gave {formatRate(r.topTwoShare)},{' '}
        {plural(r.distinctReviewers, 'reviewer')} in all.
      </Typography>
      <List dense aria-label="Review risks">
        {p.awayMedianSeconds !== null && p.presentMedianSeconds !== null ? (
          <Line
            primary={`Changes wait ${formatDuration(
              p.awayMedianSeconds,
            )} for pickup while the top reviewer is away (${plural(
              p.awayChanges,
              'change',
            )}), ${formatDuration(p.presentMedianSeconds)} otherwise.`}
          />
        ) : null}
        {r.concentrated && !r.bottleneck ? (
          <Line
            primary={`Reviews are concentrated, but pickup is not the lead time's bottleneck${
              r.leadTimeBottleneck ? ` (${r.leadTimeBottleneck} is)` : ''
            }: worth a second reviewer before it becomes one.`}
          />
        ) : null}
      </List>
      {r.bottleneck ? (
        <Alert severity="warning">
          Decision bottleneck: pickup is the slowest stage of the lead time, and
          most first reviews wait for one person. Spread them: add reviewers to
          CODEOWNERS, rotate a reviewer of the day, and pair someone with{' '}
          {top.reviewer ? person(top.reviewer) : 'them'} on reviews.
        </Alert>
      ) : null}
    </>
  );
}

/**
 * The ownership card of a component's overview: the owner and its health, on-call, and the knowledge
 * concentration of its code (truck factor, areas one person alone knows, authors who left) and review
 * concentration (who gives the first reviews; the decision bottleneck), each line saying what to do.
 */
export function EntityOwnershipCard(props: { title?: string }) {
  const zone = useTimeZone();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const classes = useStyles();
  const state = useOwnership(entityRef);

  let content;
  if (state.loading) content = <Progress />;
  else if (state.error && isNotComputedYet(state.error))
    content = (
      <Typography variant="body1">
        No ownership report yet: it is computed for every component every few
        hours.
      </Typography>
    );
  else if (state.error) content = <ResponseErrorPanel error={state.error} />;
  else if (state.value) {
    const r = state.value;
    const h = r.ownerHealth;
    content = (
      <>
        <List dense aria-label="Owner health">
          <Line
            primary={
              h.owner ? (
                <>
                  Owner <EntityRefLink entityRef={h.owner} />
                  {h.ownerKind === 'group'
                    ? ` · ${plural(h.members, 'member')}`
                    : ''}
                </>
              ) : (
                'No owner'
              )
            }
            secondary={
              h.confirmedOn
                ? `Confirmed ${h.confirmedOn} (${plural(
                    h.confirmationAgeDays ?? 0,
                    'day',
                  )} ago)`
                : undefined
            }
          />
          <Line
            primary={
              h.onCall
                ? `On-call: ${h.onCall.provider} (on the ${h.onCall.on})`
                : 'No on-call mapped'
            }
          />
        </List>
        {h.problems.map(p => (
          <Alert severity="warning" key={p}>
            {PROBLEMS[p]}
          </Alert>
        ))}
        <div className={classes.section}>
          <Typography variant="h6" component="h3" gutterBottom>
            Knowledge
          </Typography>
          <Knowledge report={r} />
        </div>
        <div className={classes.section}>
          <Typography variant="h6" component="h3" gutterBottom>
            Reviews
          </Typography>
          <Reviews report={r} />
        </div>
        <Typography variant="caption" className={classes.muted} component="p">
          Computed {formatDateTime(r.computedAt, zone)}.
        </Typography>
      </>
    );
  }
  return (
    <InfoCard title={props.title ?? 'Ownership'}>
      <div aria-busy={state.loading}>{content}</div>
    </InfoCard>
  );
}
