import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { sourceInfo } from './sourceInfo';

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    paddingLeft: theme.spacing(3),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  },
}));

/**
 * Installed sources that have never received anything, in one short card with how each is used,
 * instead of a card of zeros per source.
 */
export function QuietSources(props: { sources: string[] }) {
  const classes = useStyles();
  return (
    <InfoCard
      title="Sources without events yet"
      subheader="Installed in the backend; nothing has arrived through them."
    >
      <ul className={classes.list} aria-label="Sources without events yet">
        {props.sources.map(source => (
          <li key={source}>
            <Typography variant="body2">
              <strong>{source}</strong> ({sourceInfo(source).label}):{' '}
              {sourceInfo(source).how}
            </Typography>
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}
