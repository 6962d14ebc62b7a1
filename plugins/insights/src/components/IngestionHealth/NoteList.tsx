import { IngestionNote } from '@cairn/plugin-insights-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { plural } from '../../format/format';
import { TimeAgo } from './TimeAgo';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  item: {
    borderLeft: `3px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(1),
  },
  bad: { borderLeftColor: theme.palette.error.main },
  reason: { overflowWrap: 'anywhere' },
}));

/** How many notes show before "Show all". */
const FIRST = 5;

/** The latest rejection or ignore reasons of a source, newest first, each with its count and time. */
export function NoteList(props: {
  title: string;
  notes: IngestionNote[];
  empty: string;
  now: number;
  tone?: 'bad' | 'neutral';
}) {
  const { title, notes, empty, now, tone = 'neutral' } = props;
  const classes = useStyles();
  const [all, setAll] = useState(false);
  const shown = all ? notes : notes.slice(0, FIRST);
  return (
    <div>
      <Typography variant="subtitle2" component="h4" gutterBottom>
        {title}
      </Typography>
      {notes.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {empty}
        </Typography>
      ) : (
        <ul className={classes.list} aria-label={title}>
          {shown.map((note, i) => (
            <li
              key={`${note.at}-${i}`}
              className={`${classes.item} ${tone === 'bad' ? classes.bad : ''}`}
            >
              <Typography variant="body2" className={classes.reason}>
                {note.reason}
              </Typography>
              <Typography variant="caption" color="textSecondary">
                {plural(note.count, 'event')} ·{' '}
                <TimeAgo iso={note.at} now={now} />
              </Typography>
            </li>
          ))}
        </ul>
      )}
      {notes.length > FIRST ? (
        <Button size="small" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? `Show the latest ${FIRST}` : `Show all ${notes.length}`}
        </Button>
      ) : null}
    </div>
  );
}
