import { InfoCard, TableColumn } from '@backstage/core-components';
import { DataTable } from '../common/ReadableTable';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { UnattributedEvents } from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment } from 'react';
import { plural } from '../../format/format';
import { TimeAgo } from './TimeAgo';

const useStyles = makeStyles(theme => ({
  annotation: {
    display: 'inline-block',
    margin: theme.spacing(0.5, 0),
    padding: theme.spacing(0.25, 0.75),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.divider}`,
    background: theme.palette.background.default,
    color: theme.palette.text.primary,
    overflowWrap: 'anywhere',
  },
  candidates: {
    margin: 0,
    paddingLeft: theme.spacing(2),
  },
  wrap: { overflowWrap: 'anywhere' },
  nowrap: { whiteSpace: 'nowrap' },
}));

/** A repository name that wraps after its slashes, not in the middle of a name. */
function breakAtSlashes(repository: string) {
  return repository.split('/').map((part, i, parts) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? (
        <>
          /<wbr />
        </>
      ) : null}
    </Fragment>
  ));
}

function HowToAttribute(props: { group: UnattributedEvents }) {
  const { group } = props;
  const classes = useStyles();
  const several = (group.candidates?.length ?? 0) > 1;
  return (
    <>
      <Typography variant="body2">{group.hint}</Typography>
      {group.annotation ? (
        <div>
          <Typography variant="caption" color="textSecondary">
            Annotation to add:
          </Typography>{' '}
          <code
            className={classes.annotation}
            aria-label={`Annotation to add: ${group.annotation.name}: ${group.annotation.value}`}
          >
            {group.annotation.name}: {group.annotation.value}
          </code>
        </div>
      ) : null}
      {group.candidates && group.candidates.length > 0 ? (
        <>
          <Typography variant="caption" color="textSecondary">
            {several
              ? `${group.candidates.length} components share the repository:`
              : 'Component of the repository:'}
          </Typography>
          <ul
            className={classes.candidates}
            aria-label={`Candidate components for ${
              group.repository ?? group.source
            }`}
          >
            {group.candidates.map(ref => (
              <li key={ref}>
                <EntityRefLink entityRef={ref} defaultKind="component" />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/**
 * Stored events no component claims, grouped by type, source and repository, largest first: why, and
 * what would attribute them (the annotation to add, or the components that share the repository).
 */
export function UnattributedTable(props: {
  groups: UnattributedEvents[];
  now: number;
}) {
  const { groups, now } = props;
  const classes = useStyles();
  if (groups.length === 0) {
    return (
      <InfoCard title="Unattributed events">
        <Typography variant="body2">
          Every stored event belongs to a component.
        </Typography>
      </InfoCard>
    );
  }
  const columns: TableColumn<UnattributedEvents>[] = [
    {
      title: 'Events',
      field: 'count',
      render: g => (
        <>
          <Typography variant="body2" className={classes.nowrap}>
            <strong>{plural(g.count, g.type)}</strong>
          </Typography>
          <Typography variant="caption" component="div">
            from {g.source}
          </Typography>
          <Typography variant="caption" component="div">
            last <TimeAgo iso={g.lastReceivedAt} now={now} />
          </Typography>
        </>
      ),
      width: '16%',
    },
    {
      title: 'Repository',
      field: 'repository',
      render: g =>
        g.repository ? (
          <code>{breakAtSlashes(g.repository)}</code>
        ) : (
          <Typography variant="body2" color="textSecondary">
            none sent
          </Typography>
        ),
      width: '18%',
    },
    {
      title: 'Why',
      field: 'reason',
      render: g => <Typography variant="body2">{g.reason}</Typography>,
      width: '20%',
    },
    {
      title: 'How to attribute them',
      field: 'hint',
      render: g => <HowToAttribute group={g} />,
    },
    {
      title: 'Examples',
      field: 'examples',
      render: g => (
        <Typography variant="caption" className={classes.wrap}>
          {g.examples.join(', ')}
        </Typography>
      ),
      width: '10%',
    },
  ];
  return (
    <div role="region" aria-label="Unattributed events">
      <DataTable<UnattributedEvents>
        title="Unattributed events"
        subtitle="Stored events no component claims (all stored events, not only this range), largest groups first"
        columns={columns}
        data={groups}
        options={{
          search: false,
          paging: groups.length > 10,
          pageSize: 10,
          padding: 'dense',
          sorting: false,
        }}
      />
    </div>
  );
}
