import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ScorecardDefinitionsResponse,
  ScorecardDryRunResponse,
} from '@cairn/plugin-insights-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { Table } from '../common/ReadableTable';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { insightsApiRef } from '../../api';
import { formatDateTime, formatRate } from '../../format/format';
import { useTimeZone } from '../../hooks/useTimeZone';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'normal',
    overflowWrap: 'anywhere',
  },
  nowrap: { whiteSpace: 'nowrap' },
  // Words whole (the theme breaks table words anywhere, which split "documentation").
  words: { wordBreak: 'normal', minWidth: 160 },
  muted: { color: theme.palette.text.secondary },
  section: { marginTop: theme.spacing(2) },
  editor: { fontFamily: 'monospace', fontSize: '0.85rem' },
}));

export const PAGE_TITLE = 'Scorecard rules';
const PAGE_SUBTITLE =
  'The platform team’s scorecards: each check’s CEL, where it applies, how the organisation does, and a dry run of a draft';

type Definitions = ScorecardDefinitionsResponse;

/** Passing share of the entities where the check applies (not-applicable and not-reported left out). */
function passRate(
  states: Definitions['scorecards'][number]['checks'][number]['states'],
) {
  const judged =
    (states.pass ?? 0) +
    (states.fail ?? 0) +
    (states.warn ?? 0) +
    (states.error ?? 0) +
    (states.exempt ?? 0);
  return judged ? formatRate((states.pass ?? 0) / judged) : '–';
}

function Sources(props: { definitions: Definitions }) {
  const zone = useTimeZone();
  const classes = useStyles();
  const { sources } = props.definitions;
  if (!sources.length)
    return (
      <Typography variant="body2">
        No rule file is configured: list them in{' '}
        <code>insights.scorecards.rules</code> (URLs read with the portal’s
        integrations, or files).
      </Typography>
    );
  return (
    <List dense aria-label="Rule files">
      {sources.map(s => (
        <ListItem key={s.source} disableGutters>
          <ListItemText
            primary={<span className={classes.code}>{s.source}</span>}
            secondary={
              <>
                {s.version
                  ? `Version ${s.version} in force since ${formatDateTime(
                      s.loadedAt!,
                      zone,
                    )}.`
                  : 'No good version yet.'}
                {s.refused ? (
                  <Alert
                    severity="warning"
                    component="span"
                    style={{ display: 'flex' }}
                  >
                    Version {s.refused.version} was refused{' '}
                    {formatDateTime(s.refused.at, zone)}; the version before
                    keeps running.{' '}
                    {s.refused.problems
                      .map(p =>
                        p.line ? `Line ${p.line}: ${p.message}` : p.message,
                      )
                      .join(' · ')}
                  </Alert>
                ) : null}
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}

function Scorecards(props: { definitions: Definitions }) {
  const classes = useStyles();
  const stageLabel = new Map(
    props.definitions.stages.map(s => [s.id, s.label]),
  );
  if (!props.definitions.scorecards.length)
    return (
      <Typography variant="body2">No scorecard is in force yet.</Typography>
    );
  return (
    <>
      {props.definitions.scorecards.map(card => (
        <div key={card.name} className={classes.section}>
          <Typography variant="h6" component="h3">
            {card.title}
          </Typography>
          <Typography variant="body2" className={classes.muted}>
            {card.description ? `${card.description} ` : ''}Levels{' '}
            {card.levels.join(' → ')}; applies to{' '}
            {Object.entries(card.appliesTo)
              .map(([k, v]) => `${k} ${v.join(', ')}`)
              .join('; ') || 'every entity'}
            .
          </Typography>
          <Table size="small" aria-label={`Checks of ${card.title}`}>
            <TableHead>
              <TableRow>
                <TableCell>Check</TableCell>
                <TableCell>Level</TableCell>
                <TableCell>Stages</TableCell>
                <TableCell>CEL</TableCell>
                <TableCell className={classes.nowrap}>Pass rate</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {card.checks.map(c => (
                <TableRow key={c.id}>
                  <TableCell className={classes.words}>
                    {c.title}
                    <div className={classes.muted}>{c.id}</div>
                  </TableCell>
                  <TableCell className={classes.nowrap}>{c.level}</TableCell>
                  <TableCell className={classes.nowrap}>
                    {(c.stages ?? Object.keys(c.targets ?? {})).length
                      ? (c.stages ?? Object.keys(c.targets ?? {}))
                          .map(s => stageLabel.get(s) ?? s)
                          .join(', ')
                      : 'all'}
                    {c.deadline ? (
                      <div className={classes.muted}>due {c.deadline}</div>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    {c.external ? (
                      <>
                        Pushed by a tool (POST /v1/scorecards/external-results)
                        {c.maxAgeDays ? (
                          <div className={classes.muted}>
                            stale after {c.maxAgeDays} days
                          </div>
                        ) : null}
                      </>
                    ) : (
                      <span className={classes.code}>{c.expression}</span>
                    )}
                    {c.targets ? (
                      <div className={classes.muted}>
                        target:{' '}
                        {Object.entries(c.targets)
                          .map(([s, t]) => `${stageLabel.get(s) ?? s} ${t}`)
                          .join(', ')}
                      </div>
                    ) : null}
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    {passRate(c.states)}
                    <div className={classes.muted}>
                      {Object.entries(c.states)
                        .map(([state, n]) => `${n} ${state}`)
                        .join(', ') || 'not evaluated yet'}
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ))}
    </>
  );
}

/** A draft rule file against every entity: its problems by line, or what each check would give. */
function DryRun() {
  const classes = useStyles();
  const api = useApi(insightsApiRef);
  const [draft, setDraft] = useState('');
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<
    | { ok: ScorecardDryRunResponse }
    | { problems: Array<{ line: number | null; message: string }> }
    | { error: Error }
    | undefined
  >();
  const run = async () => {
    setRunning(true);
    try {
      setResult({ ok: await api.dryRunScorecards(draft) });
    } catch (error) {
      const problems = (error as { body?: { problems?: unknown } }).body
        ?.problems;
      setResult(
        Array.isArray(problems)
          ? {
              problems: problems as Array<{
                line: number | null;
                message: string;
              }>,
            }
          : { error: error as Error },
      );
    } finally {
      setRunning(false);
    }
  };
  return (
    <>
      <Typography variant="body2" paragraph>
        Paste a draft rule file (YAML, kind Scorecard) to see what it would give
        on every entity before it is published. Nothing is stored.
      </Typography>
      <TextField
        id="scorecard-draft"
        label="Draft rule file"
        multiline
        minRows={10}
        fullWidth
        variant="outlined"
        value={draft}
        onChange={e => setDraft(e.target.value)}
        InputProps={{ classes: { input: classes.editor } }}
      />
      <div className={classes.section}>
        <Button
          variant="contained"
          color="primary"
          onClick={run}
          disabled={running || !draft.trim()}
        >
          Dry run
        </Button>
      </div>
      {running ? <Progress /> : null}
      {result && 'error' in result ? (
        <ResponseErrorPanel error={result.error} />
      ) : null}
      {result && 'problems' in result ? (
        <Alert severity="error" className={classes.section}>
          The draft would be refused:
          <List dense aria-label="Problems of the draft">
            {result.problems.map((p, i) => (
              <ListItem key={i} disableGutters>
                <ListItemText
                  primary={p.line ? `Line ${p.line}: ${p.message}` : p.message}
                />
              </ListItem>
            ))}
          </List>
        </Alert>
      ) : null}
      {result && 'ok' in result
        ? result.ok.scorecards.map(card => (
            <div key={card.name} className={classes.section}>
              <Typography variant="subtitle1">
                {card.title}: {card.evaluated} of {result.ok.entities} entities
                evaluated;{' '}
                {Object.entries(card.levels)
                  .map(([level, n]) => `${n} at ${level}`)
                  .join(', ')}
              </Typography>
              <Table size="small" aria-label={`Dry run of ${card.title}`}>
                <TableHead>
                  <TableRow>
                    <TableCell>Check</TableCell>
                    <TableCell>States</TableCell>
                    <TableCell>Examples</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {card.checks.map(c => (
                    <TableRow key={c.id}>
                      <TableCell>{c.title}</TableCell>
                      <TableCell className={classes.nowrap}>
                        {Object.entries(c.states)
                          .map(([s, n]) => `${n} ${s}`)
                          .join(', ')}
                      </TableCell>
                      <TableCell className={classes.code}>
                        {[
                          ...(c.examples.fail ?? []),
                          ...(c.examples.error ?? []),
                        ]
                          .slice(0, 3)
                          .join('\n') || '–'}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ))
        : null}
    </>
  );
}

function ScorecardRulesContent() {
  const api = useApi(insightsApiRef);
  const state = useAsyncRetry(() => api.getScorecardDefinitions(), [api]);
  if (state.loading) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Rule files">
          <Sources definitions={state.value!} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Scorecards in force">
          <Scorecards definitions={state.value!} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Dry run of a draft">
          <DryRun />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/**
 * The scorecard rules page for the platform team. In the legacy system it brings its own header; in
 * the new system the app's layout draws it from the page extension's title.
 */
export function ScorecardRulesPage(props: { header?: boolean }) {
  if (props.header === false)
    return (
      <main>
        <Content>
          <Typography variant="body1" paragraph>
            {PAGE_SUBTITLE}.
          </Typography>
          <ScorecardRulesContent />
        </Content>
      </main>
    );
  return (
    <Page themeId="tool">
      <Header title={PAGE_TITLE} subtitle={PAGE_SUBTITLE} />
      <main>
        <Content>
          <ScorecardRulesContent />
        </Content>
      </main>
    </Page>
  );
}
