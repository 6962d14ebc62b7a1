import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  ScorecardCheckState,
  ScorecardResultsResponse,
} from '@cairn/plugin-insights-common';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { tones } from '../common/tones';
import { useScorecardResults } from '../../hooks/useInsights';
import { formatDateTime, plural } from '../../format/format';
import { useTimeZone } from '../../hooks/useTimeZone';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  muted: { color: theme.palette.text.secondary },
  levels: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    margin: theme.spacing(1, 0),
  },
  state: { marginRight: theme.spacing(1), fontWeight: 600 },
  fail: { color: tones(theme).bad },
  warn: { color: tones(theme).warn },
  pass: { color: tones(theme).good },
  other: { color: theme.palette.text.secondary },
}));

type Scorecard = ScorecardResultsResponse['scorecards'][number];
type Check = Scorecard['checks'][number];

/** What each stage holds a service to (the speed-versus-scale matrix). */
const STAGE_MEANING: Record<string, string> = {
  '0-1':
    'an MVP: speed first; SLOs, on-call and delivery targets do not apply yet',
  '1-10': 'early customers: basic ownership and steady delivery',
  '10-100': 'growing: on-call, SLOs and tighter delivery targets',
  '100plus':
    'enterprise-ready: healthy SLOs, on-call, knowledge spread and the tightest targets',
};

const STATE_LABEL: Record<ScorecardCheckState, string> = {
  pass: 'Pass',
  fail: 'Fail',
  warn: 'Warn',
  'not-applicable': 'Not applicable',
  'not-reported': 'No data yet',
  error: 'Error',
  exempt: 'Exempt',
};

/** Failing first: what costs a level, then what needs looking at, then the rest. */
const orderOf = (c: Check) => {
  if (c.state === 'fail') return c.dueBy ? 3 : 0;
  if (c.state === 'error') return 1;
  if (c.state === 'warn') return 2;
  if (c.state === 'not-reported') return 4;
  if (c.state === 'exempt') return 5;
  return 6;
};

function CheckLine(props: { check: Check }) {
  const classes = useStyles();
  const c = props.check;
  let tone = classes.other;
  if (c.state === 'fail' || c.state === 'error') tone = classes.fail;
  else if (c.state === 'warn') tone = classes.warn;
  else if (c.state === 'pass') tone = classes.pass;
  const label =
    c.state === 'fail' && c.dueBy ? `Due by ${c.dueBy}` : STATE_LABEL[c.state];
  const details = [
    c.message,
    c.state !== 'pass' && c.state !== 'not-applicable' && c.fix
      ? `How to fix: ${c.fix}`
      : null,
    c.exemption
      ? `Exempt until ${c.exemption.expiresAt.slice(0, 10)}: ${
          c.exemption.reason
        } (granted by ${c.exemption.grantedBy})`
      : null,
  ].filter(Boolean);
  return (
    <ListItem disableGutters dense>
      <ListItemText
        primary={
          <>
            <span className={`${classes.state} ${tone}`}>{label}</span>
            {c.title}
            <span className={classes.muted}> · {c.level}</span>
          </>
        }
        secondary={details.length ? details.join(' — ') : undefined}
        // Long values and fixes wrap inside the card.
        secondaryTypographyProps={{
          style: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
        }}
      />
    </ListItem>
  );
}

function ScorecardSection(props: { scorecard: Scorecard }) {
  const zone = useTimeZone();
  const classes = useStyles();
  const s = props.scorecard;
  const sorted = [...s.checks].sort((a, b) => orderOf(a) - orderOf(b));
  const shown = sorted.filter(
    c => c.state !== 'pass' && c.state !== 'not-applicable',
  );
  const passing = s.checks.filter(c => c.state === 'pass').length;
  const notApplicable = s.checks.filter(
    c => c.state === 'not-applicable',
  ).length;
  const reached = s.level ? s.levels.indexOf(s.level) : -1;
  return (
    <div className={classes.section}>
      <Typography variant="h6" component="h3">
        {s.title}
      </Typography>
      <div className={classes.levels} aria-label={`Levels of ${s.title}`}>
        {s.levels.map((level, i) => (
          <Chip
            key={level}
            size="small"
            label={level}
            color={i <= reached ? 'primary' : 'default'}
            variant={i <= reached ? 'default' : 'outlined'}
            aria-label={`${level}: ${i <= reached ? 'reached' : 'not reached'}`}
          />
        ))}
      </div>
      <Typography variant="body2">
        {s.level
          ? `Level ${s.level} since ${formatDateTime(s.levelSince, zone)}.`
          : `Not at ${s.levels[0]} yet.`}{' '}
        {passing} of {plural(s.checks.length, 'check')} pass
        {notApplicable ? `; ${notApplicable} do not apply at this stage` : ''}.
      </Typography>
      {shown.length ? (
        <List dense aria-label={`Checks of ${s.title} to look at`}>
          {shown.map(c => (
            <CheckLine key={c.id} check={c} />
          ))}
        </List>
      ) : (
        <Typography variant="body2" className={classes.section}>
          Every check that applies passes.
        </Typography>
      )}
    </div>
  );
}

/**
 * The scorecard card of an entity's overview: the level reached per scorecard, the checks that need
 * looking at first with their values and how to fix them, exemptions with their expiry, and the
 * entity's stage with what it implies.
 */
export function EntityScorecardCard(props: { title?: string }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const classes = useStyles();
  const state = useScorecardResults(entityRef);

  let content;
  if (state.loading) content = <Progress />;
  else if (state.error) content = <ResponseErrorPanel error={state.error} />;
  else if (state.value) {
    const r = state.value;
    content = (
      <>
        <Typography variant="body2" className={classes.muted}>
          Stage {r.stage.label}: {STAGE_MEANING[r.stage.id] ?? r.stage.id}. Set
          it with the <code>cairn.dev/stage</code> label on the entity or its
          system.
        </Typography>
        {r.scorecards.length ? (
          r.scorecards.map(s => <ScorecardSection key={s.name} scorecard={s} />)
        ) : (
          <Typography variant="body1" className={classes.section}>
            No scorecard applies to <EntityRefLink entityRef={entityRef} /> yet.
            Scorecards are evaluated every hour; the platform team writes them
            (insights.scorecards.rules).
          </Typography>
        )}
      </>
    );
  }
  return (
    <InfoCard title={props.title ?? 'Scorecards'}>
      <div aria-busy={state.loading}>{content}</div>
    </InfoCard>
  );
}
