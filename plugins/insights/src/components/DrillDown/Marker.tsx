import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  bad: {
    borderColor: theme.palette.error.main,
    color: theme.palette.error.main,
  },
  warn: {
    borderColor: theme.palette.warning.main,
    color: theme.palette.warning.main,
  },
  info: {
    borderColor: theme.palette.info.main,
    color: theme.palette.info.main,
  },
  neutral: {},
  root: { margin: theme.spacing(0.25) },
}));

/** A small outlined label that marks a record: failed, rollback, hotfix, inferred link, ... */
export function Marker(props: {
  label: string;
  tone: 'bad' | 'warn' | 'info' | 'neutral';
  title?: string;
}) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      label={props.label}
      title={props.title}
      className={`${classes.root} ${classes[props.tone]}`}
    />
  );
}
