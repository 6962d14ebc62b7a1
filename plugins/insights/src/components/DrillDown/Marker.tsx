import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { tones } from '../common/tones';

const useStyles = makeStyles(theme => ({
  bad: { borderColor: tones(theme).bad, color: tones(theme).bad },
  warn: { borderColor: tones(theme).warn, color: tones(theme).warn },
  info: { borderColor: tones(theme).info, color: tones(theme).info },
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
