import { EventIdentity } from '@cairn/plugin-insights-common';
import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/**
 * A record's identity, linked to its source (the CI run, pull request or incident page) when the
 * event carried a URL. Events without one show their source and id.
 */
export function EventLink(props: { event: EventIdentity; label?: string }) {
  const { event, label } = props;
  const text = label ?? event.id;
  if (event.url) {
    return (
      <Link to={event.url} title={`${event.source}: ${event.id}`}>
        {text}
      </Link>
    );
  }
  return (
    <Typography
      variant="body2"
      component="span"
      title={`${event.source}: ${event.id} (the event carried no URL)`}
    >
      {text}
    </Typography>
  );
}
