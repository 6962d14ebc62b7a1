import { makeStyles } from '@material-ui/core';
import { CairnMark } from './CairnMark';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: 10 },
  wordmark: {
    color: '#ffffff',
    fontSize: 26,
    fontWeight: 700,
    letterSpacing: 1,
  },
});

export const LogoFull = () => {
  const classes = useStyles();
  return (
    <div className={classes.root}>
      <CairnMark size={32} />
      <span className={classes.wordmark}>Cairn</span>
    </div>
  );
};
