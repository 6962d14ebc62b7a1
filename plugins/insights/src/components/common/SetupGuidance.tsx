import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CodeSnippet, Link } from '@backstage/core-components';
import { Coverage } from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useDocsUrl } from './useDocsUrl';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  list: { margin: 0, paddingLeft: theme.spacing(3) },
}));

function exampleBatch(componentName: string, environment: string) {
  return JSON.stringify(
    {
      events: [
        {
          type: 'deployment',
          source: 'ci',
          id: 'pipeline-run-1234',
          component: componentName,
          environment,
          commit: '9fceb02',
          finishedAt: '2026-03-03T12:00:00Z',
          result: 'success',
          automated: true,
        },
      ],
    },
    null,
    2,
  );
}

/**
 * What to configure when a component has no delivery data: which events to send and how, and which
 * annotations tie events from a repository to the component. The explanation is inline so it works
 * in every portal; `insights.docsUrl` adds a link to the portal's own page.
 */
export function SetupGuidance(props: {
  entity: Entity;
  /** Why there is nothing to show, from the backend (missingReason or a coverage note). */
  reason: string;
  environment: string;
  coverage?: Coverage;
}) {
  const { entity, reason, environment, coverage } = props;
  const classes = useStyles();
  const docsUrl = useDocsUrl();
  const repository = coverage?.attribution.repository ?? null;
  const pathPrefix = coverage?.attribution.pathPrefix ?? null;
  return (
    <div
      className={classes.root}
      role="region"
      aria-label="How to send delivery data"
    >
      <Typography variant="subtitle1">{reason}</Typography>
      <Typography variant="body2">
        Delivery metrics come from deployment, change (pull request) and
        incident events. To see them for{' '}
        <strong>{stringifyEntityRef(entity)}</strong>:
      </Typography>
      <ol className={classes.list}>
        <li>
          <Typography variant="body2">
            Let CI report each deployment to{' '}
            <code>POST /api/insights/v1/events</code> with a Backstage
            external-access token allowed the permission{' '}
            <code>insights.events.create</code> (CDEvents and the GitHub module
            work too). Deployments should list the commits or pull requests they
            ship, so lead time can be measured.
          </Typography>
        </li>
        <li>
          <Typography variant="body2">
            Send pull requests as <code>change</code> events (first commit,
            opened, first review, merged, merge commit) and incidents as{' '}
            <code>incident</code> events (detected, resolved, and{' '}
            <code>causedBy</code> when known).
          </Typography>
        </li>
        <li>
          <Typography variant="body2">
            {repository ? (
              <>
                Events from <code>{repository}</code>
                {pathPrefix ? (
                  <>
                    {' '}
                    that touch only <code>{pathPrefix}</code>
                  </>
                ) : null}{' '}
                are attributed to this component; events from elsewhere must
                name it.
              </>
            ) : (
              <>
                This component names no repository, so events must name it (
                <code>component: {entity.metadata.name}</code>), or add{' '}
                <code>cairn.dev/repository</code>,{' '}
                <code>github.com/project-slug</code> or{' '}
                <code>backstage.io/source-location</code>.
              </>
            )}{' '}
            In a monorepo, <code>cairn.dev/path-prefix</code> (or a{' '}
            <code>backstage.io/source-location</code> pointing at the folder)
            tells components apart.
          </Typography>
        </li>
      </ol>
      <Typography variant="body2">A minimal batch:</Typography>
      <CodeSnippet
        language="json"
        text={exampleBatch(entity.metadata.name, environment)}
        showCopyCodeButton
      />
      {docsUrl ? (
        <Typography variant="body2">
          <Link to={docsUrl}>How delivery data is sent in this portal</Link>
        </Typography>
      ) : null}
    </div>
  );
}
