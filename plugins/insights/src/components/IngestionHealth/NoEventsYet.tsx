import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useDocsUrl } from '../common/useDocsUrl';
import { sourceInfo } from './sourceInfo';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  list: { margin: 0, paddingLeft: theme.spacing(3) },
}));

/** The ways into the insights backend, in the order most portals start with them. */
const WAYS = ['api', 'cdevents', 'github'];

/**
 * The page's empty state: no source has received anything, ever. Says how events get in, so the page
 * is where an operator starts.
 */
export function NoEventsYet(props: { registered: string[] }) {
  const classes = useStyles();
  const docsUrl = useDocsUrl();
  return (
    <div
      className={classes.root}
      role="region"
      aria-label="How to send delivery events"
    >
      <Typography variant="subtitle1">
        No delivery events have been received yet.
      </Typography>
      <Typography variant="body2">
        Delivery metrics come from deployment, change (pull request) and
        incident events. Send them in any of these ways; each appears here as a
        source within seconds of its first event:
      </Typography>
      <ol className={classes.list}>
        {WAYS.map(way => (
          <li key={way}>
            <Typography variant="body2">
              <strong>{sourceInfo(way).label}</strong>: {sourceInfo(way).how}
              {props.registered.includes(way)
                ? '.'
                : ' (not installed in this backend).'}
            </Typography>
          </li>
        ))}
      </ol>
      <Typography variant="body2">
        Events are attributed to components by the component they name or by
        their repository (annotations <code>cairn.dev/repository</code>,{' '}
        <code>github.com/project-slug</code> or{' '}
        <code>backstage.io/source-location</code>, and{' '}
        <code>cairn.dev/path-prefix</code> in a monorepo).
      </Typography>
      {docsUrl ? (
        <Typography variant="body2">
          <Link to={docsUrl}>How delivery data is sent in this portal</Link>
        </Typography>
      ) : null}
    </div>
  );
}
