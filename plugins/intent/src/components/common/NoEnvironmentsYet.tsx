import { EmptyState, Link } from '@backstage/core-components';
import { Button, Typography } from '@material-ui/core';
import { Link as RouterLink } from 'react-router-dom';
import { useDocsUrl } from './useDocsUrl';

/**
 * What to do when the registry holds no environment yet. EmptyState puts the description in a
 * paragraph, so its parts are block spans, not paragraphs of their own.
 */
export const NoEnvironmentsYet = (props: {
  owner?: string;
  /** Only live environments were asked for (expired ones may exist). */
  live?: boolean;
}) => {
  const docsUrl = useDocsUrl();
  return (
    <EmptyState
      missing="data"
      title={`No ${props.live ? 'live ' : ''}environments${
        props.owner ? ` owned by ${props.owner}` : ' yet'
      }`}
      description={
        <>
          <Typography
            variant="body1"
            component="span"
            display="block"
            paragraph
          >
            Environments appear here when a Cairn template registers one: Create
            → <em>Environment for a web service</em>,{' '}
            <em>Ephemeral preview environment</em> or <em>Data pipeline</em>.
            The portal needs the intent backend, the scaffolder module with the{' '}
            <code>cairn:intent:plan</code> and{' '}
            <code>cairn:environment:register</code> actions, and the templates
            registered in the catalog.
          </Typography>
          {docsUrl && (
            <Typography variant="body1" component="span" display="block">
              <Link to={docsUrl}>How self-service environments work here</Link>
            </Typography>
          )}
        </>
      }
      action={
        <Button
          variant="contained"
          color="primary"
          component={RouterLink}
          to="/create"
        >
          Request an environment
        </Button>
      }
    />
  );
};
