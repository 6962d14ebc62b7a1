import { TableColumn } from '@backstage/core-components';
import { IncidentRecord } from '@cairn/plugin-insights-common';
import Typography from '@material-ui/core/Typography';
import { useDrillDownLoaders } from '../../hooks/useInsights';
import { formatDateTime, formatDuration } from '../../format/format';
import { EventLink } from '../common/EventLink';
import { Marker } from './Marker';
import { componentColumns, DrillDownTable } from './DrillDownTable';
import { DrillDownScope } from './types';

function LinkCell(props: { incident: IncidentRecord }) {
  const { link } = props.incident;
  switch (link.type) {
    case 'explicit':
      return (
        <>
          <EventLink event={link.deployment} />{' '}
          <Marker label="named by the incident" tone="info" />
        </>
      );
    case 'inferred':
      return (
        <>
          <EventLink event={link.deployment} />{' '}
          <Marker
            label="inferred"
            tone="warn"
            title="No causedBy: linked to the latest deployment that finished within the link window before detection"
          />
        </>
      );
    case 'unresolved':
      return (
        <>
          <Marker label="unresolved" tone="bad" />
          <Typography variant="caption" component="div">
            names {link.reference}, which no reported deployment matches
          </Typography>
        </>
      );
    case 'none':
    default:
      return <>none</>;
  }
}

/** The incidents behind MTTR and failed deployments, with their link to a deployment. */
export function IncidentsTable(props: { scope: DrillDownScope }) {
  const { scope } = props;
  const load = useDrillDownLoaders().incidents;
  const zone = scope.displayTimezone;
  const columns: TableColumn<IncidentRecord>[] = [
    ...componentColumns<IncidentRecord>(scope),
    {
      title: 'Incident',
      field: 'id',
      render: i => (
        <>
          <EventLink event={i} label={i.title ?? i.id} />
          <Typography variant="caption" component="div" color="textSecondary">
            {i.source}: {i.id}
          </Typography>
        </>
      ),
    },
    { title: 'Severity', field: 'severity', render: i => i.severity ?? '–' },
    {
      title: 'Detected',
      field: 'detectedAt',
      render: i => formatDateTime(i.detectedAt, zone),
    },
    {
      title: 'Resolved',
      field: 'resolvedAt',
      render: i =>
        i.resolvedAt ? (
          formatDateTime(i.resolvedAt, zone)
        ) : (
          <Marker label="open" tone="bad" />
        ),
    },
    {
      title: 'Duration',
      field: 'durationSeconds',
      render: i => formatDuration(i.durationSeconds),
    },
    {
      title: 'Caused by deployment',
      field: 'link',
      render: i => <LinkCell incident={i} />,
    },
  ];
  return (
    <DrillDownTable<IncidentRecord>
      region="Incidents behind MTTR"
      title="Incidents"
      resetKey={JSON.stringify(scope)}
      columns={columns}
      load={(limit, offset) => load({ ...scope, limit, offset })}
    />
  );
}
