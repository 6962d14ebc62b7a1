import { CoverageNote } from '@cairn/plugin-insights-common';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
}));

/** The backend's coverage notes: what is missing or inferred, and why a number may be partial. */
export function CoverageNotes(props: {
  notes: CoverageNote[];
  /** Notes already explained elsewhere (e.g. by the empty state). */
  hide?: string[];
}) {
  const classes = useStyles();
  const notes = props.notes.filter(n => !props.hide?.includes(n.code));
  if (notes.length === 0) return null;
  return (
    <div
      className={classes.root}
      role="region"
      aria-label="Data coverage notes"
    >
      {notes.map(note => (
        <Alert
          key={note.code}
          severity={note.severity === 'warning' ? 'warning' : 'info'}
          variant="outlined"
        >
          {note.message}
        </Alert>
      ))}
    </div>
  );
}
